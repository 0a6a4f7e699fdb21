/**
 * Connectivity's config sections (seed 000 `config.subscription`, `config.connectivity`,
 * `config.notifications`) and the compatibility aliases for the 001/002 key layout.
 */
import { is, type ConfigAlias, type ConfigSection } from '@switchboard/core';

/** `config.subscription`. @public */
export interface SubscriptionConfig {
  /** Lifetime of a subscription, in seconds. @default 3600 */
  expires: number;
  /** How many times a subscription is retried after "Service Unavailable" (HTTP 503). @default 3 */
  serviceUnavailableMaxRetries: number;
  /** Services subscribed by the compatibility `connect()`. @default ['call', 'IM', 'Presence'] */
  service: string[];
  /** Locale sent with the subscription (compatibility key of 002). @default 'English_US' */
  localization: string;
  /** Ask the server for TURN credentials (compatibility key of 002). @default true */
  useTurn: boolean;
  /** Notification channel type sent with the subscription (compatibility key of 002). @default 'WebSocket' */
  notificationType: string;
  /** The notification websocket server. */
  websocket: {
    /** Hostname of the websocket server. Falls back to `authentication.server.base` when absent. */
    server?: string;
    /** `'wss'`, or `'ws'` for local development. @default 'wss' */
    protocol: 'wss' | 'ws';
    /** Port of the websocket server. @default 443 */
    port: number;
  };
}

/** `config.connectivity`. @public */
export interface ConnectivityConfig {
  /** Milliseconds between keepalive pings. @default 30000 */
  pingInterval: number;
  /** Failed (re)connect attempts before the connection is reported lost; `0` = unlimited. @default 5 */
  reconnectLimit: number;
  /** Base delay between reconnect attempts, in ms. @default 5000 */
  reconnectDelay: number;
  /** Factor applied to the delay after each failed attempt. @default 1 */
  reconnectTimeMultiplier: number;
  /** Upper bound on the reconnect delay, in ms. @default 640000 */
  reconnectTimeLimit: number;
  /** Reconnect (and re-subscribe) automatically after a disruption. @default true */
  autoReconnect: boolean;
  /** Unanswered pings before an error is reported (unused: Link keepalive expects no answer). @default 3 */
  maxMissedPings: number;
  /** Send keepalive pings. @default true */
  checkConnectivity: boolean;
  /** `'query'` sends the bearer token in the websocket URL, `'none'` does not. @default 'query' */
  webSocketOAuthMode: 'query' | 'none';
  /**
   * Compatibility (001/002): the connectivity method. Accepted; Link only supports
   * `{ type: 'keepAlive', responsibleParty: 'client' }`, which is what is used.
   */
  method?: { type?: 'keepAlive' | 'pingPong'; responsibleParty?: 'client' | 'server' };
}

/** `config.notifications`. @public */
export interface NotificationsConfig {
  /** How many notification ids to remember for de-duplication; `0` disables it. @default 100 */
  idCacheLength: number;
  /** Channels that may deliver incoming-call notifications. @default 'any-channel' */
  incomingCallNotificationMode: 'any-channel' | 'push-channel-only';
  /** A separate push-registration server (host, port, protocol, REST version). @default {} */
  pushRegistration: { server?: string; port?: string | number; protocol?: string; version?: string | number };
  /** Compatibility (001/002): push realm used by `registerPush`. */
  realm?: string;
  /** Compatibility (001/002): bundle id used by `registerPush`. */
  bundleId?: string;
}

/** Defaults of `config.subscription`. @public */
export const subscriptionConfigDefaults: SubscriptionConfig = {
  expires: 3600,
  serviceUnavailableMaxRetries: 3,
  service: ['call', 'IM', 'Presence'],
  localization: 'English_US',
  useTurn: true,
  notificationType: 'WebSocket',
  websocket: { protocol: 'wss', port: 443 },
};

/** Defaults of `config.connectivity`. @public */
export const connectivityConfigDefaults: ConnectivityConfig = {
  pingInterval: 30000,
  reconnectLimit: 5,
  reconnectDelay: 5000,
  reconnectTimeMultiplier: 1,
  reconnectTimeLimit: 640000,
  autoReconnect: true,
  maxMissedPings: 3,
  checkConnectivity: true,
  webSocketOAuthMode: 'query',
};

/** Defaults of `config.notifications`. @public */
export const notificationsConfigDefaults: NotificationsConfig = {
  idCacheLength: 100,
  incomingCallNotificationMode: 'any-channel',
  pushRegistration: {},
};

const port = is.number({ min: 1, max: 65535, integer: true });
const ms = is.number({ min: 0 });

/** @internal */
export const connectivitySections: readonly ConfigSection<object>[] = [
  {
    name: 'subscription',
    defaults: subscriptionConfigDefaults,
    schema: {
      expires: is.number({ min: 1, integer: true }),
      serviceUnavailableMaxRetries: is.number({ min: 0, integer: true }),
      service: is.arrayOf(is.string({ nonEmpty: true })),
      localization: is.string({ nonEmpty: true }),
      useTurn: is.boolean(),
      notificationType: is.string({ nonEmpty: true }),
      websocket: { server: is.string({ nonEmpty: true }), protocol: is.oneOf(['wss', 'ws']), port },
    },
  },
  {
    name: 'connectivity',
    defaults: connectivityConfigDefaults,
    schema: {
      pingInterval: is.number({ min: 1 }),
      reconnectLimit: is.number({ min: 0, integer: true }),
      reconnectDelay: ms,
      reconnectTimeMultiplier: is.number({ min: 1 }),
      reconnectTimeLimit: ms,
      autoReconnect: is.boolean(),
      maxMissedPings: is.number({ min: 0, integer: true }),
      checkConnectivity: is.boolean(),
      webSocketOAuthMode: is.oneOf(['query', 'none']),
      method: { type: is.oneOf(['keepAlive', 'pingPong']), responsibleParty: is.oneOf(['client', 'server']) },
    },
  },
  {
    name: 'notifications',
    defaults: notificationsConfigDefaults,
    schema: {
      idCacheLength: is.number({ min: 0, integer: true }),
      incomingCallNotificationMode: is.oneOf(['any-channel', 'push-channel-only']),
      pushRegistration: {
        server: is.string({ nonEmpty: true }),
        port: is.anyOf(port, is.string({ nonEmpty: true })),
        protocol: is.oneOf(['https', 'http']),
        version: is.anyOf(is.string({ nonEmpty: true }), is.number({ min: 1, integer: true })),
      },
      realm: is.string(),
      bundleId: is.string(),
    },
  },
];

/**
 * Compatibility keys of 001/002 and their current homes (each use is logged by core).
 * See the package README for the table.
 * @internal
 */
export const connectivityConfigAliases: readonly ConfigAlias[] = [
  { from: 'authentication.subscription.server', to: 'authentication.server.base' },
  { from: 'authentication.subscription.protocol', to: 'authentication.server.protocol' },
  { from: 'authentication.subscription.port', to: 'authentication.server.port' },
  { from: 'authentication.subscription.expires', to: 'subscription.expires' },
  { from: 'authentication.subscription.service', to: 'subscription.service' },
  { from: 'authentication.subscription.localization', to: 'subscription.localization' },
  { from: 'authentication.subscription.useTurn', to: 'subscription.useTurn' },
  { from: 'authentication.subscription.notificationType', to: 'subscription.notificationType' },
  { from: 'authentication.websocket.server', to: 'subscription.websocket.server' },
  { from: 'authentication.websocket.protocol', to: 'subscription.websocket.protocol' },
  { from: 'authentication.websocket.port', to: 'subscription.websocket.port' },
];
