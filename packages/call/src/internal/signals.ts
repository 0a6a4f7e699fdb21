/**
 * Incoming call signals, from whatever backend is installed (the Link adapter turns protocol
 * §4.3–§4.10 notifications into these): new calls, ringing, early media, answers, remote
 * renegotiations, ends and cancels. Signals for unknown or ended calls are logged and dropped.
 */
import { BasicError } from '@switchboard/core';
import { parse } from 'sdp-transform';
import type { CallSignal, RemoteNames } from '../adapters/backend';
import { operations, states } from '../constants';
import { asCallError } from '../errors';
import type { CallOperation, MediaOffered } from '../types';
import type { CallManager, Transition } from './CallManager';
import type { CallRecord } from './callRecord';
import { runRingingFeedback } from './incomingOps';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

function transitionOf(s: CallSignal): Transition {
  const t: Transition = {};
  if (s.statusCode !== undefined) t.statusCode = s.statusCode;
  if (s.reasonText !== undefined) t.reasonText = s.reasonText;
  return t;
}

/** What media an offer contains. */
function mediaOffered(sdp: string): MediaOffered {
  const media = parse(sdp).media;
  const has = (kind: string) => media.some((m) => m.type === kind && m.port !== 0);
  return { audio: has('audio'), video: has('video') };
}

/** Whether an offer puts this side on hold: the far end receives nothing (`inactive`, or `sendonly` music on hold, §4.8). */
function isHoldOffer(sdp: string): boolean {
  const session = parse(sdp);
  const active = session.media.filter((m) => m.port !== 0);
  return active.length > 0 && active.every((m) => {
    const dir = m.direction ?? session.direction ?? 'sendrecv';
    return dir === 'inactive' || dir === 'sendonly';
  });
}

/** Routes one signal. @internal */
export function handleCallSignal(m: CallManager, s: CallSignal): void {
  if (s.kind === 'incoming') return onIncomingCall(m, s);
  const rec = m.bySession(s.sessionId);
  if (!rec && park(m, s)) return;
  if (!rec || m.isEnded(rec)) {
    m.deps.logger.debug(`ignoring "${s.kind}" for unknown or ended leg ${s.sessionId}`);
    return;
  }
  updateRemote(rec, s.remote);
  try {
    handlers[s.kind](m, rec, s);
  } catch (error) {
    m.deps.logger.warn(`could not process "${s.kind}"`, error);
  }
  if (s.kind !== 'ended' && s.kind !== 'cancelled') m.reportCustomParameters(rec, s.customParameters);
}

/**
 * Signals that may belong to an outgoing call whose `start` has not resolved yet: a backend can
 * deliver them before the start response is processed (on Link the websocket can beat the fetch
 * promise). They wait (at most {@link PARK_MS}) until the call learns its leg id;
 * {@link replayParked} then processes them in arrival order.
 */
const parkedByManager = new WeakMap<CallManager, Array<{ s: CallSignal; at: number }>>();
const PARK_MS = 10000;

function park(m: CallManager, s: CallSignal): boolean {
  const starting = m.all().some((r) => r.data.direction === 'outgoing' && !r.sessionId && !m.isEnded(r));
  if (!starting) return false;
  const now = Date.now();
  const parked = (parkedByManager.get(m) ?? []).filter((p) => now - p.at < PARK_MS).slice(-31);
  parked.push({ s, at: now });
  parkedByManager.set(m, parked);
  m.deps.logger.debug(`holding "${s.kind}" until a starting call learns its leg id`);
  return true;
}

/** Processes the signals held for `sessionId` (called once a started call knows its leg id). @internal */
export function replayParked(m: CallManager, sessionId: string): void {
  const parked = parkedByManager.get(m);
  if (!parked?.length) return;
  const mine = parked.filter((p) => p.s.sessionId === sessionId);
  parkedByManager.set(m, parked.filter((p) => !mine.includes(p)));
  for (const p of mine) handleCallSignal(m, p.s);
}
function updateRemote(rec: CallRecord, names: RemoteNames | undefined): void {
  if (!names || typeof names !== 'object') return;
  const incoming = rec.data.direction === 'incoming' || str(names.callerDisplayNumber)?.startsWith('conference@');
  const number = incoming ? str(names.callerDisplayNumber) : str(names.remoteDisplayNumber);
  const name = incoming ? str(names.callerName) : str(names.remoteName);
  if (number) rec.data.remoteParticipant.displayNumber = number;
  if (name) rec.data.remoteParticipant.displayName = name;
}

