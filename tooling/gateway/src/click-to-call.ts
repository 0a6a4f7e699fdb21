/**
 * `POST clicktocall` (§13): the gateway rings `callingParty` with a slow-start `call` (no SDP,
 * naming `calledParty` as the caller); that party's answer is an offer, which alerts
 * `calledParty` as a call from `callingParty`; the called party's answer reaches the calling
 * party as `respondCallUpdate` (see `CallManager.clickToCall`, README "Click-to-call").
 */
import type { CallManager } from './calls';
import type { Route } from './router';
import { requireString, unwrap } from './validation';

const WRAPPER = 'clickToCallResponse';

/** The click-to-call route. */
export function clickToCallRoutes(calls: CallManager): Route[] {
  return [
    {
      method: 'POST',
      path: '/rest/version/1/user/:userId/clicktocall',
      wrapper: WRAPPER,
      handler: (ctx) => {
        const r = unwrap(ctx.body, 'clickToCallRequest');
        const callId = calls.clickToCall(ctx.user, requireString(r, 'callingParty'), requireString(r, 'calledParty'), ctx.after);
        return { status: 200, body: { [WRAPPER]: { statusCode: 0, callId } } };
      },
    },
  ];
}
