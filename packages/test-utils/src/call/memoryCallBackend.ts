/**
 * An in-memory call backend for `@switchboard/call`'s backend extension point: it records every
 * operation the call plugin sends, answers with scripted results, and plays the far end by pushing
 * call signals. No Link transport, no notifications, no network.
 */
import { contribute, definePlugin } from '@switchboard/core';
import {
  callBackendExtensionPoint,
  type AuditResult, type CallBackend, type CallSignal, type LegState, type CallSignalSink, type CallStartRequest, type CustomParameter, type RemoteNames,
} from '@switchboard/call';
import { Gate } from '../webrtc/gate';

/** An operation of {@link MemoryCallBackend}: a {@link CallBackend} method other than `listen`. @public */
export type MemoryCallOp = 'start' | 'ringing' | 'answer' | 'reject' | 'end' | 'startUpdate' | 'respondUpdate' | 'audit' | 'query' | 'sendCustomHeaders';

/** One operation the call plugin sent, as {@link MemoryCallBackend.operations} records it. @public */
export interface MemoryCallOperation {
  /** Which operation. */
  op: MemoryCallOp;
  /** The leg: the argument of a leg operation, or the id `start` hands out. */
  sessionId: string;
  /** The SDP of `start`, `answer`, `startUpdate` and `respondUpdate`. */
  sdp?: string;
  /** Custom parameters passed with the operation (for `start`: those of the request). */
  customParameters?: CustomParameter[];
  /** The whole request of `start`. */
  request?: CallStartRequest;
}

/** Options of {@link createMemoryCallBackend}. @public */
export interface MemoryCallBackendOptions {
  /** Prefix of the leg ids `start` hands out (`${prefix}1`, `${prefix}2`, …). @default 'mem-leg-' */
  sessionIdPrefix?: string;
  /** How long {@link MemoryCallBackend.next} and {@link MemoryCallBackend.waitFor} wait before rejecting (a safety net). @default 3000 */
  waitTimeoutMs?: number;
}

/** Extra fields of a signal built by the {@link MemoryCallBackend.remote} helpers. @public */
export type MemorySignalExtras = Partial<Pick<CallSignal, 'statusCode' | 'reasonText' | 'remote' | 'customParameters'>>;

/**
 * Builders that play the far end: each delivers one {@link CallSignal} to the listening call
 * plugin, synchronously.
 * @public
 */
export interface MemoryRemoteSide {
  /** A new incoming call; without `sdp` it is a slow-start call (this side offers in its answer). */
  incoming(call: { sessionId: string; sdp?: string; remote?: RemoteNames; customParameters?: CustomParameter[] }): void;
  /** The callee is alerted. */
  ringing(sessionId: string, remote?: RemoteNames): void;
  /** Early media with a provisional answer. */
  progress(sessionId: string, sdp: string): void;
  /** The answer to this side's offer. */
  answer(sessionId: string, sdp: string, extras?: MemorySignalExtras): void;
  /** A refused offer: an `answer` signal with an error `statusCode` and no SDP. */
  refuse(sessionId: string, statusCode: number, reasonText?: string): void;
  /** The far end renegotiates; without `sdp`, a slow-start update. */
  update(sessionId: string, sdp?: string, extras?: MemorySignalExtras): void;
  /** The far end ended the call. */
  end(sessionId: string, extras?: MemorySignalExtras): void;
  /** The caller gave up before the call was answered. */
  cancel(sessionId: string, extras?: MemorySignalExtras): void;
}

