/**
 * What `@switchboard/connectivity` exports to other plugins: the Link transport (for backend
 * adapters), the notification extension point (feature plugins register handlers per
 * `eventType`), and a read-only view of the subscription.
 */
import { createToken, type BasicError } from '@switchboard/core';

/** Options of one Link REST request. @public */
export interface LinkRequestOptions {
  /** HTTP method. @default 'GET' */
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** JSON body (one top-level wrapper key, protocol §1.5). */
  body?: unknown;
  /** Extra query parameters (merged with auth parameters, keys sorted, §1.4). */
  query?: Record<string, string>;
  /** Send the `X-Cpaas-Agent` header (§1.2). @default true */
  agent?: boolean;
  /** Abort after this many ms (only the call audit uses one, §1.6). */
  timeoutMs?: number;
  /** Whether an HTTP error is expected to carry a body (end, deletes: no). @default true */
  expectBody?: boolean;
  /**
   * Send with fetch's `keepalive`, so the request outlives the page that sent it (an unsubscribe
   * DELETE from a `pagehide` handler). Only for small bodies (browsers cap them at 64 KB). @default false
   */
  keepalive?: boolean;
}

/** The result of a Link REST request that got an HTTP response. @public */
export interface LinkResponse<T = unknown> {
  /** HTTP 2xx. */
  ok: boolean;
  /** HTTP status. */
  status: number;
  /** Parsed JSON body; `{}` when absent or not JSON (§1.6). */
  body: T;
  /** `Retry-After` in seconds, when the server sent one. */
  retryAfter?: number;
  /** For non-2xx responses: a BasicError with the wrapper's `statusCode`/`reason`, or the HTTP status text. */
  error?: BasicError;
}

/**
 * The Link REST transport (protocol §1): base URL from `authentication.server`, auth per §1.3,
 * `x-session` after an HMAC subscribe. Authorization failures (401/403) emit `request:error`.
 * @public
 */
export interface LinkTransport {
  /** `/rest/version/1/user/{userId}` of the current user. Throws a BasicError when no credentials are set. */
  userPath(): string;
  /** The absolute URL of a path on the REST server (auth query parameters not included). */
  url(path: string): string;
  /**
   * Sends a request to an absolute path (`/rest/...`). Resolves for every HTTP response (check `ok`);
   * rejects with a BasicError `NETWORK_ERROR` when no response was received, or `ABORTED` on timeout.
   */
  request<T = unknown>(path: string, options?: LinkRequestOptions): Promise<LinkResponse<T>>;
  /**
   * Sends `init` to `resource` (a REST path, query allowed) with the base URL and authentication,
   * and returns the raw response (the `request.fetch` pass-through; for binary bodies).
   */
  fetchRaw?(resource: string, init?: RequestInit): Promise<Response>;
}

/** Where a notification came from. @public */
export type NotificationChannel = 'WEBSOCKET' | 'PUSH';

/** The inner object of a `{ notificationMessage: {...} }` frame (protocol §4.1). @public */
export interface LinkNotification {
  /** The notification's type, e.g. `'callStart'` (routes it to its handlers). */
  eventType: string;
  /** The notification's id (used for de-duplication). */
  eventId?: string;
  [member: string]: unknown;
}

/** A handler for notifications of some event types. @public */
export type NotificationHandler = (notification: LinkNotification, channel: NotificationChannel) => void;

/**
 * The extension point where feature plugins register notification handlers per `eventType`
 * (`'*'` receives every notification). Handlers run after de-duplication; one that throws is
 * logged and never affects the others.
 * @public
 */
export interface NotificationRegistry {
  /** Registers `handler` for the given event types; returns a function that removes it. */
  register(eventTypes: string | readonly string[], handler: NotificationHandler): () => void;
}

/** TURN credentials handed out by the subscription (§2.2). @public */
export interface TurnCredentials {
  /** The TURN username. */
  username: string;
  /** The TURN password (never logged). */
  password: string;
}

/** A read-only view of the Link subscription, for feature plugins. @public */
export interface SubscriptionView {
  /** Whether a subscription exists and includes `service` (case-insensitive). */
  isSubscribed(service: string): boolean;
  /** The subscription's TURN credentials, if any. */
  turnCredentials(): TurnCredentials | undefined;
  /** Called whenever the subscription or the websocket state changes. Returns an unsubscribe function. */
  onChange(listener: () => void): () => void;
  /** Whether the notification websocket is currently connected. */
  isConnected(): boolean;
}

/** Connectivity's DI tokens. @public */
export const connectivityTokens = Object.freeze({
  /** The Link REST transport. */
  transport: createToken<LinkTransport>('connectivity.transport'),
  /** The notification handler extension point. */
  notifications: createToken<NotificationRegistry>('connectivity.notifications'),
  /** The subscription view. */
  subscription: createToken<SubscriptionView>('connectivity.subscription'),
});
