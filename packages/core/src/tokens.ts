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
  /** The tsyringe injection token. */
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
  return Object.freeze({ id, key: Symbol(id) });
}
