/**
 * The client host: validates the plugin set, registers plugins in `dependsOn` order over one
 * tsyringe child container per client (core's services) and one per plugin (its own services),
 * hands each plugin the services exported by the plugins it depends on and the contributions to
 * its extension points, assembles the public API, and tears everything down in reverse order on
 * `destroy()`.
 */
import './polyfill';
import { container as tsyringeRoot, type DependencyContainer } from 'tsyringe';
import { AuthManager, type Credentials, type TokenUpdate } from './auth';
import { ConfigStore, clonePlain, type CompatibilityProfile, type SdkConfig } from './config';
import type { CoreConfig, LegacyCoreConfig, Simplify, UnionToIntersection, UserConfig } from './configTypes';
import { authenticationSection, logsSection } from './coreConfig';
import { BasicError, destroyedError } from './errors';
import { EventBus, coreEvents, type GlobalListener, type Listener, type SdkEventMap, type SdkWarning } from './events';
import { pickContribution, type AnyContribution, type Contribution } from './extensions';
import { LogManager, levels, type LogsConfig } from './logger';
import type { AnyPlugin, ConfigReader, Disposer, Plugin, PluginContext, PluginInstance } from './plugin';
import { satisfies } from './internal/semver';
import { coreTokens } from './coreTokens';
import type { Token, TokenMap } from './tokens';
import { SDK_VERSION } from './version';

/** `never` for `any` and `unknown` (a plugin typed only as `AnyPlugin` contributes no types), else `T`. */
type NotAny<T> = 0 extends 1 & T ? never : unknown extends T ? never : T;

/** One plugin's API (distributes over a union of plugins). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- matches any config phantoms
type ApiOfPlugin<X> = X extends Plugin<infer A, any, any> ? NotAny<A> : never;

/** The API contributed by a tuple (or an array) of plugins. @public */
export type ApiOf<P extends readonly AnyPlugin[]> = [ApiOfPlugin<P[number]>] extends [never] ? unknown : UnionToIntersection<ApiOfPlugin<P[number]>>;

/** Collects one phantom of every plugin of a tuple into an intersection (`object` for none). */
type Collect<U> = [U] extends [never] ? object : UnionToIntersection<U>;

/** One plugin's config sections (distributes over a union of plugins). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- matches any api and legacy phantoms
type SectionsOf<X> = X extends Plugin<any, infer C, any> ? NotAny<C> : never;
/** One plugin's compatibility keys (distributes over a union of plugins). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- matches any api and config phantoms
type LegacyOf<X> = X extends Plugin<any, any, infer L> ? NotAny<L> : never;

/** The configuration of a client with plugins `P` (a tuple or an array): core's sections and every plugin's, fully typed. @public */
export type ConfigOf<P extends readonly AnyPlugin[]> = Simplify<CoreConfig & Collect<SectionsOf<P[number]>>>;

/** The compatibility config keys accepted by plugins `P` (legacy names, mapped by aliases). @public */
export type LegacyConfigOf<P extends readonly AnyPlugin[]> = Collect<LegacyOf<P[number]>>;

/**
 * What `createClient({ config })` and `updateConfig()` accept for plugins `P`: every section and
 * key optional, compatibility keys included; a misspelled key or a wrong value type is a compile error.
 * `compatibility` (the legacy-compatibility profile) is read once, by `createClient`: `updateConfig`
 * refuses it (`INVALID_CONFIG`).
 * @public
 */
export type ConfigInput<P extends readonly AnyPlugin[]> = UserConfig<ConfigOf<P> & LegacyCoreConfig & LegacyConfigOf<P>> & {
  /** The 001/002 defaults and aliases (docs/migration.md, "The legacy-compatibility profile"). @default none (seed 000) */
  compatibility?: CompatibilityProfile;
};

