/**
 * The configuration store. Each plugin owns a section (`config.<section>`) with defaults and a
 * schema; the store merges user values over the defaults, validates them, and applies
 * `updateConfig` atomically (an invalid value throws a BasicError naming the key and nothing
 * changes). Legacy keys are mapped through explicitly registered, logged aliases.
 */
import { BasicError } from './errors';
import { closest } from './internal/closest';

/** Checks one value; returns a description of what was expected, or undefined when valid. @public */
export type Check = (value: unknown) => string | undefined;

/**
 * A legacy-compatibility profile (`config.compatibility`): `'001'` (Kandy) or `'002'` (Kandy 4.8).
 * Each plugin applies its own part: its section's `legacyDefaults` and the behaviours it documents
 * (docs/migration.md, "The legacy-compatibility profile"). Both profiles are the same today.
 * @public
 */
export type CompatibilityProfile = '001' | '002';

/** A section schema: key → check, or a nested schema for an object value. @public */
export interface Schema {
  [key: string]: Check | Schema;
}

/** A `typeof` check. */
const typeCheck = (type: string): Check => (v) => (typeof v === type ? undefined : 'a ' + type);

const isPlain = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null);

/**
 * Small value checks for config schemas.
 * @example
 * ```ts
 * const schema = { pingInterval: is.number({ min: 1 }), autoReconnect: is.boolean() }
 * ```
 * @public
 */
export const is = {
  /** A number, optionally within `min`/`max` and an integer. */
  number: (o: { min?: number; max?: number; integer?: boolean } = {}): Check => (v) =>
    typeof v === 'number' && (o.integer ? Number.isInteger(v) : isFinite(v)) && !(v < (o.min ?? -Infinity)) && !(v > (o.max ?? Infinity))
      ? undefined
      : `a${o.integer ? 'n integer' : ' number'} in [${o.min ?? '-∞'}, ${o.max ?? '∞'}]`,
  /** A string, optionally non-empty. */
  string: (o: { nonEmpty?: boolean } = {}): Check => (v) =>
    typeof v === 'string' && (!o.nonEmpty || v) ? undefined : 'a string' + (o.nonEmpty ? ' (non-empty)' : ''),
  /** A boolean. */
  boolean: (): Check => typeCheck('boolean'),
  /** A function. */
  function: (): Check => typeCheck('function'),
  /** A plain object. */
  object: (): Check => (v) => (isPlain(v) ? undefined : 'an object'),
  /** One of `values` (optionally compared case-insensitively). */
  oneOf: (values: readonly unknown[], o: { caseInsensitive?: boolean } = {}): Check => (v) =>
    values.includes(o.caseInsensitive && typeof v === 'string' ? v.toLowerCase() : v) ? undefined : `one of ${JSON.stringify(values)}`,
  /** An array whose every item passes `item`. */
  arrayOf: (item: Check): Check => (v) =>
    Array.isArray(v) && v.every((x) => !item(x)) ? undefined : `an array of ${item(Symbol())}`,
  /** A value that passes at least one of `checks`. */
  anyOf: (...checks: Check[]): Check => (v) =>
    checks.some((c) => !c(v)) ? undefined : checks.map((c) => c(Symbol())).join(' or '),
  /** Any value. */
  any: (): Check => () => undefined,
};

/**
 * A config section owned by a plugin (or core). `T` is the section's full type (TSDoc `@default`
 * on every key) and `N` its name as a literal type, from which the client's config type is derived.
 * @example
 * ```ts
 * export const recorderSection: ConfigSection<RecorderConfig, 'recorder'> = {
 *   name: 'recorder', defaults: { mimeType: 'audio/webm' }, schema: { mimeType: is.string() },
 * }
 * ```
 * @public
 */
export interface ConfigSection<T extends object = Record<string, unknown>, N extends string = string> {
  /** Section name: the top-level config key. */
  name: N;
  /** Default values. */
  defaults: T;
  /** The schema the section's values are checked against. Unknown keys are kept, warned about once and reported as `sdk:warning`. */
  schema: Schema;
  /** Defaults that replace those of `defaults` when the client is created with a `compatibility` profile. */
  legacyDefaults?: Partial<T>;
}

