/** Subscription bodies and response parsing (protocol §2.1, §2.2, §2.4). */
import type { BasicError } from '@switchboard/core';
import type { SubscriptionConfig } from '../config';
import { invalidCredentialsError, subscribeFailedError } from '../errors';
import type { TurnCredentials } from '../tokens';
import type { Classified } from './classify';
import { statusCodeOf } from './classify';

/** `subscribeResponse.subscriptionParams` as stored by the client. @internal */
export interface SubscriptionParams {
  service: string[];
  notificationChannel: string;
  expires?: number;
  turnCredentials?: TurnCredentials;
  sessionId?: string;
  clientCorrelator?: string;
  localization?: string;
  useTurn?: boolean;
  notificationType?: string;
  [member: string]: unknown;
}

/** The client's subscription record. @internal */
export interface SubscriptionRecord {
  /** Path of the subscription resource (PUT/DELETE). */
  path: string;
  params: SubscriptionParams;
  /** `expires` of the create response (refreshes never change it). */
  expires: number | undefined;
}

/** Options of a create. @internal */
export interface CreateOptions {
  forceLogOut?: boolean;
  clientCorrelator?: string;
}

/**
 * The Link wire name of a service (§2.3), the one place service names are translated: seed 000's `chat` is
 * the wire's `IM`; every other name (`call`, `IM`, `Presence`, `presence`, `smsinbound`, `event:*`, `custom`)
 * goes out as given. @internal
 */
export const wireName = (name: string): string => (name.toLowerCase() === 'chat' ? 'IM' : name);

/**
 * A `subscribeRequest` body: settings from `p` (the stored subscription on a PUT) else the config,
 * then `extra` (create only).
 */
function request(services: readonly string[], c: SubscriptionConfig, p: Partial<SubscriptionParams>, extra?: object): object {
  return {
    subscribeRequest: {
      expires: p.expires ?? c.expires,
      service: services.map(wireName),
      localization: p.localization ?? c.localization,
      useTurn: p.useTurn ?? c.useTurn,
      notificationType: p.notificationType ?? c.notificationType,
      supported: ['RingingFeedback'],
      ...extra,
    },
  };
}

/** The create (POST) body. @internal */
export const createBody = (services: readonly string[], c: SubscriptionConfig, o: CreateOptions): object =>
  request(services, c, {}, { forceLogOut: String(!!o.forceLogOut), ...(o.clientCorrelator !== undefined && { clientCorrelator: o.clientCorrelator }) });

/** The refresh / service-change (PUT) body: the create response's `expires` and the stored settings. @internal */
export const refreshBody = (record: SubscriptionRecord, services: readonly string[], c: SubscriptionConfig): object =>
  request(services, c, { ...record.params, expires: record.expires });

/** Path of the refresh PUT: the clientCorrelator form when the server echoed one. @internal */
export function refreshPath(record: SubscriptionRecord, userPath: string): string {
  const cc = record.params.clientCorrelator;
  return typeof cc === 'string' && cc ? `${userPath}/subscription/clientCorrelator/${encodeURIComponent(cc)}` : record.path;
}

const isPath = (v: unknown): v is string => typeof v === 'string' && v[0] === '/';

/** Parses a create/change response into a record; undefined when a required member is missing. @internal */
export function parseSubscription(body: unknown, previousExpires?: number): SubscriptionRecord | undefined {
  const w = (body as { subscribeResponse?: { subscription?: unknown; subscriptionParams?: SubscriptionParams } } | undefined)?.subscribeResponse;
  const params = w?.subscriptionParams;
  if (!isPath(w?.subscription) || typeof params !== 'object' || !params || !isPath(params.notificationChannel)) return undefined;
  if (!Array.isArray(params.service) || !params.service.every((s) => typeof s === 'string')) return undefined;
  const { turnCredentials: turn, ...rest } = params;
  const { expires } = params;
  return {
    path: w.subscription,
    params: typeof turn?.username === 'string' && typeof turn.password === 'string' ? { ...params } : rest,
    expires: previousExpires ?? (typeof expires === 'number' && expires > 0 ? expires : undefined),
  };
}

/** Whether a PUT response is a success (2xx, statusCode 0 or 2, service list present, §2.4). @internal */
export function isRefreshSuccess(res: Classified): boolean {
  const sc = statusCodeOf(res.body);
  const params = (res.body as { subscribeResponse?: { subscriptionParams?: { service?: unknown } } })?.subscribeResponse?.subscriptionParams;
  return res.ok && (sc === 0 || sc === 2) && Array.isArray(params?.service);
}

/** Whether a PUT response says the subscription no longer exists (404 + 39). @internal */
export function isGone(res: Classified): boolean {
  return res.status === 404 && statusCodeOf(res.body) === 39;
}

/**
 * The subscription error for a failed response: invalid credentials (401, HTML 403, 403 + 4/61/65) →
 * `authentication:1`, else `make(statusCode)`. 403 + 27 is a credential problem for `request:error` (§1.8) but
 * seed 000 lists it as "Failed to subscribe user. Status Code 27" (`authentication:4`). @internal
 */
export function responseError(res: Classified, make: (statusCode: number | string) => BasicError = subscribeFailedError): BasicError {
  const sc = statusCodeOf(res.body) ?? res.status;
  return res.authFailure && sc !== 27 ? invalidCredentialsError(sc) : make(sc);
}

/** Helpers for service lists: case-insensitive, and `chat` ≡ `IM` (see `wireName`). @internal */
export const services = {
  has: (list: readonly string[], name: string) => list.some((s) => wireName(s).toLowerCase() === wireName(name).toLowerCase()),
  unique: (a: readonly string[]) => a.reduce<string[]>((acc, n) => (services.has(acc, n) ? acc : [...acc, n]), []),
  union: (a: readonly string[], b: readonly string[]) => services.unique([...a, ...b]),
  minus: (a: readonly string[], b: readonly string[]) => a.filter((n) => !services.has(b, n)),
  sameSet: (a: readonly string[], b: readonly string[]) => a.every((n) => services.has(b, n)) && b.every((n) => services.has(a, n)),
};
