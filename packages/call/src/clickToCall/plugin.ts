/**
 * `clickToCallPlugin()`: adds `client.clickToCall` (seed 000 `clickToCall`). A separate import: a
 * client without it pays nothing.
 */
import { definePlugin } from '@switchboard/core';
import { backendContributions } from '../adapters/backendContributions';
import { connectivityTokens } from '@switchboard/connectivity';
import { createClickToCallApi } from './api';
import { clickToCallBackendExtensionPoint, type ClickToCallBackend, type ClickToCallBackendFactory } from './backend';
import { ClickToCalls } from './ClickToCalls';
import { clickToCallEvents } from './events';
import { linkClickToCallBackendFactory } from './link';
import type { ClickToCallApi } from './types';

/** Options of {@link clickToCallPlugin}. @public */
export interface ClickToCallPluginOptions {
  /**
   * Shorthand for contributing a backend to {@link clickToCallBackendExtensionPoint}: a factory or
   * an instance. @default the Link adapter, or the contribution of an installed adapter plugin
   */
  backend?: ClickToCallBackendFactory | ClickToCallBackend;
}

/** The click-to-call plugin's version. @public */
export const CLICK_TO_CALL_PLUGIN_VERSION = '0.1.0';

/**
 * Creates the click-to-call plugin (id `click-to-call`; it needs `connectivity`).
 * @example
 * ```ts
 * const client = createClient({ plugins: [connectivityPlugin(), clickToCallPlugin()] })
 * client.on('clickToCall:start', ({ callId }) => console.log('ringing both', callId))
 * client.clickToCall.make('sip:alice@example.com', 'sip:bob@example.com')
 * ```
 * @public
 */
export function clickToCallPlugin(options: ClickToCallPluginOptions = {}) {
  if (typeof options !== 'object' || options === null) throw new TypeError('clickToCallPlugin(options): options must be an object');
  const backends = backendContributions(clickToCallBackendExtensionPoint, linkClickToCallBackendFactory, options.backend, 'clickToCallPlugin');
  return definePlugin({
    id: 'click-to-call',
    version: CLICK_TO_CALL_PLUGIN_VERSION,
    sdkRange: '^0.1.0',
    dependsOn: ['connectivity'],
    events: clickToCallEvents,
    extensionPoints: [clickToCallBackendExtensionPoint],
    contributes: backends,
    deps: { transport: connectivityTokens.transport },
    register(ctx): {
      api: {
        /** The `clickToCall` namespace. */
        clickToCall: ClickToCallApi;
      };
      dispose: () => void;
    } {
      const backend = ctx.extension(clickToCallBackendExtensionPoint).value({ transport: ctx.deps.transport, logger: ctx.logger });
      const calls = new ClickToCalls({ backend, events: ctx.events, logger: ctx.logger });
      ctx.logger.debug(`click-to-call ready (backend: ${backend.name})`);
      return { api: { clickToCall: createClickToCallApi(calls) }, dispose: () => calls.dispose() };
    },
  });
}
