/**
 * Shared pieces of the security suite: the gateway's own route list (so a new route is covered
 * automatically), path filling, a valid body per route, the credentials of every auth mode, raw
 * requests and a snapshot of one user's state.
 */
import { hmacToken, type Gateway } from '../../src/index';
import type { Route } from '../../src/router';
import { apiRoutes } from '../../src/routes';
import { basic, subscribeBody, type WsClient } from '../helpers';

/** Every authenticated REST route (`:userId` in the path), as the gateway declares them. */
export const USER_ROUTES: Route[] = apiRoutes({} as never).filter((r) => r.auth !== false && r.path.includes('/:userId'));

/** The routes that read a body. */
export const BODY_ROUTES: Route[] = USER_ROUTES.filter((r) => r.method === 'POST' || r.method === 'PUT');

/** `METHOD path`, the name of a route in test titles and tables. */
export const routeName = (r: Route): string => `${r.method} ${r.path}`;

/** The parameter names of a route's path, `userId` included. */
export const paramsOf = (r: Route): string[] => r.path.split('/').filter((s) => s.startsWith(':')).map((s) => s.slice(1));

/** Ids of one user's resources, by path parameter name (unknown parameters get a placeholder). */
export interface Resources {
  userId: string;
  subscriptionId: string;
  clientCorrelator: string;
  legId: string;
  provider: string;
  registrationId: string;
}

/** The parameter values of `route` for `res`. */
export function paramValues(route: Route, res: Resources): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of paramsOf(route)) values[name] = (res as unknown as Record<string, string>)[name] ?? 'res-1';
  return values;
}

/** The concrete path of `route` for `res`. */
export function pathOf(route: Route, res: Resources): string {
  const values = paramValues(route, res);
  return route.path.replace(/:([A-Za-z]+)/g, (_m, name: string) => encodeURIComponent(values[name]).replace('%40', '@'));
}

/** The error wrapper of `route` for `res` (null = top-level body). */
export function wrapperOf(route: Route, res: Resources): string | null {
  return typeof route.wrapper === 'function' ? route.wrapper(paramValues(route, res)) : route.wrapper;
}

/** The error body the protocol expects: `{ <wrapper>: { statusCode, reason } }` or top-level. */
export function errorShape(wrapper: string | null, statusCode: number): Record<string, unknown> {
  const inner = { statusCode, reason: expect.any(String) };
  return wrapper ? { [wrapper]: inner } : inner;
}

/**
 * A body the route accepts (and acts on: answering, rejecting, registering, notifying), built
 * from the ids of `res` and addressed to `peer`; routes without a known body get `{}`.
 */
