/**
 * REST_REQUEST: the report plugin wraps the request methods of the active call backend
 * (`callTokens.backend`, shared by the call plugin and its mid-call plugins), so that each request
 * is recorded from its start until its response (or failure) without the call plugin knowing.
 */
import type { CallBackend } from '../adapters/backend';

/** The backend methods that are one REST request of an operation (not `audit`: no operation; not `listen`). */
const METHODS = ['start', 'ringing', 'answer', 'reject', 'end', 'startUpdate', 'respondUpdate', 'query', 'sendCustomHeaders'] as const;

/** Starts recording one request; returns the function that ends it (with the error of a failed one), or undefined when it is no call's. */
export type RequestRecorder = (method: string, sessionId: unknown) => ((error?: unknown) => void) | undefined;

/**
 * Wraps the request methods of `backend` with `record`; returns the function that restores them.
 * A backend that cannot be changed (frozen) is left alone: its requests are not recorded.
 * @internal
 */
export function recordRequests(backend: CallBackend, record: RequestRecorder): () => void {
  const target = backend as unknown as Record<string, unknown>;
  const restore: Array<() => void> = [];
  for (const name of METHODS) {
    const original = target[name];
    if (typeof original !== 'function' || !Object.isExtensible(backend)) continue;
    const wrapped = function (this: unknown, ...args: unknown[]) {
      const end = record(name, args[0]);
      const result = (original as (...a: unknown[]) => Promise<unknown>).apply(this, args);
      if (end) void Promise.resolve(result).then(() => end(), end);
      return result;
    };
    try {
      target[name] = wrapped;
    } catch {
      continue; // a read-only property
    }
    restore.push(() => {
      if (target[name] === wrapped) target[name] = original;
    });
  }
  return () => restore.forEach((undo) => undo());
}
