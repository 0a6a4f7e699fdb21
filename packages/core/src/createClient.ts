/**
 * The client host: validates the plugin set, registers plugins in `dependsOn` order over one
 * tsyringe child container per client (and one per plugin), assembles the public API, and tears
 * everything down in reverse order on `destroy()`.
 */
import './polyfill';
import { container as tsyringeRoot, type DependencyContainer } from 'tsyringe';
import { AuthManager, type Credentials, type TokenUpdate } from './auth';
import { ConfigStore, clonePlain, type SdkConfig } from './config';
import { authenticationSection, logsSection } from './coreConfig';
import { BasicError, destroyedError } from './errors';
import { EventBus, type GlobalListener, type Listener, type SdkEventMap } from './events';
import { LogManager, levels, type LogsConfig } from './logger';
import type { AnyPlugin, Disposer, Plugin, PluginContext, PluginInstance } from './plugin';
import { satisfies } from './internal/semver';
import { coreTokens } from './coreTokens';
import type { Token, TokenMap } from './tokens';
import { SDK_VERSION } from './version';

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/** The API contributed by a tuple of plugins. @public */
export type ApiOf<P extends readonly AnyPlugin[]> = UnionToIntersection<
  { [K in keyof P]: P[K] extends Plugin<infer A> ? A : never }[number]
> extends infer I
  ? [I] extends [never]
    ? unknown
    : I
  : unknown;

/** The methods every client has, whatever its plugins. @public */
export interface Client {
  /** The SDK version. */
  getVersion(): string;
  /** Destroys the instance on the next tick; afterwards every method throws `SDK_DESTROYED`. */
  destroy(): Promise<void>;
  /** A copy of the current configuration. */
  getConfig(): SdkConfig;
  /** Deep-merges values into the configuration (arrays replace). Throws `INVALID_CONFIG` naming the key. */
  updateConfig(newConfigValues: Record<string, unknown>): void;
  /** Adds a listener. Throws "Invalid event type". */
  on<K extends keyof SdkEventMap & string>(type: K, listener: Listener<SdkEventMap, K>): void;
  /** Removes a listener. Throws "Invalid event type". */
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
  getUserInfo(): { username?: string; token?: string };
  /** The logger namespace: `levels`. */
  readonly logger: { readonly levels: typeof levels };
  /** Ids and versions of the installed plugins, in init order. */
  getPlugins(): ReadonlyArray<{ id: string; version: string }>;
}

/** Options of {@link createClient}. @public */
export interface CreateClientOptions<P extends readonly AnyPlugin[]> {
  /** The plugins to install. */
  plugins: P;
  /** The initial configuration, a section per plugin plus `logs` and `authentication`. */
  config?: Record<string, unknown>;
}

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
  const ordered: AnyPlugin[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (p: AnyPlugin, path: string[]) => {
    if (state.get(p.id) === 'done') return;
    if (state.get(p.id) === 'visiting') {
      throw new BasicError('SDK_PLUGIN_INVALID', `Plugin dependency cycle: ${[...path, p.id].join(' → ')}.`);
    }
    state.set(p.id, 'visiting');
    for (const dep of p.dependsOn) visit(byId.get(dep)!, [...path, p.id]);
    state.set(p.id, 'done');
    ordered.push(p);
  };
  for (const p of plugins) visit(p, []);
  return ordered;
}

function createDisposer(): Disposer & { run(): Promise<void> } {
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
    async run() {
      while (cleanups.length) await cleanups.pop()!();
    },
  };
}

