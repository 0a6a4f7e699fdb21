/**
 * callExtrasPlugin over the in-memory call backend: custom parameters (set, send, refusals) and
 * playAudioFile (the file's track replaces the microphone on the sender, the microphone comes
 * back; failures; the original track is ended when it cannot be put back).
 */
import { chromeAnswer, FakeMediaStreamTrack, until } from '@switchboard/test-utils';
import { createTestEnv, destroyTestEnvs } from '../__fakes__/env';
import { states } from '../constants';
import type { AudioFileLoader, AudioFileSource } from './audioFile';
import { callExtrasPlugin, type CallExtrasApi } from './plugin';

const api = (env: ReturnType<typeof createTestEnv>) => env.client.call as unknown as CallExtrasApi;

afterEach(destroyTestEnvs);

/** A scripted audio file: `finish()` ends it, `fail()` breaks it while it plays. */
function scriptedFile(duration = 2) {
  let finish!: () => void;
  let fail!: (e: Error) => void;
  const finished = new Promise<void>((resolve, reject) => ((finish = resolve), (fail = reject)));
  const track = new FakeMediaStreamTrack('audio', 'file');
  const source = { track: track as unknown as MediaStreamTrack, finished, play: jest.fn(async () => ({ duration })), close: jest.fn() } satisfies AudioFileSource;
  return { source, track, finish: () => finish(), fail: (e: Error) => fail(e) };
}

async function connectedEnv(loadAudioFile?: AudioFileLoader) {
  const env = createTestEnv({ extra: [callExtrasPlugin(loadAudioFile ? { loadAudioFile } : {})] });
  const callId = env.client.call.make('bob', { audio: true });
  await until(() => env.of('call:start').length > 0);
  env.backend.remote.answer('leg-a-1', chromeAnswer);
  await until(() => env.client.call.getById(callId)?.state === states.CONNECTED);
  const sender = env.peers.instances[0]!.senders[0]!;
  return { env, callId, sender, mic: sender.track! };
}

const finishOf = (env: ReturnType<typeof createTestEnv>, operation: string) =>
  env.of('call:operation').filter((o) => o.operation === operation && o.transition === 'FINISH');

describe('custom parameters', () => {
  test('set replaces the call\'s parameters; send sends them in sendCustomHeaders; unset removes them', async () => {
    const { env, callId } = await connectedEnv();
    api(env).setCustomParameters(callId, [{ name: 'X-Status', value: 'recording' }]);
    expect(env.client.call.getById(callId)!.customParameters).toEqual([{ name: 'X-Status', value: 'recording' }]);
    api(env).sendCustomParameters(callId);
    const sent = await env.backend.waitFor('sendCustomHeaders');
    expect(sent).toEqual({ op: 'sendCustomHeaders', sessionId: 'leg-a-1', customParameters: [{ name: 'X-Status', value: 'recording' }] });
    await until(() => finishOf(env, 'SEND_CUSTOM_PARAMETERS').length === 1);
    expect(finishOf(env, 'SEND_CUSTOM_PARAMETERS')[0]!.error).toBeUndefined();
    api(env).setCustomParameters(callId);
    expect(env.client.call.getById(callId)!.customParameters).toEqual([]);
    api(env).sendCustomParameters(callId);
    await until(() => finishOf(env, 'SEND_CUSTOM_PARAMETERS').length === 2);
    expect(finishOf(env, 'SEND_CUSTOM_PARAMETERS')[1]!.error).toMatchObject({ code: 'CALL_INVALID_OPERATION' });
    expect(env.backend.of('sendCustomHeaders')).toHaveLength(1);
  });

  test('types throw; unknown calls, wrong states and gateway errors are reported in call:operation', async () => {
    const env = createTestEnv({ extra: [callExtrasPlugin()] });
    expect(() => api(env).setCustomParameters(1 as never, [])).toThrow(TypeError);
    expect(() => api(env).setCustomParameters('c', [{ name: 'X' }] as never)).toThrow(TypeError);
    expect(() => api(env).sendCustomParameters(undefined as never)).toThrow(TypeError);
    api(env).setCustomParameters('nope', []);
    api(env).sendCustomParameters('nope');
    await until(() => env.of('call:operation').length === 2);
    expect(env.of('call:operation').map((o) => [o.operation, o.error?.code])).toEqual([
      ['SET_CUSTOM_PARAMETERS', 'CALL_NOT_FOUND'], ['SEND_CUSTOM_PARAMETERS', 'CALL_NOT_FOUND'],
    ]);
    // an Initiating call cannot send them
    const callId = env.client.call.make('bob', { audio: true }, { customParameters: [{ name: 'X-A', value: '1' }] });
    api(env).sendCustomParameters(callId);
    await until(() => finishOf(env, 'SEND_CUSTOM_PARAMETERS').length === 2);
    expect(finishOf(env, 'SEND_CUSTOM_PARAMETERS')[1]!.error).toMatchObject({ code: 'CALL_INVALID_STATE' });
    await until(() => env.of('call:start').length > 0);
    env.backend.remote.answer('leg-a-1', chromeAnswer);
    await until(() => env.client.call.getById(callId)?.state === states.CONNECTED);
    env.backend.fail('sendCustomHeaders', new Error('boom'));
    api(env).sendCustomParameters(callId);
    await until(() => finishOf(env, 'SEND_CUSTOM_PARAMETERS').length === 3);
    expect(finishOf(env, 'SEND_CUSTOM_PARAMETERS')[2]!.error).toMatchObject({ code: 'CALL_REQUEST_FAILED' });
  });

  test('parameters that arrive with a remote signal are emitted as call:customParameters', async () => {
    const { env, callId } = await connectedEnv();
    env.backend.remote.update('leg-a-1', undefined, { customParameters: [{ name: 'X-Far', value: 'yes' }] });
    await until(() => env.of('call:customParameters').length === 1);
    expect(env.of('call:customParameters')[0]).toEqual({ callId, customParameters: [{ name: 'X-Far', value: 'yes' }] });
  });
});

