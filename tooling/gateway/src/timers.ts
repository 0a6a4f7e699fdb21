/** A set of unref'd timers that can all be cleared at shutdown. */
export class TimerSet {
  private readonly timers = new Set<NodeJS.Timeout>();

  /** Runs `fn` after `ms`; returns a cancel function. */
  after(ms: number, fn: () => void): () => void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    t.unref();
    this.timers.add(t);
    return () => {
      clearTimeout(t);
      this.timers.delete(t);
    };
  }

  /** Runs `fn` every `ms`; returns a cancel function. */
  every(ms: number, fn: () => void): () => void {
    const t = setInterval(fn, ms);
    t.unref();
    this.timers.add(t);
    return () => {
      clearInterval(t);
      this.timers.delete(t);
    };
  }

  /** Clears every pending timer. */
  clear(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
