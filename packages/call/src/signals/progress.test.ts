/** Early media (§4.6): with `earlyMedia`, a provisional answer moves an outgoing call to Early Media; the final answer connects it. */
import { chromeAnswer, until } from '@switchboard/test-utils';
import { createTestEnv, destroyTestEnvs } from '../__fakes__/env';
import { states } from '../constants';

afterEach(destroyTestEnvs);

describe('early media', () => {
  test('earlyMedia: callStart asks for it; progress → EARLY_MEDIA (pranswer applied); the answer → CONNECTED', async () => {
    const env = createTestEnv({ config: { call: { earlyMedia: true } } });
    const callId = env.client.call.make('bob', { audio: true });
    const start = await env.backend.waitFor('start');
    expect(start.request!.earlyMedia).toBe(true);
    await until(() => env.client.call.getById(callId)?.state === states.INITIATED);
    env.backend.remote.ringing('leg-a-1');
    env.backend.remote.progress('leg-a-1', chromeAnswer);
    await until(() => env.client.call.getById(callId)?.state === states.EARLY_MEDIA);
    const pc = env.peers.instances[0]!;
    expect(pc.setRemoteCalls.map((c) => c.type)).toEqual(['pranswer']);
    expect(env.of('call:stateChange').map((s) => s.state)).toEqual([states.INITIATED, states.RINGING, states.EARLY_MEDIA]);
    env.backend.remote.answer('leg-a-1', chromeAnswer);
    await until(() => env.client.call.getById(callId)?.state === states.CONNECTED);
    expect(pc.setRemoteCalls.map((c) => c.type)).toEqual(['pranswer', 'answer']);
  });

  test('without earlyMedia a provisional answer is ignored', async () => {
    const env = createTestEnv();
    const callId = env.client.call.make('bob', { audio: true });
    expect((await env.backend.waitFor('start')).request!.earlyMedia).toBe(false);
    await until(() => env.client.call.getById(callId)?.state === states.INITIATED);
    env.backend.remote.progress('leg-a-1', chromeAnswer);
    await Promise.resolve();
    expect(env.client.call.getById(callId)!.state).toBe(states.INITIATED);
    expect(env.peers.instances[0]!.setRemoteCalls).toEqual([]);
  });
});
