/**
 * The first remote answer of a call (§4.7) failing — it cannot be applied, or it reports an error
 * `statusCode` — ends the call (backend `end`, §5.9, local release); a failing mid-call answer does
 * not. Also: auto ringing feedback is not sent for a call the app already rejected/ended (§5.4).
 * Over the in-memory call backend (the Link refusal's top-level statusCode: adapters/linkPlugin.test.ts).
 */
import { chromeAnswer, chromeOffer, flush, until, type FakeRTCPeerConnection } from '@switchboard/test-utils';
import { bobCalls, createTestEnv, destroyTestEnvs } from '../__fakes__/env';
import { states } from '../constants';

type Env = ReturnType<typeof createTestEnv>;
let env: Env;
afterEach(destroyTestEnvs);

const answer = (e: Env, sessionId: string) => e.backend.remote.answer(sessionId, chromeAnswer);
const refusal = (e: Env, sessionId: string) => e.backend.remote.refuse(sessionId, 49, 'Busy here');
const deletes = (e: Env, id: string) => e.backend.of('end').filter((o) => o.sessionId === id);
const finishOf = (e: Env, operation: string) => e.of('call:operation').find((o) => o.operation === operation && o.transition === 'FINISH');

/** Makes the peer connection reject every remote description from now on (a malformed/incompatible SDP). */
function breakRemote(pc: FakeRTCPeerConnection): void {
  pc.setRemoteDescription = async () => {
    throw new Error('OperationError: Failed to parse SessionDescription');
  };
}

async function outgoingInitiated(e: Env): Promise<string> {
  const callId = e.client.call.make('bob', { audio: true });
  await until(() => e.of('call:start').length > 0);
  expect(e.client.call.getById(callId)!.state).toBe(states.INITIATED);
  return callId;
}

/** Ended locally: the peer connection closed, local tracks stopped and released. */
function expectReleased(e: Env, callId: string): void {
  const call = e.client.call.getById(callId)!;
  expect(call).toMatchObject({ state: states.ENDED, currentOperations: [], localTracks: [], remoteTracks: [] });
  expect(e.peers.instances[0]!.closed).toBe(true);
  expect(e.media.tracks.size).toBe(0);
}

