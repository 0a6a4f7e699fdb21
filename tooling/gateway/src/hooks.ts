/** Test hooks (§18.8) as an object and as HTTP endpoints under `/__test__/`. */
import type { CallManager } from './calls';
import type { ChannelRegistry } from './channel-registry';
import type { Notification } from './channels';
import { HttpError } from './http';
import type { MessageService } from './messages';
import type { PushStore } from './push';
import type { RequestContext, Route } from './router';
import type { SipEvents } from './sip-events';
import type { SubscriptionManager } from './subscriptions';
import type { TokenStore } from './tokens';
import type { GatewayHooks, TokenKind } from './types';
import type { UserDirectory } from './users';
import { isObject } from './validation';
import type { Voicemail } from './voicemail';

/** Dependencies of the hooks. */
export interface HookDeps {
  users: UserDirectory;
  tokens: TokenStore;
  subs: SubscriptionManager;
  calls: CallManager;
  push: PushStore;
  channels: Pick<ChannelRegistry, 'refuseSockets'>;
  messages: MessageService;
  voicemail: Voicemail;
  sipEvents: SipEvents;
}

function canonicalUser(users: UserDirectory, username: unknown): string {
  const user = typeof username === 'string' ? users.find(username) : undefined;
  if (!user) throw new TypeError(`unknown user ${String(username)}`);
  return user.username;
}

/** Creates the hooks object. */
export function createHooks({ users, tokens, subs, calls, push, channels, messages, voicemail, sipEvents }: HookDeps): GatewayHooks {
  return {
    issueToken: (username, kind, ttlSeconds = 3600) => tokens.issue(canonicalUser(users, username), kind, ttlSeconds),
    expireToken: (token) => tokens.expire(token),
    dropSocket: (username, code = 4000) => {
      if (!Number.isInteger(code) || (code !== 1006 && (code < 1000 || code > 4999))) {
        throw new TypeError('close code must be 1000..4999 (1006 = drop without a close frame)');
      }
      const name = canonicalUser(users, username);
      return subs.forUser(name).filter((s) => s.channel.drop(code)).length;
    },
    refuseSockets: (username, ms) => {
      if (!Number.isInteger(ms) || ms < 0 || ms > 600000) throw new TypeError('ms must be a whole number of milliseconds, 0..600000 (0 lifts the refusal)');
      channels.refuseSockets(canonicalUser(users, username), ms);
    },
    sendNotification: (username, notificationMessage) => {
      const inner = isObject(notificationMessage?.notificationMessage)
        ? (notificationMessage.notificationMessage as Record<string, unknown>)
        : notificationMessage;
      if (!isObject(inner) || typeof inner.eventType !== 'string') {
        throw new TypeError('notificationMessage must be an object with an eventType');
      }
      const targets = subs.forUser(canonicalUser(users, username));
      subs.notify(targets, inner as Notification);
      return targets.length;
    },
    serviceUnavailable: (count, retryAfterSeconds) => {
      if (typeof count !== 'number' || typeof retryAfterSeconds !== 'number') {
        throw new TypeError('count and retryAfterSeconds must be numbers');
      }
      subs.setUnavailable(count, retryAfterSeconds);
    },
    expireSubscription: (subscriptionId, retryAfter) => {
      const sub = subs.byId(subscriptionId);
      if (!sub) return false;
      subs.remove(sub, 'expired', retryAfter);
      return true;
    },
    subscriptions: (username) => subs.snapshot(username === undefined ? undefined : canonicalUser(users, username)),
    calls: () => calls.snapshot(),
    pushRegistrations: (username) => push.list(username === undefined ? undefined : canonicalUser(users, username)),
    injectSms: (from, to, message) => messages.injectSms(from, to, message),
    setMwi: (username, counts) => voicemail.set(canonicalUser(users, username), counts),
    injectSipEvent: (username, eventType, params) => sipEvents.inject(username, eventType, params),
    sipEventSubscriptions: (username) => sipEvents.list(username === undefined ? undefined : canonicalUser(users, username)).map((r) => ({ ...r })),
  };
}

type HookRun = (b: Record<string, unknown>, q: URLSearchParams) => unknown;

