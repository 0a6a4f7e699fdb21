/**
 * The automatic media restarts of `callControlsPlugin()` (`mediaRecovery.ts`) over the in-memory
 * call backend and fake peer connections, with fake timers for `call.mediaConnectionRetryDelay`:
 * the DTLS active side restarts at once, the passive side after the delay, nothing when the media
 * comes back within it or the call ends, the far end's restart postpones this side's, the bound on
 * attempts, the option that turns it off, and the validation of the delay and of the option.
 */
import { BasicError } from '@switchboard/core';
import { chromeAnswer, flush, until, type FakeRTCPeerConnection } from '@switchboard/test-utils';
import { createTestEnv, destroyTestEnvs } from '../__fakes__/env';
import { states } from '../constants';
import { callControlsPlugin, type CallControlsPluginOptions } from './plugin';

type Env = ReturnType<typeof createTestEnv>;
let env: Env;
afterEach(async () => {
  jest.useRealTimers();
  await destroyTestEnvs();
});

/** The far end's answer when it took the DTLS passive role (this side is then the active one). */
const passiveAnswer = chromeAnswer.replace(/a=setup:active/g, 'a=setup:passive');
const DELAY = 5000;

/**
 * A Connected call to bob whose media connected, then fake timers. `active`: the far end answered
 * `a=setup:passive`, so this side is DTLS active; otherwise (Chromium's `a=setup:active` answer)
 * this offerer is DTLS passive.
 */
async function connected(active: boolean, options?: CallControlsPluginOptions, config: Record<string, unknown> = {}, sections: Record<string, unknown> = {}) {
  env = createTestEnv({ config: { ...sections, call: { mediaConnectionRetryDelay: DELAY, ...config } }, extra: [callControlsPlugin(options)] });
  const callId = env.client.call.make('bob', { audio: true });
  await env.backend.waitFor('start');
  const pc = env.peers.instances[0]! as FakeRTCPeerConnection;
  env.backend.remote.answer('leg-a-1', active ? passiveAnswer : chromeAnswer);
  await until(() => env.client.call.getById(callId)!.state === states.CONNECTED);
  pc.setIceConnectionState('connected');
  jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick', 'setImmediate'] });
  return { callId, pc, media: () => env.client.call.getById(callId)!.mediaConnectionState };
}

const updates = () => env.backend.of('startUpdate');
const restarts = () => env.of('call:operation').filter((o) => o.operation === 'MEDIA_RESTART' && o.transition === 'START');
/** Lets the fake clock run `ms` (timers, then the promise callbacks they start). */
const advance = (ms: number) => jest.advanceTimersByTimeAsync(ms);

