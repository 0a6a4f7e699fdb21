/** A scripted Link gateway for the fake fetch: enough of the subscription REST API for a client to subscribe. */
import type { FetchHandler, Reply, SeenRequest } from './fetch';

/**
 * A `subscribeResponse` body as the gateway sends it for a create (POST) or change (PUT).
 * @param services the subscribed services
 * @param extra more `subscriptionParams` members
 * @param user the user id in the paths @default 'alice@example.com'
 * @public
 */
export function subscribeResponse(services: readonly string[], extra: Record<string, unknown> = {}, user = 'alice@example.com') {
  return {
    /** The response wrapper (protocol §2.1). */
    subscribeResponse: {
      /** `0`: success. */
      statusCode: 0,
      /** The subscription's path. */
      subscription: `/rest/version/1/user/${user}/subscription/sub-1`,
      /** What the gateway granted. */
      subscriptionParams: {
        /** The subscribed services. */
        service: [...services],
        /** The websocket path. */
        notificationChannel: `/rest/version/1/user/${user}/websocket/ch-1`,
        /** Lifetime in seconds. */
        expires: 3600,
        /** Fake TURN credentials. */
        turnCredentials: {
          /** `'tu'`. */
          username: 'tu',
          /** `'tp'`. */
          password: 'tp',
        },
        ...extra,
      },
    },
  };
}

const servicesOf = (req: SeenRequest): string[] => (req.body as { subscribeRequest?: { service?: string[] } } | undefined)?.subscribeRequest?.service ?? [];
const userOf = (path: string): string => decodeURIComponent(/\/user\/([^/]+)/.exec(path)?.[1] ?? 'alice@example.com');

/**
 * A fetch handler that plays the happy path of a Link gateway: a POST to `…/subscription` creates
 * `sub-1` (201), a PUT changes its services (200); a POST to `…/callControl` starts a call whose
 * leg is `leg-<n>` (201 + `sessionData`), other call-control requests succeed (200,
 * `statusCode: 0`); a DELETE gets 204; anything else `200 {}`. Nothing is pushed on the
 * WebSocket: the test sends notifications with `sockets.last().serverMessage(...)`. Wrap it to
 * script more: `(req) => special(req) ?? gateway(req)`.
 * @public
 */
export function linkGateway(): FetchHandler {
  let legs = 0;
  return (req): Reply => {
    const isSubscription = /\/subscription(\/[^/]+)?$/.test(req.path);
    if (isSubscription && req.method === 'POST') return { status: 201, body: subscribeResponse(servicesOf(req), {}, userOf(req.path)) };
    if (isSubscription && req.method === 'PUT') return { status: 200, body: subscribeResponse(servicesOf(req), {}, userOf(req.path)) };
    if (req.method === 'DELETE') return { status: 204 };
    if (req.method === 'POST' && req.path.endsWith('/callControl')) {
      return { status: 201, body: { callControlResponse: { statusCode: 0, sessionData: `leg-${++legs}` } } };
    }
    if (req.path.includes('/callControl') || req.path.includes('/callDisposition')) return { status: 200, body: { callControlResponse: { statusCode: 0 } } };
    return { status: 200, body: {} };
  };
}
