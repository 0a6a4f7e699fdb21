/**
 * Argument checks of the call API. Wrong *types* throw a TypeError synchronously (programmer
 * misuse); wrong *values* return an `INVALID_ARGUMENT` BasicError that the operation reports in its
 * event. Nothing is sent and no state changes either way.
 */
import type { BasicError } from '@switchboard/core';
import { invalidArgument } from '../errors';
import type { BandwidthControls, CallMediaOptions, CustomParameter, DSCPControls } from '../types';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Throws a TypeError unless `value` is a string. @internal */
export function assertString(method: string, name: string, value: unknown): asserts value is string {
  if (typeof value !== 'string') throw new TypeError(`call.${method}(): ${name} must be a string`);
}

/** Throws a TypeError unless `value` is an object (or undefined when optional). @internal */
export function assertObject(method: string, name: string, value: unknown, optional = true): void {
  if (value === undefined && optional) return;
  if (!isObject(value)) throw new TypeError(`call.${method}(): ${name} must be an object`);
}

/** Checks media options: types (TypeError) and that some media is requested (BasicError). @internal */
export function checkMedia(method: string, media: unknown): BasicError | undefined {
  assertObject(method, 'media', media, false);
  const m = media as CallMediaOptions;
  for (const key of ['audio', 'video', 'screen'] as const) {
    if (m[key] !== undefined && typeof m[key] !== 'boolean') throw new TypeError(`call.${method}(): media.${key} must be a boolean`);
  }
  for (const key of ['audioOptions', 'videoOptions', 'screenOptions'] as const) assertObject(method, `media.${key}`, m[key]);
  if (!m.audio && !m.video && !m.screen) return invalidArgument(`call.${method}(): media must request audio, video or screen.`);
  return undefined;
}

/** Checks `bandwidth`. @internal */
export function checkBandwidth(method: string, bw: unknown): BasicError | undefined {
  assertObject(method, 'options.bandwidth', bw);
  if (bw === undefined) return undefined;
  for (const [k, v] of Object.entries(bw as BandwidthControls)) {
    if (v === undefined) continue;
    if (!['call', 'audio', 'video'].includes(k)) return invalidArgument(`call.${method}(): unknown bandwidth key "${k}".`);
    if (typeof v !== 'number') throw new TypeError(`call.${method}(): options.bandwidth.${k} must be a number`);
    if (!Number.isFinite(v) || v <= 0) return invalidArgument(`call.${method}(): options.bandwidth.${k} must be a positive number of kbps.`);
  }
  return undefined;
}

const PRIORITIES = ['very-low', 'low', 'medium', 'high'];

/** Checks `dscpControls`. @internal */
export function checkDscp(method: string, dscp: unknown): BasicError | undefined {
  assertObject(method, 'options.dscpControls', dscp);
  if (dscp === undefined) return undefined;
  for (const [k, v] of Object.entries(dscp as DSCPControls)) {
    if (v === undefined) continue;
    if (!['audioNetworkPriority', 'videoNetworkPriority', 'screenNetworkPriority'].includes(k)) {
      return invalidArgument(`call.${method}(): unknown dscpControls key "${k}".`);
    }
    if (!PRIORITIES.includes(v as string)) return invalidArgument(`call.${method}(): dscpControls.${k} must be one of ${PRIORITIES.join(', ')}.`);
  }
  return undefined;
}

/** Checks custom parameters (types only). @internal */
export function checkCustomParameters(method: string, params: unknown): void {
  if (params === undefined) return;
  if (!Array.isArray(params) || params.some((p) => !isObject(p) || typeof p.name !== 'string' || typeof p.value !== 'string')) {
    throw new TypeError(`call.${method}(): options.customParameters must be an array of { name: string, value: string }`);
  }
}

/** Checks the options of make/answer; returns the first value error. @internal */
export function checkCallOptions(method: string, options: unknown): BasicError | undefined {
  assertObject(method, 'options', options);
  const o = (options ?? {}) as { bandwidth?: unknown; dscpControls?: unknown; customParameters?: unknown; displayName?: unknown };
  checkCustomParameters(method, o.customParameters);
  if (o.displayName !== undefined && typeof o.displayName !== 'string') throw new TypeError(`call.${method}(): options.displayName must be a string`);
  return checkBandwidth(method, o.bandwidth) ?? checkDscp(method, o.dscpControls);
}

/** Copies custom parameters. @internal */
export const copyParams = (p?: CustomParameter[]): CustomParameter[] => (p ?? []).map(({ name, value }) => ({ name, value }));
