/** Sequencing helpers of the subscription manager: a serial operation queue and an epoch with cancellable sleeps. */
import type { Logger } from '@switchboard/core';

/** @internal */
export interface OpQueue {
  /**
   * Runs `op` after the previous operations. Deliveries deferred while it runs happen once it
   * has finished (so listeners see `pending()` 0 and the final state), then `settled` is called.
   */
  enqueue(op: () => Promise<void>): Promise<void>;
  /** Delivers now, or after the running operation. */
  defer(deliver: () => void): void;
  /** How many operations are queued or running. */
  pending(): number;
}

/** Creates a queue. @internal */
export function createOpQueue(logger: Logger, settled: () => void): OpQueue {
  let tail = Promise.resolve();
  let pending = 0;
  let outbox: Array<() => void> | undefined;
  return {
    pending: () => pending,
    defer: (deliver) => (outbox ? outbox.push(deliver) : deliver()),
    enqueue(op) {
      pending++;
      return (tail = tail.then(async () => {
        const mine: Array<() => void> = (outbox = []);
        try {
          await op();
        } catch (error) {
          logger.error('subscription operation failed', error);
        } finally {
          outbox = undefined;
          pending--;
          mine.forEach((deliver) => deliver());
          settled();
        }
      }));
    },
  };
}

/** A counter bumped whenever in-flight work must be abandoned; `bump` also ends every pending `sleep` early. @internal */
export interface Epoch {
  now(): number;
  bump(): void;
  sleep(ms: number): Promise<void>;
}

/** Creates an epoch. @internal */
export function createEpoch(): Epoch {
  let n = 0;
  const sleeps = new Map<ReturnType<typeof setTimeout>, () => void>();
  return {
    now: () => n,
    bump() {
      n++;
      sleeps.forEach((resolve, timer) => (clearTimeout(timer), resolve()));
      sleeps.clear();
    },
    sleep: (ms) =>
      new Promise((resolve) => {
        const timer = setTimeout(() => (sleeps.delete(timer), resolve()), ms);
        sleeps.set(timer, resolve);
      }),
  };
}
