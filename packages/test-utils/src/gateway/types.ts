/**
 * Public types of `@switchboard/test-utils/gateway`. They mirror the reference gateway's own types
 * (checked at compile time in `start.ts`, so they cannot drift) because the gateway is bundled into
 * this package and is not published on its own.
 */

/** One user of the gateway's user table. @public */
export interface GatewayUser {
  /** Full user id, `user@domain`. */
  username: string;
  /** Password for Basic authentication. */
  password: string;
  /** Alternative login name for Basic authentication. */
  authname?: string;
  /** Shared key for HMAC tokens (`x-token`). */
  hmacKey?: string;
  /** Display name used as `callerName` / `remoteName` in call notifications. */
  displayName?: string;
  /** First name (directory). */
  firstName?: string;
  /** Last name (directory). */
  lastName?: string;
  /** E-mail address (directory). */
  emailAddress?: string;
  /** Photo URL (directory). */
  photoURL?: string;
  /** Phone number (E.164): directory search, the user's SMS number. */
  phoneNumber?: string;
}

/** Options of `startGateway`. Every timer is the gateway's default unless set. @public */
export interface StartGatewayOptions {
  /** TCP port; 0 picks a free one. @default 0 */
  port?: number;
  /** Interface to listen on. @default '127.0.0.1' */
  host?: string;
  /** The user table, or the path of a JSON/YAML file holding it. @default {@link DEMO_USERS} */
  users?: GatewayUser[] | string;
  /** Also serve https + wss on `httpsPort` with this certificate and key (PEM contents or file paths); http stays on `port`. */
  tls?: {
    /** The certificate (PEM contents or file path). */
    cert: string;
    /** Its private key (PEM contents or file path). */
    key: string;
  };
  /** TCP port of the https listener (only with `tls`); 0 picks a free one. @default 0 */
  httpsPort?: number;
  /** A request not complete within this long is answered 408 and closed. @default 30000 */
  requestTimeoutMs?: number;
  /** An idle keep-alive connection is closed after this long. @default 5000 */
  keepAliveTimeoutMs?: number;
  /** Open connections accepted (idle ones are closed first at the cap; then 503). @default 10000 */
  maxConnections?: number;
  /** Failed logins per login name within `loginWindowMs` before 429. @default 10 */
  loginFailuresPerUser?: number;
  /** Failed logins per client address within `loginWindowMs` before 429. @default 50 */
  loginFailuresPerAddress?: number;
  /** The login throttling window, in ms. @default 60000 */
  loginWindowMs?: number;
  /** `text` log lines or pino's `json` records. @default 'text' */
  logFormat?: 'text' | 'json';
  /** Close a socket with code 4000 after this long without any client frame. @default 100000 */
  socketTimeoutMs?: number;
  /** How long notifications are queued while a subscription's socket is down. @default 120000 */
  notificationBufferMs?: number;
  /** Concurrent subscriptions allowed per user. @default 5 */
  maxSubscriptionsPerUser?: number;
  /** Receives one line per log event. @default no logging */
  logger?: (line: string) => void;
  /** Serve static files from this directory at `/`. */
  staticDir?: string;
  /** Delay between `gone` (or a DELETE / an override) and the server's close with 1000. @default 3000 */
  goneGraceMs?: number;
  /** An unanswered call is ended after this long. @default 60000 */
  alertingTimeoutMs?: number;
  /** A call whose leg sent no request for this long is ended. @default 75000 */
  legInactivityMs?: number;
  /** Upper bound for `subscriptionParams.expires`, in seconds. @default 86400 */
  maxExpiresSeconds?: number;
  /** Shared secret used to derive `turnCredentials` (coturn's `static-auth-secret`). @default a fixed dev secret */
  turnSecret?: string;
  /** The TURN server URLs the credentials are for (informational, not sent). @default [] */
  turnUrls?: string[];
  /** Lifetime of handed-out `turnCredentials`, in seconds. @default 86400 */
  turnCredentialTtlSeconds?: number;
  /** Expose the unauthenticated `/__test__/...` HTTP endpoints. @default true */
  testEndpoints?: boolean;
  /** Serves `POST /admin/sms/inbound` and `POST /admin/mwi` behind `Authorization: Bearer <adminToken>`. @default undefined (404) */
  adminToken?: string;
  /** Largest message text (IM, group, SMS; bytes); larger answers 413 + 5. @default 16384 */
  maxMessageBytes?: number;
  /** Messages kept per user; the oldest are dropped beyond it. @default 5000 */
  maxStoredMessagesPerUser?: number;
  /** Messages a user may send per `messageRateWindowMs` (then 429 + 19). @default 2000 */
  messageRateLimit?: number;
  /** The message rate window, in ms. @default 60000 */
  messageRateWindowMs?: number;
  /** Participants of a chat group. @default 50 */
  maxGroupParticipants?: number;
  /** Chat groups a user may be in. @default 100 */
  maxGroupsPerUser?: number;
  /** Address-book entries per user. @default 500 */
  maxContactsPerUser?: number;
  /** Presence watches per subscription. @default 10000 */
  maxWatchesPerSubscription?: number;
  /** SIP event subscriptions per user (one per event type). @default 20 */
  maxSipEventSubscriptionsPerUser?: number;
  /**
   * A notification that answers a client's own request (ringing / answer / `callEnd` after its
   * `callStart`, `respondCallUpdate` after its `startCallUpdate`) is delivered no sooner than this
   * long after that client's HTTP response; 0 = as soon as the response is written. @default 50
   */
  notificationGraceMs?: number;
  /**
   * Test knob: `'before-response'` sends those notifications ahead of the HTTP response (the
   * response waits for the leg's first notification, at most 5 s). @default 'after-response'
   */
  notificationOrder?: 'after-response' | 'before-response';
  /** Receives the gateway's own monotonic (`performance.now()`) timestamps of responses and notifications. */
  timingProbe?: (event: GatewayTimingEvent) => void;
  /**
   * Where the gateway keeps its state: a directory (an SQLite file in it; a gateway started again
   * on it gets the same subscriptions, channels, queued notifications, calls and push
   * registrations), or `:memory:`. @default ':memory:'
   */
  data?: string;
}

