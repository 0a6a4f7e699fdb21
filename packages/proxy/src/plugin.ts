/**
 * `proxyPlugin(options?)`: proxy mode (seed 000 `proxy`). The call and media plugins run their
 * WebRTC and media through the platform's extension points; this plugin contributes to both a
 * switching implementation — the local browser when proxy mode is off, the channel to the remote
 * side (`@switchboard/proxy/remote`) when it is on — so neither plugin has a special case for it.
 */
import { contribute, definePlugin } from '@switchboard/core';
import { callTokens, peerConnectionExtensionPoint, type PeerConnectionFactory } from '@switchboard/call';
import { mediaEnvironmentExtensionPoint, type MediaEnvironment } from '@switchboard/media';
import { createProxyApi } from './api';
import { proxyConfigSection } from './config';
import { proxyEvents } from './events';
import { switchingEnvironment, switchingPeerConnection, type ProxySwitch } from './main/environment';
import { Proxy } from './main/Proxy';
import type { ProxyApi } from './types';
import { PROXY_VERSION } from './version';

/** Options of {@link proxyPlugin}. @public */
export interface ProxyPluginOptions {
  /**
   * The media environment used while proxy mode is off (members omitted read the browser's
   * globals). Replaces `mediaPlugin({ environment })`, which cannot be combined with this plugin
   * (two contributions to the media environment). @default the browser's globals
   */
  environment?: Partial<MediaEnvironment>;
  /**
   * The peer connection factory used while proxy mode is off. Replaces
   * `callPlugin({ peerConnectionFactory })`, which cannot be combined with this plugin.
   * @default `new RTCPeerConnection(config)`
   */
  peerConnectionFactory?: PeerConnectionFactory;
}

/**
 * Creates the proxy plugin (id `proxy`, namespace `client.proxy`; it needs `media` and `call`).
 * Install one per client: its contributions are bound to the client that registers it.
 * @example
 * ```ts
 * const client = createClient({ plugins: [connectivityPlugin(), mediaPlugin(), callPlugin(), proxyPlugin()] })
 * client.on('proxy:change', () => console.log(client.proxy.getInfo()))
 * client.proxy.setChannel({ send: (data) => socket.send(JSON.stringify(data)) })
 * socket.onmessage = (e) => channel.receive?.(JSON.parse(e.data))
 * client.proxy.initializeRemote()
 * // once remoteInitialized:
 * client.proxy.setProxyMode(true)
 * ```
 * @throws TypeError when `options` is not an object, or its members have the wrong type
 * @public
 */
export function proxyPlugin(options: ProxyPluginOptions = {}) {
  if (typeof options !== 'object' || options === null) throw new TypeError('proxyPlugin(options): options must be an object');
  const { environment: env, peerConnectionFactory: factory } = options;
  if ((env !== undefined && (typeof env !== 'object' || env === null)) || (factory !== undefined && typeof factory !== 'function')) {
    throw new TypeError('proxyPlugin(options): options.environment must be an object, options.peerConnectionFactory a function');
  }
  let current: ProxySwitch | undefined;
  const getSwitch = () => current;
  return definePlugin({
    id: 'proxy',
    version: PROXY_VERSION,
    sdkRange: '^0.1.0',
    dependsOn: ['media', 'call'],
    config: [proxyConfigSection],
    events: proxyEvents,
    contributes: [
      contribute(mediaEnvironmentExtensionPoint, 'proxy', switchingEnvironment(getSwitch, env)),
      contribute(peerConnectionExtensionPoint, 'proxy', switchingPeerConnection(getSwitch, factory)),
    ],
    deps: { calls: callTokens.calls, control: callTokens.control },
    register(ctx): {
      api: {
        /** The `proxy` namespace. */
        proxy: ProxyApi;
      };
      dispose: () => void;
    } {
      const proxy = new Proxy({
        logger: ctx.logger,
        config: () => ctx.config.section('proxy'),
        changed: () => void ctx.events.emit('proxy:change', {}),
        failed: (error) => {
          ctx.logger.warn(`proxy: ${error.message}`);
          void ctx.events.emit('proxy:error', { error });
        },
        calls: ctx.deps.calls,
        control: ctx.deps.control,
        compatibility: ctx.config.compatibility,
        interval: (fn, ms) => ctx.disposer.interval(fn, ms),
      });
      current = proxy;
      return {
        api: { proxy: createProxyApi(proxy) },
        dispose: () => {
          proxy.dispose();
          current = undefined;
        },
      };
    },
  });
}