/** The methods every client has, whatever its plugins. `C` is its configuration type. @public */
export interface Client<C = SdkConfig, In = Record<string, unknown>> {
  /** The SDK version. */
  getVersion(): string;
  /** Destroys the instance on the next tick; afterwards every method throws `SDK_DESTROYED`. */
  destroy(): Promise<void>;
  /** A copy of the current configuration. */
  getConfig(): C;
  /**
   * Deep-merges values into the configuration (arrays replace). Throws `INVALID_CONFIG` naming the
   * key, and nothing changes. Unknown keys are kept, warned about once and reported as `sdk:warning`.
   */
  updateConfig(newConfigValues: In): void;
  /** Adds a listener. A non-string type or listener throws a TypeError; an unknown type a BasicError `INVALID_ARGUMENT` ("Invalid event type"). */
  on<K extends keyof SdkEventMap & string>(type: K, listener: Listener<SdkEventMap, K>): void;
  /** Removes a listener. Throws as `on` does. */
  off<K extends keyof SdkEventMap & string>(type: K, listener: Listener<SdkEventMap, K>): void;
  /** Adds a global listener called as `(type, ...args)`. Throws "Listener not a function". */
  subscribe(listener: GlobalListener): void;
  /** Removes a global listener. Throws "Listener not a function". */
  unsubscribe(listener: GlobalListener): void;
  /** Sets the user's credentials (password, HMAC, bearer or access token). Emits `auth:change`. */
  setCredentials(credentials: Credentials): void;
  /** Replaces an expiring bearer or access token. Emits `auth:change`. */
  updateToken(credentials: TokenUpdate): void;
  /** The current user: `{ username, token }`. */
  getUserInfo(): {
    /** The username of the credentials. */
    username?: string;
    /** The current bearer or access token, if any. */
    token?: string;
  };
  /** The logger namespace: `levels`. */
  readonly logger: {
    /** The log levels (`logs.logLevel` values). */
    readonly levels: typeof levels;
  };
  /** Ids and versions of the installed plugins, in init order. */
  getPlugins(): ReadonlyArray<{
    /** The plugin's id. */
    id: string;
    /** The plugin's version. */
    version: string;
  }>;
}

/** Options of {@link createClient}. @public */
export interface CreateClientOptions<P extends readonly AnyPlugin[]> {
  /** The plugins to install. */
  plugins: P;
  /**
   * The initial configuration: a section per plugin plus `logs` and `authentication`, typed from
   * `plugins`. A section or key nothing owns (a config written for a fuller SDK) is kept, logged once
   * as a warning naming the closest known key, and reported as `sdk:warning` after `createClient` returns.
   */
  config?: ConfigInput<P>;
}

/** The client type of plugins `P`. @public */
export type ClientOf<P extends readonly AnyPlugin[]> = Client<ConfigOf<P>, ConfigInput<P>> & ApiOf<P>;

/** Orders plugins so that each comes after its dependencies; checks ids, deps and versions. */
function orderPlugins(plugins: readonly AnyPlugin[]): AnyPlugin[] {
  const byId = new Map<string, AnyPlugin>();
  for (const p of plugins) {
    if (!p || p.$$type !== '@switchboard/plugin') {
      throw new BasicError('SDK_PLUGIN_INVALID', 'Every entry of "plugins" must come from definePlugin().');
    }
    if (byId.has(p.id)) throw new BasicError('SDK_PLUGIN_DUPLICATE', `Plugin "${p.id}" is installed twice.`);
    byId.set(p.id, p);
  }
  for (const p of plugins) {
    for (const dep of p.dependsOn) {
      if (!byId.has(dep)) {
        throw new BasicError('SDK_PLUGIN_DEPENDENCY_MISSING', `Plugin "${p.id}" depends on "${dep}", which is not installed.`);
      }
    }
    if (p.sdkRange && !satisfies(SDK_VERSION, p.sdkRange)) {
      throw new BasicError(
        'SDK_PLUGIN_VERSION_MISMATCH',
        `Plugin "${p.id}" needs @switchboard/core ${p.sdkRange}, but this is ${SDK_VERSION}.`,
      );
    }
  }
  const ordered = new Set<AnyPlugin>();
  const visit = (p: AnyPlugin, path: string[]) => {
    if (path.includes(p.id)) throw new BasicError('SDK_PLUGIN_INVALID', `Plugin dependency cycle: ${[...path, p.id].join(' → ')}.`);
    if (!ordered.has(p)) p.dependsOn.forEach((dep) => visit(byId.get(dep)!, [...path, p.id]));
    ordered.add(p);
  };
  plugins.forEach((p) => visit(p, []));
  return [...ordered];
}

