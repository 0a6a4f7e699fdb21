/**
 * Races between notifications and HTTP responses, operations left behind by ended calls, and
 * timers or requests started for calls that already ended.
 */
import { chromeAnswer, chromeOffer, until } from '@switchboard/test-utils';
import { createTestEnv, incomingCall } from '../__fakes__/env';
import { states } from '../constants';

type Env = ReturnType<typeof createTestEnv>;
let env: Env;
afterEach(async () => {
  try {
    await env?.client.destroy();
  } catch {
    // already destroyed by the test
  }
});

/** A promise with its resolver, to hold an HTTP response until the test releases it. */
function gate() {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  return { release, released };
}

const typeOf = (body: unknown) => (body as { callControlRequest?: { type?: string } })?.callControlRequest?.type;
const answerFor = (sessionData: string) => ({ eventType: 'respondCallUpdate', eventId: `a-${Math.random()}`, sessionParams: { sessionData, sdp: chromeAnswer } });

async function answeredIncoming(e: Env): Promise<string> {
  e.notifications.deliver(incomingCall('leg-b-1', chromeOffer));
  const [{ callId }] = e.of('call:receive');
  e.client.call.answer(callId, { audio: true });
  await until(() => e.client.call.getById(callId)!.state === states.CONNECTED);
  return callId;
}

describe('call races and leftovers', () => {
  test('slow-start answer: the respondCallUpdate answer arrives before the callAnswer response → Connected, ANSWER finished', async () => {
    env = createTestEnv();
    const g = gate();
    env.transport.responder = async (req) => {
      if (typeOf(req.body) === 'callAnswer') await g.released;
      return undefined;
    };
    env.notifications.deliver(incomingCall('leg-b-1')); // no SDP: slow start, this side offers
    const [{ callId }] = env.of('call:receive');
    env.client.call.answer(callId, { audio: true });
    await until(() => env.transport.ofType('callAnswer').length === 1);
    env.notifications.deliver(answerFor('leg-b-1'));
    await until(() => env.client.call.getById(callId)!.state === states.CONNECTED);
    g.release();
    await until(() => env.of('call:operation').some((o) => o.operation === 'ANSWER' && o.transition === 'FINISH'));
    await new Promise((r) => setTimeout(r, 10));
    const call = env.client.call.getById(callId)!;
    expect(call.state).toBe(states.CONNECTED);
    expect(call.currentOperations).toEqual([]);
    expect(env.of('call:operation').find((o) => o.operation === 'ANSWER' && o.transition === 'FINISH')!.error).toBeUndefined();
  });

  test('slow-start answer waiting for its respondCallUpdate: callEnd finishes the ANSWER operation', async () => {
    env = createTestEnv();
    env.notifications.deliver(incomingCall('leg-b-1'));
    const [{ callId }] = env.of('call:receive');
    env.client.call.answer(callId, { audio: true });
    await until(() => env.transport.ofType('callAnswer').length === 1);
    await until(() => env.of('call:stateChange').some((s) => s.previous.state === states.INITIATED));
    env.notifications.deliver({ eventType: 'callEnd', eventId: 'end', sessionParams: { sessionData: 'leg-b-1' } });
    const call = env.client.call.getById(callId)!;
    expect(call.state).toBe(states.ENDED);
    expect(call.currentOperations).toEqual([]);
    const finish = env.of('call:operation').find((o) => o.operation === 'ANSWER' && o.transition === 'FINISH');
    expect(finish?.error?.code).toBe('CALL_INVALID_STATE');
  });

  test('slow-start remote update: the answer arrives before the respondCallUpdate response → REMOTE_UPDATE finished', async () => {
    env = createTestEnv();
    const callId = await answeredIncoming(env);
    const g = gate();
    env.transport.responder = async (req) => {
      if (typeOf(req.body) === 'respondCallUpdate') await g.released;
      return undefined;
    };
    env.notifications.deliver({ eventType: 'startCallUpdate', eventId: 'u1', sessionParams: { sessionData: 'leg-b-1' } });
    await until(() => env.transport.ofType('respondCallUpdate').length === 1);
    env.notifications.deliver(answerFor('leg-b-1'));
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
    expect(env.transport.ofType('callStart')).toHaveLength(0);
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
      env.notifications.deliver(incomingCall('leg-b-1', chromeOffer));
      const [{ callId }] = env.of('call:receive');
      expect(env.client.call.getById(callId)!.state).toBe(states.ENDED);
      await jest.advanceTimersByTimeAsync(60000);
      expect(env.transport.sent.map((s) => typeOf(s.body))).toEqual([]);
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
    env.notifications.deliver(incomingCall('leg-b-1', audioOnly));
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
      expect(env.transport.ofType('audit')).toHaveLength(0);
    } finally {
      const destroyed = env.client.destroy();
      await jest.advanceTimersByTimeAsync(10);
      await destroyed;
      jest.useRealTimers();
    }
  });

  test('a remote hold arriving before this side\'s callAnswer response is postponed, then answered (§4.8)', async () => {
    env = createTestEnv();
    const g = gate();
    env.transport.responder = async (req) => {
      if (typeOf(req.body) === 'callAnswer') await g.released;
      return undefined;
    };
    env.notifications.deliver(incomingCall('leg-b-1', chromeOffer));
    const [{ callId }] = env.of('call:receive');
    env.client.call.answer(callId, { audio: true });
    await until(() => env.transport.ofType('callAnswer').length === 1);
    const holdOffer = chromeOffer.replace(/a=sendrecv/g, 'a=inactive');
    env.notifications.deliver({ eventType: 'startCallUpdate', eventId: 'h0', sessionParams: { sessionData: 'leg-b-1', sdp: holdOffer } });
    expect(env.transport.ofType('respondCallUpdate')).toHaveLength(0); // postponed while the answer is pending
    g.release();
    await until(() => env.client.call.getById(callId)!.state === states.ON_HOLD);
    expect(env.transport.ofType('respondCallUpdate')).toHaveLength(1);
    expect(env.client.call.getById(callId)!.currentOperations).toEqual([]);
  });

  test('sdpFormat: an unknown value is logged and the SDP used as-is; a callEnd is never dropped for it (§4.3.1)', async () => {
    env = createTestEnv();
    env.notifications.deliver({ ...incomingCall(), sessionParams: { sessionData: 'leg-b-1', sdp: chromeOffer, sdpFormat: 'plain-ish' } });
    const [{ callId }] = env.of('call:receive');
    expect(env.client.call.getById(callId)!.mediaOffered).toEqual({ audio: true, video: true });
    env.client.call.answer(callId, { audio: true });
    await until(() => env.client.call.getById(callId)!.state === states.CONNECTED);
    env.notifications.deliver({ eventType: 'callEnd', eventId: 'e', sessionParams: { sessionData: 'leg-b-1', sdpFormat: 'compressed' } });
    expect(env.client.call.getById(callId)!.state).toBe(states.ENDED);
  });

  test('a remote music-on-hold offer (sendonly) puts the call On Hold (remotely held)', async () => {
    env = createTestEnv();
    const callId = await answeredIncoming(env);
    const moh = chromeOffer.replace(/a=sendrecv/g, 'a=sendonly');
    env.notifications.deliver({ eventType: 'startCallUpdate', eventId: 'h1', sessionParams: { sessionData: 'leg-b-1', sdp: moh } });
    await until(() => env.of('call:operation').some((o) => o.operation === 'REMOTE_UPDATE' && o.transition === 'FINISH'));
    expect(env.client.call.getById(callId)).toMatchObject({ state: states.ON_HOLD, remoteHold: true });
  });
});