/**
 * A timing event of {@link StartGatewayOptions.timingProbe}: `response` = the HTTP response of a
 * request answered by later notifications was written; `notification` = a notification left its
 * channel's grace hold. @public
 */
export type GatewayTimingEvent =
  | {
      /** A response was written. */
      kind: 'response';
      /** The leg whose request it answered. */
      legId: string;
      /** The request. */
      request: 'callStart' | 'startCallUpdate';
      /** When (`performance.now()` of the gateway). */
      at: number;
    }
  | {
      /** A notification left its grace hold. */
      kind: 'notification';
      /** The notification channel. */
      channelId: string;
      /** The notification's type. */
      eventType: string;
      /** The leg it concerns, for call notifications. */
      legId?: string;
      /** When (`performance.now()` of the gateway). */
      at: number;
    };

/** A subscription as the gateway holds it. @public */
export interface GatewaySubscription {
  /** The subscription's id. */
  id: string;
  /** Its user. */
  username: string;
  /** The granted services. */
  service: string[];
  /** The granted lifetime, in seconds. */
  expires: number;
  /** When it expires (ms since the epoch). */
  expiresAt: number;
  /** Its REST path. */
  subscription: string;
  /** Its websocket path. */
  notificationChannel: string;
  /** The id of its notification channel. */
  channelId: string;
  /** Its `x-session` id. */
  sessionId: string;
  /** The client's correlator, when it sent one. */
  clientCorrelator?: string;
  /** Whether a websocket is attached. */
  connected: boolean;
  /** Notifications queued while no websocket is attached. */
  queued: number;
  /** When it was created (ms since the epoch). */
  createdAt: number;
}

/** One leg of a gateway call. @public */
export interface GatewayLeg {
  /** The leg's id (its `sessionData`). */
  id: string;
  /** Its user. */
  username: string;
  /** Its state. */
  state: 'calling' | 'alerting' | 'answered' | 'ended';
}

