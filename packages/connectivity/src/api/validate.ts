/** Argument checks shared by the API namespaces: TypeError for misuse, BasicError for bad values. */
import { BasicError } from '@switchboard/core';
import { invalidArgument } from '../errors';

/** Whether `v` is a plain object. @internal */
export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && [Object.prototype, null].includes(Object.getPrototypeOf(v));

/** Whether `v` is a non-empty string. @internal */
export const isName = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/** Programmer misuse: throws a TypeError "`method`: `what`" unless `ok`. @internal */
export function need(ok: unknown, method: string, what: string): asserts ok {
  if (!ok) throw new TypeError(`${method}: ${what}`);
}

/** A bad value: throws BasicError `INVALID_ARGUMENT` "`method`: `what`" unless `ok`. @internal */
export function check(ok: unknown, method: string, what: string): asserts ok {
  if (!ok) throw invalidArgument(method, what);
}

/** Requires an array of strings (TypeError), at least one and none empty (INVALID_ARGUMENT). @internal */
export function stringList(method: string, name: string, value: unknown): string[] {
  need(Array.isArray(value) && value.every((v) => typeof v === 'string'), method, `${name} must be an array of strings`);
  check(value.length && value.every(isName), method, `${name} must be non-empty strings, at least one`);
  return [...value];
}

/** Requires `value` to be undefined or of type `type` (TypeError). @internal */
export function optional(method: string, name: string, value: unknown, type: 'string' | 'boolean'): void {
  need(value === undefined || typeof value === type, method, `${name} must be a ${type}`);
}

/**
 * Runs `run` for a promise-returning method: a BasicError it throws (a wrong value) becomes the
 * rejection of the returned promise; a TypeError (a wrong type) still throws synchronously.
 * @internal
 */
export function rejectingValues<T>(run: () => Promise<T>): Promise<T> {
  try {
    return run();
  } catch (error) {
    if (error instanceof BasicError) return Promise.reject(error);
    throw error;
  }
}

/** Checks a channel type: only `'websocket'` (case-insensitive) is supported. @internal */
export function channelType(method: string, value: unknown): void {
  if (value === undefined) return;
  need(typeof value === 'string', method, 'type must be a string');
  check(value.toLowerCase() === 'websocket', method, `type "${value}" is not supported; use 'websocket'`);
}
