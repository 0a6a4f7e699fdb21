/**
 * Click-to-call (§13): `POST clicktocall` rings `callingParty` with a slow-start `call` (no SDP,
 * naming `calledParty` as the caller); that party's answer is an offer, which alerts
 * `calledParty` as a call from `callingParty`; the called party's answer reaches the calling
 * party as `respondCallUpdate` (README "Click-to-call").
 */
import { type Call, type Leg, callNotification } from './call-model';
import type { CallManager, Defer } from './calls';
import { HttpError } from './http';
import { randomId } from './ids';
import type { Route } from './router';
import type { UserRecord } from './types';
import { canonicalAddress } from './users';
import { type CustomParameter, requireString, unwrap } from './validation';

const WRAPPER = 'clickToCallResponse';

/** The click-to-calls of one {@link CallManager}. */
export class ClickToCalls {
  constructor(private readonly calls: CallManager) {}

  /**
   * Rings the calling party (errors first: 404 + 1004 unknown party, 400 + 1004 the same user twice,
   * 409 + 1004 calling party without a `call` subscription, 403 + 19 at `maxCallsPerUser`).
   * Returns the first call's id. Its other side is the gateway's virtual leg, never notified.
   */
  start(requester: UserRecord, callingParty: string, calledParty: string, defer: Defer): string {
    const { calls } = this;
    const domain = requester.username.slice(requester.username.lastIndexOf('@') + 1);
    const [calling, called] = [callingParty, calledParty].map((a) => calls.users.find(canonicalAddress(a, domain)));
    if (!calling) throw new HttpError(404, 1004, '"callingParty" is not a known user');
    if (!called) throw new HttpError(404, 1004, '"calledParty" is not a known user');
    if (calling.username === called.username) throw new HttpError(400, 1004, '"callingParty" and "calledParty" are the same user');
    if (!calls.callSubscriptionIds(calling.username).length) throw new HttpError(409, 1004, '"callingParty" has no call subscription');
    if (calls.liveLegs(calling.username) >= calls.maxCallsPerUser) {
      throw new HttpError(403, 19, `Too many concurrent calls for "callingParty" (limit ${calls.maxCallsPerUser})`);
    }
    const now = Date.now();
    const call = {
      id: randomId('call-'),
      callerParty: calls.partyOf(called),
      calleeParty: calls.partyOf(calling),
      offer: '',
      alerted: new Set<string>(),
      rang: false,
      createdAt: now,
      clickToCall: true,
    } as Call;
    call.caller = { id: randomId('leg-'), username: `clicktocall:${requester.username}`, role: 'caller', state: 'calling', call, lastActivity: now, virtual: true };
    call.callee = { id: randomId('leg-'), username: calling.username, role: 'callee', state: 'alerting', call, lastActivity: now };
    calls.addCall(call);
    calls.alertCall(call, defer);
    return call.id;
  }

  /** The calling party answered with its offer: it becomes the caller of a new call to the called party. */
  answered(leg: Leg, offer: string, custom: CustomParameter[] | undefined, answering: string | undefined, defer: Defer): void {
    const { calls } = this;
    const first = leg.call;
    const called = calls.users.find(first.callerParty.number);
    calls.dropCall(first);
    const now = Date.now();
    const call = {
      id: randomId('call-'),
      callerParty: first.calleeParty,
      calleeParty: first.callerParty,
      offer,
      offerCustom: custom,
      alerted: new Set<string>(),
      rang: false,
      createdAt: now,
    } as Call;
    // Its client shows an incoming call from the called party: the caller fields keep naming it.
    Object.assign(leg, { role: 'caller', state: 'calling', call, incomingFrom: first.callerParty });
    call.caller = leg;
    call.callerSub = answering;
    call.callee = { id: randomId('leg-'), username: called?.username ?? first.callerParty.number, role: 'callee', state: 'alerting', call, lastActivity: now };
    calls.addCall(call);
    if (!called) {
      calls.end(call, 'User not found');
      calls.send(leg, callNotification(leg, 'callEnd', { statusCode: 404, reasonText: 'User not found' }), defer);
      return;
    }
    calls.alertCall(call, defer);
  }
}

/** The click-to-call route. */
export function clickToCallRoutes(calls: CallManager): Route[] {
  return [
    {
      method: 'POST',
      path: '/rest/version/1/user/:userId/clicktocall',
      wrapper: WRAPPER,
      handler: (ctx) => {
        const r = unwrap(ctx.body, 'clickToCallRequest');
        const callId = calls.clickToCalls.start(ctx.user, requireString(r, 'callingParty'), requireString(r, 'calledParty'), ctx.after);
        return { status: 200, body: { [WRAPPER]: { statusCode: 0, callId } } };
      },
    },
  ];
}
