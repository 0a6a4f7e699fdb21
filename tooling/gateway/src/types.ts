/**
 * Public types of the reference gateway: start options, the running gateway handle, the user
 * table and the test hooks (protocol §18.8).
 */

/** One user of the gateway's in-memory user table. @public */
export interface UserRecord {
  /** Full user id, `user@domain`. */
  username: string;
  /** Password for Basic authentication (`username:password` or `authname:password`). */
  password: string;
  /** Alternative login name for Basic authentication (§1.3 "authname"). */
  authname?: string;
  /** Shared key for HMAC tokens (`x-token`, §1.3). */
  hmacKey?: string;
  /** Display name used as `callerName` / `remoteName` in call notifications. */
  displayName?: string;
  /** First name (directory, §11.1). */
  firstName?: string;
  /** Last name (directory, §11.1). */
  lastName?: string;
  /** E-mail address (directory, §11.1). */
  emailAddress?: string;
  /** Photo URL (directory, §11.1). */
  photoURL?: string;
  /**
   * The user's phone number (E.164, e.g. `+15550100001`): directory search by phone (§11.1), the
   * sender of its outbound SMS and the number whose inbound SMS it receives (README "Messaging").
   */
  phoneNumber?: string;
}

/** TLS material: PEM contents or file paths. @public */
export interface TlsOptions {
  cert: string;
  key: string;
}

