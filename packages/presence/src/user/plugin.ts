/** `userPlugin()`: the `client.user` namespace (seed 000 `user`, the directory) over a directory backend. */
import { definePlugin } from '@switchboard/core';
import { connectivityTokens } from '@switchboard/connectivity';
import { backendContributions } from '../shared';
import { PRESENCE_PLUGIN_VERSION } from '../version';
import { createUserApi } from './api';
import { userBackendExtensionPoint, type UserBackend, type UserBackendFactory } from './backend';
import { Directory } from './Directory';
import { userEvents } from './events';
import { linkUserBackendFactory } from './link';
import type { UserApi } from './types';

/** Options of {@link userPlugin}. @public */
export interface UserPluginOptions {
  /** Shorthand for contributing a backend to {@link userBackendExtensionPoint}. @default the Link adapter */
  backend?: UserBackendFactory | UserBackend;
}

/**
 * Creates the user (directory) plugin (id `user`; it needs `connectivity`).
 * @example
 * ```ts
 * const client = createClient({ plugins: [connectivityPlugin(), userPlugin()] })
 * client.on('directory:change', ({ results }) => render(results))
 * await client.user.search({ name: 'bob' })
 * ```
 * @public
 */
export function userPlugin(options: UserPluginOptions = {}) {
  if (typeof options !== 'object' || options === null) throw new TypeError('userPlugin(options): options must be an object');
  const contributions = backendContributions(userBackendExtensionPoint, linkUserBackendFactory, options.backend, 'userPlugin');
  return definePlugin({
    id: 'user',
    version: PRESENCE_PLUGIN_VERSION,
    sdkRange: '^0.1.0',
    dependsOn: ['connectivity'],
    events: userEvents,
    extensionPoints: [userBackendExtensionPoint],
    contributes: contributions,
    deps: { transport: connectivityTokens.transport },
    register(ctx): {
      api: {
        /** The `user` namespace. */
        user: UserApi;
      };
      dispose: () => void;
    } {
      const backend = ctx.extension(userBackendExtensionPoint).value({ transport: ctx.deps.transport, logger: ctx.logger });
      const directory = new Directory({ backend, events: ctx.events, logger: ctx.logger, legacy: Boolean(ctx.config.compatibility) });
      return { api: { user: createUserApi(directory) }, dispose: () => directory.dispose() };
    },
  });
}
