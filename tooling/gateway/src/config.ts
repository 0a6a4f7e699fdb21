/** Resolved gateway settings: {@link GatewayOptions} with every default applied. */
import { createLogging, type Logging } from './logging';
import { resolveTurn, type TurnSettings } from './turn';
import type { GatewayOptions, NotificationOrder, NotificationTimingEvent } from './types';

/** Internal, fully defaulted settings. */
export interface Settings {
  port: number;
  host: string;
  socketTimeoutMs: number;
  notificationBufferMs: number;
  maxSubscriptionsPerUser: number;
  goneGraceMs: number;
  alertingTimeoutMs: number;
  legInactivityMs: number;
  maxExpiresSeconds: number;
  /** TURN credentials: URLs, shared secret, lifetime. */
  turn: TurnSettings;
  maxCallsPerUser: number;
  maxSdpBytes: number;
  maxQueuedNotifications: number;
  maxQueuedBytes: number;
  maxPushRegistrationsPerUser: number;
  maxPushRegistrationBytes: number;
  pushRegistrationTtlMs: number;
  maxHistoryRecordsPerUser: number;
  maxMessageBytes: number;
  maxStoredMessagesPerUser: number;
  messageRateLimit: number;
  messageRateWindowMs: number;
  maxGroupParticipants: number;
  maxFileBytes: number;
  maxFileBytesPerUser: number;
  maxGroupsPerUser: number;
  maxContactsPerUser: number;
  maxWatchesPerSubscription: number;
  maxSipEventSubscriptionsPerUser: number;
  presenceNotificationRate: number;
  testEndpoints: boolean;
  /** The bearer token of the `/admin/` endpoints; undefined = not served. */
  adminToken?: string;
  staticDir?: string;
  /** Where the durable state lives: a directory, or `:memory:`. */
  data: string;
  httpsPort: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  maxConnections: number;
  loginFailuresPerUser: number;
  loginFailuresPerAddress: number;
  loginWindowMs: number;
  /** The structured logger (Fastify's) behind {@link Settings.log}. */
  logging: Logging;
  notificationGraceMs: number;
  notificationOrder: NotificationOrder;
  /** Records a timing event (no-op without {@link GatewayOptions.timingProbe}). */
  probe: (event: NotificationTimingEvent) => void;
  /** Logs one line, with every secret redacted (see `redact.ts`). */
  log: (line: string) => void;
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new TypeError(`gateway option ${name} must be a positive number`);
  }
  return value;
}

function dataOption(value: string | undefined): string {
  if (value === undefined) return ':memory:';
  if (typeof value !== 'string' || !value) throw new TypeError('gateway option data must be a directory path or ":memory:"');
  return value;
}

function nonNegative(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new TypeError(`gateway option ${name} must be a non-negative number`);
  }
  return value;
}

function orderOf(value: unknown): NotificationOrder {
  if (value === undefined) return 'after-response';
  if (value !== 'after-response' && value !== 'before-response') {
    throw new TypeError("gateway option notificationOrder must be 'after-response' or 'before-response'");
  }
  return value;
}

