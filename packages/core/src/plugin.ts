/**
 * The plugin contract. A feature package exports a factory (`callPlugin(options)`) that returns
 * `definePlugin({...})`: an opaque, tagged object the host checks (id, version, dependencies,
 * `sdkRange`) and registers in `dependsOn` order.
 */
import type { AuthManager } from './auth';
import type { ConfigAlias, ConfigSection, SdkConfig } from './config';
import type { EventBus } from './events';
import type { LogManager, Logger } from './logger';
import type { ResolvedDeps, Token, TokenMap } from './tokens';
import { BasicError } from './errors';

/** Read access to the configuration for plugins. @public */
export interface ConfigReader {
  /** The whole current configuration (frozen). */
  get(): SdkConfig;
  /** One section's current values (frozen). Read it at use time: `updateConfig` replaces it. */
  section<T>(name: string): T;
  /** Called after each successful `updateConfig`. Returns an unsubscribe function. */
  onChange(listener: (config: SdkConfig) => void): () => void;
}

/** Collects cleanup functions; `dispose()` runs them in reverse order. @public */
export interface Disposer {
  /** Registers a cleanup function. */
  add(cleanup: () => void | Promise<void>): void;
  /** Registers a timer to clear on dispose; returns the timer. */
  timeout(fn: () => void, ms: number): ReturnType<typeof setTimeout>;
  /** Registers an interval to clear on dispose; returns the interval. */
  interval(fn: () => void, ms: number): ReturnType<typeof setInterval>;
}

/** What a plugin's `register` receives. @public */
export interface PluginContext<D extends TokenMap = TokenMap> {
  /** The plugin id. */
  readonly id: string;
  /** The plugin's declared dependencies, resolved. */
  readonly deps: ResolvedDeps<D>;
  /** The client's event bus; emit the plugin's declared events here. */
  readonly events: EventBus;
  /** Configuration access. */
  readonly config: ConfigReader;
  /** Credentials. */
  readonly auth: AuthManager;
  /** The plugin's logger (target type = plugin id). */
  readonly logger: Logger;
  /** Creates more named loggers (e.g. one per call). */
  readonly logs: LogManager;
  /** Cleanup registry, released by `destroy()`. */
  readonly disposer: Disposer;
  /** Backend service names declared by every installed plugin (`spec.services`), in install order. */
  readonly services: readonly string[];
  /** Makes a service available to plugins registered after this one. */
  provide<T>(token: Token<T>, value: T): void;
}

/** What `register` returns: the API merged into the client, and an optional cleanup. @public */
export interface PluginInstance<Api extends object> {
  /** Namespaces (e.g. `{ call: callApi }`) and top-level methods merged into the client. */
  api: Api;
  /** Releases everything the plugin opened; called by `destroy()` in reverse init order. */
  dispose?: () => void | Promise<void>;
}

/** The specification given to {@link definePlugin}. @public */
export interface PluginSpec<Api extends object, D extends TokenMap> {
  /** Kebab-case id, unique per client. */
  id: string;
  /** The plugin's version (semver). */
  version: string;
  /** Ids of plugins that must be registered before this one. */
  dependsOn?: readonly string[];
  /** Range of `@switchboard/core` versions this plugin works with, e.g. `'^0.1.0'`. */
  sdkRange?: string;
  /** Config sections this plugin owns. */
  config?: readonly ConfigSection<object>[];
  /** Compatibility aliases for legacy config keys. */
  configAliases?: readonly ConfigAlias[];
  /** Event types the plugin emits (so `client.on` accepts them). */
  events?: readonly string[];
  /** Backend service names the plugin handles (e.g. `['call']`), listed in `services.getSubscriptions().available`. */
  services?: readonly string[];
  /** Services from other plugins (or core) this plugin needs. */
  deps?: D;
  /** Builds the plugin. Synchronous: `createClient` returns a ready client. */
  register(ctx: PluginContext<D>): PluginInstance<Api>;
}

/** A plugin definition: opaque and tagged, as produced by {@link definePlugin}. @public */
export interface Plugin<Api extends object = object> {
  readonly $$type: '@switchboard/plugin';
  /** Version of the plugin contract, so the host can evolve it. */
  readonly contract: 1;
  readonly id: string;
  readonly version: string;
  readonly dependsOn: readonly string[];
  readonly sdkRange?: string;
  /** @internal */
  readonly spec: PluginSpec<Api, TokenMap>;
  /** Phantom type of the plugin's API. */
  readonly $api?: Api;
}

/** Any plugin. @public */
export type AnyPlugin = Plugin<object>;

const PLUGIN_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/**
 * Defines a plugin.
 * @example
 * ```ts
 * export const greeterPlugin = () => definePlugin({
 *   id: 'greeter', version: '1.0.0', events: ['greeter:hello'],
 *   register: (ctx) => ({ api: { greeter: Object.freeze({ hello: () => ctx.events.emit('greeter:hello', {}) }) } }),
 * })
 * ```
 * @public
 */
export function definePlugin<Api extends object, D extends TokenMap = Record<string, never>>(spec: PluginSpec<Api, D>): Plugin<Api> {
  if (typeof spec !== 'object' || spec === null) throw new TypeError('definePlugin(spec): spec must be an object');
  if (typeof spec.id !== 'string' || !PLUGIN_ID.test(spec.id)) {
    throw new BasicError('SDK_PLUGIN_INVALID', `Plugin id must be kebab-case, got ${JSON.stringify(spec.id)}.`);
  }
  if (typeof spec.version !== 'string' || !/^\d+\.\d+\.\d+/.test(spec.version)) {
    throw new BasicError('SDK_PLUGIN_INVALID', `Plugin "${spec.id}" needs a semver version, got ${JSON.stringify(spec.version)}.`);
  }
  if (typeof spec.register !== 'function') {
    throw new BasicError('SDK_PLUGIN_INVALID', `Plugin "${spec.id}" needs a register(ctx) function.`);
  }
  return Object.freeze({
    $$type: '@switchboard/plugin' as const,
    contract: 1 as const,
    id: spec.id,
    version: spec.version,
    dependsOn: Object.freeze([...(spec.dependsOn ?? [])]),
    sdkRange: spec.sdkRange,
    spec: spec as unknown as PluginSpec<Api, TokenMap>,
  });
}
