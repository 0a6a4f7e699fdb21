/** Public types of the connectivity plugin. */
import type { BasicError } from '@switchboard/core';
import type { ConnectivityConfig } from './config';

/** A service with extra parameters (seed 000 `services.ServiceDescriptor`). @public */
export interface ServiceDescriptor {
  /** The service name, e.g. `'call'`, `'IM'`, `'Presence'`, `'event:presence'`, `'custom'`. */
  service: string;
  /**
   * Extra subscription parameters (e.g. `smsinbound`'s `destinationAddress` on other platforms). Validated
   * (must be an object) and ignored on Link: its `subscribeRequest` has no per-service parameters (protocol §2.1).
   */
  params?: Record<string, unknown>;
}

/** Options of `services.subscribe`. @public */
export interface SubscribeOptions {
  /** Log out the oldest session when the user has too many. @default false */
  forceLogOut?: boolean;
  /** The channel for updates; only `'websocket'` is supported. @default 'websocket' */
  type?: string;
  /** Unique id of this client instance. */
  clientCorrelator?: string;
}

/** The result of `services.getSubscriptions()`. @public */
export interface SubscriptionsInfo {
  /** Services with an active subscription (as granted by the server). */
  subscribed: string[];
  /** Services the installed plugins handle (their `services` declarations; connectivity: `custom`), plus any subscribed one. */
  available: string[];
  /** Whether a subscription operation is in progress. */
  isPending: boolean;
}

/** Why a subscription was lost unexpectedly (`subscription:change` `reason`). @public */
export type DisconnectReason = 'GONE' | 'LOST_CONNECTION' | 'WS_OVERRIDDEN';

/** The connectivity settings a {@link WSConnectionObject} reports (current `config.connectivity` values). @public */
export type ReportedConnectivitySettings = Pick<
  ConnectivityConfig,
  | 'pingInterval' | 'reconnectLimit' | 'reconnectDelay' | 'reconnectTimeMultiplier' | 'reconnectTimeLimit' | 'autoReconnect'
  | 'maxMissedPings' | 'webSocketOAuthMode'
>;

/**
 * Details of a websocket connection (seed 000 `connection.WSConnectionObject`). `maxMissedPings`
 * is reported but not used on Link (see its config key).
 * @public
 */
export interface WSConnectionObject extends ReportedConnectivitySettings {
  /** Whether the websocket is open. */
  connected: boolean;
  /** Whether a ping awaits its pong: always false, the Link keepalive expects no answer (see `maxMissedPings`). */
  pinging: boolean;
  /** The connectivity method in use. */
  method: {
    /** `'keepAlive'` on Link. */
    type?: string;
    /** `'client'` on Link: the client sends the keepalives. */
    responsibleParty?: string;
  };
  /** The platform of the connection (`'link'`). */
  platform: string;
  /** Where the websocket connects. */
  wsInfo: {
    /** `'wss'` or `'ws'`. */
    protocol?: string;
    /** The websocket host. */
    server?: string;
    /** The websocket port. */
    port?: number;
    /** The full websocket URL (without credentials). */
    url?: string;
    /** The query string of the URL, if any. */
    params?: string;
  };
  /** Time (ms since epoch) of the last frame received or of the last open; 0 when never. */
  lastContact: number;
}

/** Parameters of `notification.registerApplePush`. @public */
export interface ApplePushParams {
  /** The services to receive push notifications for. */
  services: string[];
  /** The device's PushKit (VoIP) token. */
  voipDeviceToken?: string;
  /** The device's standard APNs token. */
  standardDeviceToken?: string;
  /** The app's bundle id (defaults to `config.notifications.bundleId`). */
  bundleId?: string;
  /** Unique id of this client instance. */
  clientCorrelator?: string;
  /** The push realm (defaults to `config.notifications.realm`). */
  realm?: string;
  /** Whether the app uses the production APNs environment. */
  isProduction?: boolean;
}

/** Parameters of `notification.registerAndroidPush`. @public */
export interface AndroidPushParams {
  /** The services to receive push notifications for. */
  services: string[];
  /** The device's FCM registration token. */
  deviceToken: string;
  /** The app's package name (defaults to `config.notifications.bundleId`). */
  bundleId?: string;
  /** Unique id of this client instance. */
  clientCorrelator?: string;
  /** The push realm (defaults to `config.notifications.realm`). */
  realm?: string;
}

/** Parameters of the compatibility `notification.registerPush` (001/002). @public */
export interface RegisterPushParams {
  /** The device's push token. */
  deviceToken: string;
  /** The services to receive push notifications for. */
  services: string[];
  /** `'apple'` (APNs) or `'google'` (FCM). */
  pushProvider: 'apple' | 'google';
  /** Unique id of this client instance. */
  clientCorrelator?: string;
}

/** The information of a push registration; pass `registration` to unregister. @public */
export interface PushRegistrationInfo {
  /** The registration path returned by the server. */
  registration: string;
  /** `'apple'` or `'google'`. */
  provider: 'apple' | 'google';
}

/** The compatibility `getConnection()` result (001/002). @public */
export interface ConnectionState {
  /** Whether the user is subscribed with an open websocket. */
  isConnected: boolean;
  /** Whether a subscription operation is in progress. */
  isPending: boolean;
  /** The last connection error, if any. */
  error?: {
    /** The error's message. */
    message: string;
    /** The error's stack, when known. */
    stack?: string;
    /** The error's code, when known. */
    code?: string;
  };
}

/** A subscription error in events. @public */
export interface SubscriptionErrorEvent {
  /** What failed. */
  error: BasicError;
}