/** Applies the defaults and checks the option types (throws TypeError on misuse). */
export function resolveSettings(options: GatewayOptions): Settings {
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new TypeError('gateway option port must be 0..65535');
  const httpsPort = options.httpsPort ?? 0;
  if (!Number.isInteger(httpsPort) || httpsPort < 0 || httpsPort > 65535) throw new TypeError('gateway option httpsPort must be 0..65535');
  if (options.logFormat !== undefined && options.logFormat !== 'text' && options.logFormat !== 'json') {
    throw new TypeError("gateway option logFormat must be 'text' or 'json'");
  }
  const turn = resolveTurn(options);
  const adminToken = options.adminToken;
  if (adminToken !== undefined && (typeof adminToken !== 'string' || !/^\S+$/.test(adminToken))) {
    throw new TypeError('gateway option adminToken must be a non-empty string without spaces');
  }
  const logging = createLogging(options, adminToken === undefined ? [turn.secret] : [turn.secret, adminToken]);
  const probe = options.timingProbe;
  if (probe !== undefined && typeof probe !== 'function') throw new TypeError('gateway option timingProbe must be a function');
  return {
    port,
    host: options.host ?? '127.0.0.1',
    socketTimeoutMs: positive(options.socketTimeoutMs, 100_000, 'socketTimeoutMs'),
    notificationBufferMs: positive(options.notificationBufferMs, 120_000, 'notificationBufferMs'),
    maxSubscriptionsPerUser: positive(options.maxSubscriptionsPerUser, 5, 'maxSubscriptionsPerUser'),
    goneGraceMs: positive(options.goneGraceMs, 3_000, 'goneGraceMs'),
    alertingTimeoutMs: positive(options.alertingTimeoutMs, 60_000, 'alertingTimeoutMs'),
    legInactivityMs: positive(options.legInactivityMs, 75_000, 'legInactivityMs'),
    maxExpiresSeconds: positive(options.maxExpiresSeconds, 86_400, 'maxExpiresSeconds'),
    turn,
    // Resource limits per user (README "Resource limits").
    maxCallsPerUser: positive(options.maxCallsPerUser, 10, 'maxCallsPerUser'),
    maxSdpBytes: positive(options.maxSdpBytes, 64 * 1024, 'maxSdpBytes'),
    maxQueuedNotifications: positive(options.maxQueuedNotifications, 1000, 'maxQueuedNotifications'),
    maxQueuedBytes: positive(options.maxQueuedBytes, 4 * 1024 * 1024, 'maxQueuedBytes'),
    maxPushRegistrationsPerUser: positive(options.maxPushRegistrationsPerUser, 10, 'maxPushRegistrationsPerUser'),
    maxPushRegistrationBytes: positive(options.maxPushRegistrationBytes, 4 * 1024, 'maxPushRegistrationBytes'),
    pushRegistrationTtlMs: positive(options.pushRegistrationTtlMs, 30 * 86_400_000, 'pushRegistrationTtlMs'),
    maxHistoryRecordsPerUser: positive(options.maxHistoryRecordsPerUser, 500, 'maxHistoryRecordsPerUser'),
    // Messaging, presence and address-book limits (README "Messaging").
    maxMessageBytes: positive(options.maxMessageBytes, 16 * 1024, 'maxMessageBytes'),
    maxStoredMessagesPerUser: positive(options.maxStoredMessagesPerUser, 5000, 'maxStoredMessagesPerUser'),
    messageRateLimit: positive(options.messageRateLimit, 2000, 'messageRateLimit'),
    messageRateWindowMs: positive(options.messageRateWindowMs, 60_000, 'messageRateWindowMs'),
    maxGroupParticipants: positive(options.maxGroupParticipants, 50, 'maxGroupParticipants'),
    maxFileBytes: positive(options.maxFileBytes, 5 * 1024 * 1024, 'maxFileBytes'),
    maxFileBytesPerUser: positive(options.maxFileBytesPerUser, 50 * 1024 * 1024, 'maxFileBytesPerUser'),
    maxGroupsPerUser: positive(options.maxGroupsPerUser, 100, 'maxGroupsPerUser'),
    maxContactsPerUser: positive(options.maxContactsPerUser, 500, 'maxContactsPerUser'),
    maxWatchesPerSubscription: positive(options.maxWatchesPerSubscription, 10_000, 'maxWatchesPerSubscription'),
    maxSipEventSubscriptionsPerUser: positive(options.maxSipEventSubscriptionsPerUser, 20, 'maxSipEventSubscriptionsPerUser'),
    presenceNotificationRate: positive(options.presenceNotificationRate, 50_000, 'presenceNotificationRate'),
    testEndpoints: options.testEndpoints ?? true,
    adminToken,
    staticDir: options.staticDir,
    data: dataOption(options.data),
    httpsPort,
    requestTimeoutMs: positive(options.requestTimeoutMs, 30_000, 'requestTimeoutMs'),
    keepAliveTimeoutMs: positive(options.keepAliveTimeoutMs, 5_000, 'keepAliveTimeoutMs'),
    maxConnections: positive(options.maxConnections, 10_000, 'maxConnections'),
    loginFailuresPerUser: positive(options.loginFailuresPerUser, 10, 'loginFailuresPerUser'),
    loginFailuresPerAddress: positive(options.loginFailuresPerAddress, 50, 'loginFailuresPerAddress'),
    loginWindowMs: positive(options.loginWindowMs, 60_000, 'loginWindowMs'),
    notificationGraceMs: nonNegative(options.notificationGraceMs, 50, 'notificationGraceMs'),
    notificationOrder: orderOf(options.notificationOrder),
    probe: (event) => {
      try {
        probe?.(event);
      } catch {
        /* a failing probe never breaks the gateway */
      }
    },
    logging,
    log: logging.log,
  };
}
