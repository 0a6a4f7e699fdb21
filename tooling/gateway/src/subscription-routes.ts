/** REST routes of §2: subscribe, refresh (both PUT forms), delete; the 503 test switch. */
import { HttpError } from './http';
import type { Route, RequestContext } from './router';
import { grantServices } from './services';
import type { SubscribeInput, Subscription, SubscriptionManager } from './subscriptions';
import { optionalBoolean, optionalString, optionalStringArray, requirePositive, unwrap } from './validation';

const WRAPPER = 'subscribeResponse';
const USER = '/rest/version/1/user/:userId/subscription';
const CORRELATOR = /^[A-Za-z0-9._~-]{1,128}$/;

/** Validates a `subscribeRequest` body (create or refresh). */
export function parseSubscribe(body: unknown): SubscribeInput {
  const r = unwrap(body, 'subscribeRequest');
  const expires = requirePositive(r, 'expires');
  const service = optionalStringArray(r, 'service');
  if (!service || !service.length) throw new HttpError(400, 5, '"service" must be a non-empty array of strings');
  optionalStringArray(r, 'supported');
  const forceLogOut = r.forceLogOut;
  if (forceLogOut !== undefined && !['true', 'false', true, false].includes(forceLogOut as string | boolean)) {
    throw new HttpError(400, 5, '"forceLogOut" must be "true" or "false"');
  }
  const clientCorrelator = r.clientCorrelator;
  if (clientCorrelator !== undefined && (typeof clientCorrelator !== 'string' || !CORRELATOR.test(clientCorrelator))) {
    throw new HttpError(400, 38, 'Invalid clientCorrelator (1-128 characters of A-Z a-z 0-9 . _ ~ -)');
  }
  return {
    expires,
    services: grantServices(service),
    localization: optionalString(r, 'localization'),
    useTurn: optionalBoolean(r, 'useTurn'),
    notificationType: optionalString(r, 'notificationType'),
    forceLogOut: forceLogOut === true || forceLogOut === 'true',
    clientCorrelator: clientCorrelator as string | undefined,
  };
}

/** The subscription routes. */
export function subscriptionRoutes(subs: SubscriptionManager): Route[] {
  const notFound = () => new HttpError(404, 39, 'Subscription does not exist');
  const byId = (ctx: RequestContext): Subscription => {
    const sub = subs.get(ctx.user.username, ctx.params.subscriptionId);
    if (!sub) throw notFound();
    return sub;
  };
  const byCorrelator = (ctx: RequestContext): Subscription => {
    const sub = subs.byCorrelator(ctx.user.username, ctx.params.clientCorrelator);
    if (!sub) throw notFound();
    return sub;
  };
  const refresh = (find: (ctx: RequestContext) => Subscription) => (ctx: RequestContext) => {
    const sub = find(ctx);
    const input = parseSubscribe(ctx.body);
    subs.refresh(sub, input);
    return { status: 200, body: subs.response(sub) };
  };
  const remove = (find: (ctx: RequestContext) => Subscription) => (ctx: RequestContext) => {
    const sub = find(ctx);
    ctx.after(() => subs.remove(sub, 'deleted'));
    return { status: 204 };
  };
  return [
    {
      method: 'POST',
      path: USER,
      wrapper: WRAPPER,
      handler: (ctx) => {
        const retryAfter = subs.takeUnavailable();
        if (retryAfter !== undefined) {
          throw new HttpError(503, 503, 'Service unavailable', { 'Retry-After': String(retryAfter) }, {
            retryAfter: retryAfter * 1000,
          });
        }
        const sub = subs.create(ctx.user.username, parseSubscribe(ctx.body), ctx.after);
        return { status: 200, body: subs.response(sub) };
      },
    },
    { method: 'PUT', path: `${USER}/:subscriptionId`, wrapper: WRAPPER, handler: refresh(byId), endedSession: notFound },
    { method: 'DELETE', path: `${USER}/:subscriptionId`, wrapper: WRAPPER, handler: remove(byId), endedSession: notFound },
    { method: 'PUT', path: `${USER}/clientCorrelator/:clientCorrelator`, wrapper: WRAPPER, handler: refresh(byCorrelator), endedSession: notFound },
    { method: 'DELETE', path: `${USER}/clientCorrelator/:clientCorrelator`, wrapper: WRAPPER, handler: remove(byCorrelator), endedSession: notFound },
  ];
}
