/**
 * Incoming call notifications (protocol §4.3–§4.10): `call`, `ringing`, `sessionProgress`,
 * `respondCallUpdate`, `startCallUpdate`, `callEnd`, `callCancel`. Malformed notifications and
 * notifications for unknown or ended calls are logged and dropped.
 */
import type { LinkNotification } from '@switchboard/connectivity';
import { BasicError } from '@switchboard/core';
import { parse } from 'sdp-transform';
import { operations, states } from '../constants';
import { asCallError } from '../errors';
import type { CallOperation, MediaOffered } from '../types';
import type { CallManager, Transition } from './CallManager';
import type { CallRecord } from './callRecord';
import { runRingingFeedback } from './incomingOps';

/** The notification types the call plugin handles. @internal */
export const CALL_NOTIFICATIONS = ['call', 'ringing', 'sessionProgress', 'respondCallUpdate', 'startCallUpdate', 'callEnd', 'callCancel'] as const;

interface SessionParams {
  sessionData: string;
  sdp?: string;
  sdpFormat?: string;
  statusCode?: unknown;
  reasonText?: unknown;
}

interface RemoteNames {
  callerName?: string;
  callerDisplayNumber?: string;
  calleeDisplayNumber?: string;
  remoteName?: string;
  remoteDisplayNumber?: string;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
const num = (v: unknown): number | undefined => {
  const n = typeof v === 'string' && v.trim() ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
};

function transitionOf(sp: SessionParams): Transition {
  const t: Transition = {};
  const code = num(sp.statusCode);
  if (code !== undefined) t.statusCode = code;
  if (typeof sp.reasonText === 'string') t.reasonText = sp.reasonText;
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

/** Routes one notification. @internal */
export function handleCallNotification(m: CallManager, n: LinkNotification): void {
  const sp = n.sessionParams as SessionParams | undefined;
  if (typeof sp !== 'object' || sp === null || typeof sp.sessionData !== 'string' || !sp.sessionData) {
    m.deps.logger.warn(`dropping a "${n.eventType}" notification without sessionParams.sessionData`);
    return;
  }
  if (sp.sdpFormat !== undefined && sp.sdpFormat !== '') {
    // §4.3.1: 'compressed' / 'url' SDP is not supported (the gateway sends plain SDP); other values: SDP used as-is.
    if (sp.sdp && (sp.sdpFormat === 'compressed' || sp.sdpFormat === 'url')) {
      m.deps.logger.warn(`dropping a "${n.eventType}" notification with unsupported sdpFormat ${JSON.stringify(sp.sdpFormat)}`);
      return;
    }
    m.deps.logger.warn(`"${n.eventType}" notification with unknown sdpFormat ${JSON.stringify(sp.sdpFormat)}: SDP used as-is`);
  }
  if (sp.sdp !== undefined && (typeof sp.sdp !== 'string' || (sp.sdp !== '' && !/^v=0\r?\n/.test(sp.sdp)))) {
    m.deps.logger.warn(`dropping a "${n.eventType}" notification with a malformed SDP`);
    return;
  }
  if (n.eventType === 'call') return onIncomingCall(m, n, sp);
  const rec = m.bySession(sp.sessionData);
  if (!rec && park(m, n)) return;
  if (!rec || m.isEnded(rec)) {
    m.deps.logger.debug(`ignoring "${n.eventType}" for unknown or ended leg ${sp.sessionData}`);
    return;
  }
  updateRemote(rec, n.callNotificationParams as RemoteNames | undefined);
  const process = handlers[n.eventType];
  if (process) {
    try {
      process(m, rec, n, sp);
    } catch (error) {
      m.deps.logger.warn(`could not process "${n.eventType}"`, error);
    }
  }
  if (n.eventType !== 'callEnd' && n.eventType !== 'callCancel') m.reportCustomParameters(rec, n.customParameters);
}

/**
 * Notifications that may belong to an outgoing call whose callStart response has not been
 * processed yet: the gateway sends them after its HTTP response, but the websocket can still
 * deliver them before the fetch promise resolves. They wait (at most {@link PARK_MS}) until the
 * call learns its leg id; {@link replayParked} then processes them in arrival order.
 */
const parkedByManager = new WeakMap<CallManager, Array<{ n: LinkNotification; at: number }>>();
const PARK_MS = 10000;

function park(m: CallManager, n: LinkNotification): boolean {
  const starting = m.all().some((r) => r.data.direction === 'outgoing' && !r.sessionId && !m.isEnded(r));
  if (!starting) return false;
  const now = Date.now();
  const parked = (parkedByManager.get(m) ?? []).filter((p) => now - p.at < PARK_MS).slice(-31);
  parked.push({ n, at: now });
  parkedByManager.set(m, parked);
  m.deps.logger.debug(`holding "${n.eventType}" until a starting call learns its leg id`);
  return true;
}

/** Processes the notifications held for `sessionId` (called once a started call knows its leg id). @internal */
export function replayParked(m: CallManager, sessionId: string): void {
  const parked = parkedByManager.get(m);
  if (!parked?.length) return;
  const mine = parked.filter((p) => (p.n.sessionParams as SessionParams).sessionData === sessionId);
  parkedByManager.set(m, parked.filter((p) => !mine.includes(p)));
  for (const p of mine) handleCallNotification(m, p.n);
}

function updateRemote(rec: CallRecord, names: RemoteNames | undefined): void {
  if (!names || typeof names !== 'object') return;
  const incoming = rec.data.direction === 'incoming' || str(names.callerDisplayNumber)?.startsWith('conference@');
  const number = incoming ? str(names.callerDisplayNumber) : str(names.remoteDisplayNumber);
  const name = incoming ? str(names.callerName) : str(names.remoteName);
  if (number) rec.data.remoteParticipant.displayNumber = number;
  if (name) rec.data.remoteParticipant.displayName = name;
}

function onIncomingCall(m: CallManager, n: LinkNotification, sp: SessionParams): void {
  if (m.bySession(sp.sessionData)) return;
  let offered: MediaOffered | undefined;
  if (sp.sdp) {
    try {
      offered = mediaOffered(sp.sdp);
    } catch (error) {
      m.deps.logger.warn('dropping an incoming call with unparsable SDP', error);
      return;
    }
  }
  const names = (n.callNotificationParams ?? {}) as RemoteNames;
  const rec = m.create(
    {
      direction: 'incoming', state: states.INITIATED,
      from: str(names.callerDisplayNumber) ?? '', to: str(names.calleeDisplayNumber) ?? m.deps.userId() ?? '',
      mediaOffered: offered,
    },
    { sessionId: sp.sessionData, remoteOffer: sp.sdp || undefined },
  );
  updateRemote(rec, names);
  m.deps.events.emit('call:receive', { callId: rec.data.id });
  m.reportCustomParameters(rec, n.customParameters);
  if (m.isEnded(rec)) return; // ended (ignored, rejected…) by a call:receive listener
  m.startAudit(rec);
  // No feedback for a call the listener rejected (the reject request is still pending, §5.4).
  if (m.deps.config().ringingFeedbackMode === 'auto' && !m.hasOp(rec, operations.REJECT)) void runRingingFeedback(m, rec);
}

type Handler = (m: CallManager, rec: CallRecord, n: LinkNotification, sp: SessionParams) => void;

const handlers: Record<string, Handler> = {
  ringing(m, rec) {
    if (rec.data.direction !== 'outgoing' || rec.data.state !== states.INITIATED) return;
    const op = m.startOp(rec, operations.REMOTE_RINGING, false);
    m.setState(rec, states.RINGING);
    m.finishOp(rec, op);
  },

  sessionProgress(m, rec, _n, sp) {
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

  respondCallUpdate(m, rec, n, sp) {
    const session = rec.session;
    const pending = rec.awaitingAnswer;
    // The first answer (outgoing call, or a slow-start answer): failing it ends the call (§4.7, §5.9).
    const initial = rec.data.state !== states.CONNECTED && rec.data.state !== states.ON_HOLD;
    const code = num(n.statusCode);
    if (!sp.sdp || code !== undefined && code !== 0) {
      const error = new BasicError('CALL_REMOTE_ERROR', `The remote side refused the offer (statusCode ${String(n.statusCode ?? 'none')}${typeof sp.reasonText === 'string' ? `, ${sp.reasonText}` : ''}).`, { pluginId: 'call' });
      rec.awaitingAnswer = undefined;
      if (initial) return failAnswer(m, rec, m.startOp(rec, operations.REMOTE_ANSWER, false), pending, error, transitionOf({ ...sp, statusCode: n.statusCode }));
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

  startCallUpdate(m, rec, _n, sp) {
    onRemoteUpdate(m, rec, sp.sdp, Date.now() + POSTPONE_MS);
  },

  callEnd(m, rec, _n, sp) {
    const op = m.startOp(rec, operations.END_REMOTE, false);
    m.terminate(rec, states.ENDED, transitionOf(sp));
    m.finishOp(rec, op);
  },

  callCancel(m, rec, _n, sp) {
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

/** How long a startCallUpdate that raced this side's own answer waits for the call to connect (§4.8). */
const POSTPONE_MS = 3000;

/** Runs a remote update once the call is connected; while this side's answer is still being applied, retries until `deadline`. */
function onRemoteUpdate(m: CallManager, rec: CallRecord, offer: string | undefined, deadline: number): void {
  const s = rec.data.state;
  if ((s === states.CONNECTED || s === states.ON_HOLD) && rec.session && rec.sessionId) return void runRemoteUpdate(m, rec, offer);
  if (!m.isEnded(rec) && s !== states.CANCELLED && m.hasOp(rec, operations.ANSWER, operations.REMOTE_ANSWER) && Date.now() < deadline) {
    setTimeout(() => onRemoteUpdate(m, rec, offer, deadline), 50);
    return;
  }
  m.deps.logger.warn(`ignoring startCallUpdate in state ${s}`);
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
