/** DTMF, stats and codec queries. */
import { BasicError } from '@switchboard/core';
import { assertString } from '../api/validate';
import { operations, states } from '../constants';
import { asCallError, callNotFound, invalidArgument, invalidState } from '../errors';
import type { CallAvailableCodecsEvent } from '../events';
import type { CallManager } from './CallManager';
import { DTMF_TONES, sendDtmf } from './dtmf';
import { lookup } from './incomingOps';

const DTMF_STATES: readonly string[] = [states.CONNECTED, states.RINGING, states.EARLY_MEDIA];

/** `call.sendDTMF(callId, tone, duration = 100, intertoneGap = 70)`. @internal */
export function sendDTMF(m: CallManager, callId: unknown, tone: unknown, duration: unknown = 100, gap: unknown = 70): void {
  assertString('sendDTMF', 'callId', callId);
  assertString('sendDTMF', 'tone', tone);
  if (typeof duration !== 'number' || typeof gap !== 'number') throw new TypeError('call.sendDTMF(): duration and intertoneGap must be numbers');
  const rec = lookup(m, 'sendDTMF', operations.SEND_DTMF, callId);
  if (!rec) return;
  if (!DTMF_TONES.test(tone)) {
    return m.refuse(callId, operations.SEND_DTMF, invalidArgument(`call.sendDTMF(): invalid tone ${JSON.stringify(tone)}; use 0-9, #, * and ','.`));
  }
  if (!Number.isFinite(duration) || duration <= 0 || !Number.isFinite(gap) || gap < 0) {
    return m.refuse(callId, operations.SEND_DTMF, invalidArgument('call.sendDTMF(): duration must be > 0 and intertoneGap >= 0.'));
  }
  if (!DTMF_STATES.includes(rec.data.state)) return m.refuse(callId, operations.SEND_DTMF, invalidState('send DTMF on', rec.data.state));
  const op = m.startOp(rec, operations.SEND_DTMF);
  sendDtmf(rec.session?.audioSender(), tone, duration, gap).then(
    (mode) => {
      m.deps.logger.debug(`DTMF ${JSON.stringify(tone)} sent ${mode}`);
      m.finishOp(rec, op);
    },
    (e) => m.finishOp(rec, op, asCallError(e, 'CALL_DTMF_FAILED', 'DTMF failed')),
  );
}

/** `call.getStats(callId, trackId?)`: resolves with the RTCStatsReport; also emits `call:statsReceived`. @internal */
export async function getStats(m: CallManager, callId: unknown, trackId?: unknown): Promise<RTCStatsReport> {
  assertString('getStats', 'callId', callId);
  if (trackId !== undefined) assertString('getStats', 'trackId', trackId);
  const tid = trackId as string | undefined;
  const fail = (error: BasicError): never => {
    m.deps.events.emit('call:statsReceived', { callId, ...(tid ? { trackId: tid } : {}), error });
    throw error;
  };
  const rec = m.get(callId);
  if (!rec) return fail(callNotFound(callId));
  const pc = rec.session?.pc;
  if (!pc || rec.session?.isClosed()) return fail(invalidState('get stats of', rec.data.state, 'no media connection'));
  let sender: RTCRtpSender | undefined;
  if (tid) {
    const native = rec.data.localTracks.includes(tid) ? m.deps.media.getNativeTrack(tid) : undefined;
    sender = native ? pc.getSenders().find((s) => s.track === native) : undefined;
    if (!sender) return fail(new BasicError('CALL_TRACK_NOT_FOUND', `Track ${JSON.stringify(tid)} is not a local track of call ${callId}.`, { pluginId: 'call' }));
  }
  const op = m.startOp(rec, operations.GET_STATS);
  try {
    const result = sender ? await sender.getStats() : await pc.getStats();
    m.finishOp(rec, op);
    m.deps.events.emit('call:statsReceived', { callId, ...(tid ? { trackId: tid } : {}), result });
    return result;
  } catch (e) {
    const error = asCallError(e, 'CALL_STATS_FAILED', 'Stats are not available');
    m.finishOp(rec, op, error);
    return fail(error);
  }
}

/**
 * `call.getAvailableCodecs(kind)`: `RTCRtpSender.getCapabilities(kind).codecs`. Resolves with
 * `{ kind, codecs }` and emits `call:availableCodecs`; resolves `undefined` on error (seed 000).
 * @internal
 */
export async function getAvailableCodecs(m: CallManager, kind: unknown): Promise<CallAvailableCodecsEvent | undefined> {
  assertString('getAvailableCodecs', 'kind', kind);
  if (kind !== 'audio' && kind !== 'video') {
    m.deps.logger.warn(`call.getAvailableCodecs(): kind must be 'audio' or 'video', got ${JSON.stringify(kind)}`);
    return undefined;
  }
  const Sender = (globalThis as { RTCRtpSender?: { getCapabilities?: (k: string) => RTCRtpCapabilities | null } }).RTCRtpSender;
  const caps = Sender?.getCapabilities?.(kind);
  if (!caps) {
    m.deps.logger.warn('call.getAvailableCodecs(): RTCRtpSender.getCapabilities is not available');
    return undefined;
  }
  const result: CallAvailableCodecsEvent = { kind, codecs: caps.codecs.map((c) => ({ ...c })) };
  m.deps.events.emit('call:availableCodecs', result);
  return result;
}
