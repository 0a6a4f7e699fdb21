/**
 * The configuration store. Each plugin owns a section (`config.<section>`) with defaults and a
 * schema; the store merges user values over the defaults, validates them, and applies
 * `updateConfig` atomically (an invalid value throws a BasicError naming the key and nothing
 * changes). Legacy keys are mapped through explicitly registered, logged aliases.
 */
import { BasicError } from './errors';

/** Checks one value; returns a description of what was expected, or undefined when valid. @public */
export type Check = (value: unknown) => string | undefined;

/** A section schema: key → check, or a nested schema for an object value. @public */
export interface Schema {
  [key: string]: Check | Schema;
}

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
  number: (o: { min?: number; max?: number; integer?: boolean } = {}): Check => (v) =>
    typeof v === 'number' && Number.isFinite(v) && (o.min === undefined || v >= o.min) && (o.max === undefined || v <= o.max) &&
    (!o.integer || Number.isInteger(v))
      ? undefined
      : `a${o.integer ? 'n integer' : ' number'}${o.min !== undefined ? ` >= ${o.min}` : ''}${o.max !== undefined ? ` <= ${o.max}` : ''}`,
  string: (o: { nonEmpty?: boolean } = {}): Check => (v) =>
    typeof v === 'string' && (!o.nonEmpty || v.length > 0) ? undefined : o.nonEmpty ? 'a non-empty string' : 'a string',
  boolean: (): Check => (v) => (typeof v === 'boolean' ? undefined : 'a boolean'),
  function: (): Check => (v) => (typeof v === 'function' ? undefined : 'a function'),
  object: (): Check => (v) => (isPlain(v) ? undefined : 'an object'),
  oneOf: (values: readonly unknown[], o: { caseInsensitive?: boolean } = {}): Check => (v) =>
    values.includes(v) || (o.caseInsensitive && typeof v === 'string' && values.includes(v.toLowerCase()))
      ? undefined
      : `one of ${values.map((x) => JSON.stringify(x)).join(', ')}`,
  arrayOf: (item: Check): Check => (v) =>
    Array.isArray(v) && v.every((x) => item(x) === undefined) ? undefined : `an array of ${item(Symbol()) ?? 'values'}`,
  anyOf: (...checks: Check[]): Check => (v) =>
    checks.some((c) => c(v) === undefined) ? undefined : checks.map((c) => c(Symbol())).join(' or '),
  any: (): Check => () => undefined,
};

/** A config section owned by a plugin (or core). @public */
export interface ConfigSection<T extends object = Record<string, unknown>> {
  /** Section name: the top-level config key. */
  name: string;
  /** Default values. */
  defaults: T;
  /** The schema the section's values are checked against. Unknown keys are kept and warned about. */
  schema: Schema;
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

/** Deep-clones plain objects and arrays; other values (functions, class instances) are shared. @internal */
export function clonePlain<T>(value: T): T {
  if (Array.isArray(value)) return value.map(clonePlain) as unknown as T;
  if (isPlain(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = clonePlain(v);
    return out as T;
  }
  return value;
}

/** Deep merge: plain objects merge, arrays and other values replace, `undefined` is skipped. @internal */
export function deepMerge<T extends object>(base: T, patch: object): T {
  const out: Record<string, unknown> = clonePlain(base) as Record<string, unknown>;
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue;
    out[k] = isPlain(v) && isPlain(out[k]) ? deepMerge(out[k] as object, v) : clonePlain(v);
  }
  return out as T;
}

function deepFreeze<T>(value: T): T {
  if (Array.isArray(value) || isPlain(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) deepFreeze(v);
  }
  return value;
}

function getPath(obj: Record<string, unknown>, path: string[]): unknown {
  let cur: unknown = obj;
  for (const k of path) {
    if (!isPlain(cur)) return undefined;
    cur = cur[k];
  }
  return cur;
}

function setPath(obj: Record<string, unknown>, path: string[], value: unknown): void {
  let cur = obj;
  for (const k of path.slice(0, -1)) {
    if (!isPlain(cur[k])) cur[k] = {};
    cur = cur[k] as Record<string, unknown>;
  }
  cur[path[path.length - 1]!] = value;
}

/** Deletes the value at `path`, then prunes parents that became empty. */
function deletePath(obj: Record<string, unknown>, path: string[]): void {
  for (let depth = path.length; depth > 0; depth--) {
    const parent = getPath(obj, path.slice(0, depth - 1));
    const key = path[depth - 1]!;
    if (!isPlain(parent)) return;
    const child = parent[key];
    if (depth < path.length && !(isPlain(child) && Object.keys(child).length === 0)) return;
    delete parent[key];
  }
}

/** The whole SDK configuration: a section per installed plugin. @public */
export type SdkConfig = Record<string, Record<string, unknown>>;

/**
 * Holds the configuration. Reads are cheap (a frozen snapshot); writes are validated first.
 * @internal
 */
export class ConfigStore {
  private readonly sections = new Map<string, ConfigSection>();
  private readonly aliases: ConfigAlias[] = [];
  private current: SdkConfig = {};
  private readonly listeners = new Set<(config: SdkConfig) => void>();

