/**
 * The voicemail backend extension point, with the Link adapter (`GET voicemail`, protocol §9.1,
 * and `mwi` notifications, §4.15) as the default contribution.
 */
import { defineExtensionPoint, type Logger } from '@switchboard/core';
import type { LinkTransport, NotificationRegistry } from '@switchboard/connectivity';
import { messagingError } from '../errors';
import type { VoicemailCounts, VoicemailData } from './types';

/** Voicemail operations. @public */
export interface VoicemailBackend {
  /** Adapter name, for logs. */
  readonly name: string;
  /** The current indicators; rejects with a coded error. */
  fetch(): Promise<VoicemailData>;
  /** Reports each valid indicator notification to `onChange` (malformed ones logged and dropped); returns the stop function. */
  listen(onChange: (data: VoicemailData) => void): () => void;
}

/** What a voicemail backend factory receives. @public */
export interface VoicemailBackendContext {
  /** The connectivity plugin's Link transport. */
  transport: LinkTransport;
  /** Connectivity's notification registry. */
  notifications: NotificationRegistry;
  /** The voicemail plugin's logger. */
  logger: Logger;
}

/** Creates a voicemail backend for one client. @public */
export type VoicemailBackendFactory = (context: VoicemailBackendContext) => VoicemailBackend;

/** The voicemail backend extension point (id `voicemail.backend`). @public */
export const voicemailBackendExtensionPoint = defineExtensionPoint<VoicemailBackendFactory>('voicemail.backend');

const count = (v: unknown): number | undefined => {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : undefined;
};
const counts = (v: unknown): VoicemailCounts | undefined => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const out: VoicemailCounts = {};
  for (const [k, raw] of Object.entries(v)) {
    const n = count(raw);
    if (n !== undefined) out[k] = n;
  }
  return out;
};

/** The indicators of an `mwiresponse` / `mwiNotificationParams` object, or undefined when malformed. @internal */
export function toVoicemail(params: unknown, time: number): VoicemailData | undefined {
  if (typeof params !== 'object' || params === null) return undefined;
  const p = params as Record<string, unknown>;
  const totalVoice = count(p.totalVoice);
  const unheardVoice = count(p.unheardVoice);
  if (totalVoice === undefined || unheardVoice === undefined || (p.mwi !== undefined && typeof p.mwi !== 'string')) return undefined;
  const data: VoicemailData = { lastUpdated: time, newMessagesWaiting: p.mwi === undefined ? unheardVoice > 0 : p.mwi.toLowerCase() === 'yes', totalVoice, unheardVoice };
  for (const key of ['voice', 'fax', 'multimedia'] as const) {
    const c = counts(p[key]);
    if (c) data[key] = c;
  }
  return data;
}

/** Creates the Link voicemail backend. @public */
export function linkVoicemailBackend({ transport, notifications, logger }: VoicemailBackendContext): VoicemailBackend {
  return {
    name: 'link',
    async fetch() {
      const res = await transport.request<{ mwiresponse?: Record<string, unknown> }>(`${transport.userPath()}/voicemail`);
      const body = res.body?.mwiresponse;
      const status = body?.statusCode ?? res.status;
      if (!res.ok || (status !== undefined && String(status) !== '0' && String(status) !== '200')) {
        throw messagingError('VOICEMAIL_REQUEST_FAILED', `voicemail was refused by the gateway: ${String(body?.reason ?? res.error?.message ?? 'no voicemail')} (HTTP ${res.status}, statusCode ${String(status)}).`);
      }
      const data = toVoicemail(body, Date.now());
      if (!data) throw messagingError('VOICEMAIL_REQUEST_FAILED', 'voicemail: the answer has no valid counts.');
      return data;
    },
    listen: (onChange) =>
      notifications.register('mwi', (n) => {
        const data = toVoicemail(n.mwiNotificationParams, typeof n.time === 'number' ? n.time : Date.now());
        if (data) onChange(data);
        else logger.warn('voicemail: dropped a malformed mwi notification', { eventId: n.eventId });
      }),
  };
}

/** The default voicemail backend factory. @public */
export const linkVoicemailBackendFactory: VoicemailBackendFactory = linkVoicemailBackend;
