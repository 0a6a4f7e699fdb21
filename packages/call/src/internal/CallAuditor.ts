/**
 * The call audit loop (protocol §5.16): the next audit `max(10 s, callAuditTimer)` after the start
 * of a successful one, `min(5 s, 0.45 × callAuditTimer)` after a failure, 1 s after a timed-out
 * one; `'gone'` (statusCode 42) ends the call.
 */
import { isBasicError, type Logger } from '@switchboard/core';
import type { AuditResult } from '../adapters/backend';

/** One call's audit loop. @internal */
export class CallAuditor {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  constructor(
    private readonly audit: () => Promise<AuditResult>,
    private readonly period: () => number,
    private readonly onGone: () => void,
    private readonly logger: Logger,
  ) {}

  /** Schedules the first audit one period from now. */
  start(): void {
    this.stopped = false;
    this.schedule(this.successDelay());
  }

  /** Stops auditing. */
  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private successDelay(): number {
    return Math.max(10000, this.period());
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.tick(), Math.max(0, delay));
  }

  private async tick(): Promise<void> {
    this.timer = undefined;
    const started = Date.now();
    let result: AuditResult;
    try {
      result = await this.audit();
    } catch (error) {
      if (this.stopped) return;
      const timedOut = isBasicError(error) && error.code === 'ABORTED';
      this.logger.warn(`call audit failed${timedOut ? ' (timeout)' : ''}`, error);
      this.schedule(timedOut ? 1000 : Math.min(5000, 0.45 * this.period()));
      return;
    }
    if (this.stopped) return;
    if (result === 'gone') {
      this.stop();
      this.onGone();
      return;
    }
    this.schedule(this.successDelay() - (Date.now() - started));
  }
}
