/**
 * A slow-start remote update (an offer-less `startCallUpdate`, protocol §4.8): this side offers
 * from a new peer connection (the far endpoint may have changed), unless `call.mediaBrokerOnly`
 * says every call is anchored on the media broker: then the current peer connection offers.
 */
import { chromeAnswer, until } from '@switchboard/test-utils';
import { createTestEnv, destroyTestEnvs } from '../__fakes__/env';
import { states } from '../constants';

afterEach(destroyTestEnvs);

async function slowStart(mediaBrokerOnly: boolean) {
  const env = createTestEnv({ config: { call: { mediaBrokerOnly } } });
  const callId = env.client.call.make('bob', { audio: true });
  await until(() => env.client.call.getById(callId)?.state === states.INITIATED);
  env.backend.remote.answer('leg-a-1', chromeAnswer);
  await until(() => env.client.call.getById(callId)?.remoteTracks.length === 1);
  const [remoteTrack] = env.client.call.getById(callId)!.remoteTracks;
  env.backend.remote.update('leg-a-1'); // no SDP: this side offers
  const respond = await env.backend.waitFor('respondUpdate');
  env.backend.remote.answer('leg-a-1', chromeAnswer);
  const done = () => env.of('call:operation').some((o) => o.operation === 'REMOTE_UPDATE' && o.transition === 'FINISH');
  await until(done);
  return { env, callId, remoteTrack, respond };
}

describe('slow-start remote update and call.mediaBrokerOnly', () => {
  test('mediaBrokerOnly: true: the offer comes from the current peer connection; the remote track stays', async () => {
    const { env, callId, remoteTrack, respond } = await slowStart(true);
    expect(env.peers.instances).toHaveLength(1);
    const pc = env.peers.instances[0]!;
    expect(pc.closed).toBe(false);
    expect(respond.sdp).toContain('m=audio');
    expect(pc.setRemoteCalls.map((c) => c.type)).toEqual(['answer', 'answer']);
    expect(env.client.call.getById(callId)).toMatchObject({ state: states.CONNECTED, remoteTracks: [remoteTrack] });
    expect(env.of('call:tracksRemoved')).toEqual([]);
  });

  test('default (false): a new peer connection offers and the old one is closed', async () => {
    const { env, callId } = await slowStart(false);
    expect(env.peers.instances).toHaveLength(2);
    expect(env.peers.instances[0]!.closed).toBe(true);
    expect(env.peers.instances[1]!.setRemoteCalls.map((c) => c.type)).toEqual(['answer']);
    expect(env.client.call.getById(callId)!.state).toBe(states.CONNECTED);
  });
});
