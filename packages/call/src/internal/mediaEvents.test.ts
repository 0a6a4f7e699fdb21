/**
 * Media events of a call over the fake peer connection: `call:removedMedia` when a call ends (the
 * local and the remote media, after `call:tracksRemoved`), and the ICE states `checking` and
 * `completed` of `call.mediaConnectionStates` reported through `call:mediaConnectionChange`.
 */
import { chromeAnswer, until } from '@switchboard/test-utils';
import { createTestEnv, destroyTestEnvs } from '../__fakes__/env';
import { mediaConnectionStates, states } from '../constants';

afterEach(destroyTestEnvs);

async function connected(env: ReturnType<typeof createTestEnv>): Promise<string> {
  const callId = env.client.call.make('bob', { audio: true });
  await until(() => env.client.call.getById(callId)?.state === states.INITIATED);
  env.backend.remote.answer('leg-a-1', chromeAnswer);
  await until(() => env.client.call.getById(callId)?.remoteTracks.length === 1);
  return callId;
}

describe('call media events', () => {
  test('call:removedMedia on end: the local media and the remote media, with their track objects, after call:tracksRemoved', async () => {
    const env = createTestEnv();
    const callId = await connected(env);
    const { localTracks, remoteTracks } = env.client.call.getById(callId)!;
    env.client.call.end(callId);
    await until(() => env.of('call:removedMedia').length === 2);
    expect(env.of('call:removedMedia')).toEqual([
      { callId, local: true, tracks: [expect.objectContaining({ id: localTracks[0], kind: 'audio' })] },
      { callId, local: false, tracks: [expect.objectContaining({ id: remoteTracks[0], kind: 'audio' })] },
    ]);
    const order = env.events.map((e) => e.type).filter((t) => t === 'call:tracksRemoved' || t === 'call:removedMedia');
    expect(order).toEqual(['call:tracksRemoved', 'call:removedMedia', 'call:removedMedia']);
  });

  test('CHECKING and COMPLETED: each ICE state is mirrored on the CallObject and reported with the previous one', async () => {
    const env = createTestEnv();
    const callId = await connected(env);
    const pc = env.peers.instances[0]!;
    const seen: string[] = [];
    env.client.on('call:mediaConnectionChange', (e) => seen.push(`${e.previous.state}→${env.client.call.getById(e.callId)!.mediaConnectionState}`));
    for (const state of [mediaConnectionStates.CHECKING, mediaConnectionStates.CONNECTED, mediaConnectionStates.COMPLETED] as const) {
      pc.setIceConnectionState(state);
      expect(env.client.call.getById(callId)!.mediaConnectionState).toBe(state);
    }
    expect(seen).toEqual(['new→checking', 'checking→connected', 'connected→completed']);
    expect(env.of('call:mediaConnectionChange').map((e) => e.callId)).toEqual([callId, callId, callId]);
  });
});
