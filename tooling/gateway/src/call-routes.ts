/** REST routes of §5: call collection, leg PUT/GET/DELETE, call disposition. */
import type { CallManager } from './calls';
import type { Leg } from './call-model';
import { HttpError } from './http';
import type { RequestContext, Route } from './router';
import { type Json, customBodies, customParameters, optionalString, optionalStringArray, requireString, unwrap } from './validation';

const WRAPPER = 'callControlResponse';
const BASE = '/rest/version/1/user/:userId';
const ok = (extra: Record<string, unknown> = {}) => ({ status: 200, body: { [WRAPPER]: { statusCode: 0, ...extra } } });

/** The call-control routes. */
export function callRoutes(calls: CallManager): Route[] {
  const legOf = (ctx: RequestContext, id: string, statusCode = 42): Leg => {
    const leg = calls.leg(ctx.user.username, id);
    if (!leg) throw new HttpError(404, statusCode, 'Call session not found');
    return leg;
  };
  const session = (ctx: RequestContext) => ctx.auth.sessionSubscriptionId;

  const start = async (ctx: RequestContext) => {
    const r = unwrap(ctx.body, 'callControlRequest');
    const type = requireString(r, 'type');
    if (type === 'join') return join(ctx, r);
    if (type !== 'callStart') throw new HttpError(400, 1004, `Unsupported request type "${type}"`);
    const input = {
      to: requireString(r, 'to'),
      from: optionalString(r, 'from'),
      sdp: requireString(r, 'sdp'),
      customParameters: customParameters(r),
    };
    customBodies(r);
    optionalStringArray(r, 'supported');
    const answering = calls.answering(ctx.after, 'callStart');
    const sessionData = calls.start(ctx.user, input, session(ctx), answering.defer);
    await answering.ready(sessionData);
    return { status: 201, body: { [WRAPPER]: { statusCode: 0, sessionData } } };
  };

  /**
   * `join` (§5.15): validated like any other request (both legs this user's and answered, distinct
   * calls, an `sdp`), then 501 + 1004: merging needs a media mixer, which this signalling-only
   * gateway has not (§18.7). The SDK's local three-way join mixes on the client over the two calls
   * it already has and sends no `join` (README "Join").
   */
  const join = (ctx: RequestContext, r: Json): never => {
    const first = legOf(ctx, requireString(r, 'firstSessionData'));
    const second = legOf(ctx, requireString(r, 'secondSessionData'));
    calls.checkSdp(requireString(r, 'sdp'));
    customParameters(r);
    if (first.call === second.call) throw new HttpError(400, 1004, '"firstSessionData" and "secondSessionData" must name two calls');
    calls.answered(first, 'join');
    calls.answered(second, 'join');
    throw new HttpError(501, 1004, 'Join needs a media mixer, which this gateway does not have');
  };

  const update = async (ctx: RequestContext) => {
    const r = unwrap(ctx.body, 'callControlRequest');
    const type = requireString(r, 'type');
    const custom = customParameters(r);
    customBodies(r);
    switch (type) {
      case 'ringing':
        calls.ringing(legOf(ctx, ctx.params.legId), ctx.after);
        return ok();
      case 'callAnswer': {
        const sdp = requireString(r, 'sdp');
        calls.answer(legOf(ctx, ctx.params.legId), sdp, custom, session(ctx), ctx.after);
        return ok();
      }
      case 'startCallUpdate': {
        const sdp = requireString(r, 'sdp');
        const answering = calls.answering(ctx.after, 'startCallUpdate');
        calls.startUpdate(legOf(ctx, ctx.params.legId), sdp, custom, answering.defer);
        await answering.ready(ctx.params.legId);
        return ok();
      }
      case 'respondCallUpdate': {
        const sdp = requireString(r, 'sdp');
        calls.respondUpdate(legOf(ctx, ctx.params.legId), sdp, custom, ctx.after);
        return ok();
      }
      case 'sendCustomHeaders':
        if (!custom) throw new HttpError(400, 5, '"customParameters" is required');
        calls.customHeaders(legOf(ctx, ctx.params.legId), custom);
        return ok();
      case 'audit':
        calls.audit(legOf(ctx, ctx.params.legId));
        return ok();
      case 'transfer': {
        const address = requireString(r, 'address');
        const otherId = optionalString(r, 'sessionData');
        const path = legOf(ctx, ctx.params.legId);
        calls.transfers.start(path, address, otherId === undefined ? undefined : legOf(ctx, otherId), ctx.after);
        return ok();
      }
      default:
        throw new HttpError(400, 1004, `Unsupported request type "${type}"`);
    }
  };

  const disposition = (ctx: RequestContext) => {
    const r = unwrap(ctx.body, 'callDispositionRequest');
    const action = requireString(r, 'action');
    const legId = requireString(r, 'sessionData');
    if (action === 'reject') {
      calls.reject(legOf(ctx, legId), session(ctx), ctx.after);
    } else if (action === 'forward') {
      const address = requireString(r, 'address');
      calls.forward(legOf(ctx, legId), address, session(ctx), ctx.after);
    } else {
      throw new HttpError(400, 1004, `Unsupported action "${action}"`);
    }
    return ok();
  };

  const leg = `${BASE}/callControl/callSessions/:legId`;
  return [
    { method: 'POST', path: `${BASE}/callControl`, wrapper: WRAPPER, handler: start },
    { method: 'PUT', path: leg, wrapper: WRAPPER, handler: update },
    {
      method: 'GET',
      path: leg,
      wrapper: WRAPPER,
      handler: (ctx) => ok({ state: calls.state(legOf(ctx, ctx.params.legId, 47)) }),
    },
    {
      method: 'DELETE',
      path: leg,
      wrapper: WRAPPER,
      handler: (ctx) => {
        calls.hangup(legOf(ctx, ctx.params.legId), session(ctx), ctx.after);
        return { status: 204 };
      },
    },
    { method: 'POST', path: `${BASE}/calldisposition`, wrapper: WRAPPER, handler: disposition },
  ];
}
