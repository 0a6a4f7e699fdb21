/**
 * The 001/002 call shapes (checklist 4.12): `make`/`answer`/`addMedia`/`replaceTrack` without
 * `screen`, `displayName`, `customParameters` or `dscpControls`, and `BandwidthControls` without a
 * `call` total, are accepted as they are (000's shapes are a superset): the media options reach the
 * media registry unchanged and the bandwidth lands on the m-lines only.
 */
import { chromeAnswer, chromeOffer, until } from '@switchboard/test-utils';
import { parse } from 'sdp-transform';
import { bobCalls, createTestEnv, destroyTestEnvs } from '../__fakes__/env';
import { states } from '../constants';
import { callControlsPlugin, type CallControlsApi } from './plugin';

afterEach(destroyTestEnvs);

const bandwidthOf = (sdp: string) => {
  const s = parse(sdp);
  return { session: s.bandwidth, media: Object.fromEntries(s.media.map((m) => [m.type, m.bandwidth?.find((b) => b.type === 'AS')?.limit])) };
};

describe('001/002 shapes of make, answer, addMedia and replaceTrack', () => {
  test('make(destination, {audio, audioOptions}, {bandwidth: {audio, video}}), then addMedia and replaceTrack with 001 options', async () => {
    const env = createTestEnv({ extra: [callControlsPlugin()] });
    const cc = env.client.call as typeof env.client.call & CallControlsApi;
    const created = jest.spyOn(env.media, 'createLocalMedia');
    const callId = env.client.call.make('bob', { audio: true, audioOptions: { deviceId: 'mic-1' } }, { bandwidth: { audio: 40, video: 300 } });
    const start = await env.backend.waitFor('start');
    expect(created.mock.calls[0]![0]).toMatchObject({ audio: true, audioOptions: { deviceId: 'mic-1' } });
    expect(bandwidthOf(start.sdp!)).toEqual({ session: undefined, media: { audio: 40, video: 300 } });
    env.backend.remote.answer('leg-a-1', chromeAnswer);
    await until(() => env.client.call.getById(callId)?.state === states.CONNECTED);

    cc.addMedia(callId, { video: true, videoOptions: { deviceId: 'cam-1', width: 640, height: 480, frameRate: 15 } }, { bandwidth: { video: 200 } });
    const update = await env.backend.waitFor('startUpdate');
    expect(created.mock.calls[1]![0]).toMatchObject({ video: true, videoOptions: { deviceId: 'cam-1', width: 640, height: 480, frameRate: 15 } });
    expect(bandwidthOf(update.sdp!).media.video).toBe(200);
    env.backend.remote.answer('leg-a-1', chromeAnswer);
    const done = (op: string) => () => env.of('call:operation').some((o) => o.operation === op && o.transition === 'FINISH' && !o.error);
    await until(done('ADD_MEDIA'));

    const video = env.client.call.getById(callId)!.localTracks.find((id) => env.media.getNativeTrack(id)?.kind === 'video')!;
    cc.replaceTrack(callId, video, { video: true, videoOptions: { deviceId: 'cam-1' } }); // the 001/002 example
    await until(() => env.of('call:trackReplaced').length === 1);
    expect(env.of('call:trackReplaced')[0]).toMatchObject({ callId, oldTrack: expect.objectContaining({ id: video }), newTrackId: expect.any(String) });
    expect(env.of('call:trackReplaced')[0]!.error).toBeUndefined();
  });

  test('answer(callId, {audio, video}, {bandwidth: {audio, video}})', async () => {
    const env = createTestEnv();
    bobCalls(env.backend, 'leg-b-1', chromeOffer);
    const [{ callId }] = env.of('call:receive');
    env.client.call.answer(callId, { audio: true, video: true }, { bandwidth: { audio: 32, video: 256 } });
    const answer = await env.backend.waitFor('answer');
    expect(bandwidthOf(answer.sdp!)).toEqual({ session: undefined, media: { audio: 32, video: 256 } });
    await until(() => env.client.call.getById(callId)?.state === states.CONNECTED);
  });
});