describe('a failing first remote answer ends the call', () => {
  test('outgoing call: the answer cannot be applied → end, Ended with CALL_NEGOTIATION_FAILED', async () => {
    env = createTestEnv();
    const callId = await outgoingInitiated(env);
    env.backend.remote.ringing('leg-a-1');
    const local = [...env.media.tracks.values()].map((t) => t.native);
    breakRemote(env.peers.instances[0]!);
    answer(env, 'leg-a-1');
    await until(() => env.client.call.getById(callId)!.state === states.ENDED);
    expectReleased(env, callId);
    expect(local.length).toBeGreaterThan(0);
    expect(local.every((t) => t.stopped)).toBe(true);
    expect(deletes(env, 'leg-a-1')).toHaveLength(1);
    const last = env.of('call:stateChange').at(-1)!;
    expect(last).toMatchObject({ callId, previous: { state: states.RINGING }, error: { code: 'CALL_NEGOTIATION_FAILED' } });
    expect(finishOf(env, 'REMOTE_ANSWER')?.error?.code).toBe('CALL_NEGOTIATION_FAILED');
  });

  test('outgoing call: a refused answer (statusCode 49, no SDP) → end, Ended with the error', async () => {
    env = createTestEnv();
    const callId = await outgoingInitiated(env);
    refusal(env, 'leg-a-1');
    await until(() => env.client.call.getById(callId)!.state === states.ENDED);
    expectReleased(env, callId);
    expect(deletes(env, 'leg-a-1')).toHaveLength(1);
    const last = env.of('call:stateChange').at(-1)!;
    expect(last).toMatchObject({ previous: { state: states.INITIATED }, transition: { statusCode: 49, reasonText: 'Busy here' }, error: { code: 'CALL_REMOTE_ERROR' } });
    expect(finishOf(env, 'REMOTE_ANSWER')?.error?.code).toBe('CALL_REMOTE_ERROR');
  });

  test('slow-start answer: the answer to this side\'s offer cannot be applied → ANSWER fails, end, Ended', async () => {
    env = createTestEnv();
    bobCalls(env.backend, 'leg-b-1'); // no SDP: this side offers in its answer
    const [{ callId }] = env.of('call:receive');
    env.client.call.answer(callId, { audio: true });
    await env.backend.waitFor('answer');
    breakRemote(env.peers.instances[0]!);
    answer(env, 'leg-b-1');
    await until(() => env.client.call.getById(callId)!.state === states.ENDED);
    expectReleased(env, callId);
    expect(deletes(env, 'leg-b-1')).toHaveLength(1);
    expect(env.of('call:stateChange').at(-1)!.error?.code).toBe('CALL_NEGOTIATION_FAILED');
    expect(finishOf(env, 'ANSWER')?.error?.code).toBe('CALL_NEGOTIATION_FAILED');
  });

  test('slow-start answer: a refusal → ANSWER fails, end, Ended', async () => {
    env = createTestEnv();
    bobCalls(env.backend, 'leg-b-1');
    const [{ callId }] = env.of('call:receive');
    env.client.call.answer(callId, { audio: true });
    // The refusal answers this side's offer, so it must come after the answer operation (auto
    // ringing feedback can make the call Ringing before the offer is even created).
    await env.backend.waitFor('answer');
    refusal(env, 'leg-b-1');
    await until(() => env.client.call.getById(callId)!.state === states.ENDED);
    expectReleased(env, callId);
    expect(deletes(env, 'leg-b-1')).toHaveLength(1);
    expect(finishOf(env, 'ANSWER')?.error?.code).toBe('CALL_REMOTE_ERROR');
  });

  test('mid-call: a refused slow-start renegotiation fails its operation but the call stays Connected', async () => {
    env = createTestEnv();
    const callId = await outgoingInitiated(env);
    answer(env, 'leg-a-1');
    await until(() => env.client.call.getById(callId)!.state === states.CONNECTED);
    env.backend.remote.update('leg-a-1'); // slow start: this side offers
    await env.backend.waitFor('respondUpdate');
    refusal(env, 'leg-a-1');
    await until(() => !!finishOf(env, 'REMOTE_UPDATE'));
    expect(finishOf(env, 'REMOTE_UPDATE')!.error?.code).toBe('CALL_REMOTE_ERROR');
    expect(env.client.call.getById(callId)!.state).toBe(states.CONNECTED);
    expect(deletes(env, 'leg-a-1')).toHaveLength(0);
  });
});

describe('auto ringing feedback after the app acted in call:receive', () => {
  test.each([
    ['reject', (e: Env, id: string) => e.client.call.reject(id)],
    ['end', (e: Env, id: string) => e.client.call.end(id)],
    ['ignore', (e: Env, id: string) => e.client.call.ignore(id)],
  ])('%s() inside the call:receive listener: no ringing feedback', async (name, act) => {
    env = createTestEnv();
    env.client.on('call:receive', ({ callId }) => act(env, callId));
    bobCalls(env.backend, 'leg-b-1', chromeOffer);
    const [{ callId }] = env.of('call:receive');
    await until(() => env.client.call.getById(callId)!.state === states.ENDED);
    await until(() => env.of('call:operation').some((o) => o.transition === 'FINISH'));
    await flush();
    expect(env.backend.of('ringing')).toHaveLength(0);
    expect(env.of('call:operation').some((o) => o.operation === 'SEND_RINGING_FEEDBACK')).toBe(false);
    expect(env.backend.of('reject')).toHaveLength(name === 'reject' ? 1 : 0);
  });
});