/** The in-memory backend with its test controls. @public */
export interface MemoryCallBackend extends CallBackend {
  /** Every operation, in call order (recorded synchronously, before the operation settles). */
  readonly operations: MemoryCallOperation[];
  /** The recorded operations of one kind. */
  of(op: MemoryCallOp): MemoryCallOperation[];
  /** Resolves with the next operation of `op` (matching `predicate`) recorded from now on. */
  next(op: MemoryCallOp, predicate?: (o: MemoryCallOperation) => boolean): Promise<MemoryCallOperation>;
  /** Resolves with the first operation of `op` (matching `predicate`), already recorded or not. */
  waitFor(op: MemoryCallOp, predicate?: (o: MemoryCallOperation) => boolean): Promise<MemoryCallOperation>;
  /** Delivers one incoming signal to the listening call plugin (throws when nothing listens). */
  signal(signal: CallSignal): void;
  /** Signal builders that play the far end. */
  readonly remote: MemoryRemoteSide;
  /** Makes every later call of `op` reject with `error`, until cleared with `undefined`. */
  fail(op: MemoryCallOp, error: unknown): void;
  /**
   * Holds the calls of `op` (already recorded, not yet settled) until the returned gate's
   * `release()` (or `fail(error)`); `await gate.reached` waits for the first held call.
   */
  hold(op: MemoryCallOp): Gate;
  /** What `audit` answers. @default 'alive' */
  auditResult: AuditResult;
  /** What `query` (re-sync) answers, per leg id; unlisted legs answer `'ANSWERED'`. */
  readonly legStates: Map<string, LegState>;
  /** Whether a call plugin is listening for signals. */
  readonly listening: boolean;
}

interface Waiter {
  op: MemoryCallOp;
  predicate: (o: MemoryCallOperation) => boolean;
  resolve(o: MemoryCallOperation): void;
}

/**
 * Creates an in-memory call backend. Install it with {@link memoryCallBackendPlugin}.
 * @example
 * ```ts
 * const backend = createMemoryCallBackend();
 * const client = createClient({ plugins: [connectivity, media, callPlugin(), memoryCallBackendPlugin(backend)] });
 * const callId = client.call.make('bob', { audio: true });
 * const start = await backend.waitFor('start');
 * backend.remote.answer(start.sessionId, chromeAnswer);
 * ```
 * @public
 */
