/**
 * The first remote answer of a call (§4.7) failing — it cannot be applied, or it reports an error
 * `statusCode` — ends the call (DELETE §5.9, local release); a failing mid-call answer does not.
 * Also: auto ringing feedback is not sent for a call the app already rejected/ended (§5.4).
 */
import type { LinkNotification } from '@switchboard/connectivity';
import { chromeAnswer, chromeOffer, until, type FakeRTCPeerConnection } from '@switchboard/test-utils';
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

const leg = (id: string) => `/rest/version/1/user/alice@example.com/callControl/callSessions/${id}`;
const answer = (sessionData: string): LinkNotification => ({ eventType: 'respondCallUpdate', eventId: `a-${Math.random()}`, sessionParams: { sessionData, sdp: chromeAnswer } });
const refusal = (sessionData: string): LinkNotification => ({
  eventType: 'respondCallUpdate', eventId: `r-${Math.random()}`, statusCode: 49, sessionParams: { sessionData, retryAfter: 5, reasonText: 'Busy here' },
});
const deletes = (e: Env, id: string) => e.transport.sent.filter((s) => s.method === 'DELETE' && s.path === leg(id));
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
  test('outgoing call: the answer cannot be applied → DELETE, Ended with CALL_NEGOTIATION_FAILED', async () => {
    env = createTestEnv();
    const callId = await outgoingInitiated(env);
    env.notifications.deliver({ eventType: 'ringing', eventId: 'r', sessionParams: { sessionData: 'leg-a-1' } });
    const local = [...env.media.tracks.values()].map((t) => t.native);
    breakRemote(env.peers.instances[0]!);
    env.notifications.deliver(answer('leg-a-1'));
    await until(() => env.client.call.getById(callId)!.state === states.ENDED);
    expectReleased(env, callId);
    expect(local.length).toBeGreaterThan(0);
    expect(local.every((t) => t.stopped)).toBe(true);
    expect(deletes(env, 'leg-a-1')).toHaveLength(1);
    const last = env.of('call:stateChange').at(-1)!;
    expect(last).toMatchObject({ callId, previous: { state: states.RINGING }, error: { code: 'CALL_NEGOTIATION_FAILED' } });
    expect(finishOf(env, 'REMOTE_ANSWER')?.error?.code).toBe('CALL_NEGOTIATION_FAILED');
  });

  test('outgoing call: a respondCallUpdate error (statusCode 49, no SDP) → DELETE, Ended with the error', async () => {
    env = createTestEnv();
    const callId = await outgoingInitiated(env);
    env.notifications.deliver(refusal('leg-a-1'));
    await until(() => env.client.call.getById(callId)!.state === states.ENDED);
    expectReleased(env, callId);
    expect(deletes(env, 'leg-a-1')).toHaveLength(1);
    const last = env.of('call:stateChange').at(-1)!;
    expect(last).toMatchObject({ previous: { state: states.INITIATED }, transition: { statusCode: 49, reasonText: 'Busy here' }, error: { code: 'CALL_REMOTE_ERROR' } });
    expect(finishOf(env, 'REMOTE_ANSWER')?.error?.code).toBe('CALL_REMOTE_ERROR');
  });

  test('slow-start answer: the answer to this side\'s offer cannot be applied → ANSWER fails, DELETE, Ended', async () => {
    env = createTestEnv();
    env.notifications.deliver(incomingCall('leg-b-1')); // no SDP: this side offers in callAnswer
    const [{ callId }] = env.of('call:receive');
    env.client.call.answer(callId, { audio: true });
    await until(() => env.transport.ofType('callAnswer').length === 1);
    breakRemote(env.peers.instances[0]!);
    env.notifications.deliver(answer('leg-b-1'));
    await until(() => env.client.call.getById(callId)!.state === states.ENDED);
    expectReleased(env, callId);
    expect(deletes(env, 'leg-b-1')).toHaveLength(1);
    expect(env.of('call:stateChange').at(-1)!.error?.code).toBe('CALL_NEGOTIATION_FAILED');
    expect(finishOf(env, 'ANSWER')?.error?.code).toBe('CALL_NEGOTIATION_FAILED');
  });

  test('slow-start answer: a respondCallUpdate error → ANSWER fails, DELETE, Ended', async () => {
    env = createTestEnv();
    env.notifications.deliver(incomingCall('leg-b-1'));
    const [{ callId }] = env.of('call:receive');
    env.client.call.answer(callId, { audio: true });
    // The refusal answers this side's offer, so it must come after the callAnswer request (auto
    // ringing feedback can make the call Ringing before the offer is even created).
    await until(() => env.transport.ofType('callAnswer').length === 1);
    env.notifications.deliver(refusal('leg-b-1'));
    await until(() => env.client.call.getById(callId)!.state === states.ENDED);
    expectReleased(env, callId);
    expect(deletes(env, 'leg-b-1')).toHaveLength(1);
    expect(finishOf(env, 'ANSWER')?.error?.code).toBe('CALL_REMOTE_ERROR');
  });

  test('mid-call: a refused slow-start renegotiation fails its operation but the call stays Connected', async () => {
    env = createTestEnv();
    const callId = await outgoingInitiated(env);
    env.notifications.deliver(answer('leg-a-1'));
    await until(() => env.client.call.getById(callId)!.state === states.CONNECTED);
    env.notifications.deliver({ eventType: 'startCallUpdate', eventId: 'u', sessionParams: { sessionData: 'leg-a-1' } });
    await until(() => env.transport.ofType('respondCallUpdate').length === 1);
    env.notifications.deliver(refusal('leg-a-1'));
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
  ])('%s() inside the call:receive listener: no ringing PUT', async (name, act) => {
    env = createTestEnv();
    env.client.on('call:receive', ({ callId }) => act(env, callId));
    env.notifications.deliver(incomingCall('leg-b-1', chromeOffer));
    const [{ callId }] = env.of('call:receive');
    await until(() => env.client.call.getById(callId)!.state === states.ENDED);
    await new Promise((r) => setTimeout(r, 10));
    expect(env.transport.ofType('ringing')).toHaveLength(0);
    expect(env.of('call:operation').some((o) => o.operation === 'SEND_RINGING_FEEDBACK')).toBe(false);
    const rejects = env.transport.sent.filter((s) => (s.body as { callDispositionRequest?: { action?: string } })?.callDispositionRequest?.action === 'reject');
    expect(rejects).toHaveLength(name === 'reject' ? 1 : 0);
  });
});
