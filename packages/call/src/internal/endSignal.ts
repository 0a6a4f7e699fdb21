/**
 * A one-shot "the call ended" signal for the await points of a negotiation. After
 * `RTCPeerConnection.close()` the browser's pending `createOffer`/`createAnswer`/
 * `set*Description` promises may never settle; racing them against the end lets the operation
 * finish with a coded error instead of staying ONGOING for ever.
 */

/** Ends pending waits when something ends. @internal */
export class EndSignal {
  private ended = false;
  private readonly waiters = new Set<() => void>();

  /** Whether {@link EndSignal.end} was called. */
  get isEnded(): boolean {
    return this.ended;
  }

  /** Fires the signal: every pending {@link EndSignal.untilEnded} rejects (idempotent). */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const abort of waiters) abort();
  }

  /**
   * Resolves or rejects like `work`, unless the signal fires first (or already fired): then
   * rejects with `error()`. Keeps no reference to `work` once either side settled.
   */
  untilEnded<T>(work: Promise<T>, error: () => Error): Promise<T> {
    if (this.ended) {
      work.catch(() => undefined);
      return Promise.reject(error());
    }
    return new Promise<T>((resolve, reject) => {
      const abort = () => reject(error());
      this.waiters.add(abort);
      work.then(
        (value) => {
          this.waiters.delete(abort);
          resolve(value);
        },
        (reason: unknown) => {
          this.waiters.delete(abort);
          reject(reason);
        },
      );
    });
  }

  /** How many waits are pending (tests: nothing is left behind). */
  get pending(): number {
    return this.waiters.size;
  }
}
