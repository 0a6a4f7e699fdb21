/** Operations on calls that exist: answer, reject, ignore, end, ringing feedback (protocol §5.4–§5.9). */
import { BasicError } from '@switchboard/core';
import { parse } from 'sdp-transform';
import { assertString, checkCallOptions, checkMedia, copyParams } from '../api/validate';
import { operations, states } from '../constants';
import { asCallError, callNotFound, invalidState } from '../errors';
import type { AnswerOptions, CallMediaOptions } from '../types';
import type { CallManager } from './CallManager';
import type { CallRecord } from './callRecord';
import { acquireLocalMedia, addLocalTracks, openSession } from './localMedia';

/** Finds the call or reports `CALL_NOT_FOUND` in `call:operation`. @internal */
export function lookup(m: CallManager, method: string, op: string, callId: unknown): CallRecord | undefined {
  assertString(method, 'callId', callId);
  const rec = m.get(callId);
  if (!rec) m.refuse(callId, op, callNotFound(callId));
  return rec;
}

const alerting = (rec: CallRecord) =>
  rec.data.direction === 'incoming' && (rec.data.state === states.INITIATED || rec.data.state === states.RINGING);

const busy = (m: CallManager, rec: CallRecord) => m.hasOp(rec, operations.ANSWER, operations.REJECT, operations.IGNORE);

/** `call.answer`. @internal */
export function answerCall(m: CallManager, callId: unknown, media: unknown, options: unknown): void {
  assertString('answer', 'callId', callId);
  const valueError = checkMedia('answer', media) ?? checkCallOptions('answer', options);
  const rec = lookup(m, 'answer', operations.ANSWER, callId);
  if (!rec) return;
  if (valueError) return m.refuse(callId, operations.ANSWER, valueError);
  if (!alerting(rec) || busy(m, rec) || !rec.sessionId) {
    return m.refuse(callId, operations.ANSWER, invalidState('answer', rec.data.state, `${rec.data.direction} call`));
  }
  const o = (options ?? {}) as AnswerOptions;
  if (o.bandwidth) rec.data.bandwidth = { ...o.bandwidth };
  if (o.customParameters) rec.data.customParameters = copyParams(o.customParameters);
  if (o.dscpControls) rec.dscp = { ...o.dscpControls };
  void runAnswer(m, rec, media as CallMediaOptions);
}

/**
 * The media an offer can take: an answer cannot add m-lines, so a kind the offer lacks (or does not
 * want to receive) would be captured but never sent. Video and screen each need a video m-line.
 */
function fitOffer(m: CallManager, media: CallMediaOptions, offer: string): CallMediaOptions {
  const session = parse(offer);
  const usable = (kind: string) =>
    session.media.filter((l) => l.type === kind && l.port !== 0 && !/^(sendonly|inactive)$/.test(l.direction ?? session.direction ?? '')).length;
  const video = usable('video');
  const fitted = { ...media, audio: !!media.audio && usable('audio') > 0, video: !!media.video && video > 0 };
  fitted.screen = !!media.screen && video > (fitted.video ? 1 : 0);
  if (fitted.audio !== !!media.audio || fitted.video !== !!media.video || fitted.screen !== !!media.screen) {
    m.deps.logger.info(`answer: the offer cannot carry all requested media; answering with ${JSON.stringify({ audio: fitted.audio, video: fitted.video, screen: fitted.screen })}`);
  }
  return fitted;
}

async function runAnswer(m: CallManager, rec: CallRecord, requested: CallMediaOptions): Promise<void> {
  const op = m.startOp(rec, operations.ANSWER);
  const offer = rec.remoteOffer; // read once: it is released when the call ends
  try {
    const media = offer ? fitOffer(m, requested, offer) : requested;
    const local = await acquireLocalMedia(m, rec, media, operations.ANSWER);
    const session = openSession(m, rec);
    const ctx = m.negotiation(rec, operations.ANSWER);
    let sdp: string;
    if (offer) {
      await session.setRemote('offer', offer, ctx);
      addLocalTracks(m, rec, session, local, media);
      sdp = await session.createLocal('answer', ctx);
    } else {
      addLocalTracks(m, rec, session, local, media); // slow start: this side offers (§5.5)
      sdp = await session.createLocal('offer', ctx);
    }
    m.assertAlive(rec, operations.ANSWER);
    m.pendOp(rec, op);
    const params = rec.data.customParameters;
    // Slow start: finished by the respondCallUpdate notification, which may beat the PUT response.
    if (!offer) rec.awaitingAnswer = op;
    await m.deps.backend.answer(rec.sessionId!, sdp, params.length ? params : undefined);
    m.assertAlive(rec, operations.ANSWER);
    if (offer) {
      m.setState(rec, states.CONNECTED);
      m.finishOp(rec, op);
    } else if (rec.awaitingAnswer === op) {
      m.setState(rec, states.RINGING);
    }
  } catch (e) {
    if (rec.awaitingAnswer === op) rec.awaitingAnswer = undefined;
    const error = asCallError(e, 'CALL_NEGOTIATION_FAILED', 'The call could not be answered');
    m.finishOp(rec, op, error);
    if (!m.isEnded(rec) && rec.data.state !== states.CANCELLED) {
      if (rec.sessionId) void m.deps.backend.end(rec.sessionId).catch(() => undefined);
      m.terminate(rec, states.ENDED, {}, error);
    }
  }
}

