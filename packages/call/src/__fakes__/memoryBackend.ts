/**
 * An in-memory call backend: records every operation, answers with scripted results, and lets a
 * test push incoming signals. Contributed to the call plugin through its extension point by
 * {@link memoryCallBackendPlugin}.
 */
import { BasicError, contribute, definePlugin } from '@switchboard/core';
import type { AuditResult, CallBackend, CallSignal, CallSignalSink, CallStartRequest } from '../adapters/backend';
import { callBackendExtensionPoint } from '../tokens';

/** One recorded operation. */
export interface MemoryCallOperation {
  op: Exclude<keyof CallBackend, 'name' | 'listen'>;
  sessionId?: string;
  sdp?: string;
  request?: CallStartRequest;
}

/** The in-memory backend with its test controls. */
export interface MemoryCallBackend extends CallBackend {
  /** Every operation, in order. */
  readonly operations: MemoryCallOperation[];
  /** Delivers an incoming signal to the listening call plugin. */
  signal(signal: CallSignal): void;
  /** Makes the next calls of `op` reject with `error` (until cleared with `undefined`). */
  fail(op: MemoryCallOperation['op'], error: BasicError | undefined): void;
  /** What `audit` answers. @default 'alive' */
  auditResult: AuditResult;
  /** Whether the call plugin is listening. */
  readonly listening: boolean;
}

/** Creates an in-memory call backend; `start` hands out `mem-leg-1`, `mem-leg-2`, … */
export function createMemoryCallBackend(): MemoryCallBackend {
  const operations: MemoryCallOperation[] = [];
  const failures = new Map<string, BasicError>();
  let sink: CallSignalSink | undefined;
  let legs = 0;
  const record = async (entry: MemoryCallOperation) => {
    operations.push(entry);
    await Promise.resolve();
    const error = failures.get(entry.op);
    if (error) throw error;
  };
  const backend: MemoryCallBackend = {
    name: 'memory',
    operations,
    auditResult: 'alive',
    get listening() {
      return sink !== undefined;
    },
    async start(request) {
      await record({ op: 'start', request, sdp: request.sdp });
      return { sessionId: `mem-leg-${++legs}` };
    },
    ringing: (sessionId) => record({ op: 'ringing', sessionId }),
    answer: (sessionId, sdp) => record({ op: 'answer', sessionId, sdp }),
    reject: (sessionId) => record({ op: 'reject', sessionId }),
    end: (sessionId) => record({ op: 'end', sessionId }),
    startUpdate: (sessionId, sdp) => record({ op: 'startUpdate', sessionId, sdp }),
    respondUpdate: (sessionId, sdp) => record({ op: 'respondUpdate', sessionId, sdp }),
    async audit(sessionId) {
      await record({ op: 'audit', sessionId });
      return backend.auditResult;
    },
    listen(next) {
      sink = next;
      return () => void (sink = undefined);
    },
    signal(signal) {
      if (!sink) throw new Error('memory call backend: nothing is listening');
      sink(signal);
    },
    fail(op, error) {
      if (error) failures.set(op, error);
      else failures.delete(op);
    },
  };
  return backend;
}

/** An adapter plugin contributing `backend` to the call plugin's backend extension point. */
export const memoryCallBackendPlugin = (backend: MemoryCallBackend) =>
  definePlugin({
    id: 'memory-call-backend',
    version: '1.0.0',
    dependsOn: ['call'],
    contributes: [contribute(callBackendExtensionPoint, 'memory', () => backend)],
    register: () => ({ api: {} }),
  });
