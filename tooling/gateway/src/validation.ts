/**
 * Request body validation. Every failure is an {@link HttpError} 400 with statusCode 5
 * ("request body invalid or missing", §1.11) unless a more specific code is given.
 */
import { HttpError } from './http';

/** A JSON object. */
export type Json = Record<string, unknown>;

/** Custom SIP header (§5.20). */
export interface CustomParameter {
  name: string;
  value: string;
}

function invalid(reason: string, statusCode = 5): never {
  throw new HttpError(400, statusCode, reason);
}

/** True for a plain (non-array, non-null) object. */
export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The object under `wrapper` in `body` (e.g. `subscribeRequest`); 400 if missing. */
export function unwrap(body: unknown, wrapper: string): Json {
  if (!isObject(body)) invalid(`Body must be a JSON object with "${wrapper}"`);
  const inner = body[wrapper];
  if (!isObject(inner)) invalid(`Missing or invalid "${wrapper}"`);
  return inner;
}

/** A required non-empty string field. */
export function requireString(obj: Json, key: string): string {
  const v = obj[key];
  if (typeof v !== 'string' || !v) invalid(`"${key}" must be a non-empty string`);
  return v;
}

/** An optional string field. */
export function optionalString(obj: Json, key: string): string | undefined {
  const v = obj[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') invalid(`"${key}" must be a string`);
  return v;
}

/** A required finite number > 0. */
export function requirePositive(obj: Json, key: string): number {
  const v = obj[key];
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) invalid(`"${key}" must be a positive number`);
  return v;
}

/** An optional boolean field. */
export function optionalBoolean(obj: Json, key: string): boolean | undefined {
  const v = obj[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'boolean') invalid(`"${key}" must be a boolean`);
  return v;
}

/** An optional array of strings. */
export function optionalStringArray(obj: Json, key: string): string[] | undefined {
  const v = obj[key];
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || !v.every((s) => typeof s === 'string')) invalid(`"${key}" must be an array of strings`);
  return v as string[];
}

/** Optional `customParameters` (`[{ name, value }]`, §5.20). */
export function customParameters(obj: Json): CustomParameter[] | undefined {
  const v = obj.customParameters;
  if (v === undefined) return undefined;
  const ok =
    Array.isArray(v) && v.every((p) => isObject(p) && typeof p.name === 'string' && p.name && typeof p.value === 'string');
  if (!ok) invalid('"customParameters" must be an array of { name, value } strings');
  return (v as Json[]).map((p) => ({ name: p.name as string, value: p.value as string }));
}

/** Optional `customBodies` (`[{ contentType, contentDisposition, body }]`, §5.20). */
export function customBodies(obj: Json): Json[] | undefined {
  const v = obj.customBodies;
  if (v === undefined) return undefined;
  const ok = Array.isArray(v) && v.every((b) => isObject(b) && typeof b.body === 'string');
  if (!ok) invalid('"customBodies" must be an array of { contentType, contentDisposition, body }');
  return v as Json[];
}

/** Deepest nesting of objects/arrays accepted in a relayed JSON value. */
export const MAX_JSON_DEPTH = 64;

/**
 * Throws 400 + 5 when `value` nests objects/arrays deeper than `limit` levels (such a value
 * could not be serialised for delivery). Iterative, so the check itself cannot overflow the stack.
 */
export function requireDepth(value: unknown, key: string, limit = MAX_JSON_DEPTH): void {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (v === null || typeof v !== 'object') continue;
    if (depth > limit) throw new HttpError(400, 5, `"${key}" is nested deeper than ${limit} levels`);
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
}