describe('playAudioFile', () => {
  test('the file replaces the microphone while it plays (onPlaying), then the microphone is back', async () => {
    const file = scriptedFile(2.5);
    const load = jest.fn(async () => file.source);
    const { env, callId, sender, mic } = await connectedEnv(load);
    const playing = jest.fn();
    const done = api(env).playAudioFile(callId, '/tone.wav').onPlaying(playing);
    await until(() => playing.mock.calls.length === 1);
    expect(load).toHaveBeenCalledWith('/tone.wav');
    expect(playing).toHaveBeenCalledWith({ duration: 2.5 });
    expect(sender.track).toBe(file.track);
    file.finish();
    await expect(done).resolves.toBeUndefined();
    expect(sender.track).toBe(mic);
    expect(file.source.close).toHaveBeenCalled();
    expect(env.of('call:operation').filter((o) => o.operation === 'PLAY_AUDIO').map((o) => o.transition)).toEqual(['START', 'FINISH']);
  });

  test('a file that fails while playing rejects with CALL_AUDIO_FILE_FAILED; the microphone is restored', async () => {
    const file = scriptedFile();
    const { env, callId, sender, mic } = await connectedEnv(async () => file.source);
    const done = api(env).playAudioFile(callId, '/broken.wav');
    await until(() => sender.track === file.track);
    file.fail(new Error('decode error'));
    await expect(done).rejects.toMatchObject({ code: 'CALL_AUDIO_FILE_FAILED' });
    expect(sender.track).toBe(mic);
    expect(mic.readyState).toBe('live');
    expect(finishOf(env, 'PLAY_AUDIO')[0]!.error).toMatchObject({ code: 'CALL_AUDIO_FILE_FAILED' });
  });

  test('when the microphone cannot be put back it is ended (ended event → media:trackEnded)', async () => {
    const file = scriptedFile();
    const { callId, sender, mic, env } = await connectedEnv(async () => file.source);
    const ended = jest.fn();
    mic.addEventListener('ended', ended);
    const done = api(env).playAudioFile(callId, '/tone.wav');
    await until(() => sender.track === file.track);
    jest.spyOn(sender, 'replaceTrack').mockRejectedValue(new Error('sender gone'));
    file.finish();
    await expect(done).rejects.toMatchObject({ code: 'CALL_AUDIO_FILE_FAILED', message: expect.stringContaining('restored') });
    expect(mic.readyState).toBe('ended');
    expect(ended).toHaveBeenCalledTimes(1);
  });

  test('refusals: types throw; unknown call, not Connected, a file that cannot be loaded', async () => {
    const env = createTestEnv({ extra: [callExtrasPlugin({ loadAudioFile: async () => { throw new Error('404'); } })] });
    expect(() => api(env).playAudioFile('c', 1 as never)).toThrow(TypeError);
    const unknown = api(env).playAudioFile('c', 'f');
    unknown.catch(() => undefined);
    expect(() => unknown.onPlaying('x' as never)).toThrow(TypeError);
    await expect(api(env).playAudioFile('nope', 'f')).rejects.toMatchObject({ code: 'CALL_NOT_FOUND' });
    const callId = env.client.call.make('bob', { audio: true });
    await until(() => env.of('call:start').length > 0);
    await expect(api(env).playAudioFile(callId, 'f')).rejects.toMatchObject({ code: 'CALL_INVALID_STATE' });
    env.backend.remote.answer('leg-a-1', chromeAnswer);
    await until(() => env.client.call.getById(callId)?.state === states.CONNECTED);
    await expect(api(env).playAudioFile(callId, 'f')).rejects.toMatchObject({ code: 'CALL_AUDIO_FILE_FAILED' });
    expect(() => callExtrasPlugin({ loadAudioFile: 'x' as never })).toThrow(TypeError);
  });
});

describe('compatibility guidance (seed 000)', () => {
  test('changeInputDevices / changeSpeaker throw CALL_API_REPLACED naming the replacement', () => {
    const env = createTestEnv({ extra: [callExtrasPlugin()] });
    expect(() => api(env).changeSpeaker('x')).toThrow(expect.objectContaining({ code: 'CALL_API_REPLACED', message: expect.stringContaining('media.renderTracks') }));
    expect(() => api(env).changeInputDevices('x')).toThrow(expect.objectContaining({ code: 'CALL_API_REPLACED', message: expect.stringContaining('call.replaceTrack') }));
  });
});
