/**
 * `callPlugin(options?)`: audio/video calls over the Link gateway. Depends on `connectivity`
 * (transport, notifications, subscription) and `media` (the track registry).
 */
import { definePlugin } from '@switchboard/core';
import { connectivityTokens } from '@switchboard/connectivity';
import { mediaTokens } from '@switchboard/media';
import type { CallBackend, CallBackendFactory } from './adapters/backend';
import { linkCallBackendFactory } from './adapters/link';
import { createCallApi, type CallApi } from './api/callApi';
import { callConfigAliases, callConfigSection } from './config';
import { callEvents } from './events';
import { CallManager } from './internal/CallManager';
import { CALL_NOTIFICATIONS, handleCallNotification } from './internal/notifications';
import { browserPeerConnection, type PeerConnectionFactory } from './internal/PeerSession';
import { callTokens } from './tokens';

/** Options of {@link callPlugin}. @public */
export interface CallPluginOptions {
  /** The signalling backend: a factory (called with the Link transport) or an instance. @default the Link adapter */
  backend?: CallBackendFactory | CallBackend;
  /** Creates peer connections. @default `new RTCPeerConnection(config)` */
  peerConnectionFactory?: PeerConnectionFactory;
}

/** The call plugin's version. @public */
export const CALL_PLUGIN_VERSION = '0.1.0';

/**
 * Creates the call plugin.
 * @example
 * ```ts
 * const client = createClient({ plugins: [connectivityPlugin(), mediaPlugin(), callPlugin()] })
 * client.on('call:receive', ({ callId }) => client.call.answer(callId, { audio: true }))
 * const callId = client.call.make('sip:bob@example.com', { audio: true })
 * ```
 * @public
 */
export function callPlugin(options: CallPluginOptions = {}) {
  if (typeof options !== 'object' || options === null) throw new TypeError('callPlugin(options): options must be an object');
  return definePlugin({
    id: 'call',
    version: CALL_PLUGIN_VERSION,
    services: ['call'],
    exports: [callTokens.backend, callTokens.calls],
    dependsOn: ['connectivity', 'media'],
    sdkRange: '^0.1.0',
    config: [callConfigSection],
    configAliases: callConfigAliases,
    events: callEvents,
    deps: {
      transport: connectivityTokens.transport,
      notifications: connectivityTokens.notifications,
      subscription: connectivityTokens.subscription,
      media: mediaTokens.registry,
    },
    register(ctx): { api: { call: CallApi }; dispose: () => void } {
      const { transport, notifications, subscription, media } = ctx.deps;
      const chosen = options.backend ?? linkCallBackendFactory;
      const backend = typeof chosen === 'function' ? chosen({ transport, logger: ctx.logger }) : chosen;
      ctx.provide(callTokens.backend, backend);
      const manager = new CallManager({
        events: ctx.events,
        logger: ctx.logger,
        config: () => ctx.config.section('call'),
        backend,
        media,
        subscription,
        userId: () => ctx.auth.getUserInfo().username,
        peerFactory: options.peerConnectionFactory ?? browserPeerConnection,
      });
      ctx.provide(callTokens.calls, Object.freeze({ get: (callId: string) => manager.getById(callId), getAll: () => manager.getAll() }));
      const unregister = notifications.register(CALL_NOTIFICATIONS, (n) => handleCallNotification(manager, n));
      ctx.disposer.add(unregister);
      ctx.logger.debug(`call plugin ready (backend: ${backend.name})`);
      return { api: { call: createCallApi(manager) }, dispose: () => manager.dispose() };
    },
  });
}
