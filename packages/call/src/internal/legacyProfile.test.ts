/**
 * The call plugin's part of the legacy-compatibility profile (`config.compatibility`, 001/002):
 * `removeH264Codecs` (default true), `call.states` without EARLY_MEDIA, INITIATED for an outgoing
 * call that is sent but not yet received, `call:newTrack` / `call:trackEnded`, and `sendDTMF` in
 * Connected or Ringing only. Without the profile none of it applies.
 */
import { chromeAnswer, until } from '@switchboard/test-utils';
import { createTestEnv, destroyTestEnvs } from '../__fakes__/env';
import { states } from '../constants';

afterEach(destroyTestEnvs);
type Env = ReturnType<typeof createTestEnv>;

const hasH264 = (sdp: string | undefined) => /a=rtpmap:\d+ H264\//.test(sdp ?? '');

async function connected(env: Env): Promise<string> {
  const callId = env.client.call.make('bob', { audio: true });
  await until(() => env.client.call.getById(callId)?.state === states.INITIATED);
  env.backend.remote.answer('leg-a-1', chromeAnswer);
  await until(() => env.client.call.getById(callId)?.state === states.CONNECTED);
  await until(() => env.client.call.getById(callId)!.remoteTracks.length === 1);
  return callId;
}

describe('call: the legacy-compatibility profile (001/002)', () => {
  test.each(['001', '002'] as const)('compatibility %s: H264 removed from the SDP sent and set, both ways', async (compatibility) => {
    const env = createTestEnv({ config: { compatibility } });
    expect(env.client.getConfig().call.removeH264Codecs).toBe(true);
    await connected(env);
    const pc = env.peers.instances[0]!;
    const sent = env.backend.of('start')[0]!.sdp;
    expect(sent).toMatch(/a=rtpmap:\d+ VP8\//); // the rest of the SDP is kept
    expect(hasH264(sent)).toBe(false);
    expect(hasH264(pc.localDescription?.sdp)).toBe(false);
    expect(pc.setRemoteCalls.map((c) => hasH264(c.sdp))).toEqual([false]);
  });

  test('without the profile (000) H264 stays; with the profile, removeH264Codecs: false keeps it too', async () => {
    for (const config of [{}, { compatibility: '002', call: { removeH264Codecs: false } }]) {
      const env = createTestEnv({ config });
      expect(env.client.getConfig().call.removeH264Codecs).toBe(false);
      await connected(env);
      expect(hasH264(env.backend.of('start')[0]!.sdp)).toBe(true);
      expect(env.peers.instances[0]!.setRemoteCalls.map((c) => hasH264(c.sdp))).toEqual([true]);
    }
  });

  test('000 can opt in: call.removeH264Codecs: true without a profile', async () => {
    const env = createTestEnv({ config: { call: { removeH264Codecs: true } } });
    await connected(env);
    expect(hasH264(env.backend.of('start')[0]!.sdp)).toBe(false);
  });

  test('call.states has no EARLY_MEDIA under the profile; INITIATED = sent, not yet received (before Ringing)', async () => {
    const legacy = createTestEnv({ config: { compatibility: '001' } });
    expect(legacy.client.call.states).not.toHaveProperty('EARLY_MEDIA');
    expect(Object.keys(legacy.client.call.states)).toEqual(['INITIATING', 'INITIATED', 'RINGING', 'CANCELLED', 'CONNECTED', 'ON_HOLD', 'ENDED']);
    expect(Object.isFrozen(legacy.client.call.states)).toBe(true);
    const callId = legacy.client.call.make('bob', { audio: true });
    expect(legacy.client.call.getById(callId)!.state).toBe(legacy.client.call.states.INITIATING);
    await legacy.backend.waitFor('start'); // sent over the network…
    await until(() => legacy.client.call.getById(callId)?.state === legacy.client.call.states.INITIATED);
    legacy.backend.remote.ringing('leg-a-1'); // …and now received by the callee
    expect(legacy.client.call.getById(callId)!.state).toBe(legacy.client.call.states.RINGING);
    expect(createTestEnv().client.call.states.EARLY_MEDIA).toBe('Early Media');
  });

  test('call:newTrack / call:trackEnded: one per track of call:tracksAdded / call:tracksRemoved, only under the profile', async () => {
    const env = createTestEnv({ config: { compatibility: '002' } });
    const callId = await connected(env);
    const added = env.of('call:tracksAdded').flatMap((e) => e.trackIds);
    expect(added).toHaveLength(2); // the local and the remote audio track
    expect(env.of('call:newTrack')).toEqual(added.map((trackId) => ({ callId, trackId })));
    env.client.call.end(callId);
    await until(() => env.of('call:tracksRemoved').length > 0);
    const removed = env.of('call:tracksRemoved').flatMap((e) => e.trackIds);
    expect(removed.length).toBeGreaterThan(0);
    expect(env.of('call:trackEnded')).toEqual(removed.map((trackId) => ({ callId, trackId })));

    const plain = createTestEnv();
    const other = await connected(plain);
    plain.client.call.end(other);
    await until(() => plain.of('call:tracksRemoved').length > 0);
    expect(plain.of('call:newTrack')).toEqual([]);
    expect(plain.of('call:trackEnded')).toEqual([]);
  });

  test('sendDTMF: Early Media is refused under the profile (CALL_INVALID_STATE, nothing sent), allowed without it', async () => {
    const early = async (env: Env) => {
      const callId = env.client.call.make('bob', { audio: true });
      await until(() => env.client.call.getById(callId)?.state === states.INITIATED);
      env.backend.remote.progress('leg-a-1', chromeAnswer);
      await until(() => env.client.call.getById(callId)?.state === states.EARLY_MEDIA);
      env.client.call.sendDTMF(callId, '1');
      await until(() => env.of('call:operation').some((o) => o.operation === 'SEND_DTMF' && o.transition === 'FINISH'));
      return env.of('call:operation').filter((o) => o.operation === 'SEND_DTMF');
    };
    const legacy = await early(createTestEnv({ config: { compatibility: '002', call: { earlyMedia: true } } }));
    expect(legacy).toEqual([expect.objectContaining({ transition: 'FINISH', error: expect.objectContaining({ code: 'CALL_INVALID_STATE' }) })]);
    const modern = await early(createTestEnv({ config: { call: { earlyMedia: true } } }));
    expect(modern.map((o) => [o.transition, o.error])).toEqual([['START', undefined], ['FINISH', undefined]]);
  });

  test('sendDTMF under the profile works in Connected', async () => {
    const env = createTestEnv({ config: { compatibility: '002' } });
    const callId = await connected(env);
    env.client.call.sendDTMF(callId, '5');
    await until(() => env.of('call:operation').some((o) => o.operation === 'SEND_DTMF' && o.transition === 'FINISH'));
    expect(env.of('call:operation').filter((o) => o.operation === 'SEND_DTMF').map((o) => o.error)).toEqual([undefined, undefined]);
  });
});
