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
  connected: boolean;
  /** Whether a ping awaits its pong: always false, the Link keepalive expects no answer (see `maxMissedPings`). */
  pinging: boolean;
  method: { type?: string; responsibleParty?: string };
  platform: string;
  wsInfo: { protocol?: string; server?: string; port?: number; url?: string; params?: string };
  /** Time (ms since epoch) of the last frame received or of the last open; 0 when never. */
  lastContact: number;
}

/** Parameters of `notification.registerApplePush`. @public */
export interface ApplePushParams {
  services: string[];
  voipDeviceToken?: string;
  standardDeviceToken?: string;
  bundleId?: string;
  clientCorrelator?: string;
  realm?: string;
  isProduction?: boolean;
}

/** Parameters of `notification.registerAndroidPush`. @public */
export interface AndroidPushParams {
  services: string[];
  deviceToken: string;
  bundleId?: string;
  clientCorrelator?: string;
  realm?: string;
}

/** Parameters of the compatibility `notification.registerPush` (001/002). @public */
export interface RegisterPushParams {
  deviceToken: string;
  services: string[];
  pushProvider: 'apple' | 'google';
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
  isConnected: boolean;
  isPending: boolean;
  error?: { message: string; stack?: string; code?: string };
}

/** A subscription error in events. @public */
export interface SubscriptionErrorEvent {
  error: BasicError;
}
