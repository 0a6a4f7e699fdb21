/**
 * The plugin contract. A feature package exports a factory (`callPlugin(options)`) that returns
 * `definePlugin({...})`: an opaque, tagged object the host checks (id, version, dependencies,
 * `sdkRange`) and registers in `dependsOn` order.
 */
import type { AuthManager } from './auth';
import type { CompatibilityProfile, ConfigAliases, ConfigSection, SdkConfig } from './config';
import type { CoreConfig, UnionToIntersection } from './configTypes';
import type { AnyContribution, Contribution, ExtensionPoint } from './extensions';
import type { EventBus } from './events';
import type { LogManager, Logger } from './logger';
import type { ResolvedDeps, Token, TokenMap } from './tokens';
import { BasicError } from './errors';

/**
 * Read access to the configuration for plugins. `C` is what the plugin may read: its own sections
 * and core's (`logs`, `authentication`), typed.
 * @public
 */
export interface ConfigReader<C = CoreConfig> {
  /** The whole current configuration (shared and read-only: never mutate it). */
  get(): SdkConfig;
  /** One section's current values, typed (shared and read-only). Read it at use time: `updateConfig` replaces it. */
  section<N extends keyof C & string>(name: N): Readonly<C[N]>;
  /** Called after each successful `updateConfig`. Returns an unsubscribe function. */
  onChange(listener: (config: SdkConfig) => void): () => void;
  /** The legacy-compatibility profile the client was created with (`config.compatibility`), if any; it never changes. */
  readonly compatibility?: CompatibilityProfile;
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

/** The config sections of a list of {@link ConfigSection}s, as `{ [name]: type }`. @public */
export type ConfigOfSections<S> = S extends readonly [] | readonly never[]
  ? object
  : S extends readonly unknown[]
    ? UnionToIntersection<S[number] extends infer X ? (X extends ConfigSection<infer T, infer N> ? (string extends N ? object : { [K in N]: T }) : never) : never>
    : object;

/** What a plugin's `register` receives. @public */
export interface PluginContext<D extends TokenMap = TokenMap, C = CoreConfig> {
  /** The plugin id. */
  readonly id: string;
  /** The plugin's declared dependencies, resolved. */
  readonly deps: ResolvedDeps<D>;
  /** The client's event bus; emit the plugin's declared events here. */
  readonly events: EventBus;
  /** Configuration access: the plugin's own sections and core's, typed. */
  readonly config: ConfigReader<C>;
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
  /**
   * Registers a service in this plugin's own container. Plugins that list this plugin in `dependsOn`
   * can receive it in their `deps` only when the token is also listed in the spec's `exports`.
   */
  provide<T>(token: Token<T>, value: T): void;
  /**
   * The one contribution to an extension point this plugin declares: another plugin's, else the
   * fallback. Throws `SDK_EXTENSION_MISSING` (none) or `SDK_EXTENSION_CONFLICT` (two).
   */
  extension<T>(point: ExtensionPoint<T>): Contribution<T>;
  /** Every contribution to an extension point this plugin declares, in install order. */
  contributions<T>(point: ExtensionPoint<T>): readonly Contribution<T>[];
}

/** What `register` returns: the API merged into the client, and an optional cleanup. @public */
export interface PluginInstance<Api extends object> {
  /** Namespaces (e.g. `{ call: callApi }`) and top-level methods merged into the client. */
  api: Api;
  /** Releases everything the plugin opened; called by `destroy()` in reverse init order. */
  dispose?: () => void | Promise<void>;
}

/** The specification given to {@link definePlugin}. @public */
export interface PluginSpec<Api extends object, D extends TokenMap, S extends readonly ConfigSection<object>[] = [], L extends object = object> {
  /** Kebab-case id, unique per client. */
  id: string;
  /** The plugin's version (semver). */
  version: string;
  /** Ids of plugins that must be registered before this one. */
  dependsOn?: readonly string[];
  /** Range of `@switchboard/core` versions this plugin works with, e.g. `'^0.1.0'`. */
  sdkRange?: string;
  /** Config sections this plugin owns; their types become part of the client's config type. */
  config?: S;
  /** Compatibility aliases for legacy config keys (typed with {@link ConfigAliases}). */
  configAliases?: ConfigAliases<L>;
  /** Event types the plugin emits (so `client.on` accepts them). */
  events?: readonly string[];
  /** Backend service names the plugin handles (e.g. `['call']`), listed in `services.getSubscriptions().available`. */
  services?: readonly string[];
  /** Services from other plugins (exported by a plugin in `dependsOn`) or core (`coreTokens`) this plugin needs. */
  deps?: D;
  /** Tokens of the services this plugin provides (with `ctx.provide`) to the plugins that depend on it. */
  exports?: readonly Token<unknown>[];
  /** Extension points this plugin owns (it reads them with `ctx.extension`). */
  extensionPoints?: readonly ExtensionPoint<unknown>[];
  /** Contributions to extension points (of this plugin or another), made with `contribute()`. */
  contributes?: readonly AnyContribution[];
  /** Builds the plugin. Synchronous: `createClient` returns a ready client. */
  register(ctx: PluginContext<D, CoreConfig & ConfigOfSections<S>>): PluginInstance<Api>;
}

/**
 * A plugin definition: opaque and tagged, as produced by {@link definePlugin}. `Config` is the
 * config it owns (`{ [section]: type }`), `Legacy` the compatibility keys it accepts.
 * @public
 */
export interface Plugin<Api extends object = object, Config = object, Legacy = object> {
  /** The brand that marks a plugin definition. */
  readonly $$type: '@switchboard/plugin';
  /** Version of the plugin contract, so the host can evolve it. */
  readonly contract: 1;
  /** The plugin's unique id. */
  readonly id: string;
  /** The plugin's version (semver). */
  readonly version: string;
  /** Ids of the plugins it needs, installed before it. */
  readonly dependsOn: readonly string[];
  /** The semver range of the SDK it works with, if declared. */
  readonly sdkRange?: string;
  /** @internal */
  readonly spec: PluginSpec<Api, TokenMap, readonly ConfigSection<object>[]>;
  // NOTE: the phantoms are invariant (a function in and out), so that an array literal of plugins keeps
  // each plugin's types instead of reducing them to a common supertype.
  /** Phantom type of the plugin's API. */
  readonly $api?: (api: Api) => Api;
  /** Phantom type of the plugin's config sections. */
  readonly $config?: (config: Config) => Config;
  /** Phantom type of the plugin's compatibility config keys. */
  readonly $legacy?: (legacy: Legacy) => Legacy;
}

/** Any plugin: a plugin without its phantom types (so it contributes no API or config types). @public */
export type AnyPlugin = Pick<Plugin, '$$type' | 'contract' | 'id' | 'version' | 'dependsOn' | 'sdkRange' | 'spec'>;

const PLUGIN_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/**
 * Defines a plugin.
 * @example
 * ```ts
 * interface GreeterEvents { 'greeter:hello': [params: { name: string }] }
 * declare module '@switchboard/core' { interface SdkEventMap extends GreeterEvents {} }
 * export const greeterPlugin = () => definePlugin({
 *   id: 'greeter', version: '1.0.0', events: eventNames<GreeterEvents>()({ 'greeter:hello': true }),
 *   register: (ctx) => ({ api: { greeter: Object.freeze({ hello: (name: string) => ctx.events.emit('greeter:hello', { name }) }) } }),
 * })
 * ```
 * See docs/plugins.md for config sections, exports, extension points and testing.
 * @public
 */
export function definePlugin<
  Api extends object,
  D extends TokenMap = Record<string, never>,
  S extends readonly ConfigSection<object>[] = [],
  L extends object = object,
>(spec: PluginSpec<Api, D, S, L>): Plugin<Api, ConfigOfSections<S>, L> {
  if (typeof spec !== 'object' || spec === null) throw new TypeError('definePlugin(spec): spec must be an object');
  for (const [key, type] of [['id', 'string'], ['version', 'string'], ['register', 'function']] as const) {
    if (typeof spec[key] !== type) throw new TypeError(`definePlugin(spec): spec.${key} must be a ${type}`);
  }
  if (spec.sdkRange !== undefined && typeof spec.sdkRange !== 'string') throw new TypeError('definePlugin(spec): spec.sdkRange must be a string');
  if (!PLUGIN_ID.test(spec.id)) {
    throw new BasicError('SDK_PLUGIN_INVALID', `Plugin id must be kebab-case, got ${JSON.stringify(spec.id)}.`);
  }
  if (!/^\d+\.\d+\.\d+/.test(spec.version)) {
    throw new BasicError('SDK_PLUGIN_INVALID', `Plugin "${spec.id}" needs a semver version, got ${JSON.stringify(spec.version)}.`);
  }
  return Object.freeze({
    $$type: '@switchboard/plugin' as const,
    contract: 1 as const,
    id: spec.id,
    version: spec.version,
    dependsOn: Object.freeze([...(spec.dependsOn ?? [])]),
    sdkRange: spec.sdkRange,
    spec: spec as unknown as PluginSpec<Api, TokenMap, readonly ConfigSection<object>[]>,
  });
}
