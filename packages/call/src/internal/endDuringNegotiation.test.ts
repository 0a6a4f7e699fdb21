/**
 * `end()` (or the far end's callEnd) while `make()`/`answer()` waits for the browser: after
 * `close()` a browser's pending createOffer/createAnswer/set*Description promises may never
 * settle, so the operation must finish on the end itself, with CALL_INVALID_STATE.
 */
import { chromeOffer, until, type Gate } from '@switchboard/test-utils';
import { bobCalls, createTestEnv } from '../__fakes__/env';
import { states } from '../constants';
import { EndSignal } from './endSignal';

type HangingMethod = 'createOffer' | 'createAnswer' | 'setLocalDescription' | 'setRemoteDescription';
type Env = ReturnType<typeof createTestEnv>;
let env: Env | undefined;
afterEach(async () => {
  await env?.client.destroy();
  env = undefined;
});

const finishOf = (e: Env, operation: string) => e.of('call:operation').filter((o) => o.operation === operation && o.transition === 'FINISH');

/** An environment whose first peer connection holds `method` for ever (a held call never settles, even after close()). */
function envHolding(method: HangingMethod): { e: Env; waiting: () => Promise<void> } {
  let gate: Gate | undefined;
  const e = (env = createTestEnv());
  e.peers.onCreate((pc) => void (gate ??= pc.hold(method)));
  return { e, waiting: async () => (await until(() => gate !== undefined), await gate!.reached) };
}

/** The call ended, released everything and kept no operation. */
function expectEndedClean(e: Env, callId: string): void {
  expect(e.client.call.getById(callId)).toMatchObject({ state: states.ENDED, currentOperations: [], localTracks: [], remoteTracks: [] });
  expect(e.peers.instances[0]!.closed).toBe(true);
  expect(e.media.tracks.size).toBe(0);
}

describe('make(): end() while the browser negotiates', () => {
  test.each<HangingMethod>(['createOffer', 'setLocalDescription'])('%s pending → MAKE finishes, call:start reports CALL_INVALID_STATE', async (method) => {
    const { e, waiting } = envHolding(method);
    const callId = e.client.call.make('bob', { audio: true });
    await waiting();
    e.client.call.end(callId);
    await until(() => e.of('call:start').length > 0);
    expect(e.of('call:start')).toEqual([{ callId, error: expect.objectContaining({ code: 'CALL_INVALID_STATE' }) }]);
    const make = finishOf(e, 'MAKE');
    expect(make).toHaveLength(1);
    expect(make[0]!.error?.code).toBe('CALL_INVALID_STATE');
    expectEndedClean(e, callId);
    expect(e.backend.of('start')).toHaveLength(0);
  });
});

describe('answer(): the call ends while the browser negotiates', () => {
  test.each<[string, HangingMethod, string | undefined]>([
    ['setRemoteDescription (offer)', 'setRemoteDescription', chromeOffer],
    ['createAnswer', 'createAnswer', chromeOffer],
    ['setLocalDescription (answer)', 'setLocalDescription', chromeOffer],
    ['createOffer (slow start)', 'createOffer', undefined],
  ])('%s pending, end() → ANSWER finishes with CALL_INVALID_STATE', async (_name, method, offer) => {
    const { e, waiting } = envHolding(method);
    bobCalls(e.backend, 'leg-b-1', offer);
    const [{ callId }] = e.of('call:receive');
    e.client.call.answer(callId, { audio: true });
    await waiting();
    e.client.call.end(callId);
    await until(() => finishOf(e, 'ANSWER').length > 0);
    expect(finishOf(e, 'ANSWER')[0]!.error?.code).toBe('CALL_INVALID_STATE');
    expectEndedClean(e, callId);
    expect(e.backend.of('answer')).toHaveLength(0);
  });

  test('the far end ending while setRemoteDescription is pending → ANSWER finishes with CALL_INVALID_STATE', async () => {
    const { e, waiting } = envHolding('setRemoteDescription');
    bobCalls(e.backend, 'leg-b-1', chromeOffer);
    const [{ callId }] = e.of('call:receive');
    e.client.call.answer(callId, { audio: true });
    await waiting();
    e.backend.remote.end('leg-b-1');
    await until(() => finishOf(e, 'ANSWER').length > 0);
    expect(finishOf(e, 'ANSWER')[0]!.error?.code).toBe('CALL_INVALID_STATE');
    expectEndedClean(e, callId);
  });
});

describe('EndSignal', () => {
  const ended = () => new Error('ended');

  test('end() rejects every pending wait and keeps none', async () => {
    const signal = new EndSignal();
    const never = new Promise<number>(() => undefined);
    const a = signal.untilEnded(never, ended);
    const b = signal.untilEnded(never, ended);
    expect(signal.pending).toBe(2);
    signal.end();
    await expect(a).rejects.toThrow('ended');
    await expect(b).rejects.toThrow('ended');
    expect(signal.pending).toBe(0);
  });

  test('a wait that settles first passes its value or error on and is forgotten', async () => {
    const signal = new EndSignal();
    await expect(signal.untilEnded(Promise.resolve(7), ended)).resolves.toBe(7);
    const failure = new Error('browser said no');
    await expect(signal.untilEnded(Promise.reject(failure), ended)).rejects.toBe(failure);
    expect(signal.pending).toBe(0);
    signal.end();
  });

  test('after end(), a new wait rejects at once', async () => {
    const signal = new EndSignal();
    signal.end();
    await expect(signal.untilEnded(Promise.resolve(1), ended)).rejects.toThrow('ended');
    expect(signal.isEnded).toBe(true);
    expect(signal.pending).toBe(0);
  });
});
