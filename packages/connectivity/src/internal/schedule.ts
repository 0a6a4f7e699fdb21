/** Timing maths: refresh schedule (§2.4), reconnect backoff (§3.2), 503 retry delay (§1.9). */
import type { ConnectivityConfig } from '../config';

/** The floor of every refresh delay, in ms. @internal */
export const MIN_REFRESH_MS = 30000;

/**
 * The un-jittered refresh delay: `max(expires × 1000 / 2^(failures+1), 30 s)` — half the lifetime
 * after a success, then a quarter, an eighth … after consecutive failures. Missing `expires` → 30 s.
 * Capped so that the jittered delay stays within what `setTimeout` accepts (a larger one fires at once).
 * @internal
 */
export function refreshBaseDelay(expiresSeconds: number | undefined, failures: number): number {
  if (!expiresSeconds || expiresSeconds <= 0) return MIN_REFRESH_MS;
  return Math.min(Math.max((expiresSeconds * 1000) / 2 ** (failures + 1), MIN_REFRESH_MS), 1.7e9);
}

/** Randomises `ms` uniformly within ±20 %. `random` returns a number in [0, 1). @internal */
export function jitter(ms: number, random: () => number = Math.random): number {
  return ms * (0.8 + 0.4 * random());
}

/** The delay before the next refresh PUT. @internal */
export function refreshDelay(expiresSeconds: number | undefined, failures: number, random: () => number = Math.random): number {
  return jitter(refreshBaseDelay(expiresSeconds, failures), random);
}

/**
 * Reconnect backoff: `min(reconnectDelay × reconnectTimeMultiplier^attempt, reconnectTimeLimit)`
 * for the 0-based attempt number.
 * @internal
 */
export function backoffDelay(
  attempt: number,
  c: Pick<ConnectivityConfig, 'reconnectDelay' | 'reconnectTimeMultiplier' | 'reconnectTimeLimit'>,
): number {
  return Math.min(c.reconnectDelay * c.reconnectTimeMultiplier ** Math.max(attempt, 0), c.reconnectTimeLimit);
}

/** Whether another attempt is allowed after `attemptsMade` attempts (`limit` 0 = unlimited). @internal */
export function mayRetry(attemptsMade: number, limit: number): boolean {
  return limit === 0 || attemptsMade < limit;
}

/**
 * The retry delay of a 503 to a subscribe POST, in ms (§1.9): `subscribeResponse.retryAfter` (ms)
 * if non-zero, else the `Retry-After` header (seconds). Undefined when the body is not JSON or the
 * delay is missing or ≤ 0 (then the 503 is final).
 * @internal
 */
export function serviceUnavailableDelay(res: { body: unknown; retryAfter?: number; json?: boolean }): number | undefined {
  if (res.json === false) return undefined;
  const wrapper = (res.body as { subscribeResponse?: { retryAfter?: unknown } } | undefined)?.subscribeResponse;
  const fromBody = typeof wrapper?.retryAfter === 'number' && wrapper.retryAfter !== 0 ? wrapper.retryAfter : undefined;
  const delay = fromBody ?? (res.retryAfter !== undefined ? res.retryAfter * 1000 : undefined);
  return delay !== undefined && delay > 0 ? delay : undefined;
}
