/** resyncOnConnect (§5.17): leg queries after a WebSocket reconnection and what their answers do. */
import { chromeAnswer, chromeOffer, until } from '@switchboard/test-utils';
import { bobCalls, createTestEnv, destroyTestEnvs } from '../__fakes__/env';
import { states } from '../constants';

afterEach(destroyTestEnvs);
type Env = ReturnType<typeof createTestEnv>;

async function connected(env: Env, leg = 'leg-a-1') {
  const callId = env.client.call.make('bob', { audio: true });
  await until(() => env.client.call.getById(callId)?.state === states.INITIATED);
  env.backend.remote.answer(leg, chromeAnswer);
  await until(() => env.client.call.getById(callId)?.state === states.CONNECTED);
  return callId;
}

function reconnect(env: Env, subscription: { connected: boolean; notifyChange(): void }) {
  subscription.connected = false;
  subscription.notifyChange();
  subscription.connected = true;
  subscription.notifyChange();
}

describe('resyncOnConnect', () => {
  test('after a reconnection: ANSWERED keeps a Connected call, gone ends it, ANSWERED cancels a ringing incoming call', async () => {
    const env = createTestEnv({ config: { call: { resyncOnConnect: true } } });
    const sub = env.subscription;
    const kept = await connected(env, 'leg-a-1');
    const gone = await connected(env, 'leg-a-2');
    bobCalls(env.backend, 'leg-b-1', chromeOffer);
    await until(() => env.of('call:receive').length === 1);
    const elsewhere = env.of('call:receive')[0]!.callId;
    await until(() => env.client.call.getById(elsewhere)?.currentOperations.length === 0);
    env.backend.legStates.set('leg-a-2', 'gone');
    reconnect(env, sub);
    await until(() => env.of('call:operation').filter((o) => o.operation === 'RESYNC' && o.transition === 'FINISH').length === 3);
    expect(env.backend.of('query').map((q) => q.sessionId).sort()).toEqual(['leg-a-1', 'leg-a-2', 'leg-b-1']);
    expect(env.client.call.getById(kept)!.state).toBe(states.CONNECTED);
    expect(env.client.call.getById(gone)!.state).toBe(states.ENDED);
    expect(env.client.call.getById(elsewhere)!.state).toBe(states.CANCELLED);
    // ended calls are not queried again; a query failure changes nothing
    env.backend.fail('query', new Error('network'));
    reconnect(env, sub);
    await until(() => env.of('call:operation').filter((o) => o.operation === 'RESYNC' && o.transition === 'FINISH').length === 4);
    expect(env.backend.of('query').slice(3).map((q) => q.sessionId)).toEqual(['leg-a-1']);
    expect(env.client.call.getById(kept)!.state).toBe(states.CONNECTED);
    expect(env.of('call:operation').filter((o) => o.operation === 'RESYNC' && o.transition === 'FINISH').at(-1)!.error).toMatchObject({ code: 'CALL_REQUEST_FAILED' });
  });

  test('an outgoing call the far end answered while the socket was down is not cancelled: its answer, delivered after the reconnection, connects it', async () => {
    const env = createTestEnv({ config: { call: { resyncOnConnect: true } } });
    const callId = env.client.call.make('bob', { audio: true });
    await until(() => env.client.call.getById(callId)?.state === states.INITIATED && !env.client.call.getById(callId)!.currentOperations.length);
    reconnect(env, env.subscription); // the leg query answers ANSWERED (the far end answered)
    await until(() => env.of('call:operation').some((o) => o.operation === 'RESYNC' && o.transition === 'FINISH'));
    expect(env.client.call.getById(callId)!.state).toBe(states.INITIATED);
    env.backend.remote.answer('leg-a-1', chromeAnswer);
    await until(() => env.client.call.getById(callId)?.state === states.CONNECTED);
  });

  test('an incoming call answered here while its leg query is in flight is not cancelled (ANSWERED is this side\'s own answer)', async () => {
    const env = createTestEnv({ config: { call: { resyncOnConnect: true } } });
    bobCalls(env.backend, 'leg-b-1', chromeOffer);
    await until(() => env.of('call:receive').length === 1);
    const callId = env.of('call:receive')[0]!.callId;
    await until(() => env.client.call.getById(callId)?.currentOperations.length === 0);
    const query = env.backend.hold('query');
    const answering = env.backend.hold('answer');
    reconnect(env, env.subscription);
    await query.reached;
    env.client.call.answer(callId, { audio: true });
    await answering.reached;
    query.release();
    await until(() => env.of('call:operation').some((o) => o.operation === 'RESYNC' && o.transition === 'FINISH'));
    expect(env.client.call.getById(callId)!.state).not.toBe(states.CANCELLED);
    answering.release();
    await until(() => env.client.call.getById(callId)?.state === states.CONNECTED);
  });

  test('off by default; a change that is not a (re)connection does not re-sync', async () => {
    const env = createTestEnv();
    const sub = env.subscription;
    await connected(env);
    reconnect(env, sub);
    env.client.updateConfig({ call: { resyncOnConnect: true } });
    sub.notifyChange(); // still connected: no reconnection
    await Promise.resolve();
    expect(env.backend.of('query')).toEqual([]);
  });
});
