/** A fixed-window counter per key (the per-user message rate of README "Messaging"). */
import { HttpError } from './http';

/** Counts events per key in fixed windows; `take` refuses one over the limit with 429 + 19 + `Retry-After`. */
export class FixedWindowLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly what: string,
  ) {}

  /** Counts one event of `key`; throws 429 + 19 (with `Retry-After` in seconds) when over the limit. Checks before counting `n`. */
  take(key: string, n = 1): void {
    const now = Date.now();
    let w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) {
      w = { start: now, count: 0 };
      this.windows.set(key, w);
      this.sweep(now);
    }
    if (w.count + n > this.limit) {
      const seconds = Math.max(1, Math.ceil((w.start + this.windowMs - now) / 1000));
      throw new HttpError(429, 19, `Too many ${this.what}; retry after ${seconds} s`, { 'Retry-After': String(seconds) });
    }
    w.count += n;
  }

  /** Forgets ended windows (so the map holds only keys active in the current window). */
  private sweep(now: number): void {
    if (this.windows.size < 1024) return;
    for (const [key, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(key);
  }
}
