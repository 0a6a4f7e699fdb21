/**
 * `sipEventsPlugin()`: the `client.sip` namespace (seed 000 `sip`) over a SIP events backend (the
 * Link adapter by default).
 */
import { contribute, definePlugin } from '@switchboard/core';
import { connectivityTokens } from '@switchboard/connectivity';
import { createSipApi } from './api';
import { sipEventsBackendExtensionPoint, type SipEventsBackend, type SipEventsBackendFactory } from './backend';
import { sipEventsTokens, type SipCallResolver } from './callLinks';
import { sipEvents } from './events';
import { linkSipEventsBackendFactory } from './link';
import { SipEvents } from './SipEvents';
import type { SipApi } from './types';
import { SIP_EVENTS_PLUGIN_VERSION } from './version';

/** What an instance given as `options.backend` must have (functions). */
const BACKEND_METHODS = ['subscribe', 'update', 'unsubscribe', 'onEvent'] as const;

/** Options of {@link sipEventsPlugin}. @public */
export interface SipEventsPluginOptions {
  /**
   * Shorthand for contributing a backend to {@link sipEventsBackendExtensionPoint}: a factory or
   * an instance. @default the Link adapter, or the contribution of an installed adapter plugin
   */
  backend?: SipEventsBackendFactory | SipEventsBackend;
}

/**
 * Creates the SIP events plugin (id `sip-events`; it needs `connectivity`). Install
 * `sipCallLinksPlugin()` after it (with the call plugin) for `links.callId` of local calls.
 * @example
 * ```ts
 * const client = createClient({ plugins: [connectivityPlugin(), sipEventsPlugin()] })
 * client.on('sip:eventsChange', ({ eventType, event }) => console.log(eventType, event.genericNotificationParams))
 * client.on('subscription:change', () => client.sip.subscribe('event:presence', ['bob@example.com'], 'tab-1'))
 * client.services.subscribe(['call', 'event:presence'])
 * ```
 * @public
 */
export function sipEventsPlugin(options: SipEventsPluginOptions = {}) {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) throw new TypeError('sipEventsPlugin(options): options must be an object');
  const chosen: unknown = options.backend;
  const isBackend = (b: unknown) => typeof b === 'object' && b !== null && BACKEND_METHODS.every((m) => typeof (b as Record<string, unknown>)[m] === 'function');
  if (chosen !== undefined && typeof chosen !== 'function' && !isBackend(chosen)) {
    throw new TypeError('sipEventsPlugin(options): options.backend must be a backend or a backend factory');
  }
  const contributions = [contribute(sipEventsBackendExtensionPoint, 'link', linkSipEventsBackendFactory, { fallback: true })];
  if (chosen !== undefined) {
    contributions.push(contribute(sipEventsBackendExtensionPoint, 'option', typeof chosen === 'function' ? (chosen as SipEventsBackendFactory) : () => chosen as SipEventsBackend));
  }
  return definePlugin({
    id: 'sip-events',
    version: SIP_EVENTS_PLUGIN_VERSION,
    sdkRange: '^0.1.0',
    dependsOn: ['connectivity'],
    events: sipEvents,
    extensionPoints: [sipEventsBackendExtensionPoint],
    contributes: contributions,
    exports: [sipEventsTokens.callLinks],
    deps: { transport: connectivityTokens.transport, notifications: connectivityTokens.notifications, subscription: connectivityTokens.subscription },
    register(ctx): {
      api: {
        /** The `sip` namespace. */
        sip: SipApi;
      };
      dispose: () => void;
    } {
      const backend = ctx.extension(sipEventsBackendExtensionPoint).value({ transport: ctx.deps.transport, notifications: ctx.deps.notifications, logger: ctx.logger });
      let resolver: SipCallResolver | undefined;
      ctx.provide(sipEventsTokens.callLinks, { setResolver: (r) => void (resolver = r) });
      const sip = new SipEvents({
        backend,
        events: ctx.events,
        logger: ctx.logger,
        hasService: (service) => ctx.deps.subscription.isSubscribed(service),
        localCallOf: (legId) => resolver?.(legId),
      });
      ctx.logger.debug(`sip-events ready (backend: ${backend.name})`);
      return { api: { sip: createSipApi(sip) }, dispose: () => sip.dispose() };
    },
  });
}
