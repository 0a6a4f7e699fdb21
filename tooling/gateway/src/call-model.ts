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
  /**
   * The party this leg's client shows as its caller although the leg is now the caller side (a
   * click-to-call's calling party, a transferee whose call was incoming): `callerName` /
   * `callerDisplayNumber` of its notifications name this party (§4.3.2).
   */
  incomingFrom?: Party;
  /** The gateway's own side of a click-to-call's first call (no user, never notified). */
  virtual?: boolean;
}

/** A transfer in progress on the call being transferred (§5.13, §5.14, §18.4). */
export interface Transfer {
  kind: 'direct' | 'consultative';
  /** The transferor's leg on this call (the path leg). */
  transferor: Leg;
  /** The transferor's peer on this call, whose media moves. */
  transferee: Leg;
  /** `offer`: waiting for the transferee's slow-start offer; `target`: the target has it. */
  stage: 'offer' | 'target';
  /** Direct: the target user. */
  target?: string;
  /** Direct: the new call to the target (once alerted). */
  targetCall?: Call;
  /** Consultative: the transferor's leg of the other call (transferor ↔ target). */
  other?: Leg;
  /** The transferee's role on this call, to put it back when a direct transfer fails. */
  transfereeRole: Leg['role'];
  cancelTimeout: () => void;
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
  /** When the callee answered (ms since the epoch). */
  answeredAt?: number;
  endedAt?: number;
  endReason?: string;
  /** A transfer of this call in progress. */
  transfer?: Transfer;
  /** Set on the target call of a direct transfer, or the other call of a consultative one, while it runs. */
  transferOf?: Call;
  /** The first call of a click-to-call (the gateway alerts the calling party with a slow-start `call`, §13). */
  clickToCall?: boolean;
  /** No history records for this call (a click-to-call's first call, merged into the second). */
  noHistory?: boolean;
}

/** The other leg of the call. */
export function peerOf(leg: Leg): Leg {
  return leg.role === 'caller' ? leg.call.callee : leg.call.caller;
}

/** `callNotificationParams` for a notification to `leg` (§4.3.2: both pairs, always with @domain). */
export function namingFor(leg: Leg, includeCallee = false): Record<string, string> {
  const { callerParty, calleeParty } = leg.call;
  const remote = leg.role === 'caller' ? calleeParty : callerParty;
  const shownCaller = leg.incomingFrom ?? callerParty;
  const params: Record<string, string> = {
    callerName: shownCaller.name,
    callerDisplayNumber: shownCaller.number,
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
  const leg = (l: Leg): StoredLeg => ({
    id: l.id,
    username: l.username,
    role: l.role,
    state: l.state,
    lastActivity: l.lastActivity,
    pendingCustom: l.pendingCustom,
    incomingFrom: l.incomingFrom,
    virtual: l.virtual,
  });
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
    answeredAt: call.answeredAt,
    endedAt: call.endedAt,
    endReason: call.endReason,
    clickToCall: call.clickToCall,
    noHistory: call.noHistory,
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