describe('automatic media restart', () => {
  test('the DTLS active side restarts ICE at once when the media disconnects; call:mediaRestart on the answer', async () => {
    const { callId, pc } = await connected(true);
    pc.setIceConnectionState('disconnected');
    await advance(10);
    expect(pc.iceRestarts).toBe(1);
    expect(updates()).toHaveLength(1);
    expect(restarts()).toHaveLength(1);
    env.backend.remote.answer('leg-a-1', passiveAnswer);
    await advance(10);
    expect(env.of('call:mediaRestart')).toEqual([{ callId }]);
    pc.setIceConnectionState('connected');
    await advance(60000);
    expect(updates()).toHaveLength(1);
  });

  test('the DTLS passive side waits mediaConnectionRetryDelay, then restarts (failed counts as down too)', async () => {
    const { callId, pc } = await connected(false);
    pc.setIceConnectionState('failed');
    await advance(DELAY - 10);
    expect(updates()).toHaveLength(0);
    expect(pc.iceRestarts).toBe(0);
    await advance(20);
    expect(pc.iceRestarts).toBe(1);
    expect(updates()).toHaveLength(1);
    env.backend.remote.answer('leg-a-1', chromeAnswer);
    await advance(10);
    expect(env.of('call:mediaRestart')).toEqual([{ callId }]);
  });

  test('no restart when the media comes back within the delay', async () => {
    const { pc } = await connected(false);
    pc.setIceConnectionState('disconnected');
    await advance(DELAY / 2);
    pc.setIceConnectionState('connected');
    await advance(DELAY * 10);
    expect(updates()).toHaveLength(0);
    expect(pc.iceRestarts).toBe(0);
  });

  test('no restart once the call ended (passive side waiting; active side in the same tick)', async () => {
    const passive = await connected(false);
    passive.pc.setIceConnectionState('disconnected');
    await advance(DELAY / 2);
    env.client.call.end(passive.callId);
    await advance(DELAY * 10);
    expect(updates()).toHaveLength(0);
    expect(restarts()).toHaveLength(0);
    jest.useRealTimers();
    await destroyTestEnvs();

    const active = await connected(true);
    active.pc.setIceConnectionState('disconnected');
    env.client.call.end(active.callId);
    await advance(DELAY * 10);
    expect(updates()).toHaveLength(0);
    expect(active.pc.iceRestarts).toBe(0);
  });

  test('the far end restarting first: the passive side does not restart on top of it (media back: nothing more)', async () => {
    const { pc } = await connected(false);
    pc.setIceConnectionState('disconnected');
    await advance(DELAY / 2);
    // the far end's ICE restart arrives (a re-offer; answered by signals/update.ts)
    env.backend.remote.update('leg-a-1', pc.remoteDescription!.sdp.replace(/a=setup:active/g, 'a=setup:actpass'));
    await advance(10);
    expect(env.backend.of('respondUpdate')).toHaveLength(1);
    await advance(DELAY - 20); // the first timer's deadline passed: it was restarted by the far end's renegotiation
    expect(updates()).toHaveLength(0);
    pc.setIceConnectionState('checking');
    pc.setIceConnectionState('connected');
    await advance(DELAY * 10);
    expect(updates()).toHaveLength(0);
  });

  test('the far end restarting first, the media still down once it is done: the passive side restarts mediaConnectionRetryDelay after its end', async () => {
    const { pc } = await connected(false);
    pc.setIceConnectionState('disconnected');
    await advance(DELAY / 2);
    env.backend.remote.update('leg-a-1', pc.remoteDescription!.sdp.replace(/a=setup:active/g, 'a=setup:actpass'));
    await advance(10);
    expect(env.backend.of('respondUpdate')).toHaveLength(1);
    await advance(DELAY - 20); // past the first deadline, not yet a delay after the far end's restart
    expect(updates()).toHaveLength(0);
    await advance(20);
    expect(updates()).toHaveLength(1);
    expect(pc.iceRestarts).toBe(1);
  });

  test('operations that are not renegotiations (the app polling getStats every second) do not postpone the passive side\'s restart', async () => {
    const { callId, pc } = await connected(false);
    pc.setIceConnectionState('disconnected');
    for (let t = 0; t < DELAY - 1000; t += 1000) {
      await advance(1000);
      await env.client.call.getStats(callId);
    }
    expect(env.of('call:operation').filter((o) => o.operation === 'GET_STATS' && o.transition === 'FINISH').length).toBeGreaterThan(2);
    expect(updates()).toHaveLength(0);
    await advance(1010);
    expect(pc.iceRestarts).toBe(1);
    expect(updates()).toHaveLength(1);
  });

  test('bounded: at most mediaRestartAttempts per outage while the media stays down; media back resets the count', async () => {
    const { pc } = await connected(true, { mediaRestartAttempts: 2 });
    pc.setIceConnectionState('failed');
    for (let i = 1; i <= 2; i++) {
      await advance(10);
      expect(updates()).toHaveLength(i);
      env.backend.remote.answer('leg-a-1', passiveAnswer); // answered, but the media stays failed
      await advance(DELAY);
    }
    await advance(DELAY * 10);
    expect(updates()).toHaveLength(2);
    expect(env.of('call:mediaRestart').filter((e) => e.error)).toEqual([]);
    // the next outage starts a new count
    pc.setIceConnectionState('connected');
    pc.setIceConnectionState('disconnected');
    await advance(10);
    expect(updates()).toHaveLength(3);
  });

  test('attempts used up: later renegotiations of the call (a hold, an unhold) start no restart and the warning is logged once', async () => {
    const warnings: unknown[] = [];
    const logs = { logLevel: 'warn', handler: (e: { level: string; messages: unknown[] }) => e.level === 'warn' && warnings.push(e.messages[0]) };
    const { callId, pc } = await connected(true, { mediaRestartAttempts: 1 }, {}, { logs });
    pc.setIceConnectionState('failed');
    await advance(10);
    env.backend.remote.answer('leg-a-1', passiveAnswer); // answered, but the media stays failed
    await advance(DELAY * 10);
    expect(updates()).toHaveLength(1);
    const controls = env.client.call as unknown as { hold(id: string): void; unhold(id: string): void };
    for (const step of [() => controls.hold(callId), () => controls.unhold(callId)]) {
      step();
      await advance(10);
      env.backend.remote.answer('leg-a-1', passiveAnswer);
      await advance(DELAY * 10);
    }
    expect(env.of('call:operation').filter((o) => o.transition === 'FINISH' && /HOLD/.test(o.operation)).map((o) => [o.operation, o.error])).toEqual([['HOLD', undefined], ['UNHOLD', undefined]]);
    expect(pc.iceRestarts).toBe(1);
    expect(warnings.filter((m) => /media still down after 1 restarts/.test(String(m)))).toHaveLength(1);
  });

  test('a failed attempt (the gateway refuses the update) is retried after the delay', async () => {
    const { pc } = await connected(true);
    env.backend.fail('startUpdate', new BasicError('CALL_REMOTE_ERROR', 'Another call update is in progress'));
    pc.setIceConnectionState('disconnected');
    await advance(10);
    expect(env.of('call:mediaRestart')[0]!.error).toMatchObject({ code: 'CALL_REMOTE_ERROR' });
    env.backend.fail('startUpdate', undefined);
    await advance(DELAY - 20);
    expect(pc.iceRestarts).toBe(1);
    await advance(20);
    expect(pc.iceRestarts).toBe(2);
    expect(updates()).toHaveLength(2);
  });

  test('mediaRestartAttempts: 0 turns the automatic restart off; restartMedia still works', async () => {
    const { callId, pc } = await connected(true, { mediaRestartAttempts: 0 });
    pc.setIceConnectionState('failed');
    await advance(DELAY * 10);
    expect(pc.iceRestarts).toBe(0);
    (env.client.call as unknown as { restartMedia(id: string): void }).restartMedia(callId);
    await advance(10);
    expect(updates()).toHaveLength(1);
  });
});

