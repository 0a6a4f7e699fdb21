/** The call model (§5.23): two legs per call, and the call notifications built from it (§4.3–§4.10). */
import type { Notification } from './channels';
import type { StoredCall, StoredLeg } from './store';
import type { CallSnapshot } from './types';
import type { CustomParameter } from './validation';

/** Server-side state of one leg. */
export type LegState = 'calling' | 'alerting' | 'answered' | 'ended';

/** One user's view of a call. */
export interface Leg {
  id: string;
  username: string;
  role: 'caller' | 'callee';
  state: LegState;
  call: Call;
  lastActivity: number;
  /** Parameters from `sendCustomHeaders`, attached to the next notification to the peer. */
  pendingCustom?: CustomParameter[];
  /** No notification to this leg before this `performance.now()` time (the grace after its own request's response). */
  notBefore?: number;
  /** Sequence number of the last notification sent to this leg (see `CallManager.answering`). */
  lastNotified?: number;
  /** Waiting for the next notification to this leg (`notificationOrder: 'before-response'`). */
  onNotified?: Array<() => void>;
}

/** A party's naming. */
export interface Party {
  name: string;
  number: string;
}

/** One call between a caller and a callee. */
export interface Call {
  id: string;
  caller: Leg;
  callee: Leg;
  callerParty: Party;
  calleeParty: Party;
  /** The caller's original offer and custom parameters (for forward). */
  offer: string;
  offerCustom?: CustomParameter[];
  /** Subscriptions of the callee that were alerted. */
  alerted: Set<string>;
  /** The callee subscription that answered, when known. */
  answeredBy?: string;
  /** The caller's subscription, when known (x-session). */
  callerSub?: string;
  rang: boolean;
  pendingUpdate?: { from: Leg; cancel: () => void; until?: number };
  cancelAlerting?: () => void;
  /** When the alerting timeout fires (ms since the epoch), while alerting. */
  alertingUntil?: number;
  createdAt: number;
  endedAt?: number;
  endReason?: string;
}

/** The other leg of the call. */
export function peerOf(leg: Leg): Leg {
  return leg.role === 'caller' ? leg.call.callee : leg.call.caller;
}

/** `callNotificationParams` for a notification to `leg` (§4.3.2: both pairs, always with @domain). */
export function namingFor(leg: Leg, includeCallee = false): Record<string, string> {
  const { callerParty, calleeParty } = leg.call;
  const remote = leg.role === 'caller' ? calleeParty : callerParty;
  const params: Record<string, string> = {
    callerName: callerParty.name,
    callerDisplayNumber: callerParty.number,
    remoteName: remote.name,
    remoteDisplayNumber: remote.number,
  };
  if (includeCallee) params.calleeDisplayNumber = calleeParty.number;
  return params;
}

/** Builds a call notification for `leg`. */
export function callNotification(
  leg: Leg,
  eventType: string,
  sessionExtra: Record<string, unknown> = {},
  customParameters?: CustomParameter[],
): Notification {
  const message: Notification = {
    eventType,
    sessionParams: { sessionData: leg.id, ...sessionExtra },
    callNotificationParams: namingFor(leg, eventType === 'call'),
  };
  if (customParameters?.length) message.customParameters = customParameters;
  return message;
}

/** The stored form of a call (timers as deadlines). */
export function storedCall(call: Call): StoredCall {
  const leg = (l: Leg): StoredLeg => ({ id: l.id, username: l.username, role: l.role, state: l.state, lastActivity: l.lastActivity, pendingCustom: l.pendingCustom });
  const { pendingUpdate } = call;
  return {
    id: call.id,
    caller: leg(call.caller),
    callee: leg(call.callee),
    callerParty: call.callerParty,
    calleeParty: call.calleeParty,
    offer: call.offer,
    offerCustom: call.offerCustom,
    alerted: [...call.alerted],
    answeredBy: call.answeredBy,
    callerSub: call.callerSub,
    rang: call.rang,
    alertingUntil: call.alertingUntil,
    pendingUpdate: pendingUpdate?.until !== undefined ? { fromLegId: pendingUpdate.from.id, until: pendingUpdate.until } : undefined,
    createdAt: call.createdAt,
    endedAt: call.endedAt,
    endReason: call.endReason,
  };
}

/** Rebuilds a call (without timers) from its stored form. */
export function callFromStore(stored: StoredCall): Call {
  const { caller, callee, alerted, pendingUpdate: _pending, alertingUntil: _alerting, ...rest } = stored;
  const call = { ...rest, alerted: new Set(alerted) } as Call;
  call.caller = { ...caller, call };
  call.callee = { ...callee, call };
  return call;
}

/** Snapshot of a call for the test hooks. */
export function snapshotCall(call: Call): CallSnapshot {
  const leg = (l: Leg) => ({ id: l.id, username: l.username, state: l.state });
  return {
    id: call.id,
    state: call.endedAt ? 'ended' : call.callee.state === 'answered' ? 'answered' : 'alerting',
    caller: leg(call.caller),
    callee: leg(call.callee),
    alerted: [...call.alerted],
    answeredBy: call.answeredBy,
    endReason: call.endReason,
    createdAt: call.createdAt,
  };
}
