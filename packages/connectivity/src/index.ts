/**
 * `@switchboard/connectivity`: the Kandy Link transport — REST client, notification websocket,
 * keepalive, reconnect, service subscriptions, notification routing with de-duplication and
 * push processing.
 * @packageDocumentation
 */
export { connectivityPlugin, CONNECTIVITY_VERSION } from './plugin';
export type { ConnectivityApi, ConnectivityPluginOptions } from './plugin';
export { connectivityTokens } from './tokens';
export type {
  LinkNotification, LinkRequestOptions, LinkResponse, LinkTransport, NotificationChannel, NotificationHandler, NotificationRegistry,
  SubscriptionView, TurnCredentials,
} from './tokens';
export { connectivityConfigDefaults, notificationsConfigDefaults, subscriptionConfigDefaults } from './config';
export type { ConnectivityConfig, LegacyConnectivityConfig, NotificationsConfig, SubscriptionConfig } from './config';
export { connectivityEvents } from './events';
export type { ConnectivityEventMap, ResubEvent } from './events';
export { connectivityErrorCodes } from './errors';
export type { ConnectivityErrorCode, LinkStatusErrorCode, LinkStatusErrorCodes } from './errors';
export { disconnectReasons, subscriptionStates } from './api/compatApi';
export type { CompatApi, ConnectCredentials } from './api/compatApi';
export type { ConnectionApi } from './api/connectionApi';
export type { NotificationApi } from './api/notificationApi';
export type { RequestApi } from './api/requestApi';
export type { ServicesApi } from './api/servicesApi';
export type {
  AndroidPushParams, ApplePushParams, ConnectionState, DisconnectReason, PushRegistrationInfo, RegisterPushParams, ServiceDescriptor,
  ReportedConnectivitySettings, SubscribeOptions, SubscriptionErrorEvent, SubscriptionsInfo, WSConnectionObject,
} from './types';