describe('validation', () => {
  test('call.mediaConnectionRetryDelay: INVALID_CONFIG for a negative, non-finite or non-number value', async () => {
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY, '3000']) {
      expect(() => createTestEnv({ config: { call: { mediaConnectionRetryDelay: bad } } })).toThrow(expect.objectContaining({ code: 'INVALID_CONFIG' }));
    }
    env = createTestEnv({ config: { call: { mediaConnectionRetryDelay: 0 } } });
    expect(() => env.client.updateConfig({ call: { mediaConnectionRetryDelay: -5 } })).toThrow(expect.objectContaining({ code: 'INVALID_CONFIG' }));
    expect(env.client.getConfig().call.mediaConnectionRetryDelay).toBe(0);
    await flush();
  });

  test('callControlsPlugin options: TypeError for a malformed one, INVALID_ARGUMENT for a negative or fractional count', () => {
    expect(() => callControlsPlugin(null as never)).toThrow(TypeError);
    expect(() => callControlsPlugin({ mediaRestartAttempts: '3' as never })).toThrow(TypeError);
    for (const bad of [-1, 1.5, Number.NaN]) {
      expect(() => callControlsPlugin({ mediaRestartAttempts: bad })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    }
    expect(() => callControlsPlugin({ mediaRestartAttempts: 0 })).not.toThrow();
  });
});