  constructor(private readonly warn: (message: string) => void, private readonly info: (message: string) => void) {}

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
    let base: SdkConfig = {};
    for (const s of this.sections.values()) base[s.name] = clonePlain(s.defaults) as Record<string, unknown>;
    base = this.apply(base, (user ?? {}) as object);
    this.current = deepFreeze(base);
  }

  /** The current configuration (frozen). */
  get(): SdkConfig {
    return this.current;
  }

  /** The current values of one section (frozen). */
  section<T>(name: string): T {
    return (this.current[name] ?? {}) as T;
  }

  /** Merges `patch` into the configuration atomically. Throws a BasicError naming an invalid key. */
  update(patch: unknown): void {
    if (!isPlain(patch)) throw new TypeError('updateConfig(newConfigValues): newConfigValues must be a plain object');
    this.current = deepFreeze(this.apply(this.current, patch));
    for (const l of [...this.listeners]) l(this.current);
  }

  /** Calls `listener` after every successful update. Returns an unsubscribe function. */
  onChange(listener: (config: SdkConfig) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private apply(base: SdkConfig, patchIn: object): SdkConfig {
    const patch = clonePlain(patchIn) as Record<string, unknown>;
    for (const alias of this.aliases) {
      const from = alias.from.split('.');
      const value = getPath(patch, from);
      if (value === undefined) continue;
      const to = alias.to.split('.');
      if (getPath(patch, to) === undefined) setPath(patch, to, alias.map ? alias.map(value) : clonePlain(value));
      deletePath(patch, from);
      this.info(`config: "${alias.from}" is a compatibility key; its value is used as "${alias.to}".`);
    }
    for (const [name, value] of Object.entries(patch)) {
      const section = this.sections.get(name);
      if (!section) {
        this.warn(`config: no installed plugin owns the section "${name}"; it is kept but unused.`);
        continue;
      }
      if (!isPlain(value)) throw invalid(name, 'an object', value);
      validate(section.schema, value, name, this.warn);
    }
    return deepMerge(base, patch);
  }
}

function invalid(path: string, expected: string, value: unknown): BasicError {
  const shown = typeof value === 'function' ? 'a function' : typeof value === 'string' ? JSON.stringify(value) : String(value);
  return new BasicError('INVALID_CONFIG', `Invalid config value for "${path}": expected ${expected}, got ${shown}.`);
}

function validate(schema: Schema, value: Record<string, unknown>, path: string, warn: (m: string) => void): void {
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) continue;
    const rule = schema[key];
    const keyPath = `${path}.${key}`;
    if (rule === undefined) {
      warn(`config: unknown key "${keyPath}" is ignored by the SDK.`);
    } else if (typeof rule === 'function') {
      const expected = rule(v);
      if (expected !== undefined) throw invalid(keyPath, expected, v);
    } else {
      if (!isPlain(v)) throw invalid(keyPath, 'an object', v);
      validate(rule, v, keyPath, warn);
    }
  }
}