/** Options of {@link startGateway}. @public */
export interface GatewayOptions {
  /** TCP port; 0 picks an ephemeral port. @default 0 (the CLI defaults to 8080) */
  port?: number;
  /** Interface to listen on. @default '127.0.0.1' */
  host?: string;
  /** The user table, or the path of a JSON/YAML file holding it. @default the demo users */
  users?: UserRecord[] | string;
  /**
   * Also serve https + wss (on {@link GatewayOptions.httpsPort}) with this certificate and key; http
   * and ws stay on `port`. The CLI creates a self-signed pair in its data directory when none is given.
   */
  tls?: TlsOptions;
  /** TCP port of the https listener (only with `tls`); 0 picks an ephemeral port. @default 0 (the CLI defaults to 8443) */
  httpsPort?: number;
  /**
   * A request's headers and body must arrive within this long; otherwise it is answered 408 and its
   * connection closed (within this bound plus a tenth of it, at most 1 s more). A connection that
   * sends nothing for this long is closed too. @default 30000
   */
  requestTimeoutMs?: number;
  /** An idle keep-alive connection is closed after this long. @default 5000 */
  keepAliveTimeoutMs?: number;
  /**
   * Open connections (http + https, WebSockets included) the gateway accepts. At the cap, idle
   * connections (no request in progress) are closed first; when none is idle, a new connection is
   * answered 503 (https: closed) at once. @default 10000
   */
  maxConnections?: number;
  /** Failed logins (Basic / `x-token`) per login name within `loginWindowMs` before it is throttled (429). @default 10 */
  loginFailuresPerUser?: number;
  /** Failed logins per client address within `loginWindowMs` before the address is throttled (429). @default 50 */
  loginFailuresPerAddress?: number;
  /** The login throttling window, in ms: counts reset and a throttled login is refused until it passes. @default 60000 */
  loginWindowMs?: number;
  /** `text`: the logger gets lines such as `POST /path -> 200`; `json`: pino's JSON records. @default 'text' */
  logFormat?: 'text' | 'json';
  /** Close a socket with code 4000 after this long without any client frame. @default 100000 */
  socketTimeoutMs?: number;
  /** How long notifications are queued while a subscription's socket is down. @default 120000 */
  notificationBufferMs?: number;
  /** Concurrent subscriptions allowed per user (§2.6). @default 5 */
  maxSubscriptionsPerUser?: number;
  /** Receives one line per log event, secrets redacted; low-importance lines start with `debug: `. @default no logging */
  logger?: (line: string) => void;
  /** Serve static files from this directory at `/`. */
  staticDir?: string;
  /** Delay between `gone` (or a DELETE / an override) and the server's close with 1000. @default 3000 */
  goneGraceMs?: number;
  /** An unanswered call is ended (`callEnd` 408 / `callCancel`) after this long. @default 60000 */
  alertingTimeoutMs?: number;
  /** A call whose leg sent no request (audit etc.) for this long is ended (§18.3.9). @default 75000 */
  legInactivityMs?: number;
  /** Upper bound for `subscriptionParams.expires`, in seconds. @default 86400 */
  maxExpiresSeconds?: number;
  /**
   * Shared secret of the TURN server (coturn's `static-auth-secret` with `use-auth-secret`), from
   * which every subscription's `turnCredentials` are derived (TURN REST API scheme: username
   * `<expiry>:<user>`, password base64(HMAC-SHA1(secret, username))). Never logged.
   * @default a fixed, public development secret
   */
  turnSecret?: string;
  /**
   * The TURN server URLs (`turn:host:port?transport=udp`) the credentials are for. Informational:
   * §2.2 sends no URLs (the application configures `call.defaultPeerConfig.iceServers`); the CLI
   * prints them. TURN URLs take only a `transport` query (Chromium 110+). @default []
   */
  turnUrls?: string[];
  /**
   * Lifetime of handed-out `turnCredentials`, in seconds from the create or refresh response that
   * carries them (each response carries fresh ones). @default 86400
   */
  turnCredentialTtlSeconds?: number;
  /** Expose the `/__test__/...` HTTP endpoints. @default true */
  testEndpoints?: boolean;
  /**
   * Serves the admin endpoints `POST /admin/sms/inbound` and `POST /admin/mwi` (README "Admin
   * endpoints"), which require `Authorization: Bearer <adminToken>`; never logged. The CLI reads it
   * from `SB_GATEWAY_ADMIN_TOKEN`. @default undefined (not served: 404)
   */
  adminToken?: string;
  /**
   * Live call legs a user may hold at once (either side). A `callStart` over it answers
   * 403 + 19; a call to a user at the limit ends at once with `callEnd` 486. @default 10
   */
  maxCallsPerUser?: number;
  /** Largest `sdp` accepted in one request (bytes, UTF-8); larger answers 413 + 5. @default 65536 */
  maxSdpBytes?: number;
  /**
   * Notifications queued per channel while no socket is attached; one more ends the subscription
   * with `gone` (the queue is discarded, a line is logged). @default 1000
   */
  maxQueuedNotifications?: number;
  /** Bytes (of frames) queued per channel while no socket is attached; over it, as above. @default 4194304 */
  maxQueuedBytes?: number;
  /** Push registrations per user (§14); one more answers 403 + 19. @default 10 */
  maxPushRegistrationsPerUser?: number;
  /** Largest push registration (bytes of its JSON fields); larger answers 413 + 5. @default 4096 */
  maxPushRegistrationBytes?: number;
  /** A push registration not renewed for this long is removed. @default 2592000000 (30 days) */
  pushRegistrationTtlMs?: number;
  /** Call-history records kept per user (§10); the oldest are dropped beyond it. @default 500 */
  maxHistoryRecordsPerUser?: number;
  /** Largest message text (IM, group, SMS; bytes, UTF-8); larger answers 413 + 5. @default 16384 */
  maxMessageBytes?: number;
  /** Messages kept per user (all conversations, both directions); the oldest are dropped beyond it. @default 5000 */
  maxStoredMessagesPerUser?: number;
  /** Messages (IM, group, SMS) a user may send per `messageRateWindowMs`; more answer 429 + 19 + `Retry-After`. @default 2000 */
  messageRateLimit?: number;
  /** The message rate window, in ms. @default 60000 */
  messageRateWindowMs?: number;
  /** Participants of a chat group, its owner included; more answer 403 + 19. @default 50 */
  maxGroupParticipants?: number;
  /** Largest uploaded file (README "Files"); larger answers 413 + 5. @default 5242880 (5 MiB) */
  maxFileBytes?: number;
  /** Bytes of files a user may have stored; more answer 403 + 19. @default 52428800 (50 MiB) */
  maxFileBytesPerUser?: number;
  /** Chat groups a user may be a participant of; more answer 403 + 19. @default 100 */
  maxGroupsPerUser?: number;
  /** Address-book entries per user (§12); more answer 403 + 19. @default 500 */
  maxContactsPerUser?: number;
  /** Presence watches per subscription (§7.2); more answer 403 + 19. @default 10000 */
  maxWatchesPerSubscription?: number;
  /** SIP event subscriptions per user (§8, one per event type); one more answers 403 + 19. @default 20 */
  maxSipEventSubscriptionsPerUser?: number;
  /**
   * Presence notifications a user's requests may cause per `messageRateWindowMs`: the pushes of a
   * `watch` / `get` (names × the subscriptions it applies to) and the watchers' notifications of a
   * presence update; more answer 429 + 19 + `Retry-After`. @default 50000
   */
  presenceNotificationRate?: number;
  /**
   * A notification that answers a client's own request (the remote answer / ringing / `callEnd`
   * after its `callStart`, `respondCallUpdate` after its `startCallUpdate`) is delivered no sooner
   * than this long after that client's HTTP response; 0 = as soon as the response is written.
   * Later notifications on the same channel wait behind it. @default 50
   */
  notificationGraceMs?: number;
  /**
   * Test knob. `'before-response'` sends those answering notifications AHEAD of the HTTP response:
   * the response to `callStart` / `startCallUpdate` is held until the first notification for that
   * leg has been sent (at most 5 s), and the request's own effects (the callee's `call`, the peer's
   * `startCallUpdate`) go out at once. @default 'after-response'
   */
  notificationOrder?: NotificationOrder;
  /** Test probe: receives the gateway's own monotonic timestamps of responses and notifications. */
  timingProbe?: (event: NotificationTimingEvent) => void;
  /**
   * Where subscriptions, channels, queued notifications, calls, push registrations and tokens are
   * kept: a directory (the SQLite file `gateway.sqlite` in it, created if missing), or `:memory:`
   * (nothing survives the process). @default ':memory:' (the CLI defaults to `./.gateway-data`)
   */
  data?: string;
}

