import { backoffDelay, jitter, mayRetry, MIN_REFRESH_MS, refreshBaseDelay, refreshDelay, serviceUnavailableDelay } from './schedule';

describe('refresh schedule (§2.4)', () => {
  it('waits half the lifetime after a success, then halves per failure, never below 30 s', () => {
    expect(refreshBaseDelay(3600, 0)).toBe(1_800_000);
    expect(refreshBaseDelay(3600, 1)).toBe(900_000);
    expect(refreshBaseDelay(3600, 2)).toBe(450_000);
    expect(refreshBaseDelay(3600, 10)).toBe(MIN_REFRESH_MS);
    expect(refreshBaseDelay(40, 0)).toBe(MIN_REFRESH_MS);
    expect(refreshBaseDelay(undefined, 0)).toBe(MIN_REFRESH_MS);
  });

  it('randomises uniformly within ±20 %', () => {
    expect(jitter(1000, () => 0)).toBe(800);
    expect(jitter(1000, () => 0.5)).toBe(1000);
    expect(jitter(1000, () => 0.999999)).toBeCloseTo(1200, 2);
    for (let i = 0; i < 200; i++) {
      const d = refreshDelay(3600, 0);
      expect(d).toBeGreaterThanOrEqual(1_440_000);
      expect(d).toBeLessThanOrEqual(2_160_000);
    }
  });
});

describe('reconnect backoff (§3.2)', () => {
  const c = { reconnectDelay: 5000, reconnectTimeMultiplier: 2, reconnectTimeLimit: 30000 };
  it('multiplies the delay per attempt and caps it', () => {
    expect([0, 1, 2, 3, 4].map((a) => backoffDelay(a, c))).toEqual([5000, 10000, 20000, 30000, 30000]);
    expect(backoffDelay(7, { ...c, reconnectTimeMultiplier: 1 })).toBe(5000);
  });
  it('limits attempts unless the limit is 0', () => {
    expect(mayRetry(4, 5)).toBe(true);
    expect(mayRetry(5, 5)).toBe(false);
    expect(mayRetry(1000, 0)).toBe(true);
  });
});

describe('503 retry delay (§1.9)', () => {
  it('prefers subscribeResponse.retryAfter (ms), else Retry-After (s); none without JSON or a positive delay', () => {
    expect(serviceUnavailableDelay({ body: { subscribeResponse: { retryAfter: 250 } }, retryAfter: 9, json: true })).toBe(250);
    expect(serviceUnavailableDelay({ body: { subscribeResponse: { retryAfter: 0 } }, retryAfter: 2, json: true })).toBe(2000);
    expect(serviceUnavailableDelay({ body: {}, retryAfter: 2, json: false })).toBeUndefined();
    expect(serviceUnavailableDelay({ body: {}, json: true })).toBeUndefined();
    expect(serviceUnavailableDelay({ body: {}, retryAfter: -1, json: true })).toBeUndefined();
  });
});

describe('refresh delay bounds', () => {
  it('never exceeds the setTimeout maximum, whatever expires the server sends', () => {
    // A larger delay makes setTimeout fire after 1 ms: a refresh storm.
    for (const expires of [5_000_000, 1e9, Number.MAX_SAFE_INTEGER]) {
      expect(refreshBaseDelay(expires, 0)).toBeLessThanOrEqual(2 ** 31 - 1);
      expect(refreshDelay(expires, 0, () => 0.999)).toBeLessThanOrEqual(2 ** 31 - 1);
    }
  });
});
