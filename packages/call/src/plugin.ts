/**
 * `callPlugin(options?)`: audio/video calls over the Link gateway. Depends on `connectivity`
 * (transport, notifications, subscription) and `media` (the track registry).
 */
import { contribute, definePlugin } from '@switchboard/core';
import { backendContributions } from './adapters/backendContributions';
import { connectivityTokens } from '@switchboard/connectivity';
import { mediaTokens } from '@switchboard/media';
import type { CallBackend, CallBackendFactory } from './adapters/backend';
import { linkCallBackendFactory } from './adapters/link';
import { createCallApi, type CallApi } from './api/callApi';
import { callConfigAliases, callConfigSection } from './config';
import { callEvents } from './events';
import { CallRegistry } from './internal/CallRegistry';
import { browserPeerConnection, type PeerConnectionFactory } from './internal/PeerSession';
import { emitLegacyTrackEvents } from './internal/legacyProfile';
import { resyncOnConnect } from './internal/resync';
import { CallSignals } from './signals/CallSignals';
import { callBackendExtensionPoint, callTokens, peerConnectionExtensionPoint } from './tokens';

/** Options of {@link callPlugin}. @public */
export interface CallPluginOptions {
  /**
   * Shorthand for contributing a backend to {@link callBackendExtensionPoint}: a factory (called
   * with the Link services and a logger) or an instance. @default the Link adapter, or the
   * contribution of an installed adapter plugin
   */
  backend?: CallBackendFactory | CallBackend;
  /**
   * Creates peer connections: a shorthand for contributing to {@link peerConnectionExtensionPoint}.
   * @default `new RTCPeerConnection(config)`, or the contribution of an installed plugin (the proxy plugin)
   */
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
  const backends = backendContributions(callBackendExtensionPoint, linkCallBackendFactory, options.backend, 'callPlugin');
  return definePlugin({
    id: 'call',
    version: CALL_PLUGIN_VERSION,
    services: ['call'],
    exports: [callTokens.backend, callTokens.calls, callTokens.lookup, callTokens.control],
    dependsOn: ['connectivity', 'media'],
    sdkRange: '^0.1.0',
    config: [callConfigSection],
    configAliases: callConfigAliases,
    events: callEvents,
    extensionPoints: [callBackendExtensionPoint, peerConnectionExtensionPoint],
    contributes: [
      ...backends,
      // the fallback (no option) is the browser's RTCPeerConnection
      contribute(peerConnectionExtensionPoint, 'option', options.peerConnectionFactory ?? browserPeerConnection, { fallback: !options.peerConnectionFactory }),
    ],
    deps: {
      transport: connectivityTokens.transport,
      notifications: connectivityTokens.notifications,
      subscription: connectivityTokens.subscription,
      media: mediaTokens.registry,
    },
    register(ctx): {
      api: {
        /** The `call` namespace. */
        call: CallApi;
      };
      dispose: () => void;
    } {
      const { transport, notifications, subscription, media } = ctx.deps;
      const backend = ctx.extension(callBackendExtensionPoint).value({ transport, notifications, logger: ctx.logger });
      ctx.provide(callTokens.backend, backend);
      const { events, logger } = ctx;
      const config = () => ctx.config.section('call');
      // What every call shares (its own collaborators), then the registry of this client's calls.
      const calls = new CallRegistry({
        call: { events, logger, config, media, subscription, backend, peerFactory: ctx.extension(peerConnectionExtensionPoint).value },
        events, logger, config, backend,
      });
      const userId = () => ctx.auth.getUserInfo().username;
      const signals = new CallSignals({ calls, backend, config, userId, events, logger });
      ctx.provide(callTokens.lookup, calls);
      ctx.provide(callTokens.calls, Object.freeze({ get: (callId: string) => calls.getById(callId), getAll: () => calls.getAll() }));
      ctx.provide(callTokens.control, Object.freeze({ get: (callId: string) => calls.get(callId), refuse: calls.refuse.bind(calls) }));
      ctx.disposer.add(resyncOnConnect({ calls, backend, subscription, config }));
      ctx.disposer.add(backend.listen((signal) => signals.handle(signal)));
      ctx.logger.debug(`call plugin ready (backend: ${backend.name})`);
      const { compatibility } = ctx.config;
      if (compatibility) emitLegacyTrackEvents(events, ctx.disposer);
      const api = createCallApi({ calls, backend, subscription, config, userId, events, logger, signals, compatibility });
      return { api: { call: api }, dispose: () => calls.dispose() };
    },
  });
}
