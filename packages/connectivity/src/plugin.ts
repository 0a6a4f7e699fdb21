/**
 * `connectivityPlugin()`: wires the Link transport, the subscription manager, the websocket
 * channel, the notification router and push registrations, provides the three connectivity
 * tokens, and contributes the `services`, `connection`, `notification` (alias `notifications`)
 * and `request` namespaces plus the 001/002 compatibility methods.
 */
import { definePlugin } from '@switchboard/core';
import { createCompatApi, type CompatApi } from './api/compatApi';
import { createConnectionApi, type ConnectionApi } from './api/connectionApi';
import { createNotificationApi, type NotificationApi } from './api/notificationApi';
import { createRequestApi, type RequestApi } from './api/requestApi';
import { createServicesApi, type ServicesApi } from './api/servicesApi';
import {
  connectivityConfigAliases, connectivitySections,
} from './config';
import { connectivityEvents } from './events';
import { wsAuthQuery } from './internal/authCarriage';
import { createTransport } from './internal/HttpTransport';
import { createNotificationRouter } from './internal/NotificationRouter';
import { createPushRegistrations } from './internal/PushRegistrations';
import { appendQuery, buildQuery } from './internal/query';
import { createSubscriptionManager } from './internal/SubscriptionManager';
import { createWebSocketChannel } from './internal/WebSocketChannel';
import { connectivityTokens } from './tokens';

/** Options of {@link connectivityPlugin}. @public */
export interface ConnectivityPluginOptions {
  /** The WebSocket constructor (e.g. the `ws` package in Node). @default globalThis.WebSocket */
  WebSocket?: typeof WebSocket;
  /** The fetch function. @default globalThis.fetch */
  fetch?: typeof fetch;
}

/** The API the connectivity plugin contributes. @public */
export type ConnectivityApi = CompatApi & {
  /** Subscription to services (`subscribe`, `unsubscribe`, `getSubscriptions`). */
  readonly services: ServicesApi;
  /** The notification websocket (`getSocketState`, connectivity checks). */
  readonly connection: ConnectionApi;
  /** Notifications: external ones (`process`) and push registration. */
  readonly notification: NotificationApi;
  /**
   * An alias of `notification` (the same methods on the same state). Both names are kept on purpose: seed 000 (Ribbon) documents
   * the namespace as `notification` but its own links and examples call `api.notifications.process`
   * and `notifications.registerPush`, and apps follow either spelling.
   */
  readonly notifications: NotificationApi;
  /** Authenticated REST requests to the gateway (`fetch`). */
  readonly request: RequestApi;
};

/** The plugin version. @internal */
export const CONNECTIVITY_VERSION = '0.1.0';

/**
 * Creates the connectivity plugin.
 * @example
 * ```ts
 * import WebSocket from 'ws' // Node only; browsers use the global
 * const client = createClient({
 *   plugins: [connectivityPlugin({ WebSocket })],
 *   config: { authentication: { server: { base: 'gw.example.com' } } },
 * })
 * client.setCredentials({ username: 'alice@example.com', password: '…' })
 * client.services.subscribe(['call', 'IM', 'Presence'])
 * ```
 * @public
 */
export function connectivityPlugin(options: ConnectivityPluginOptions = {}) {
  if (typeof options !== 'object' || options === null) throw new TypeError('connectivityPlugin(options): options must be an object');
  return definePlugin({
    id: 'connectivity',
    version: CONNECTIVITY_VERSION,
    sdkRange: '^0.1.0',
    config: connectivitySections,
    configAliases: connectivityConfigAliases,
    events: connectivityEvents,
    // `custom` (externalnotification deliveries, §15) is sent with `request.fetch` and routed by this plugin's registry.
    services: ['custom'],
    exports: [connectivityTokens.transport, connectivityTokens.notifications, connectivityTokens.subscription],
    register(ctx): { api: ConnectivityApi; dispose: () => Promise<void> } {
      const sub = () => ctx.config.section('subscription');
      const conn = () => ctx.config.section('connectivity');
      const notif = () => ctx.config.section('notifications');
      const server = () => ctx.config.section('authentication').server;
      const transport = createTransport({
        fetch: options.fetch,
        auth: () => ctx.auth.get(),
        server,
        logger: ctx.logger,
        onAuthFailure: (error) => {
          ctx.events.emit('request:error', { error });
          ctx.events.emit('auth:error', { error });
        },
      });
      const router = createNotificationRouter(ctx.logger, notif);
      const manager = createSubscriptionManager({
        transport,
        events: ctx.events,
        logger: ctx.logger,
        subscriptionConfig: sub,
        connectivityConfig: conn,
        services: ctx.services,
        onFrame: router.handleFrame,
      });
      const wsServer = () => sub().websocket.server ?? server()?.base;
      const channel = createWebSocketChannel({
        WebSocket: options.WebSocket ?? (globalThis as { WebSocket?: unknown }).WebSocket,
        config: conn,
        logger: ctx.logger,
        listener: manager,
        url: () => {
          const ws = sub().websocket;
          const query = buildQuery(wsAuthQuery(ctx.auth.get(), conn().webSocketOAuthMode));
          return appendQuery(`${ws.protocol}://${wsServer()}:${ws.port}${manager.channelPath() ?? '/'}`, query);
        },
      });
      manager.channel = channel;
      const unregisterInternal = router.register(['gone', 'websocketOverridden'], (n) =>
        manager.terminated(n.eventType === 'gone' ? 'GONE' : 'WS_OVERRIDDEN', typeof n.retryAfter === 'number' ? n.retryAfter : undefined),
      );
      const stopConfigWatch = ctx.config.onChange(() => channel.refreshKeepalive());
      const push = createPushRegistrations(transport, ctx.events, ctx.logger, notif);

      ctx.provide(connectivityTokens.transport, transport);
      ctx.provide(connectivityTokens.notifications, { register: router.register });
      ctx.provide(connectivityTokens.subscription, manager);

      const notification = createNotificationApi({ router, push, config: notif });
      const api: ConnectivityApi = {
        ...createCompatApi({ manager, transport, auth: ctx.auth, events: ctx.events, subscription: sub }),
        services: createServicesApi(manager, transport),
        connection: createConnectionApi({ channel, connectivity: conn, subscription: sub, wsServer, channelPath: () => manager.channelPath() }),
        notification,
        notifications: notification,
        request: createRequestApi(transport),
      };
      return {
        api,
        dispose: async () => {
          stopConfigWatch();
          unregisterInternal();
          await manager.dispose();
          router.clear();
        },
      };
    },
  });
}