export function createMemoryCallBackend(options: MemoryCallBackendOptions = {}): MemoryCallBackend {
  const prefix = options.sessionIdPrefix ?? 'mem-leg-';
  const waitTimeoutMs = options.waitTimeoutMs ?? 3000;
  const operations: MemoryCallOperation[] = [];
  const failures = new Map<MemoryCallOp, unknown>();
  const gates = new Map<MemoryCallOp, Gate>();
  let waiters: Waiter[] = [];
  // every listener gets every signal, as on Link (each listen() registers one more handler)
  const sinks = new Set<CallSignalSink>();
  let legs = 0;

  const record = async (entry: MemoryCallOperation): Promise<void> => {
    operations.push(entry);
    const matched = waiters.filter((w) => w.op === entry.op && w.predicate(entry));
    waiters = waiters.filter((w) => !matched.includes(w));
    for (const w of matched) w.resolve(entry);
    await Promise.resolve(); // settles asynchronously, as a real request does
    await gates.get(entry.op)?.pass();
    if (failures.has(entry.op)) throw failures.get(entry.op);
  };
  const withParams = (entry: MemoryCallOperation, customParameters?: CustomParameter[]): MemoryCallOperation =>
    customParameters && customParameters.length ? { ...entry, customParameters } : entry;
  const wait = (op: MemoryCallOp, predicate: (o: MemoryCallOperation) => boolean) =>
    new Promise<MemoryCallOperation>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters = waiters.filter((w) => w !== waiter);
        reject(new Error(`memory call backend: no "${op}" operation in ${waitTimeoutMs} ms; recorded: ${operations.map((o) => o.op).join(', ') || 'none'}`));
      }, waitTimeoutMs);
      const waiter: Waiter = { op, predicate, resolve: (o) => (clearTimeout(timer), resolve(o)) };
      waiters.push(waiter);
    });
  const deliver = (signal: CallSignal) => {
    if (!sinks.size) throw new Error('memory call backend: no call plugin is listening');
    for (const sink of [...sinks]) sink(signal);
  };
  const withExtras = (signal: CallSignal, extras: MemorySignalExtras = {}): CallSignal => ({ ...signal, ...extras });

  const backend: MemoryCallBackend = {
    name: 'memory',
    operations,
    auditResult: 'alive',
    legStates: new Map(),
    get listening() {
      return sinks.size > 0;
    },
    async start(request) {
      const sessionId = `${prefix}${++legs}`;
      await record(withParams({ op: 'start', sessionId, sdp: request.sdp, request }, request.customParameters));
      return { sessionId };
    },
    ringing: (sessionId) => record({ op: 'ringing', sessionId }),
    answer: (sessionId, sdp, cp) => record(withParams({ op: 'answer', sessionId, sdp }, cp)),
    reject: (sessionId) => record({ op: 'reject', sessionId }),
    end: (sessionId) => record({ op: 'end', sessionId }),
    startUpdate: (sessionId, sdp, cp) => record(withParams({ op: 'startUpdate', sessionId, sdp }, cp)),
    respondUpdate: (sessionId, sdp, cp) => record(withParams({ op: 'respondUpdate', sessionId, sdp }, cp)),
    async audit(sessionId) {
      await record({ op: 'audit', sessionId });
      return backend.auditResult;
    },
    async query(sessionId) {
      await record({ op: 'query', sessionId });
      return backend.legStates.get(sessionId) ?? 'ANSWERED';
    },
    sendCustomHeaders: (sessionId, cp) => record(withParams({ op: 'sendCustomHeaders', sessionId }, cp)),
    listen(next) {
      const sink: CallSignalSink = (signal) => next(signal);
      sinks.add(sink);
      return () => void sinks.delete(sink);
    },
    of: (op) => operations.filter((o) => o.op === op),
    next: (op, predicate = () => true) => wait(op, predicate),
    waitFor(op, predicate = () => true) {
      const found = operations.find((o) => o.op === op && predicate(o));
      return found ? Promise.resolve(found) : wait(op, predicate);
    },
    signal: deliver,
    remote: {
      incoming: ({ sessionId, sdp, remote, customParameters }) =>
        deliver({
          kind: 'incoming', sessionId,
          ...(sdp !== undefined ? { sdp } : {}), ...(remote ? { remote } : {}), ...(customParameters ? { customParameters } : {}),
        }),
      ringing: (sessionId, remote) => deliver({ kind: 'ringing', sessionId, ...(remote ? { remote } : {}) }),
      progress: (sessionId, sdp) => deliver({ kind: 'progress', sessionId, sdp }),
      answer: (sessionId, sdp, extras) => deliver(withExtras({ kind: 'answer', sessionId, sdp }, extras)),
      refuse: (sessionId, statusCode, reasonText) =>
        deliver({ kind: 'answer', sessionId, statusCode, ...(reasonText !== undefined ? { reasonText } : {}) }),
      update: (sessionId, sdp, extras) => deliver(withExtras({ kind: 'update', sessionId, ...(sdp !== undefined ? { sdp } : {}) }, extras)),
      end: (sessionId, extras) => deliver(withExtras({ kind: 'ended', sessionId }, extras)),
      cancel: (sessionId, extras) => deliver(withExtras({ kind: 'cancelled', sessionId }, extras)),
    },
    fail(op, error) {
      if (error === undefined) failures.delete(op);
      else failures.set(op, error);
    },
    hold(op) {
      const gate = new Gate();
      gates.set(op, gate);
      return gate;
    },
  };
  return backend;
}

/**
 * An adapter plugin contributing `backend` to the call plugin's backend extension point from its
 * definition (no `callPlugin` options). Install it with the call plugin.
 * @example
 * ```ts
 * const backend = createMemoryCallBackend();
 * createClient({ plugins: [connectivityPlugin(), mediaPlugin(), callPlugin(), memoryCallBackendPlugin(backend)] });
 * ```
 * @public
 */
export function memoryCallBackendPlugin(backend: MemoryCallBackend) {
  return definePlugin({
    id: 'memory-call-backend',
    version: '1.0.0',
    dependsOn: ['call'],
    contributes: [contribute(callBackendExtensionPoint, 'memory', () => backend)],
    register: () => ({ api: {} }),
  });
}