/** `call.reject`: POST calldisposition; on success the call ends, on failure nothing changes. @internal */
export function rejectCall(m: CallManager, callId: unknown): void {
  const rec = lookup(m, 'reject', operations.REJECT, callId);
  if (!rec) return;
  if (!alerting(rec) || busy(m, rec) || !rec.sessionId) {
    return m.refuse(rec.data.id, operations.REJECT, invalidState('reject', rec.data.state, `${rec.data.direction} call`));
  }
  const op = m.startOp(rec, operations.REJECT);
  m.pendOp(rec, op);
  m.deps.backend.reject(rec.sessionId).then(
    () => {
      m.finishOp(rec, op);
      m.terminate(rec, states.ENDED, { reasonText: 'Call rejected' });
    },
    (e) => m.finishOp(rec, op, asCallError(e, 'CALL_REQUEST_FAILED', 'Reject failed')),
  );
}

/** `call.ignore`: ends the incoming call locally; nothing is sent (§5.8). @internal */
export function ignoreCall(m: CallManager, callId: unknown): void {
  const rec = lookup(m, 'ignore', operations.IGNORE, callId);
  if (!rec) return;
  if (!alerting(rec) || busy(m, rec)) {
    return m.refuse(rec.data.id, operations.IGNORE, invalidState('ignore', rec.data.state, `${rec.data.direction} call`));
  }
  const op = m.startOp(rec, operations.IGNORE);
  m.terminate(rec, states.ENDED, { reasonText: 'Call ignored' });
  m.finishOp(rec, op);
}

/** `call.end`: releases everything locally, then DELETEs the leg (the call ends even if that fails). @internal */
export function endCall(m: CallManager, callId: unknown): void {
  const rec = lookup(m, 'end', operations.END, callId);
  if (!rec) return;
  if (m.isEnded(rec)) return m.refuse(rec.data.id, operations.END, invalidState('end', rec.data.state));
  const op = m.startOp(rec, operations.END);
  const sessionId = rec.sessionId;
  const send = !!sessionId && rec.data.state !== states.CANCELLED;
  m.terminate(rec, states.ENDED, { reasonText: 'Call ended locally' });
  if (!send) return m.finishOp(rec, op);
  m.pendOp(rec, op);
  m.deps.backend.end(sessionId).then(
    () => m.finishOp(rec, op),
    (e) => m.finishOp(rec, op, asCallError(e, 'CALL_REQUEST_FAILED', 'The gateway did not confirm the end of the call')),
  );
}

/** `call.sendRingingFeedback` (manual mode only). @internal */
export function sendRingingFeedback(m: CallManager, callId: unknown): void {
  const rec = lookup(m, 'sendRingingFeedback', operations.SEND_RINGING_FEEDBACK, callId);
  if (!rec) return;
  if (m.deps.config().ringingFeedbackMode !== 'manual') {
    return m.refuse(rec.data.id, operations.SEND_RINGING_FEEDBACK,
      new BasicError('CALL_INVALID_OPERATION', 'sendRingingFeedback needs config.call.ringingFeedbackMode = "manual".', { pluginId: 'call' }));
  }
  if (rec.data.direction !== 'incoming' || rec.data.state !== states.INITIATED || !rec.sessionId || m.hasOp(rec, operations.SEND_RINGING_FEEDBACK, operations.REJECT)) {
    return m.refuse(rec.data.id, operations.SEND_RINGING_FEEDBACK, invalidState('send ringing feedback for', rec.data.state, `${rec.data.direction} call`));
  }
  void runRingingFeedback(m, rec);
}

/** Sends ringing feedback; the call becomes Ringing on success (a failure is only reported). @internal */
export async function runRingingFeedback(m: CallManager, rec: CallRecord): Promise<void> {
  const op = m.startOp(rec, operations.SEND_RINGING_FEEDBACK);
  m.pendOp(rec, op);
  try {
    await m.deps.backend.ringing(rec.sessionId!);
    if (rec.data.state === states.INITIATED) m.setState(rec, states.RINGING);
    m.finishOp(rec, op);
  } catch (e) {
    m.finishOp(rec, op, asCallError(e, 'CALL_REQUEST_FAILED', 'Ringing feedback failed'));
  }
}