function createDisposer(): Disposer & { run(onError?: (error: unknown) => void): Promise<void> } {
  const cleanups: Array<() => void | Promise<void>> = [];
  return {
    add: (fn) => void cleanups.push(fn),
    timeout(fn, ms) {
      const t = setTimeout(fn, ms);
      cleanups.push(() => clearTimeout(t));
      return t;
    },
    interval(fn, ms) {
      const t = setInterval(fn, ms);
      cleanups.push(() => clearInterval(t));
      return t;
    },
    /** Runs every cleanup, newest first; one that fails is reported and the others still run. */
    async run(onError?: (error: unknown) => void) {
      while (cleanups.length) {
        try {
          await cleanups.pop()!();
        } catch (error) {
          onError?.(error);
        }
      }
    },
  };
}

const isNamespace = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;

/** Wraps every function of an API value with the destroyed-guard; namespaces become new frozen objects. */
function guardApi(value: unknown, isDestroyed: () => boolean): unknown {
  if (typeof value === 'function') {
    const fn = value as (...a: unknown[]) => unknown;
    return function guarded(this: unknown, ...args: unknown[]) {
      if (isDestroyed()) throw destroyedError();
      return fn.apply(this, args);
    };
  }
  if (isNamespace(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = typeof v === 'function' ? guardApi(v, isDestroyed) : v;
    return Object.freeze(out);
  }
  return value;
}

/**
 * A plugin's namespace whose name is already taken: allowed only as an extension of a namespace
 * owned by a plugin it depends on (e.g. `call-history` adds `history` to `client.call`), with new
 * member names only. Returns the merged, frozen namespace; each added member is guarded as a
 * namespace of its own.
 */
function extendNamespace(plugin: AnyPlugin, key: string, current: unknown, added: unknown, owner: string | undefined, isDestroyed: () => boolean): unknown {
  const taken = () => new BasicError('SDK_PLUGIN_INVALID', `Plugin "${plugin.id}" contributes "${key}", which is already taken.`);
  if (!owner || !plugin.dependsOn.includes(owner) || !isNamespace(current) || !isNamespace(added)) throw taken();
  const merged: Record<string, unknown> = { ...current };
  for (const [member, value] of Object.entries(added)) {
    if (member in merged) {
      throw new BasicError('SDK_PLUGIN_INVALID', `Plugin "${plugin.id}" adds "${key}.${member}", which is already taken.`);
    }
    merged[member] = guardApi(value, isDestroyed);
  }
  return Object.freeze(merged);
}

/**
 * Creates an SDK client with the given plugins. The client's type includes exactly the
 * namespaces of the installed plugins.
 * @example
 * ```ts
 * const client = createClient({
 *   plugins: [connectivityPlugin()],
 *   config: { authentication: { server: { base: 'gw.example.com' } } },
 * })
 * client.services.subscribe(['call'])
 * ```
 * @throws BasicError `SDK_PLUGIN_DUPLICATE`, `SDK_PLUGIN_DEPENDENCY_MISSING`, `SDK_PLUGIN_VERSION_MISMATCH`,
 *   `INVALID_CONFIG`; TypeError for a malformed options object.
 * @public
 */
export function createClient<const P extends readonly AnyPlugin[]>(options: CreateClientOptions<P>): ClientOf<P> {
  if (typeof options !== 'object' || options === null || !Array.isArray(options.plugins)) {
    throw new TypeError('createClient(options): options.plugins must be an array of plugins');
  }
  const ordered = orderPlugins(options.plugins);
  const userConfig = (options.config ?? {}) as Record<string, unknown>;

  let destroyed = false;
  let destroying: Promise<void> | undefined;
  const isDestroyed = () => destroyed;

  // Core services; the logger reads the `logs` section live.
  let config!: ConfigStore;
  let configReady = false;
  // Until the config is validated, log with the user's raw `logs` values (so early warnings reach their handler).
  const rawLogs = (userConfig.logs ?? {}) as LogsConfig;
  const logs = new LogManager(() => (configReady ? config.section<LogsConfig>('logs') : rawLogs), () => !!userConfig.compatibility);
  const coreLog = logs.create('core');
  const events = new EventBus((type, error) => coreLog.error(`listener for "${type}" threw; SDK state is unaffected`, error));
  events.declare(coreEvents);
  // Emitted on a microtask, so that listeners added right after createClient() returns get its warnings too.
  config = new ConfigStore(
    (m) => coreLog.warn(m),
    (m) => coreLog.info(m),
    (key, near) => {
      const hint = near ? ` (closest known key: "${near}")` : '';
      const warning: SdkWarning = { code: 'CONFIG_UNKNOWN_KEY', key, suggestion: near, message: `config: unknown key "${key}"${hint} is kept but unused.` };
      coreLog.warn(warning.message);
      void Promise.resolve().then(() => destroyed || events.emit('sdk:warning', warning));
    },
  );
  const auth = new AuthManager(() => events.emit('auth:change', {}));

  config.addSection(logsSection as never);
  config.addAlias({ from: 'logs.loglevel', to: 'logs.logLevel' });
  config.addSection(authenticationSection as never);
  const services: string[] = [];
  const contributions: Contribution<unknown>[] = [];
  const points = new Map<string, string>();
  for (const p of ordered) {
    services.push(...(p.spec.services ?? []));
    for (const section of p.spec.config ?? []) config.addSection(section as never);
    for (const alias of p.spec.configAliases ?? []) config.addAlias(alias);
    events.declare(p.spec.events ?? []);
    for (const point of p.spec.extensionPoints ?? []) {
      if (points.has(point.id)) throw new BasicError('SDK_PLUGIN_INVALID', `Plugins "${points.get(point.id)}" and "${p.id}" both declare "${point.id}".`);
      points.set(point.id, p.id);
    }
    for (const c of p.spec.contributes ?? ([] as AnyContribution[])) contributions.push({ ...(c as Contribution<unknown>), pluginId: p.id });
  }
  for (const c of contributions) {
    if (!points.has(c.point.id)) throw new BasicError('SDK_PLUGIN_DEPENDENCY_MISSING', `Plugin "${c.pluginId}": no installed plugin declares "${c.point.id}".`);
  }
  try {
    config.init(userConfig);
    configReady = true;
  } catch (error) {
    coreLog.warn('createClient(): invalid configuration', error);
    throw error;
  }

  // One child container per client for core's services, one per plugin below it for the plugin's own.
  const clientContainer: DependencyContainer = tsyringeRoot.createChildContainer();
  const register = <T>(c: DependencyContainer, token: Token<T>, value: T) => c.register(token.key, { useValue: value });
  register(clientContainer, coreTokens.events, events);
  register(clientContainer, coreTokens.auth, auth);
  register(clientContainer, coreTokens.logs, logs);
  // the store's read side (get, section, onChange) is what plugins see as ctx.config
  register(clientContainer, coreTokens.config, config as ConfigReader);
  const coreService = <T>(token: Token<T>): T => clientContainer.resolve<T>(token.key);
  /** Which plugin exports each token (by token id, so two copies of a package agree). */
  const exporters = new Map<string, { pluginId: string; container: DependencyContainer }>();

  // Core's own methods, guarded like every plugin API below (guardApi: `destroyedError` once destroyed).
  const client: Client = {
    getVersion: () => SDK_VERSION,
    destroy() {
      // NOTE: the guard closes when teardown begins, so nothing can reopen what plugins are releasing.
      destroying ??= new Promise<void>((resolve) => setTimeout(resolve, 0)).then(async () => {
        destroyed = true;
        await disposeAll();
        events.removeAllListeners();
        auth.clear();
      });
      return destroying;
    },
    getConfig: () => clonePlain(config.get()),
    updateConfig(newConfigValues) {
      try {
        config.update(newConfigValues);
      } catch (error) {
        coreLog.warn('updateConfig(): rejected, nothing changed', error);
        throw error;
      }
    },
    on: (type, listener) => void events.on(type, listener),
    off: (type, listener) => void events.off(type, listener),
    subscribe: (listener) => events.subscribe(listener),
    unsubscribe: (listener) => events.unsubscribe(listener),
    setCredentials: (credentials) => auth.setCredentials(credentials),
    updateToken: (credentials) => auth.updateToken(credentials),
    getUserInfo: () => auth.getUserInfo(),
    logger: Object.freeze({ levels }),
    getPlugins: () => ordered.map(({ id, version }) => ({ id, version })),
  };
  const api: Record<string, unknown> = { ...(guardApi(client, isDestroyed) as object) };
  /** Which plugin contributed each API name (core's own names have no owner). */
  const namespaceOwners = new Map<string, string>();
  const instances: Array<{ id: string; dispose: () => Promise<void> }> = [];

  const disposeAll = async () => {
    for (const instance of instances.reverse()) {
      try {
        await instance.dispose();
      } catch (error) {
        coreLog.error(`destroy(): plugin "${instance.id}" failed to dispose`, error);
      }
    }
    clientContainer.reset();
  };

  /** Resolves a plugin's `deps`: core's tokens, or tokens exported by a plugin in its `dependsOn`. */
  const resolveDeps = (plugin: AnyPlugin) => {
    const deps: Record<string, unknown> = {};
    for (const [name, token] of Object.entries<Token<unknown>>(plugin.spec.deps ?? ({} as TokenMap))) {
      if (clientContainer.isRegistered(token.key)) {
        deps[name] = coreService(token);
        continue;
      }
      const exporter = exporters.get(token.id);
      if (!exporter || !plugin.dependsOn.includes(exporter.pluginId)) {
        const hint = exporter ? `add "${exporter.pluginId}" to dependsOn` : 'nothing installed exports it';
        throw new BasicError('SDK_PLUGIN_DEPENDENCY_MISSING', `Plugin "${plugin.id}" needs "${token.id}": ${hint}.`);
      }
      deps[name] = exporter.container.resolve(token.key);
    }
    return Object.freeze(deps);
  };
  const contributionsTo = (point: { id: string }) => contributions.filter((c) => c.point.id === point.id) as never[];

  // NOTE: plain loop, not a helper: a plugin that throws in register() aborts createClient, and the
  // plugins registered before it are disposed so that nothing they opened leaks.
  try {
  for (const plugin of ordered) {
    const pluginContainer = clientContainer.createChildContainer();
    const deps = resolveDeps(plugin);
    const disposer = createDisposer();
    let instance: PluginInstance<object> | undefined;
    // Tracked before register() runs, so a failing plugin (or an API collision) still releases what it opened.
    instances.push({
      id: plugin.id,
      dispose: async () => {
        try {
          await instance?.dispose?.();
        } finally {
          // a failing dispose() must not keep the plugin's timers and listeners alive
          await disposer.run((error) => coreLog.error(`destroy(): a cleanup of plugin "${plugin.id}" failed`, error));
          pluginContainer.reset();
        }
      },
    });
    const ctx: PluginContext = {
      id: plugin.id,
      deps,
      events: coreService(coreTokens.events),
      config: coreService(coreTokens.config) as PluginContext['config'],
      auth: coreService(coreTokens.auth),
      logger: logs.create(plugin.id),
      logs: coreService(coreTokens.logs),
      disposer,
      services,
      provide: (token, value) => register(pluginContainer, token, value),
      extension: (point) => pickContribution(point, contributionsTo(point)),
      contributions: contributionsTo,
    };
    instance = plugin.spec.register(ctx);
    if (typeof instance?.api !== 'object') throw new BasicError('SDK_PLUGIN_INVALID', `Plugin "${plugin.id}": register() must return { api }.`);
    for (const token of plugin.spec.exports ?? []) {
      if (!pluginContainer.isRegistered(token.key)) throw new BasicError('SDK_PLUGIN_INVALID', `Plugin "${plugin.id}" did not provide "${token.id}".`);
      const other = exporters.get(token.id);
      if (other) throw new BasicError('SDK_PLUGIN_INVALID', `Plugins "${other.pluginId}" and "${plugin.id}" both export "${token.id}".`);
      exporters.set(token.id, { pluginId: plugin.id, container: pluginContainer });
    }
    for (const [key, value] of Object.entries(instance.api ?? {})) {
      if (key in api) {
        api[key] = extendNamespace(plugin, key, api[key], value, namespaceOwners.get(key), isDestroyed);
        continue;
      }
      api[key] = guardApi(value, isDestroyed);
      namespaceOwners.set(key, plugin.id);
    }
  }
  } catch (error) {
    void disposeAll();
    throw error;
  }

  return Object.freeze(api) as unknown as ClientOf<P>;
}
