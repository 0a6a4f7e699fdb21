/**
 * Voicemail types (seed 000 `voicemail`, protocol §9 and §4.15).
 */

/** Counts of one kind of message (`{ new, old, urgent }` as the server sends them, as numbers). @public */
export type VoicemailCounts = Record<string, number>;

/** The voicemail indicators (what `voicemail.get()` returns and `voicemail:change` carries). @public */
export interface VoicemailData {
  /** Epoch ms of the last time the data was checked or notified. */
  lastUpdated: number;
  /** Whether new messages wait (`mwi: "yes"`). */
  newMessagesWaiting: boolean;
  /** The total number of voicemail messages. */
  totalVoice: number;
  /** The number of unheard voicemail messages. */
  unheardVoice: number;
  /** New/old/urgent voicemail counts, when the server sent them. */
  voice?: VoicemailCounts;
  /** New/old/urgent fax counts, when the server sent them. */
  fax?: VoicemailCounts;
  /** New/old/urgent multimedia counts, when the server sent them. */
  multimedia?: VoicemailCounts;
}

/** The `client.voicemail` namespace. @public */
export interface VoicemailApi {
  /**
   * Reads the indicators from the server; emits `voicemail:change` (and `voicemail:new` under a
   * compatibility profile). A failure rejects with a coded error (`VOICEMAIL_REQUEST_FAILED`,
   * `NETWORK_ERROR`) and emits `voicemail:error`.
   */
  fetch(): Promise<void>;
  /** The stored indicators (a copy), or undefined before any fetch or notification. */
  get(): VoicemailData | undefined;
}
