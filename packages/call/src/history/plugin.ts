/**
 * `callHistoryPlugin()`: adds `client.call.history` (seed 000 `callHistory`) to the call
 * namespace. A separate import: a client without it pays nothing.
 */
import { definePlugin } from '@switchboard/core';
import { backendContributions } from '../adapters/backendContributions';
import { connectivityTokens } from '@switchboard/connectivity';
import { createCallHistoryApi } from './api';
import { callHistoryBackendExtensionPoint, type CallHistoryBackend, type CallHistoryBackendFactory } from './backend';
import { CallHistory } from './CallHistory';
import { callHistoryEvents } from './events';
import { linkCallHistoryBackendFactory } from './link';
import type { CallHistoryApi } from './types';

/** Options of {@link callHistoryPlugin}. @public */
export interface CallHistoryPluginOptions {
  /**
   * Shorthand for contributing a backend to {@link callHistoryBackendExtensionPoint}: a factory or
   * an instance. @default the Link adapter, or the contribution of an installed adapter plugin
   */
  backend?: CallHistoryBackendFactory | CallHistoryBackend;
}

/** The call-history plugin's version. @public */
export const CALL_HISTORY_PLUGIN_VERSION = '0.1.0';

/**
 * Creates the call-history plugin (id `call-history`; it needs `call` and `connectivity`).
 * @example
 * ```ts
 * const client = createClient({ plugins: [connectivityPlugin(), mediaPlugin(), callPlugin(), callHistoryPlugin()] })
 * client.on('callHistory:change', () => render(client.call.history.get()))
 * await client.call.history.fetch()
 * ```
 * @public
 */
export function callHistoryPlugin(options: CallHistoryPluginOptions = {}) {
  if (typeof options !== 'object' || options === null) throw new TypeError('callHistoryPlugin(options): options must be an object');
  const backends = backendContributions(callHistoryBackendExtensionPoint, linkCallHistoryBackendFactory, options.backend, 'callHistoryPlugin');
  return definePlugin({
    id: 'call-history',
    version: CALL_HISTORY_PLUGIN_VERSION,
    sdkRange: '^0.1.0',
    dependsOn: ['call', 'connectivity'],
    events: callHistoryEvents,
    extensionPoints: [callHistoryBackendExtensionPoint],
    contributes: backends,
    deps: { transport: connectivityTokens.transport },
    register(ctx): {
      api: {
        /** What is added to the `call` namespace. */
        call: {
          /** The `call.history` namespace. */
          history: CallHistoryApi;
        };
      };
      dispose: () => void;
    } {
      const backend = ctx.extension(callHistoryBackendExtensionPoint).value({ transport: ctx.deps.transport, logger: ctx.logger });
      const history = new CallHistory({ backend, events: ctx.events, logger: ctx.logger });
      ctx.logger.debug(`call history ready (backend: ${backend.name})`);
      return { api: { call: { history: createCallHistoryApi(history, ctx.config.compatibility) } }, dispose: () => history.dispose() };
    },
  });
}