function onIncomingCall(m: CallManager, s: CallSignal): void {
  if (m.bySession(s.sessionId)) return;
  let offered: MediaOffered | undefined;
  if (s.sdp) {
    try {
      offered = mediaOffered(s.sdp);
    } catch (error) {
      m.deps.logger.warn('dropping an incoming call with unparsable SDP', error);
      return;
    }
  }
  const names = s.remote ?? {};
  const rec = m.create(
    {
      direction: 'incoming', state: states.INITIATED,
      from: str(names.callerDisplayNumber) ?? '', to: str(names.calleeDisplayNumber) ?? m.deps.userId() ?? '',
      mediaOffered: offered,
    },
    { sessionId: s.sessionId, remoteOffer: s.sdp || undefined },
  );
  updateRemote(rec, names);
  m.deps.events.emit('call:receive', { callId: rec.data.id });
  m.reportCustomParameters(rec, s.customParameters);
  if (m.isEnded(rec)) return; // ended (ignored, rejected…) by a call:receive listener
  m.startAudit(rec);
  // No feedback for a call the listener rejected (the reject request is still pending, §5.4).
  if (m.deps.config().ringingFeedbackMode === 'auto' && !m.hasOp(rec, operations.REJECT)) void runRingingFeedback(m, rec);
}

type Handler = (m: CallManager, rec: CallRecord, s: CallSignal) => void;

const handlers: Record<Exclude<CallSignal['kind'], 'incoming'>, Handler> = {
  ringing(m, rec) {
    if (rec.data.direction !== 'outgoing' || rec.data.state !== states.INITIATED) return;
    const op = m.startOp(rec, operations.REMOTE_RINGING, false);
    m.setState(rec, states.RINGING);
    m.finishOp(rec, op);
  },

  progress(m, rec, sp) {
    const s = rec.data.state;
    if (!m.deps.config().earlyMedia || rec.data.direction !== 'outgoing' || !sp.sdp || (s !== states.INITIATED && s !== states.RINGING)) return;
    const session = rec.session;
    if (!session) return;
    const op = m.startOp(rec, operations.REMOTE_ANSWER, false);
    session.setRemote('pranswer', sp.sdp, m.negotiation(rec, operations.REMOTE_ANSWER)).then(
      () => {
        if (!m.isEnded(rec)) m.setState(rec, states.EARLY_MEDIA);
        m.finishOp(rec, op);
      },
      (e) => m.finishOp(rec, op, asCallError(e, 'CALL_NEGOTIATION_FAILED', 'Early media failed')),
    );
  },

  answer(m, rec, sp) {
    const session = rec.session;
    const pending = rec.awaitingAnswer;
    // The first answer (outgoing call, or a slow-start answer): failing it ends the call (§4.7, §5.9).
    const initial = rec.data.state !== states.CONNECTED && rec.data.state !== states.ON_HOLD;
    const code = sp.statusCode;
    if (!sp.sdp || code !== undefined && code !== 0) {
      const error = new BasicError('CALL_REMOTE_ERROR', `The remote side refused the offer (statusCode ${String(code ?? 'none')}${sp.reasonText !== undefined ? `, ${sp.reasonText}` : ''}).`, { pluginId: 'call' });
      rec.awaitingAnswer = undefined;
      if (initial) return failAnswer(m, rec, m.startOp(rec, operations.REMOTE_ANSWER, false), pending, error, transitionOf(sp));
      if (pending) m.finishOp(rec, pending, error);
      else m.deps.logger.warn('respondCallUpdate error with nothing pending', error);
      return;
    }
    const signaling = session?.pc.signalingState;
    if (!session || (signaling !== 'have-local-offer' && signaling !== 'have-remote-pranswer')) {
      m.deps.logger.warn(`ignoring respondCallUpdate: no local offer is waiting (signalingState ${String(signaling)})`);
      return;
    }
    const op = m.startOp(rec, operations.REMOTE_ANSWER, false);
    rec.awaitingAnswer = undefined;
    session.setRemote('answer', sp.sdp, m.negotiation(rec, operations.REMOTE_ANSWER)).then(
      () => {
        if (initial && !m.isEnded(rec) && rec.data.state !== states.CANCELLED) m.setState(rec, states.CONNECTED);
        m.finishOp(rec, op);
        if (pending) m.finishOp(rec, pending);
      },
      (e) => {
        const error = asCallError(e, 'CALL_NEGOTIATION_FAILED', 'The remote answer could not be applied');
        if (initial) return failAnswer(m, rec, op, pending, error);
        m.finishOp(rec, op, error);
        if (pending) m.finishOp(rec, pending, error);
      },
    );
  },

  update(m, rec, sp) {
    onRemoteUpdate(m, rec, sp.sdp, Date.now() + POSTPONE_MS);
  },

  ended(m, rec, sp) {
    const op = m.startOp(rec, operations.END_REMOTE, false);
    m.terminate(rec, states.ENDED, transitionOf(sp));
    m.finishOp(rec, op);
  },

  cancelled(m, rec, sp) {
    const s = rec.data.state;
    if (rec.data.direction !== 'incoming' || (s !== states.INITIATED && s !== states.RINGING && s !== states.EARLY_MEDIA)) return;
    if (m.hasOp(rec, operations.ANSWER, operations.REJECT)) return;
    const op = m.startOp(rec, operations.CANCEL_REMOTE, false);
    m.terminate(rec, states.CANCELLED, transitionOf(sp));
    m.finishOp(rec, op);
  },
};

