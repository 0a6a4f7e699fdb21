/**
 * Typed dependency-injection tokens over tsyringe. A token carries its value type, so plugins
 * declare `deps: { transport: connectivityTokens.transport }` and receive a typed value without
 * casts or string keys.
 */

/**
 * A typed DI token. `T` is phantom: it only exists for the type checker.
 * @public
 */
export interface Token<T> {
  /** Stable id, `'<pluginId>.<name>'`. */
  readonly id: string;
  /** The tsyringe injection token: `Symbol.for('@switchboard/token:' + id)`, the same in every copy of a package. */
  readonly key: symbol;
  /** @internal phantom type carrier. */
  readonly __type?: T;
}

/** The value type behind a token. @public */
export type TokenValue<K> = K extends Token<infer T> ? T : never;

/** A record of tokens, as declared in a plugin's `deps`. @public */
export type TokenMap = Record<string, Token<unknown>>;

/** Resolves a record of tokens to a record of values. @public */
export type ResolvedDeps<D extends TokenMap> = { readonly [K in keyof D]: TokenValue<D[K]> };

/** Prefix of a token's key in the global symbol registry. */
const TOKEN_KEY_PREFIX = '@switchboard/token:';

const TOKEN_ID = /^[a-z][a-z0-9-]*\.[A-Za-z][A-Za-z0-9-]*$/;

/**
 * Creates a typed token with an id of the form `'<pluginId>.<name>'`.
 * @example
 * ```ts
 * export const callTokens = { backend: createToken<CallBackend>('call.backend') }
 * ```
 * @public
 */
export function createToken<T>(id: string): Token<T> {
  if (typeof id !== 'string' || !TOKEN_ID.test(id)) {
    throw new TypeError(`createToken(): id must look like "<plugin-id>.<name>", got ${String(id)}`);
  }
  // A registered symbol (`Symbol.for`), so that the same token created by two copies of a package
  // (an ESM and a CJS copy, or two installed versions) is the same injection key.
  return Object.freeze({ id, key: Symbol.for(`${TOKEN_KEY_PREFIX}${id}`) });
}