export function validBody(route: Route, res: Resources, peer: string): Record<string, unknown> {
  const tail = route.path.replace('/rest/version/1/user/:userId', '');
  switch (`${route.method} ${tail}`) {
    case 'POST /subscription':
    case 'PUT /subscription/:subscriptionId':
    case 'PUT /subscription/clientCorrelator/:clientCorrelator':
      return subscribeBody({ service: ['call', 'custom'] });
    case 'POST /callControl':
      return { callControlRequest: { type: 'callStart', to: peer, sdp: 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\n' } };
    case 'PUT /callControl/callSessions/:legId':
      return { callControlRequest: { type: 'callAnswer', sdp: 'v=0\r\no=- 2 2 IN IP4 127.0.0.1\r\n' } };
    case 'POST /calldisposition':
      return { callDispositionRequest: { action: 'reject', sessionData: res.legId } };
    case 'POST /push/:provider/devices':
      return { voipDeviceToken: 'voip-device-token-0123', deviceToken: 'device-token-0123', clientCorrelator: 'push-1' };
    case 'POST /externalnotification':
      return { externalNotificationRequest: { toUrl: peer, data: { hello: 'world' } } };
    case 'POST /instantmessage':
      return { imRequest: { toUrl: peer, message: 'hello', charset: 'UTF-8', type: 'A2', clientCorrelator: 'im-1' } };
    case 'POST /sms':
      return { smsRequest: { toUrl: '+15550100002', message: 'hello', charset: 'UTF-8' } };
    case 'POST /groupchat':
      return { groupChatRequest: { subject: 'team', participants: [peer] } };
    case 'POST /groupchat/:groupId/participants':
      return { groupChatRequest: { participants: [peer] } };
    case 'POST /presence':
      return { presenceRequest: { status: 'open', activity: 'other', note: 'In the lab' } };
    case 'POST /presenceWatcher':
      return { presenceWatcherRequest: { userList: [peer], action: 'watch' } };
    case 'POST /addressbook/contacts':
    case 'PUT /addressbook/contacts/:contactId':
      return { addressBookRequest: { addressBookEntries: [{ nickname: 'res-1', primaryContact: peer, firstName: 'Pat', friendStatus: true }] } };
    case 'POST /eventSubscription':
    case 'PUT /eventSubscription/:eventSessionId':
      return { eventSubscriptionRequest: { eventType: 'event:presence', subscribeUserList: [peer] } };
    default:
      return {};
  }
}

/** Whether a route's path names a resource (an id; `:userId` and `:provider` are not). */
export const pathNamesResource = (r: Route): boolean => paramsOf(r).some((p) => p !== 'userId' && p !== 'provider');

/** Routes whose body (not only the path) names a resource of `res`. */
export const BODY_NAMES_RESOURCE = new Set(['POST /rest/version/1/user/:userId/calldisposition']);

/** Credentials of one user in one auth mode: headers and query parameters. */
export interface Credentials {
  headers: Record<string, string>;
  query: Record<string, string>;
}

/** The auth modes of §1.3. */
export type Mode = 'basic' | 'bearer' | 'access' | 'hmac' | 'session';
export const MODES: Mode[] = ['basic', 'bearer', 'access', 'hmac', 'session'];

/** Credentials of `user` (a demo user) in `mode`; `session` is an `x-session` id of theirs. */
export function credentials(gw: Gateway, user: string, mode: Mode, session: string): Credentials {
  const local = user.split('@')[0];
  switch (mode) {
    case 'basic':
      return { headers: basic(user), query: {} };
    case 'bearer':
      return { headers: { Authorization: `Bearer ${gw.hooks.issueToken(user, 'bearer')}` }, query: {} };
    case 'access':
      return { headers: {}, query: { token: gw.hooks.issueToken(user, 'access') } };
    case 'hmac':
      return { headers: { 'x-token': hmacToken(user, `${local}-hmac-key`) }, query: {} };
    case 'session':
      return { headers: { 'x-session': session }, query: {} };
  }
}

/** A response: status, parsed JSON body (or the text) and the raw text. */
export interface RawResponse {
  status: number;
  body: any;
  text: string;
  headers: Headers;
}

/** Sends one request; `body` goes out as given (string or bytes), JSON content type unless overridden. */
export async function send(
  gw: Gateway,
  method: string,
  path: string,
  opts: { headers?: Record<string, string>; query?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawResponse> {
  const query = new URLSearchParams(opts.query ?? {}).toString();
  const res = await fetch(`${gw.url}${path}${query ? `${path.includes('?') ? '&' : '?'}${query}` : ''}`, {
    method,
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...opts.headers },
    body: typeof opts.body === 'string' || opts.body === undefined ? opts.body : new Uint8Array(opts.body),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON: keep the text */
  }
  return { status: res.status, body, text, headers: res.headers };
}

/**
 * Everything the gateway holds for `user` (and every call), for before/after comparisons; queue
 * lengths are left out (the markers of {@link framesOf} queue on subscriptions without a socket).
 */
export function stateOf(gw: Gateway, user: string): unknown {
  return {
    subscriptions: gw.hooks.subscriptions(user).map(({ queued: _queued, ...s }) => s),
    calls: gw.hooks.calls(),
    push: gw.hooks.pushRegistrations(user),
  };
}

let marker = 0;
/** Waits until every notification sent to `user` so far has reached `ws`; returns the event types it got. */
export async function framesOf(gw: Gateway, user: string, ws: WsClient): Promise<string[]> {
  const eventType = `marker-${++marker}`;
  gw.hooks.sendNotification(user, { eventType });
  await ws.waitFor(eventType);
  // Markers are dropped once seen (a failure message then lists only the real frames).
  const real = ws.frames.filter((f) => !String(f.notificationMessage?.eventType).startsWith('marker-'));
  ws.frames.splice(0, ws.frames.length, ...real);
  return ws.types();
}

/** Runs `attempt` and checks that `user`'s state and the notifications `ws` (theirs) got did not change. */
export async function expectUntouched(gw: Gateway, user: string, ws: WsClient, attempt: () => Promise<void>): Promise<void> {
  const before = JSON.stringify(stateOf(gw, user));
  const frames = await framesOf(gw, user, ws);
  await attempt();
  expect(JSON.stringify(stateOf(gw, user))).toBe(before);
  expect(await framesOf(gw, user, ws)).toEqual(frames);
}
