/**
 * The SDK's one error model. Every event payload and promise rejection carries a {@link BasicError}:
 * a stable string `code` plus a human-readable `message` (seed 000 `BasicError`).
 */

/**
 * The error codes owned by core (name → code). @public
 */
export const coreErrorCodes = /* @__PURE__ */ Object.freeze({
  /** The fallback code of an error whose code is unknown. */
  NO_CODE: 'NO_CODE',
  /** A method was called after `destroy()`. */
  SDK_DESTROYED: 'SDK_DESTROYED',
  /** A configuration value is invalid. */
  INVALID_CONFIG: 'INVALID_CONFIG',
  /** An argument has the right type but a wrong value; nothing was changed or sent. */
  INVALID_ARGUMENT: 'INVALID_ARGUMENT',
  /** The credentials are missing or malformed. */
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  /** The method exists in the API but is not implemented yet. */
  NOT_IMPLEMENTED: 'NOT_IMPLEMENTED',
  /** Two plugins with the same id were installed. */
  SDK_PLUGIN_DUPLICATE: 'SDK_PLUGIN_DUPLICATE',
  /** A plugin's dependency is not installed. */
  SDK_PLUGIN_DEPENDENCY_MISSING: 'SDK_PLUGIN_DEPENDENCY_MISSING',
  /** A plugin's dependency has an incompatible version. */
  SDK_PLUGIN_VERSION_MISMATCH: 'SDK_PLUGIN_VERSION_MISMATCH',
  /** A plugin definition is malformed. */
  SDK_PLUGIN_INVALID: 'SDK_PLUGIN_INVALID',
  /** An extension point that needs a contribution has none. */
  SDK_EXTENSION_MISSING: 'SDK_EXTENSION_MISSING',
  /** An extension point that takes one contribution has two conflicting ones. */
  SDK_EXTENSION_CONFLICT: 'SDK_EXTENSION_CONFLICT',
} as const);

/**
 * The {@link ErrorCodeMap} entries of a code table: `{ [code]: true }` for every value of `T`.
 * A plugin derives its augmentation from its exported constants, so the two cannot drift:
 * ```ts
 * export const greeterErrorCodes = Object.freeze({ NOT_FOUND: 'GREETER_NOT_FOUND' } as const);
 * declare module '@switchboard/core' { interface ErrorCodeMap extends ErrorCodesOf<typeof greeterErrorCodes> {} }
 * ```
 * @public
 */
export type ErrorCodesOf<T extends Readonly<Record<string, string>>> = { readonly [C in T[keyof T]]: true };

/**
 * Every known error code, as the keys of a registry. Core's are derived from {@link coreErrorCodes};
 * plugins (first- and third-party) add theirs by declaration merging, best derived from their own
 * constants with {@link ErrorCodesOf}.
 * @public
 */
export interface ErrorCodeMap extends ErrorCodesOf<typeof coreErrorCodes> {}

/**
 * A known error code: a key of {@link ErrorCodeMap} (core's plus those of every plugin whose types
 * are loaded). A code nobody registered (`new BasicError('TYPO', …)`) is a compile error.
 * @public
 */
export type ErrorCode = keyof ErrorCodeMap & string;

/** Fallbacks documented by seed 000. */
const NO_CODE: ErrorCode = 'NO_CODE';
const NO_MESSAGE = 'An error occurred';

/** Options of {@link BasicError}. @public */
export interface BasicErrorOptions {
  /** The error this one wraps; its message is chained into `message`. */
  cause?: unknown;
  /** Id of the plugin that raised the error. */
  pluginId?: string;
}

/** The brand every BasicError carries (on its prototype), shared by every copy of core. */
const BASIC_ERROR_BRAND = Symbol.for('@switchboard/BasicError');

/**
 * The Basic Error object: information about an error that occurred in the SDK.
 * `code` falls back to `'NO_CODE'` and `message` to `'An error occurred'`.
 * @example
 * ```ts
 * client.on('call:start', ({ error }) => { if (error) console.log(error.code, error.message) })
 * ```
 * @public
 */
export class BasicError extends Error {
  /**
   * `x instanceof BasicError` is true for a BasicError of any copy of `@switchboard/core` (an ESM
   * and a CJS copy loaded side by side): it checks a registered brand, not the prototype chain.
   * Subclasses keep the ordinary prototype check.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (this !== BasicError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BASIC_ERROR_BRAND] === true;
  }

  /** Always `'BasicError'` (subclasses may set their own). */
  override readonly name: string = 'BasicError';
  /** The code of the error; `'NO_CODE'` when unknown. */
  readonly code: ErrorCode;
  /** Id of the plugin that raised the error, when known. */
  readonly pluginId?: string;

  constructor(code?: ErrorCode | null, message?: string | null, options: BasicErrorOptions = {}) {
    const base = typeof message === 'string' && message.length > 0 ? message : NO_MESSAGE;
    const cause = options.cause;
    const causeText = cause instanceof Error ? cause.message : typeof cause === 'string' ? cause : '';
    super(causeText ? `${base}: ${causeText}` : base);
    this.code = typeof code === 'string' && code.length > 0 ? code : NO_CODE;
    if (options.pluginId) this.pluginId = options.pluginId;
    if (cause !== undefined) Object.defineProperty(this, 'cause', { value: cause, enumerable: false });
  }

  /** A plain `{ code, message }` copy, safe to serialise or post to another context. */
  toJSON(): {
    /** The error's code. */
    code: string;
    /** The error's message. */
    message: string;
  } {
    return { code: this.code, message: this.message };
  }
}
Object.defineProperty(BasicError.prototype, BASIC_ERROR_BRAND, { value: true });

/** True when `value` looks like a BasicError (also across realms and after JSON round trips). @public */
export function isBasicError(value: unknown): value is BasicError {
  return (
    value instanceof BasicError ||
    (typeof value === 'object' && value !== null && typeof (value as BasicError).code === 'string' &&
      typeof (value as BasicError).message === 'string')
  );
}

/** Normalises anything thrown into a BasicError, keeping an existing code. @public */
export function toBasicError(value: unknown, fallbackCode: ErrorCode = NO_CODE): BasicError {
  if (value instanceof BasicError) return value;
  if (isBasicError(value)) return new BasicError(value.code, value.message);
  if (value instanceof Error) return new BasicError(fallbackCode, value.message, {});
  return new BasicError(fallbackCode, typeof value === 'string' ? value : undefined);
}

/** The error every method throws once `destroy()` has run. @internal */
export function destroyedError(): BasicError {
  return new BasicError('SDK_DESTROYED', 'The SDK instance has been destroyed; create a new one.');
}

/** The error of a method that exists in the API but is not implemented yet. @public */
export function notImplemented(method: string): BasicError {
  return new BasicError('NOT_IMPLEMENTED', `${method}() is not implemented yet.`);
}
