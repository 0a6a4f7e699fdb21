/**
 * Connectivity's config sections (seed 000 `config.subscription`, `config.connectivity`,
 * `config.notifications`) and the compatibility aliases for the 001/002 key layout.
 */
import { is, type ConfigAliases, type ConfigSection } from '@switchboard/core';

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
  /**
   * Unanswered pings before an error is reported. Not used on Link: the gateway never answers the
   * keepalive (protocol §3.3/§3.4), so a dead socket is detected only by its close/error events and by
   * the gateway closing a silent socket. Kept for API compatibility, validated and reported by
   * `connection.getSocketState()`. @default 3
   */
  maxMissedPings: number;
  /** Send keepalive pings. @default true (`false` under a `compatibility` profile, 001/002) */
  checkConnectivity: boolean;
  /** `'query'` sends the bearer token in the websocket URL, `'none'` does not. @default 'query' */
  webSocketOAuthMode: 'query' | 'none';
  /**
   * Compatibility (001/002): the connectivity method. Accepted; Link only supports
   * `{ type: 'keepAlive', responsibleParty: 'client' }`, which is what is used.
   */
  method?: {
    /** The check method. @default 'keepAlive' */
    type?: 'keepAlive' | 'pingPong';
    /** Which side starts the checks. @default 'client' */
    responsibleParty?: 'client' | 'server';
  };
}

/** `config.notifications`. @public */
export interface NotificationsConfig {
  /** How many notification ids to remember for de-duplication; `0` disables it. @default 100 */
  idCacheLength: number;
  /** Channels that may deliver incoming-call notifications. @default 'any-channel' */
  incomingCallNotificationMode: 'any-channel' | 'push-channel-only';
  /** A separate push-registration server (host, port, protocol, REST version). @default {} */
  pushRegistration: {
    /** Host of the push-registration server. */
    server?: string;
    /** Its port. */
    port?: string | number;
    /** `'https'` or `'http'`. */
    protocol?: string;
    /** Its REST version. */
    version?: string | number;
  };
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

const int = (min: number, max?: number) => is.number({ min, max, integer: true });
const port = int(1, 65535);
const ms = is.number({ min: 0 });
const text = is.string({ nonEmpty: true });
const bool = is.boolean();

/** @internal */
export const connectivitySections: readonly [
  ConfigSection<SubscriptionConfig, 'subscription'>,
  ConfigSection<ConnectivityConfig, 'connectivity'>,
  ConfigSection<NotificationsConfig, 'notifications'>,
] = [
  {
    name: 'subscription',
    defaults: subscriptionConfigDefaults,
    schema: {
      expires: int(1),
      serviceUnavailableMaxRetries: int(0),
      service: is.arrayOf(text),
      localization: text,
      useTurn: bool,
      notificationType: text,
      websocket: { server: text, protocol: is.oneOf(['wss', 'ws']), port },
    },
  },
  {
    name: 'connectivity',
    defaults: connectivityConfigDefaults,
    // the 001/002 default (seed 001 `connectivity.checkConnectivity`)
    legacyDefaults: { checkConnectivity: false },
    schema: {
      pingInterval: is.number({ min: 1 }),
      reconnectLimit: int(0),
      reconnectDelay: ms,
      reconnectTimeMultiplier: is.number({ min: 1 }),
      reconnectTimeLimit: ms,
      autoReconnect: bool,
      maxMissedPings: int(0),
      checkConnectivity: bool,
      webSocketOAuthMode: is.oneOf(['query', 'none']),
      method: { type: is.oneOf(['keepAlive', 'pingPong']), responsibleParty: is.oneOf(['client', 'server']) },
    },
  },
  {
    name: 'notifications',
    defaults: notificationsConfigDefaults,
    schema: {
      idCacheLength: int(0),
      incomingCallNotificationMode: is.oneOf(['any-channel', 'push-channel-only']),
      pushRegistration: { server: text, port: is.anyOf(port, text), protocol: is.oneOf(['https', 'http']), version: is.anyOf(text, int(1)) },
      realm: is.string(),
      bundleId: is.string(),
    },
  },
];

/** The 001/002 layout of the connectivity keys, still accepted under `authentication` (and typed). @public */
export interface LegacyConnectivityConfig {
  /** The 001/002 keys under `authentication`. */
  authentication: {
    /** @deprecated 001/002: use `authentication.server` and the `subscription` section. */
    subscription: Pick<SubscriptionConfig, 'expires' | 'service' | 'localization' | 'useTurn' | 'notificationType'> & {
      /** Host of the REST server (now `authentication.server.base`). */
      server: string;
      /** Now `authentication.server.protocol`. */
      protocol: 'https' | 'http';
      /** Now `authentication.server.port`. */
      port: number;
    };
    /** @deprecated 001/002: use `subscription.websocket`. */
    websocket: SubscriptionConfig['websocket'];
  };
}

/**
 * Compatibility keys of 001/002 and their current homes (each use is logged by core), written as
 * `legacy>current` pairs under `authentication.`. See the package README for the table.
 * @internal
 */
export const connectivityConfigAliases = (
  'subscription.server>server.base subscription.protocol>server.protocol subscription.port>server.port ' +
  'subscription.expires>+ subscription.service>+ subscription.localization>+ subscription.useTurn>+ subscription.notificationType>+ ' +
  'websocket.server>+ websocket.protocol>+ websocket.port>+'
)
  .split(' ')
  .map((pair) => {
    const [from, to] = pair.split('>') as [string, string];
    return { from: `authentication.${from}`, to: to === '+' ? `subscription.${from.replace('subscription.', '')}` : `authentication.${to}` };
  }) as ConfigAliases<LegacyConnectivityConfig>;
