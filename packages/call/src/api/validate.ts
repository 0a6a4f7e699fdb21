/**
 * Argument checks of the call API. Wrong *types* throw a TypeError synchronously (programmer
 * misuse); wrong *values* return an `INVALID_ARGUMENT` BasicError that the operation reports in its
 * event. Nothing is sent and no state changes either way.
 */
import type { BasicError } from '@switchboard/core';
import { invalidArgument } from '../errors';
import { DTMF_TONES } from '../internal/dtmf';
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

/** A destination's user part after an optional `sip:`/`sips:`/`tel:` scheme, and an optional `@domain`. */
const DESTINATION = /^(?:(?:sips?|tel):)?([^@]*)(?:@(.*))?$/i;

/**
 * Checks a `make` destination: a SIP_URI, a TEL_URI or a bare user/number, with a user part, no
 * empty domain after `@`, no control characters (CR/LF could inject SIP headers) and no `<`, `>`
 * or `"` (the SDK builds the name-addr itself).
 * @internal
 */
export function checkDestination(destination: string): BasicError | undefined {
  const bad = (why: string) => invalidArgument(`call.make(): invalid destination ${JSON.stringify(destination)}: ${why}.`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f<>"]/.test(destination)) return bad('control characters, <, > and " are not allowed');
  const d = destination.trim();
  if (!d) return bad('it is empty');
  const [, user = '', domain] = DESTINATION.exec(d) ?? [];
  if (!user.trim()) return bad('it has no user part');
  if (domain !== undefined && !domain.trim()) return bad('the domain after @ is empty');
  return undefined;
}

/** DTMF limits (W3C `RTCDTMFSender.insertDTMF`: duration 40–6000 ms, gap ≥ 30 ms). @internal */
export const DTMF_LIMITS = Object.freeze({ maxTones: 256, minDuration: 40, maxDuration: 6000, minGap: 30, maxGap: 6000 });

/** Checks DTMF values (the types are already checked): tones `0-9 # * ,`, and durations within {@link DTMF_LIMITS}. @internal */
export function checkDtmf(tone: string, duration: number, gap: number): BasicError | undefined {
  const L = DTMF_LIMITS;
  if (!DTMF_TONES.test(tone)) return invalidArgument(`call.sendDTMF(): invalid tone ${JSON.stringify(tone.slice(0, 20))}; use 0-9, #, * and ','.`);
  if (tone.length > L.maxTones) return invalidArgument(`call.sendDTMF(): at most ${L.maxTones} tones at once, got ${tone.length}.`);
  const within = (v: number, min: number, max: number) => Number.isFinite(v) && v >= min && v <= max;
  if (!within(duration, L.minDuration, L.maxDuration) || !within(gap, L.minGap, L.maxGap)) {
    return invalidArgument(
      `call.sendDTMF(): duration must be ${L.minDuration}–${L.maxDuration} ms and intertoneGap ${L.minGap}–${L.maxGap} ms (got ${duration}, ${gap}).`,
    );
  }
  return undefined;
}