/** A failed first answer: the operations fail, the leg is released (DELETE, §5.9) and the call ends with `error`. */
function failAnswer(m: CallManager, rec: CallRecord, op: CallOperation, pending: CallOperation | undefined, error: BasicError, t: Transition = {}): void {
  m.finishOp(rec, op, error);
  if (pending) m.finishOp(rec, pending, error);
  if (m.isEnded(rec) || rec.data.state === states.CANCELLED) return;
  if (rec.sessionId) void m.deps.backend.end(rec.sessionId).catch(() => undefined);
  m.terminate(rec, states.ENDED, t, error);
}

/** How long a remote update that raced this side's own answer waits for the call to connect (§4.8). */
const POSTPONE_MS = 3000;

/** Runs a remote update once the call is connected; while this side's answer is still being applied, retries until `deadline`. */
function onRemoteUpdate(m: CallManager, rec: CallRecord, offer: string | undefined, deadline: number): void {
  const s = rec.data.state;
  if ((s === states.CONNECTED || s === states.ON_HOLD) && rec.session && rec.sessionId) return void runRemoteUpdate(m, rec, offer);
  if (!m.isEnded(rec) && s !== states.CANCELLED && m.hasOp(rec, operations.ANSWER, operations.REMOTE_ANSWER) && Date.now() < deadline) {
    setTimeout(() => onRemoteUpdate(m, rec, offer, deadline), 50);
    return;
  }
  m.deps.logger.warn(`ignoring a remote update in state ${s}`);
}

/** A renegotiation started by the far end (§4.8): answer it (or offer, for slow start) with respondCallUpdate (§5.11). */
async function runRemoteUpdate(m: CallManager, rec: CallRecord, offer: string | undefined): Promise<void> {
  const session = rec.session!;
  const op = m.startOp(rec, operations.REMOTE_UPDATE, false);
  const ctx = m.negotiation(rec, operations.REMOTE_UPDATE);
  try {
    let sdp: string;
    if (offer) {
      await session.setRemote('offer', offer.replace(/a=setup:active/g, 'a=setup:actpass'), ctx);
      sdp = await session.createLocal('answer', ctx);
    } else {
      sdp = await session.createLocal('offer', ctx);
    }
    m.assertAlive(rec, operations.REMOTE_UPDATE);
    const params = rec.data.customParameters;
    if (!offer) rec.awaitingAnswer = op; // the answer may arrive before the PUT response
    await m.deps.backend.respondUpdate(rec.sessionId!, sdp, params.length ? params : undefined);
    m.assertAlive(rec, operations.REMOTE_UPDATE);
    if (!offer) return m.pendOp(rec, op); // no-op when the answer already finished it
    const remoteHold = isHoldOffer(offer);
    const state = remoteHold || rec.data.localHold ? states.ON_HOLD : states.CONNECTED;
    m.setState(rec, state, {}, undefined, { remoteHold });
    m.finishOp(rec, op);
  } catch (e) {
    if (rec.awaitingAnswer === op) rec.awaitingAnswer = undefined;
    m.finishOp(rec, op, asCallError(e, 'CALL_NEGOTIATION_FAILED', 'The remote renegotiation failed'));
  }
}