/**
 * One hook endpoint: `prefix` + `path`, top-level JSON body, `{ statusCode: 0, ...result }`;
 * a TypeError of the hook answers 400 + 5. `authorize` runs first (it throws to refuse).
 */
export function hookRoute(
  prefix: string,
  method: Route['method'],
  path: string,
  run: HookRun,
  status = 200,
  authorize: (ctx: RequestContext) => void = () => undefined,
): Route {
  return {
    method,
    path: `${prefix}${path}`,
    wrapper: null,
    auth: false,
    handler: (ctx) => {
      authorize(ctx);
      if (method !== 'GET' && !isObject(ctx.body)) throw new HttpError(400, 5, 'Body must be a JSON object');
      try {
        const result = run(method === 'GET' ? {} : (ctx.body as Record<string, unknown>), ctx.url.searchParams);
        return { status, body: { statusCode: 0, ...(result as object) } };
      } catch (err) {
        if (err instanceof TypeError) throw new HttpError(400, 5, err.message);
        throw err;
      }
    },
  };
}

/** `{ from, to, message }` → 201 `{ messageId, delivered }` (`/__test__/sms/inbound`, `/admin/sms/inbound`). */
export const smsInboundRun =
  (hooks: GatewayHooks): HookRun =>
  (b) =>
    hooks.injectSms(b.from as string, b.to as string, b.message as string);

/** `{ username, ...counts }` → `{ delivered }` (`/__test__/mwi`, `/admin/mwi`). */
export const mwiRun =
  (hooks: GatewayHooks): HookRun =>
  (b) => {
    const { username, ...counts } = b;
    return { delivered: hooks.setMwi(username as string, counts as never) };
  };

/** `{ username, eventType, genericNotificationParams }` → `{ delivered }` (`/__test__/sip-events`, `/admin/sip-events`). */
export const sipEventRun =
  (hooks: GatewayHooks): HookRun =>
  (b) => ({ delivered: hooks.injectSipEvent(b.username as string, b.eventType as string, b.genericNotificationParams as Record<string, unknown>) });

/** The `/__test__/` HTTP endpoints (no authentication; top-level JSON bodies). */
export function hookRoutes(hooks: GatewayHooks): Route[] {
  const route = (method: Route['method'], path: string, run: HookRun, status = 200): Route => hookRoute('/__test__/', method, path, run, status);
  const optUser = (q: URLSearchParams) => q.get('username') ?? undefined;
  return [
    route('GET', 'health', () => ({ ok: true })),
    route('POST', 'tokens', (b) => ({ token: hooks.issueToken(b.username as string, b.kind as TokenKind, (b.ttlSeconds as number) ?? 3600) }), 201),
    route('POST', 'tokens/expire', (b) => ({ expired: hooks.expireToken(String(b.token)) })),
    route('POST', 'sockets/drop', (b) => ({ dropped: hooks.dropSocket(b.username as string, (b.code as number) ?? 4000) })),
    route('POST', 'sockets/refuse', (b) => {
      hooks.refuseSockets(b.username as string, b.ms as number);
      return {};
    }),
    route('POST', 'notifications', (b) => ({
      delivered: hooks.sendNotification(b.username as string, b.notificationMessage as Record<string, unknown>),
    })),
    route('POST', 'service-unavailable', (b) => {
      hooks.serviceUnavailable(b.count as number, b.retryAfterSeconds as number);
      return {};
    }),
    route('POST', 'subscriptions/expire', (b) => ({
      expired: hooks.expireSubscription(String(b.subscriptionId), b.retryAfter as number | undefined),
    })),
    route('GET', 'subscriptions', (_b, q) => ({ subscriptions: hooks.subscriptions(optUser(q)) })),
    route('GET', 'calls', () => ({ calls: hooks.calls() })),
    route('GET', 'push-registrations', (_b, q) => ({ registrations: hooks.pushRegistrations(optUser(q)) })),
    route('POST', 'sms/inbound', smsInboundRun(hooks), 201),
    route('POST', 'mwi', mwiRun(hooks)),
    route('POST', 'sip-events', sipEventRun(hooks)),
    route('GET', 'sip-event-subscriptions', (_b, q) => ({ subscriptions: hooks.sipEventSubscriptions(optUser(q)) })),
  ];
}
