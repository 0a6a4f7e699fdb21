/**
 * The voicemail events (seed 000 `voicemail:*`; 001/002 `voicemail:new`), merged into core's `SdkEventMap`.
 */
import { eventNames, type BasicError } from '@switchboard/core';
import type { VoicemailData } from './types';

/** `voicemail:error`: a voicemail fetch failed. @public */
export interface VoicemailErrorEvent {
  /** The coded error. */
  error: BasicError;
}

/** The voicemail plugin's events. @public */
export interface VoicemailEventMap {
  /** The indicators changed (a fetch completed, or an `mwi` notification arrived). */
  'voicemail:change': [params: VoicemailData];
  /** A voicemail fetch failed. */
  'voicemail:error': [params: VoicemailErrorEvent];
  /** 001/002: the old name of `voicemail:change` (emitted as well under a compatibility profile). */
  'voicemail:new': [params: VoicemailData];
}

declare module '@switchboard/core' {
  interface SdkEventMap extends VoicemailEventMap {}
}

/** Every event the voicemail plugin emits. @public */
export const voicemailEvents = /* @__PURE__ */ eventNames<VoicemailEventMap>()({
  'voicemail:change': true,
  'voicemail:error': true,
  'voicemail:new': true,
});