/** Order of a request's HTTP response and the notifications that answer it. @public */
export type NotificationOrder = 'after-response' | 'before-response';

/**
 * One timing event of {@link GatewayOptions.timingProbe}; `at` is `performance.now()` in ms.
 * `response`: the HTTP response of a request answered by later notifications was written.
 * `notification`: a notification left its channel's grace hold (sent, or queued without a socket).
 * @public
 */
export type NotificationTimingEvent =
  | { kind: 'response'; legId: string; request: 'callStart' | 'startCallUpdate'; at: number }
  | { kind: 'notification'; channelId: string; eventType: string; legId?: string; at: number };

/** Kind of an issued token: `bearer` (Authorization: Bearer / `access_token`) or `access` (`token` query). @public */
export type TokenKind = 'bearer' | 'access';

/** A snapshot of one subscription. @public */
export interface SubscriptionSnapshot {
  id: string;
  username: string;
  service: string[];
  expires: number;
  expiresAt: number;
  subscription: string;
  notificationChannel: string;
  channelId: string;
  sessionId: string;
  clientCorrelator?: string;
  connected: boolean;
  queued: number;
  createdAt: number;
}

/** A snapshot of one call leg. @public */
export interface LegSnapshot {
  id: string;
  username: string;
  state: 'calling' | 'alerting' | 'answered' | 'ended';
}

/** A snapshot of one call. @public */
export interface CallSnapshot {
  id: string;
  state: 'alerting' | 'answered' | 'ended';
  caller: LegSnapshot;
  callee: LegSnapshot;
  alerted: string[];
  answeredBy?: string;
  endReason?: string;
  createdAt: number;
}

/** Test hooks (protocol §18.8); the same operations are exposed under `/__test__/`. @public */
export interface GatewayHooks {
  /** Issues a token for `username`, valid for `ttlSeconds` (default 3600). */
  issueToken(username: string, kind: TokenKind, ttlSeconds?: number): string;
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
  /** Snapshot of the subscriptions (of one user, or all). */
  subscriptions(username?: string): SubscriptionSnapshot[];
  /** Snapshot of the calls (including ended ones still remembered). */
  calls(): CallSnapshot[];
  /** Snapshot of the push registrations. */
  pushRegistrations(username?: string): Array<Record<string, unknown>>;
  /**
   * An SMS from the network: `from` (any phone number) to `to`, the phone number of a configured
   * user, who gets it in an sms conversation and as an `SMS` notification (README "Messaging").
   * Throws TypeError for an unknown `to` or an invalid message.
   */
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
  /**
   * Sets a user's voicemail counters (§9): served by `GET voicemail` and sent as an `mwi`
   * notification (§4.15) to the user's subscriptions holding `call`; returns how many got it.
   */
  setMwi(username: string, counts: MwiCounts): number;
  /**
   * Sends a SIP event (§4.16, solicited or unsolicited: no subscription needed) of `eventType`
   * (`event:<package>`) with `genericNotificationParams` to the user's subscriptions holding that
   * service; returns how many got it. Throws TypeError for an unknown user or malformed input.
   */
  injectSipEvent(username: string, eventType: string, genericNotificationParams: Record<string, unknown>): number;
  /** The stored SIP event subscriptions (§8) of `username`, or of every user. */
  sipEventSubscriptions(username?: string): Array<Record<string, unknown>>;
}

/** Voicemail counters for {@link GatewayHooks.setMwi}: numbers of messages (`voice`/`fax`/`multimedia`: per kind). @public */
export interface MwiCounts {
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
export interface Gateway {
  /** `http://host:port`. */
  url: string;
  /** `ws://host:port`. */
  wsUrl: string;
  /** `https://host:httpsPort` when https is on (`tls`), else undefined. */
  httpsUrl?: string;
  /** `wss://host:httpsPort` when https is on (`tls`), else undefined. */
  wssUrl?: string;
  host: string;
  port: number;
  /** The https port when https is on. */
  httpsPort?: number;
  hooks: GatewayHooks;
  /** Closes every socket and the server; clears every timer. */
  close(): Promise<void>;
}