/** A compatibility mapping from a legacy key path to its current home. @public */
export interface ConfigAlias {
  /** Legacy dotted path, e.g. `'authentication.websocket.server'`. */
  from: string;
  /** Current dotted path, e.g. `'subscription.websocket.server'`. */
  to: string;
  /** Optional value conversion. */
  map?: (value: unknown) => unknown;
}

/**
 * A plugin's compatibility aliases. `L` types the legacy keys they accept (as a partial config,
 * e.g. `{ call: { iceServers?: … } }`), so apps migrating from older SDKs still type-check:
 * `export const aliases = [...] as ConfigAliases<{ call: { iceServers?: IceServer[] } }>`.
 * @public
 */
export type ConfigAliases<L extends object = object> = readonly ConfigAlias[] & {
  /** Phantom type of the compatibility keys (never set at run time). */
  readonly __legacy?: L;
};

/** Reports a config key (or section) that nothing owns, with the closest known one. @internal */
export type UnknownKeyReporter = (key: string, closestKnown: string | undefined) => void;

/** Deep-clones plain objects and arrays; other values (functions, class instances) are shared. @internal */
export const clonePlain = <T>(value: T): T =>
  (Array.isArray(value) ? value.map(clonePlain) : isPlain(value) ? deepMerge({}, value) : value) as T;

/** Deep merge into a copy: plain objects merge, arrays and other values replace, `undefined` is skipped. @internal */
export function deepMerge<T extends object>(base: T, patch: object): T {
  const out = { ...base } as Record<string, unknown>;
  for (const [k, v] of Object.entries(patch)) {
    if (v !== undefined) out[k] = isPlain(v) ? deepMerge(isPlain(out[k]) ? out[k] : {}, v) : clonePlain(v);
  }
  return out as T;
}

const PROFILES = ['001', '002'];

/** Removes the value at `path` (pruning parents left empty) and returns it. */
function take(obj: Record<string, unknown>, [key, ...rest]: string[]): unknown {
  const v = obj[key!];
  if (!rest.length) return delete obj[key!], v;
  if (!isPlain(v)) return undefined;
  const found = take(v, rest);
  if (!Object.keys(v).length) delete obj[key!];
  return found;
}

/** Sets `value` at `path` unless a value is already there. */
function put(obj: Record<string, unknown>, [key, ...rest]: string[], value: unknown): void {
  if (!rest.length) obj[key!] ??= value;
  else put((obj[key!] = isPlain(obj[key!]) ? obj[key!] : {}) as Record<string, unknown>, rest, value);
}

/** The whole SDK configuration: a section per installed plugin. @public */
export type SdkConfig = Record<string, Record<string, unknown>>;

/**
 * Holds the configuration. Reads are cheap (the current object; never mutate it); writes are validated first.
 * @internal
 */
export class ConfigStore {
  private readonly sections = new Map<string, ConfigSection>();
  private readonly aliases: ConfigAlias[] = [];
  private current: SdkConfig = {};
  private readonly listeners = new Set<(config: SdkConfig) => void>();

  private readonly reported = new Set<string>();

  /** The compatibility profile chosen when the client was created (`config.compatibility`), if any. */
  compatibility?: CompatibilityProfile;

  constructor(
    private readonly warn: (message: string) => void,
    private readonly info: (message: string) => void,
    private readonly unknown: UnknownKeyReporter,
  ) {}

  /** Registers a section (with its defaults) before the first `init`. */
  addSection(section: ConfigSection): void {
    if (this.sections.has(section.name)) throw new BasicError('INVALID_CONFIG', `Config section "${section.name}" is registered twice.`);
    this.sections.set(section.name, section);
  }

  /** Registers a compatibility alias. */
  addAlias(alias: ConfigAlias): void {
    this.aliases.push(alias);
  }