/** Wraps every function of an API value with the destroyed-guard; namespaces become new frozen objects. */
function guardApi(value: unknown, isDestroyed: () => boolean): unknown {
  if (typeof value === 'function') {
    const fn = value as (...a: unknown[]) => unknown;
    return function guarded(this: unknown, ...args: unknown[]) {
      if (isDestroyed()) throw destroyedError();
      return fn.apply(this, args);
    };
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = typeof v === 'function' ? guardApi(v, isDestroyed) : v;
    return Object.freeze(out);
  }
  return value;
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
export function createClient<const P extends readonly AnyPlugin[]>(options: CreateClientOptions<P>): Client & ApiOf<P> {
  if (typeof options !== 'object' || options === null || !Array.isArray(options.plugins)) {
    throw new TypeError('createClient(options): options.plugins must be an array of plugins');
  }
  const ordered = orderPlugins(options.plugins);

  let destroyed = false;
  let destroying: Promise<void> | undefined;
  const isDestroyed = () => destroyed;

  // Core services; the logger reads the `logs` section live.
  let config!: ConfigStore;
  let configReady = false;
  // Until the config is validated, log with the user's raw `logs` values (so early warnings reach their handler).
  const rawLogs = (options.config?.logs ?? {}) as LogsConfig;
  const logs = new LogManager(() => (configReady ? config.section<LogsConfig>('logs') : rawLogs));
  const coreLog = logs.create('core');
  config = new ConfigStore((m) => coreLog.warn(m), (m) => coreLog.info(m));
  const events = new EventBus((type, error) => coreLog.error(`listener for "${type}" threw; SDK state is unaffected`, error));
  events.declare(['auth:change', 'request:error']);
  const auth = new AuthManager(() => events.emit('auth:change', {}));

  config.addSection(logsSection as never);
  config.addAlias({ from: 'logs.loglevel', to: 'logs.logLevel' });
  config.addSection(authenticationSection as never);
  const services: string[] = [];
  for (const p of ordered) {
    services.push(...(p.spec.services ?? []));
    for (const section of p.spec.config ?? []) config.addSection(section as never);
    for (const alias of p.spec.configAliases ?? []) config.addAlias(alias);
    events.declare(p.spec.events ?? []);
  }
  try {
    config.init(options.config ?? {});
    configReady = true;
  } catch (error) {
    coreLog.warn('createClient(): invalid configuration', error);
    throw error;
  }

  const clientContainer: DependencyContainer = tsyringeRoot.createChildContainer();
  const register = <T>(c: DependencyContainer, token: Token<T>, value: T) => c.register(token.key, { useValue: value });
  register(clientContainer, coreTokens.events, events);
  register(clientContainer, coreTokens.auth, auth);
  register(clientContainer, coreTokens.logs, logs);
  const configReader = {
    get: () => config.get(),
    section: <T>(name: string) => config.section<T>(name),
    onChange: (l: (c: SdkConfig) => void) => config.onChange(l),
  };
  register(clientContainer, coreTokens.config, configReader);

  const guard = () => {
    if (destroyed) throw destroyedError();
  };

  const client: Client = {
    getVersion: () => (guard(), SDK_VERSION),
    destroy() {
      guard();
      // NOTE: the guard closes when teardown begins, so nothing can reopen what plugins are releasing.
      destroying ??= new Promise<void>((resolve) => setTimeout(resolve, 0)).then(async () => {
        destroyed = true;
        await disposeAll();
        events.removeAllListeners();
        auth.clear();
      });
      return destroying;
    },
    getConfig: () => (guard(), clonePlain(config.get())),
    updateConfig(newConfigValues) {
      guard();
      try {
        config.update(newConfigValues);
      } catch (error) {
        coreLog.warn('updateConfig(): rejected, nothing changed', error);
        throw error;
      }
    },
    on: (type, listener) => void (guard(), events.on(type, listener)),
    off: (type, listener) => void (guard(), events.off(type, listener)),
    subscribe: (listener) => (guard(), events.subscribe(listener)),
    unsubscribe: (listener) => (guard(), events.unsubscribe(listener)),
    setCredentials: (credentials) => (guard(), auth.setCredentials(credentials)),
    updateToken: (credentials) => (guard(), auth.updateToken(credentials)),
    getUserInfo: () => (guard(), auth.getUserInfo()),
    logger: Object.freeze({ levels }),
    getPlugins: () => (guard(), ordered.map(({ id, version }) => ({ id, version }))),
  };
  const api: Record<string, unknown> = { ...client };
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

  // NOTE: plain loop, not a helper: a plugin that throws in register() aborts createClient, and the
  // plugins registered before it are disposed so that nothing they opened leaks.
  try {
  for (const plugin of ordered) {
    const pluginContainer = clientContainer.createChildContainer();
    const deps: Record<string, unknown> = {};
    for (const [name, token] of Object.entries<Token<unknown>>(plugin.spec.deps ?? ({} as TokenMap))) {
      if (!pluginContainer.isRegistered(token.key, true)) {
        throw new BasicError(
          'SDK_PLUGIN_DEPENDENCY_MISSING',
          `Plugin "${plugin.id}" needs the service "${token.id}", which no installed plugin provides.`,
        );
      }
      deps[name] = pluginContainer.resolve(token.key);
    }
    const disposer = createDisposer();
    let instance: PluginInstance<object> | undefined;
    // Tracked before register() runs, so a failing plugin (or an API collision) still releases what it opened.
    instances.push({
      id: plugin.id,
      dispose: async () => {
        await instance?.dispose?.();
        await disposer.run();
        pluginContainer.reset();
      },
    });
    const ctx: PluginContext = {
      id: plugin.id,
      deps: Object.freeze(deps),
      events,
      config: configReader,
      auth,
      logger: logs.create(plugin.id),
      logs,
      disposer,
      services,
      provide: (token, value) => register(clientContainer, token, value),
    };
    instance = plugin.spec.register(ctx);
    for (const [key, value] of Object.entries(instance.api ?? {})) {
      if (key in api) {
        throw new BasicError('SDK_PLUGIN_INVALID', `Plugin "${plugin.id}" contributes "${key}", which is already taken.`);
      }
      api[key] = guardApi(value, isDestroyed);
    }
  }
  } catch (error) {
    void disposeAll();
    throw error;
  }

  return Object.freeze(api) as unknown as Client & ApiOf<P>;
}
