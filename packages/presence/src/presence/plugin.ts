/**
 * `presencePlugin()`: the `client.presence` namespace (seed 000 `presence`) over a presence backend
 * (the Link adapter by default). With the call plugin installed it publishes `on-the-phone` during
 * calls, heard through the call plugin's public `call:stateChange` event.
 */
import { definePlugin } from '@switchboard/core';
import { backendContributions } from '../shared';
import { connectivityTokens } from '@switchboard/connectivity';
import { createPresenceApi } from './api';
import { presenceBackendExtensionPoint, type PresenceBackend, type PresenceBackendFactory } from './backend';
import { presenceConfigSection } from './config';
import { presenceEvents } from './events';
import { linkPresenceBackendFactory } from './link';
import { watchCalls } from './onThePhone';
import { Presence } from './Presence';
import { PRESENCE_PLUGIN_VERSION } from '../version';
import type { PresenceApi } from './types';

/** Options of {@link presencePlugin}. @public */
export interface PresencePluginOptions {
  /**
   * Shorthand for contributing a backend to {@link presenceBackendExtensionPoint}: a factory or an
   * instance. @default the Link adapter, or the contribution of an installed adapter plugin
   */
  backend?: PresenceBackendFactory | PresenceBackend;
}


/**
 * Creates the presence plugin (id `presence`; it needs `connectivity`, and uses `call` when installed).
 * @example
 * ```ts
 * const client = createClient({ plugins: [connectivityPlugin(), presencePlugin()] })
 * client.on('presence:change', ({ userId, activity }) => console.log(userId, activity))
 * await client.presence.subscribe(['bob@example.com'])
 * await client.presence.update(client.presence.statuses.OPEN, client.presence.activities.AVAILABLE)
 * ```
 * @public
 */
export function presencePlugin(options: PresencePluginOptions = {}) {
  if (typeof options !== 'object' || options === null) throw new TypeError('presencePlugin(options): options must be an object');
  const contributions = backendContributions(presenceBackendExtensionPoint, linkPresenceBackendFactory, options.backend, 'presencePlugin');
  return definePlugin({
    id: 'presence',
    version: PRESENCE_PLUGIN_VERSION,
    sdkRange: '^0.1.0',
    dependsOn: ['connectivity'],
    config: [presenceConfigSection],
    events: presenceEvents,
    services: ['Presence'],
    extensionPoints: [presenceBackendExtensionPoint],
    contributes: contributions,
    deps: { transport: connectivityTokens.transport, notifications: connectivityTokens.notifications, subscription: connectivityTokens.subscription },
    register(ctx): {
      api: {
        /** The `presence` namespace. */
        presence: PresenceApi;
      };
      dispose: () => void;
    } {
      const backend = ctx.extension(presenceBackendExtensionPoint).value({ transport: ctx.deps.transport, notifications: ctx.deps.notifications, logger: ctx.logger });
      const view = ctx.deps.subscription;
      const presence = new Presence({
        backend,
        events: ctx.events,
        logger: ctx.logger,
        selfId: () => ctx.auth.getUserInfo().username ?? '',
        reportOnThePhone: () => ctx.config.section('presence').reportOnThePhone,
        hasPresenceService: () => view.isSubscribed('Presence'),
      });
      const stopWatching = watchCalls(ctx.events, (inCall) => presence.setInCall(inCall));
      let hadPresence = view.isSubscribed('Presence');
      const stopViewing = view.onChange(() => {
        const has = view.isSubscribed('Presence');
        if (has && !hadPresence) presence.rewatch();
        hadPresence = has;
      });
      ctx.logger.debug(`presence ready (backend: ${backend.name})`);
      return {
        api: { presence: createPresenceApi(presence) },
        dispose: () => {
          stopWatching();
          stopViewing();
          presence.dispose();
        },
      };
    },
  });
}
