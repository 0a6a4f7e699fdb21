/**
 * Types that derive the configuration of a client from its plugins: each plugin's config sections
 * (and its typed compatibility keys) become part of the type of `createClient({ config })`,
 * `updateConfig()` and `ctx.config`. Types only: nothing here exists at run time.
 */
import type { AuthenticationConfig } from './coreConfig';
import type { LogsConfig } from './logger';

/** @internal */
export type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/**
 * `T` with every key optional, recursively through plain objects. Arrays and functions are
 * replaced whole, so they stay as they are.
 * @public
 */
export type DeepPartial<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends readonly unknown[]
    ? T
    : T extends object
      ? { [K in keyof T]?: DeepPartial<T[K]> }
      : T;

/** Core's own sections: `logs` and `authentication`. @public */
export interface CoreConfig {
  /** Logging (seed 000 `config.logs`). */
  logs: LogsConfig;
  /** The REST server (seed 000 `config.authentication`). */
  authentication: AuthenticationConfig;
}

/** Core's compatibility keys, still accepted. @public */
export interface LegacyCoreConfig {
  /** Compatibility keys of `config.logs`. */
  logs: {
    /** @deprecated 001/002 spelling of `logLevel`. */
    loglevel: LogsConfig['logLevel'];
  };
}

/**
 * The configuration an app passes: every section optional, every key optional, no unknown keys
 * (a misspelled key is a compile error).
 * @public
 */
export type UserConfig<C> = { [K in keyof C]?: DeepPartial<C[K]> };

/** Makes an intersection of object types display (and check) as one object type. @internal */
export type Simplify<T> = { [K in keyof T]: T[K] } & {};
