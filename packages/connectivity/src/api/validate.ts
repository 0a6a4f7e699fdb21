/** Argument checks shared by the API namespaces: TypeError for misuse, BasicError for bad values. */
import { invalidArgument } from '../errors';

/** Whether `v` is a plain object. @internal */
export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && [Object.prototype, null].includes(Object.getPrototypeOf(v));

/** Requires an array of non-empty strings with at least one entry. @internal */
export function stringList(method: string, name: string, value: unknown): string[] {
  if (!Array.isArray(value)) throw new TypeError(`${method}: ${name} must be an array`);
  if (value.length === 0) throw invalidArgument(method, `${name} must not be empty.`);
  value.forEach((v, i) => {
    if (typeof v !== 'string' || v.length === 0) throw invalidArgument(method, `${name}[${i}] must be a non-empty string.`);
  });
  return [...(value as string[])];
}

/** Requires an optional value to be a string. @internal */
export function optionalString(method: string, name: string, value: unknown): string | undefined {
  if (value !== undefined && typeof value !== 'string') throw invalidArgument(method, `${name} must be a string.`);
  return value as string | undefined;
}

/** Requires a boolean (TypeError otherwise). @internal */
export function requireBoolean(method: string, name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new TypeError(`${method}: ${name} must be a boolean`);
  return value;
}

/** Checks a channel type: only `'websocket'` (case-insensitive) is supported. @internal */
export function channelType(method: string, value: unknown): void {
  if (value === undefined) return;
  if (typeof value !== 'string') throw new TypeError(`${method}: type must be a string`);
  if (value.toLowerCase() !== 'websocket') throw invalidArgument(method, `type "${value}" is not supported; use 'websocket'.`);
}
