/** Small helpers for tests: waiting on a condition, recording events, a silent logger. */
import type { Logger } from '@switchboard/core';

/**
 * Resolves once `check()` is true, re-checking on every macrotask; rejects after `timeoutMs`
 * (a safety net, not a timing assumption: the test waits for the condition itself).
 * @public
 */
export async function until(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 2));
  }
}

/**
 * Lets pending promise callbacks and zero-delay timers run (one macrotask).
 * @public
 */
export function flush(): Promise<void> {
  return new Promise<void>((resolve) => setTimeout(resolve, 0));
}

/** Recorded `(type, payload)` pairs and a typed `emit` to hand to a unit under test. @public */
export interface EmitRecorder {
  /** Every recorded `(type, payload)` pair, in order. */
  readonly events: Array<[string, unknown]>;
  /** Records an event; typed `never` so it fits any emitter signature. */
  emit: never;
  /** The payloads of one event type. */
  of(type: string): unknown[];
}

/**
 * Creates an `emit` function that records events (for managers that take an `emit` collaborator).
 * @public
 */
export function emitRecorder(): EmitRecorder {
  const events: Array<[string, unknown]> = [];
  const emit = ((type: string, payload: unknown) => void events.push([type, payload])) as never;
  return { events, emit, of: (type) => events.filter(([t]) => t === type).map(([, p]) => p) };
}

/**
 * A logger that discards everything.
 * @public
 */
export const silentLogger: Logger = {
  debug() {}, info() {}, warn() {}, error() {}, time() {}, timeLog() {}, timeEnd() {}, action() {},
};
