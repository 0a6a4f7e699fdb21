/** Holding or failing one operation of a fake (a browser promise that is slow, never settles, or rejects). */

/**
 * Parks the calls of one operation until the test lets them go. Created by
 * `FakeRTCPeerConnection.hold(op)`.
 * @public
 */
export class Gate {
  /** How many calls are parked now. */
  waiting = 0;
  private readonly parked: Array<{ resolve(): void; reject(error: unknown): void }> = [];
  private reachedResolve!: () => void;
  /** Resolves when the first call is parked (await it instead of polling). */
  readonly reached = new Promise<void>((resolve) => (this.reachedResolve = resolve));
  private mode: 'hold' | 'open' | { error: unknown } = 'hold';

  /** Called by the fake before it runs the operation. @internal */
  pass(): Promise<void> {
    if (this.mode === 'open') return Promise.resolve();
    if (typeof this.mode === 'object') return Promise.reject(this.mode.error);
    this.waiting++;
    this.reachedResolve();
    return new Promise<void>((resolve, reject) => this.parked.push({ resolve, reject }));
  }

  /** Lets every parked call (and every later one) run normally. */
  release(): void {
    this.mode = 'open';
    this.drain((p) => p.resolve());
  }

  /** Rejects every parked call (and every later one) with `error`. */
  fail(error: unknown): void {
    this.mode = { error };
    this.drain((p) => p.reject(error));
  }

  private drain(settle: (p: { resolve(): void; reject(error: unknown): void }) => void): void {
    const all = this.parked.splice(0);
    this.waiting = 0;
    for (const p of all) settle(p);
  }
}
