/** Longest delay `setTimeout` accepts; longer ones fire after 1 ms in Node. */
const MAX_DELAY_MS = 2 ** 31 - 1;

/** A set of unref'd timers that can all be cleared at shutdown. */
export class TimerSet {
  private readonly timers = new Set<NodeJS.Timeout>();

  /** Runs `fn` after `ms` (any length: long delays are chained); returns a cancel function. */
  after(ms: number, fn: () => void): () => void {
    let current: NodeJS.Timeout;
    const arm = (left: number) => {
      const step = Math.min(Math.max(left, 0), MAX_DELAY_MS);
      current = setTimeout(() => {
        this.timers.delete(current);
        if (left > step) arm(left - step);
        else fn();
      }, step);
      current.unref();
      this.timers.add(current);
    };
    arm(ms);
    return () => {
      clearTimeout(current);
      this.timers.delete(current);
    };
  }

  /** Runs `fn` every `ms`; returns a cancel function. */
  every(ms: number, fn: () => void): () => void {
    const t = setInterval(fn, Math.min(ms, MAX_DELAY_MS));
    t.unref();
    this.timers.add(t);
    return () => {
      clearInterval(t);
      this.timers.delete(t);
    };
  }

  /** Clears every pending timer. */
  clear(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers.clear();
  }
}
