/**
 * Races between the backend's signals and its operations' results, operations left behind by
 * ended calls, and timers or requests started for calls that already ended. Over the in-memory
 * call backend; the Link-specific sdpFormat case is in adapters/linkPlugin.test.ts.
 */
import { chromeAnswer, chromeOffer, flush, until } from '@switchboard/test-utils';
import { bobCalls, createTestEnv, destroyTestEnvs } from '../__fakes__/env';
import { states } from '../constants';

type Env = ReturnType<typeof createTestEnv>;
let env: Env;
afterEach(destroyTestEnvs);

async function answeredIncoming(e: Env): Promise<string> {
  bobCalls(e.backend, 'leg-b-1', chromeOffer);
  const [{ callId }] = e.of('call:receive');
  e.client.call.answer(callId, { audio: true });
  await until(() => e.client.call.getById(callId)!.state === states.CONNECTED);
  return callId;
}

describe('call races and leftovers', () => {
  test('slow-start answer: the answer signal arrives before answer() resolves → Connected, ANSWER finished', async () => {
    env = createTestEnv();
    const g = env.backend.hold('answer');
    bobCalls(env.backend, 'leg-b-1'); // no SDP: slow start, this side offers
    const [{ callId }] = env.of('call:receive');
    env.client.call.answer(callId, { audio: true });
    await g.reached;
    env.backend.remote.answer('leg-b-1', chromeAnswer);
    await until(() => env.client.call.getById(callId)!.state === states.CONNECTED);
    g.release();
    await until(() => env.of('call:operation').some((o) => o.operation === 'ANSWER' && o.transition === 'FINISH'));
    await flush();
    const call = env.client.call.getById(callId)!;
    expect(call.state).toBe(states.CONNECTED);
    expect(call.currentOperations).toEqual([]);
    expect(env.of('call:operation').find((o) => o.operation === 'ANSWER' && o.transition === 'FINISH')!.error).toBeUndefined();
  });

  test('slow-start answer waiting for its answer signal: the far end ending finishes the ANSWER operation', async () => {
    env = createTestEnv();
    bobCalls(env.backend, 'leg-b-1');
    const [{ callId }] = env.of('call:receive');
    env.client.call.answer(callId, { audio: true });
    await env.backend.waitFor('answer');
    await until(() => env.of('call:stateChange').some((s) => s.previous.state === states.INITIATED));
    env.backend.remote.end('leg-b-1');
    const call = env.client.call.getById(callId)!;
    expect(call.state).toBe(states.ENDED);
    expect(call.currentOperations).toEqual([]);
    const finish = env.of('call:operation').find((o) => o.operation === 'ANSWER' && o.transition === 'FINISH');
    expect(finish?.error?.code).toBe('CALL_INVALID_STATE');
  });

  test('slow-start remote update: the answer arrives before respondUpdate resolves → REMOTE_UPDATE finished', async () => {
    env = createTestEnv();
    const callId = await answeredIncoming(env);
    const g = env.backend.hold('respondUpdate');
    env.backend.remote.update('leg-b-1'); // no SDP: this side offers
    await g.reached;
    env.backend.remote.answer('leg-b-1', chromeAnswer);
    await until(() => env.of('call:operation').some((o) => o.operation === 'REMOTE_ANSWER' && o.transition === 'FINISH'));
    g.release();
    await until(() => env.of('call:operation').some((o) => o.operation === 'REMOTE_UPDATE' && o.transition === 'FINISH'));
    expect(env.client.call.getById(callId)!.currentOperations).toEqual([]);
    expect(env.client.call.getById(callId)!.state).toBe(states.CONNECTED);
  });

  test('end() during ICE collection: MAKE finishes and call:start reports the error without waiting for the check', async () => {
    // The seed's example check: proceeds only once gathering is complete (never, here).
    const check = (info: { iceGatheringState: string }) => (info.iceGatheringState === 'complete' ? { type: 'StartCall' } : { type: 'Wait' });
    env = createTestEnv({ config: { call: { iceCollectionCheckFunction: check } }, peerConnection: { neverComplete: true } });
    const callId = env.client.call.make('bob', { audio: true });
    await until(() => env.peers.instances[0]?.iceGatheringState === 'gathering');
    env.client.call.end(callId);
    await until(() => env.of('call:start').length > 0);
    expect(env.of('call:start')[0]!.error).toBeDefined();
    expect(env.client.call.getById(callId)!).toMatchObject({ state: states.ENDED, currentOperations: [] });
    expect(env.backend.of('start')).toHaveLength(0);
  });

  test('destroy() during ICE collection leaves no ICE timer running', async () => {
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick', 'setImmediate'] });
    try {
      env = createTestEnv({ peerConnection: { neverComplete: true } }); // the default check waits for the ideal (1 s) and max (3 s) timeouts
      env.client.call.make('bob', { audio: true });
      for (let i = 0; i < 20 && env.peers.instances[0]?.iceGatheringState !== 'gathering'; i++) await jest.advanceTimersByTimeAsync(1);
      expect(jest.getTimerCount()).toBeGreaterThan(0);
      const destroyed = env.client.destroy();
      await jest.advanceTimersByTimeAsync(10);
      await destroyed;
      expect(jest.getTimerCount()).toBe(0);
      expect(env.of('call:start')[0]!.error).toBeDefined();
    } finally {
      jest.useRealTimers();
    }
  });

  test('ignore() from the call:receive listener: no ringing feedback and no audits for the ended call', async () => {
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick', 'setImmediate'] });
    try {
      env = createTestEnv();
      env.client.on('call:receive', ({ callId }) => env.client.call.ignore(callId));
      bobCalls(env.backend, 'leg-b-1', chromeOffer);
      const [{ callId }] = env.of('call:receive');
      expect(env.client.call.getById(callId)!.state).toBe(states.ENDED);
      await jest.advanceTimersByTimeAsync(60000);
      expect(env.backend.operations).toEqual([]);
    } finally {
      const destroyed = env.client.destroy();
      await jest.advanceTimersByTimeAsync(10);
      await destroyed;
      jest.useRealTimers();
    }
  });

  test('answering an audio-only offer with audio+video captures no camera: an answer cannot add media', async () => {
    env = createTestEnv();
    const audioOnly = `${chromeOffer.split('\r\nm=video')[0]!.replace('a=group:BUNDLE 0 1', 'a=group:BUNDLE 0')}\r\n`;
    bobCalls(env.backend, 'leg-b-1', audioOnly);
    const [{ callId }] = env.of('call:receive');
    expect(env.client.call.getById(callId)!.mediaOffered).toEqual({ audio: true, video: false });
    env.client.call.answer(callId, { audio: true, video: true });
    await until(() => env.client.call.getById(callId)!.state === states.CONNECTED);
    const kinds = [...env.media.tracks.values()].filter((t) => t.obj.isLocal).map((t) => t.obj.kind);
    expect(kinds).toEqual(['audio']);
    expect(env.client.call.getById(callId)!.localTracks).toHaveLength(1);
    expect(env.peers.instances[0]!.senders.map((s) => s.track!.kind)).toEqual(['audio']);
  });

  test('a refused operation reports FINISH with its previous information, like every FINISH (seed call:operation)', async () => {
    env = createTestEnv();
    env.client.call.end('nope');
    await until(() => env.of('call:operation').length > 0);
    expect(env.of('call:operation')[0]).toMatchObject({
      callId: 'nope', operation: 'END', transition: 'FINISH', isLocal: true, previous: { operation: 'END', status: 'ONGOING' }, error: { code: 'CALL_NOT_FOUND' },
    });
  });

  test('end() from the Initiated call:stateChange listener of an outgoing call: no audits afterwards', async () => {
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick', 'setImmediate'] });
    try {
      env = createTestEnv({ config: { call: { iceCollectionCheckFunction: () => ({ type: 'StartCall' }) } } });
      env.client.on('call:stateChange', ({ callId }) => {
        if (env.client.call.getById(callId)!.state === states.INITIATED) env.client.call.end(callId);
      });
      const callId = env.client.call.make('bob', { audio: true });
      for (let i = 0; i < 20 && !env.of('call:start').length; i++) await jest.advanceTimersByTimeAsync(1);
      expect(env.client.call.getById(callId)!.state).toBe(states.ENDED);
      await jest.advanceTimersByTimeAsync(60000);
      expect(env.backend.of('audit')).toHaveLength(0);
    } finally {
      const destroyed = env.client.destroy();
      await jest.advanceTimersByTimeAsync(10);
      await destroyed;
      jest.useRealTimers();
    }
  });

  test('a remote hold arriving before this side\'s answer() resolves is postponed, then answered (§4.8)', async () => {
    env = createTestEnv();
    const g = env.backend.hold('answer');
    bobCalls(env.backend, 'leg-b-1', chromeOffer);
    const [{ callId }] = env.of('call:receive');
    env.client.call.answer(callId, { audio: true });
    await g.reached;
    const holdOffer = chromeOffer.replace(/a=sendrecv/g, 'a=inactive');
    env.backend.remote.update('leg-b-1', holdOffer);
    await flush();
    expect(env.backend.of('respondUpdate')).toHaveLength(0); // postponed while the answer is pending
    g.release();
    await until(() => env.client.call.getById(callId)!.state === states.ON_HOLD);
    expect(env.backend.of('respondUpdate').map((o) => o.sessionId)).toEqual(['leg-b-1']);
    expect(env.client.call.getById(callId)!.currentOperations).toEqual([]);
  });

  test('an outgoing call: the far end\'s answer and its hold offer in the same tick → the answer is applied, then the offer (§4.8)', async () => {
    env = createTestEnv();
    const callId = env.client.call.make('bob', { audio: true });
    await until(() => env.client.call.getById(callId)?.state === states.INITIATED);
    // the far end's re-offer: its answer's origin (same endpoint), every stream inactive
    const origin = /^o=.*$/m.exec(chromeAnswer)![0];
    const holdOffer = chromeOffer.replace(/^o=.*$/m, origin).replace(/a=sendrecv/g, 'a=inactive');
    env.backend.remote.answer('leg-a-1', chromeAnswer);
    env.backend.remote.update('leg-a-1', holdOffer);
    await until(() => env.client.call.getById(callId)!.state === states.ON_HOLD);
    const ops = env.of('call:operation').filter((o) => o.operation.startsWith('REMOTE_')).map((o) => `${o.operation}:${o.transition}${o.error ? ':error' : ''}`);
    expect(ops).toEqual(['REMOTE_ANSWER:START', 'REMOTE_ANSWER:FINISH', 'REMOTE_UPDATE:START', 'REMOTE_UPDATE:FINISH']);
    expect(env.of('call:stateChange').map((c) => c.state).slice(-2)).toEqual([states.CONNECTED, states.ON_HOLD]);
    expect(env.backend.of('respondUpdate').map((o) => o.sessionId)).toEqual(['leg-a-1']);
    expect(env.client.call.getById(callId)).toMatchObject({ remoteHold: true, localHold: false, currentOperations: [] });
  });

  test('a remote music-on-hold offer (sendonly) puts the call On Hold (remotely held)', async () => {
    env = createTestEnv();
    const callId = await answeredIncoming(env);
    const moh = chromeOffer.replace(/a=sendrecv/g, 'a=sendonly');
    env.backend.remote.update('leg-b-1', moh);
    await until(() => env.of('call:operation').some((o) => o.operation === 'REMOTE_UPDATE' && o.transition === 'FINISH'));
    expect(env.client.call.getById(callId)).toMatchObject({ state: states.ON_HOLD, remoteHold: true });
  });
});
