/**
 * Link call notifications (protocol §4.3–§4.10: `call`, `ringing`, `sessionProgress`,
 * `respondCallUpdate`, `startCallUpdate`, `callEnd`, `callCancel`) turned into backend-neutral
 * {@link CallSignal}s. Malformed notifications are logged and dropped here, so the call manager
 * only ever sees valid signals.
 */
import type { Logger } from '@switchboard/core';
import type { LinkNotification } from '@switchboard/connectivity';
import type { CustomParameter } from '../types';
import type { CallSignal, CallSignalKind, RemoteNames } from './backend';

/** Link notification type → signal kind. @internal */
export const LINK_CALL_NOTIFICATIONS: Readonly<Record<string, CallSignalKind>> = Object.freeze({
  call: 'incoming',
  ringing: 'ringing',
  sessionProgress: 'progress',
  respondCallUpdate: 'answer',
  startCallUpdate: 'update',
  callEnd: 'ended',
  callCancel: 'cancelled',
});

interface SessionParams {
  sessionData?: unknown;
  sdp?: unknown;
  sdpFormat?: unknown;
  statusCode?: unknown;
  reasonText?: unknown;
}

const num = (v: unknown): number | undefined => {
  const n = typeof v === 'string' && v.trim() ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
};

const isParam = (p: unknown): p is CustomParameter =>
  typeof p === 'object' && p !== null && typeof (p as CustomParameter).name === 'string' && typeof (p as CustomParameter).value === 'string';

/** The signal of one Link call notification, or undefined (logged) when it is malformed. @internal */
export function linkSignal(n: LinkNotification, logger: Logger): CallSignal | undefined {
  const kind = LINK_CALL_NOTIFICATIONS[n.eventType];
  const sp = n.sessionParams as SessionParams | undefined;
  if (!kind) return undefined;
  if (typeof sp !== 'object' || sp === null || typeof sp.sessionData !== 'string' || !sp.sessionData) {
    logger.warn(`dropping a "${n.eventType}" notification without sessionParams.sessionData`);
    return undefined;
  }
  if (sp.sdpFormat !== undefined && sp.sdpFormat !== '') {
    // §4.3.1: 'compressed' / 'url' SDP is not supported (the gateway sends plain SDP); other values: SDP used as-is.
    if (sp.sdp && (sp.sdpFormat === 'compressed' || sp.sdpFormat === 'url')) {
      logger.warn(`dropping a "${n.eventType}" notification with unsupported sdpFormat ${JSON.stringify(sp.sdpFormat)}`);
      return undefined;
    }
    logger.warn(`"${n.eventType}" notification with unknown sdpFormat ${JSON.stringify(sp.sdpFormat)}: SDP used as-is`);
  }
  if (sp.sdp !== undefined && (typeof sp.sdp !== 'string' || (sp.sdp !== '' && !/^v=0\r?\n/.test(sp.sdp)))) {
    logger.warn(`dropping a "${n.eventType}" notification with a malformed SDP`);
    return undefined;
  }
  const signal: CallSignal = { kind, sessionId: sp.sessionData };
  if (sp.sdp) signal.sdp = sp.sdp as string;
  // respondCallUpdate carries its status at the top level (§4.7); callEnd/callCancel in sessionParams.
  const statusCode = num(kind === 'answer' ? n.statusCode : sp.statusCode);
  if (statusCode !== undefined) signal.statusCode = statusCode;
  if (typeof sp.reasonText === 'string') signal.reasonText = sp.reasonText;
  if (typeof n.callNotificationParams === 'object' && n.callNotificationParams !== null) signal.remote = n.callNotificationParams as RemoteNames;
  if (Array.isArray(n.customParameters)) {
    const valid = n.customParameters.filter(isParam).map((p) => ({ name: p.name, value: p.value }));
    if (valid.length) signal.customParameters = valid;
  }
  return signal;
}