/** A call as the gateway holds it. @public */
export interface GatewayCall {
  /** The call's id. */
  id: string;
  /** Its state. */
  state: 'alerting' | 'answered' | 'ended';
  /** The caller's leg. */
  caller: GatewayLeg;
  /** The callee's leg. */
  callee: GatewayLeg;
  /** The subscriptions of the callee that were alerted. */
  alerted: string[];
  /** The subscription that answered, once answered. */
  answeredBy?: string;
  /** Why it ended, once ended. */
  endReason?: string;
  /** When it was created (ms since the epoch). */
  createdAt: number;
}

/** Test hooks of the running gateway (the same operations are served under `/__test__/`). @public */
export interface GatewayTestHooks {
  /** Issues a token for `username` (`bearer` or `access`), valid for `ttlSeconds` (default 3600). */
  issueToken(username: string, kind: 'bearer' | 'access', ttlSeconds?: number): string;
  /** Makes a token expired (requests with it get 403 + 65). Returns false for an unknown token. */
  expireToken(token: string): boolean;
  /** Closes every socket of the user with `code` (default 4000; 1006 = drop without a close frame). */
  dropSocket(username: string, code?: number): number;
  /**
   * Refuses the user's WebSocket upgrades (503) for `ms` (0 lifts it): with {@link dropSocket},
   * keeps a client's socket down for as long as a test needs; its queued notifications wait.
   */
  refuseSockets(username: string, ms: number): void;
  /** Delivers a notification to every subscription of the user; adds `eventId` if missing. */
  sendNotification(username: string, notificationMessage: Record<string, unknown>): number;
  /** The next `count` subscribe POSTs get 503 + `Retry-After: retryAfterSeconds`. */
  serviceUnavailable(count: number, retryAfterSeconds: number): void;
  /** Terminates a subscription as if it expired (sends `gone`). */
  expireSubscription(subscriptionId: string, retryAfter?: number): boolean;
  /** The subscriptions (of one user, or all). */
  subscriptions(username?: string): GatewaySubscription[];
  /** The calls, including ended ones still remembered. */
  calls(): GatewayCall[];
  /** The push registrations. */
  pushRegistrations(username?: string): Array<Record<string, unknown>>;
  /** An inbound SMS from `from` to `to` (a configured user's `phoneNumber`); TypeError when invalid. */
  injectSms(
    from: string,
    to: string,
    message: string,
  ): {
    /** The id of the stored message (the notification's `eventId`). */
    messageId: string;
    /** How many subscriptions (holding `smsinbound`) got it. */
    delivered: number;
  };
  /** Sets a user's voicemail counters and sends them as an `mwi` notification; returns how many subscriptions got it. */
  setMwi(username: string, counts: GatewayMwiCounts): number;
  /** Sends a SIP event (`event:<package>`, solicited or unsolicited) with `genericNotificationParams` to the user's subscriptions holding it; returns how many got it. */
  injectSipEvent(username: string, eventType: string, genericNotificationParams: Record<string, unknown>): number;
  /** The stored SIP event subscriptions of `username`, or of every user. */
  sipEventSubscriptions(username?: string): Array<Record<string, unknown>>;
}

/** Voicemail counters for {@link GatewayTestHooks.setMwi}. @public */
export interface GatewayMwiCounts {
  /** Voice messages in the mailbox. */
  totalVoice: number;
  /** Voice messages not heard yet (`mwi` is "yes" when above 0). */
  unheardVoice: number;
  /** Voice counters by kind, e.g. `{ new, old }`. */
  voice?: Record<string, number>;
  /** Fax counters by kind. */
  fax?: Record<string, number>;
  /** Multimedia counters by kind. */
  multimedia?: Record<string, number>;
}

/** A running gateway. @public */
export interface TestGateway {
  /** `http://host:port`. */
  url: string;
  /** `ws://host:port`. */
  wsUrl: string;
  /** `https://host:httpsPort` when `tls` was given. */
  httpsUrl?: string;
  /** `wss://host:httpsPort` when `tls` was given. */
  wssUrl?: string;
  /** The interface it listens on. */
  host: string;
  /** The port it listens on. */
  port: number;
  /** The users that can log in (the demo users unless `users` was given). */
  users: readonly GatewayUser[];
  /** Test hooks: issue/expire tokens, drop sockets, push notifications, inspect state. */
  hooks: GatewayTestHooks;
  /** Closes every socket and the server and clears every timer (idempotent; call it in afterAll). */
  close(): Promise<void>;
}