  /** Builds the initial configuration from defaults and the user's values. Throws on invalid values. */
  init(user: unknown): void {
    if (user !== undefined && !isPlain(user)) throw new TypeError('config must be a plain object');
    const { compatibility, ...rest } = (user ?? {}) as Record<string, unknown>;
    if (compatibility !== undefined && is.oneOf(PROFILES)(compatibility)) throw invalid('compatibility', 'one of ["001","002"]', compatibility);
    this.compatibility = compatibility as CompatibilityProfile | undefined;
    const base: SdkConfig = {};
    for (const s of this.sections.values()) base[s.name] = clonePlain(deepMerge(s.defaults, (compatibility && s.legacyDefaults) || {}));
    this.current = this.apply(base, rest);
  }

  /** The current configuration (shared: read-only by convention). */
  get(): SdkConfig {
    return this.current;
  }

  /** The current values of one section (shared: read-only by convention). */
  section<T>(name: string): T {
    return (this.current[name] ?? {}) as T;
  }

  /** Merges `patch` into the configuration atomically. Throws a BasicError naming an invalid key. */
  update(patch: unknown): void {
    if (!isPlain(patch)) throw new TypeError('updateConfig(newConfigValues): newConfigValues must be a plain object');
    if ('compatibility' in patch) throw new BasicError('INVALID_CONFIG', '"compatibility" is set by createClient only');
    this.current = this.apply(this.current, patch);
    for (const l of [...this.listeners]) {
      try {
        l(this.current);
      } catch (error) {
        // NOTE: the update has happened; a failing plugin listener must not make it look refused.
        this.warn(`config: a change listener failed: ${String(error)}`);
      }
    }
  }

  /** Calls `listener` after every successful update. Returns an unsubscribe function. */
  onChange(listener: (config: SdkConfig) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private apply(base: SdkConfig, patchIn: object): SdkConfig {
    const patch = clonePlain(patchIn) as Record<string, unknown>;
    for (const alias of this.aliases) {
      const value = take(patch, alias.from.split('.'));
      if (value === undefined) continue;
      put(patch, alias.to.split('.'), alias.map ? alias.map(value) : value);
      this.info(`config: "${alias.from}" is a compatibility key; its value is used as "${alias.to}".`);
    }
    // Unknown keys are reported only once the whole patch is valid (a refused update reports nothing).
    const unknown: Array<[key: string, known: Iterable<string>]> = [];
    for (const [name, value] of Object.entries(patch)) {
      const section = this.sections.get(name);
      if (!section) {
        unknown.push([name, [...this.sections.keys()]]);
        continue;
      }
      if (!isPlain(value)) throw invalid(name, 'an object', value);
      validate(section.schema, value, name, (key, schema, prefix) => unknown.push([key, Object.keys(schema).map((k) => prefix + k)]));
    }
    const next = deepMerge(base, patch);
    for (const [key, known] of unknown) this.report(key, known);
    return next;
  }

  /** Reports each unknown key once per client. */
  private report(key: string, known: Iterable<string>): void {
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.unknown(key, closest(key, known));
  }
}

function invalid(path: string, expected: string, value: unknown): BasicError {
  const shown = typeof value === 'function' ? 'a function' : typeof value === 'string' ? JSON.stringify(value) : String(value);
  return new BasicError('INVALID_CONFIG', `Invalid config value for "${path}": expected ${expected}, got ${shown}.`);
}

type UnknownInSchema = (keyPath: string, schema: Schema, prefix: string) => void;

function validate(schema: Schema, value: Record<string, unknown>, path: string, unknown: UnknownInSchema): void {
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) continue;
    // own keys only: `valueOf`, `constructor`… from a JSON config are unknown keys, not rules
    const rule = Object.prototype.hasOwnProperty.call(schema, key) ? schema[key] : undefined;
    const keyPath = `${path}.${key}`;
    if (rule === undefined) {
      unknown(keyPath, schema, `${path}.`);
    } else if (typeof rule === 'function') {
      const expected = rule(v);
      if (expected !== undefined) throw invalid(keyPath, expected, v);
    } else {
      if (!isPlain(v)) throw invalid(keyPath, 'an object', v);
      validate(rule, v, keyPath, unknown);
    }
  }
}
