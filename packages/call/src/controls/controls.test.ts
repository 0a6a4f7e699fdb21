/**
 * `callControlsPlugin()` over the in-memory call backend and fake peer connections: the wire
 * requests (`startUpdate` with the new offer), the peer connection changes (directions, senders,
 * ICE restart), the states, the events (`call:operation` START → UPDATE PENDING → FINISH,
 * `call:stateChange`, `call:tracksAdded`/`Removed`, `call:trackReplaced`, `call:mediaRestart`), the
 * misuse rows (nothing sent, nothing changed) and the failures (rolled back).
 */
import { chromeAnswer, chromeOffer, flush, until, type FakeMediaStream, type FakeRTCPeerConnection } from '@switchboard/test-utils';
import { createTestEnv, destroyTestEnvs, type TestEnvOptions } from '../__fakes__/env';
import { states } from '../constants';
import { callControlsPlugin, type CallControlsApi } from './plugin';

type Env = ReturnType<typeof createTestEnv>;
let env: Env;
afterEach(destroyTestEnvs);

/** A client with the call-controls plugin, whose call to bob is Connected (alice's leg: leg-a-1). */
async function connected(opts: TestEnvOptions = {}, media = { audio: true }) {
  env = createTestEnv({ ...opts, extra: [callControlsPlugin()] });
  const callId = env.client.call.make('bob', media);
  await env.backend.waitFor('start');
  const pc = env.peers.instances[0]! as FakeRTCPeerConnection;
  const streams: FakeMediaStream[] = [];
  pc.addEventListener('track', (e) => streams.push((e as unknown as { streams: FakeMediaStream[] }).streams[0]!));
  env.backend.remote.answer('leg-a-1', chromeAnswer);
  await until(() => env.client.call.getById(callId)!.state === states.CONNECTED);
  return { callId, pc, streams, call: () => env.client.call.getById(callId)! };
}

/** The namespace with the members the plugin adds (the test env's client type has the call plugin's only). */
const cc = () => env.client.call as typeof env.client.call & CallControlsApi;
const ops = (e: Env, operation: string) => e.of('call:operation').filter((o) => o.operation === operation);
const finish = (e: Env, operation: string) => ops(e, operation).find((o) => o.transition === 'FINISH');
const updates = (e: Env) => e.backend.of('startUpdate');
const directions = (pc: FakeRTCPeerConnection) => pc.getTransceivers().map((t) => t.direction);

describe('hold / unhold', () => {
  test('hold: every transceiver inactive, startUpdate with the offer, PENDING, then On Hold + localHold on the answer', async () => {
    const { callId, pc, call } = await connected();
    const local = [...call().localTracks];
    cc().hold(callId);
    await env.backend.waitFor('startUpdate');
    expect(directions(pc).every((d) => d === 'inactive')).toBe(true);
    expect(updates(env)).toHaveLength(1);
    expect(updates(env)[0]).toMatchObject({ sessionId: 'leg-a-1', sdp: expect.stringContaining('v=0') });
    await until(() => ops(env, 'HOLD').length === 2);
    expect(ops(env, 'HOLD').map((o) => [o.transition, o.isLocal])).toEqual([['START', true], ['UPDATE', true]]);
    expect(call()).toMatchObject({ state: states.CONNECTED, localHold: false });
    env.backend.remote.answer('leg-a-1', chromeAnswer);
    await until(() => !!finish(env, 'HOLD'));
    expect(finish(env, 'HOLD')!.error).toBeUndefined();
    expect(call()).toMatchObject({ state: states.ON_HOLD, localHold: true, remoteHold: false, currentOperations: [] });
    // The state change comes before the application hears FINISH (the app's listener reads the new state).
    const seen: string[] = [];
    expect(env.of('call:stateChange').at(-1)).toMatchObject({ callId, state: states.ON_HOLD, previous: { state: states.CONNECTED, localHold: false, remoteHold: false } });
    expect(env.of('call:tracksRemoved').at(-1)).toEqual({ callId, trackIds: local });
    // unhold
    env.client.on('call:operation', (o) => o.operation === 'UNHOLD' && o.transition === 'FINISH' && seen.push(env.client.call.getById(callId)!.state));
    cc().unhold(callId);
    await until(() => updates(env).length === 2);
    expect(directions(pc).every((d) => d === 'sendrecv')).toBe(true);
    env.backend.remote.answer('leg-a-1', chromeAnswer);
    await until(() => !!finish(env, 'UNHOLD'));
    expect(seen).toEqual([states.CONNECTED]);
    expect(call()).toMatchObject({ state: states.CONNECTED, localHold: false });
    expect(env.of('call:stateChange').at(-1)).toMatchObject({ state: states.CONNECTED, previous: { state: states.ON_HOLD, localHold: true } });
    expect(env.of('call:tracksAdded').at(-1)).toEqual({ callId, trackIds: local });
  });

  test('unhold while the far end also holds: stays On Hold with remoteHold; a kind without a local track goes recvonly', async () => {
    const { callId, pc, call } = await connected();
    pc.addTransceiver('video', { direction: 'recvonly' });
    cc().hold(callId);
    await env.backend.waitFor('startUpdate');
    env.backend.remote.answer('leg-a-1', chromeAnswer);
    await until(() => !!finish(env, 'HOLD'));
    // the far end holds too (an inactive offer, handled by the call plugin's signals/update.ts), with
    // its SDP origin (another origin is another endpoint, answered from a new peer connection, §4.8)
    const farOrigin = /^o=.*$/m.exec(chromeAnswer)![0];
    env.backend.remote.update('leg-a-1', chromeOffer.replace(/a=sendrecv/g, 'a=inactive').replace(/^o=.*$/m, farOrigin));
    await until(() => call().remoteHold);
    cc().unhold(callId);
    await until(() => updates(env).length === 2);
    expect(directions(pc)).toEqual(['sendrecv', 'recvonly']);
    env.backend.remote.answer('leg-a-1', chromeAnswer);
    await until(() => !!finish(env, 'UNHOLD'));
    expect(call()).toMatchObject({ state: states.ON_HOLD, localHold: false, remoteHold: true });
  });

  test('misuse: nothing sent, nothing changed, the refusal in call:operation', async () => {
    const { callId, call } = await connected();
    expect(() => cc().hold(7 as never)).toThrow(TypeError);
    cc().hold('nope');
    cc().unhold(callId); // not held
    await flush();
    expect(ops(env, 'HOLD').at(-1)).toMatchObject({ callId: 'nope', transition: 'FINISH', error: { code: 'CALL_NOT_FOUND' } });
    expect(finish(env, 'UNHOLD')!.error).toMatchObject({ code: 'CALL_INVALID_STATE', message: expect.stringContaining('not held locally') });
    cc().hold(callId);
    cc().hold(callId); // a second renegotiation while the first one is under way
    await flush();
    expect(ops(env, 'HOLD').filter((o) => o.transition === 'FINISH').at(-1)!.error).toMatchObject({ code: 'CALL_INVALID_STATE' });
    await env.backend.waitFor('startUpdate');
    env.backend.remote.answer('leg-a-1', chromeAnswer);
    await until(() => call().localHold);
    cc().hold(callId); // already held
    await flush();
    expect(ops(env, 'HOLD').filter((o) => o.transition === 'FINISH').at(-1)!.error!.message).toContain('already held locally');
    expect(updates(env)).toHaveLength(1);
  });

  test('a ringing call cannot be held', async () => {
    env = createTestEnv({ extra: [callControlsPlugin()] });
    const callId = env.client.call.make('bob', { audio: true });
    await env.backend.waitFor('start');
    cc().hold(callId);
    await flush();
    expect(finish(env, 'HOLD')!.error).toMatchObject({ code: 'CALL_INVALID_STATE' });
    expect(updates(env)).toHaveLength(0);
  });

  test('the gateway refuses startUpdate: FINISH with the error, the offer rolled back, directions restored, state unchanged', async () => {
    const { callId, pc, call } = await connected();
    env.backend.fail('startUpdate', new Error('409 Conflict'));
    cc().hold(callId);
    await until(() => !!finish(env, 'HOLD'));
    expect(finish(env, 'HOLD')!.error).toBeDefined();
    await until(() => pc.setLocalCalls.at(-1)?.type === 'rollback');
    expect(directions(pc).every((d) => d === 'sendrecv')).toBe(true);
    expect(call()).toMatchObject({ state: states.CONNECTED, localHold: false });
  });

  test('the far end refuses the update (respondCallUpdate error): CALL_REMOTE_ERROR, rolled back, not held', async () => {
    const { callId, pc, call } = await connected();
    cc().hold(callId);
    await env.backend.waitFor('startUpdate');
    env.backend.remote.refuse('leg-a-1', 49, 'Busy');
    await until(() => !!finish(env, 'HOLD'));
    expect(finish(env, 'HOLD')!.error).toMatchObject({ code: 'CALL_REMOTE_ERROR' });
    await until(() => pc.setLocalCalls.at(-1)?.type === 'rollback');
    expect(directions(pc)).toEqual(['sendrecv']);
    expect(call()).toMatchObject({ state: states.CONNECTED, localHold: false });
  });

  test('the call ends while the hold waits for the answer: HOLD fails with CALL_INVALID_STATE, no hold state', async () => {
    const { callId, call } = await connected();
    cc().hold(callId);
    await env.backend.waitFor('startUpdate');
    env.client.call.end(callId);
    await until(() => !!finish(env, 'HOLD'));
    expect(finish(env, 'HOLD')!.error).toMatchObject({ code: 'CALL_INVALID_STATE' });
    expect(call()).toMatchObject({ state: states.ENDED, localHold: false });
  });
});

describe('remote tracks leaving their stream', () => {
  test('a remote track removed from its stream by a renegotiation leaves the call (call:tracksRemoved), once', async () => {
    const { callId, streams, call } = await connected();
    const [remote] = call().remoteTracks;
    expect(remote).toBeDefined();
    const native = env.media.getNativeTrack(remote!);
    streams[0]!.dispatch('removetrack', { track: native });
    streams[0]!.dispatch('removetrack', { track: native });
    expect(call().remoteTracks).toEqual([]);
    expect(env.of('call:tracksRemoved').filter((e) => e.trackIds.includes(remote!))).toEqual([{ callId, trackIds: [remote] }]);
    expect(env.media.removed).toContain(remote);
  });
});

describe('addMedia / removeMedia / startVideo / stopVideo / screen share', () => {
  test('startVideo adds a camera track (tracksAdded at once), offers, finishes on the answer; stopVideo removes it after the answer', async () => {
    const { callId, pc, call } = await connected();
    cc().startVideo(callId);
    await env.backend.waitFor('startUpdate');
    const video = call().localTracks.filter((id) => env.media.getNativeTrack(id)?.kind === 'video');
    expect(video).toHaveLength(1);
    expect(env.of('call:tracksAdded').at(-1)).toEqual({ callId, trackIds: video });
    expect(pc.getSenders().some((s) => s.track === (env.media.getNativeTrack(video[0]!) as unknown))).toBe(true);
    env.backend.remote.answer('leg-a-1', chromeAnswer);
    await until(() => !!finish(env, 'ADD_BASIC_MEDIA'));
    expect(finish(env, 'ADD_BASIC_MEDIA')!.error).toBeUndefined();
    // a second camera through startVideo is refused
    cc().startVideo(callId);
    await flush();
    expect(ops(env, 'ADD_BASIC_MEDIA').at(-1)!.error).toMatchObject({ code: 'CALL_INVALID_STATE' });

    const native = env.media.getNativeTrack(video[0]!) as unknown as { stopped: boolean };
    cc().stopVideo(callId);
    await until(() => updates(env).length === 2);
    expect(pc.getSenders().some((s) => s.track === (native as unknown))).toBe(false);
    expect(call().localTracks).toContain(video[0]); // still listed until the far end answers
    env.backend.remote.answer('leg-a-1', chromeAnswer);
    await until(() => !!finish(env, 'REMOVE_BASIC_MEDIA'));
    expect(call().localTracks).not.toContain(video[0]);
    expect(env.of('call:tracksRemoved').at(-1)).toEqual({ callId, trackIds: video });
    expect(env.of('call:removedMedia').at(-1)).toMatchObject({ callId, local: true, tracks: [expect.objectContaining({ id: video[0] })] });
    expect(native.stopped).toBe(true);
    // balance: every local track added was removed once
    const added = env.of('call:tracksAdded').flatMap((e) => e.trackIds).filter((id) => id === video[0]);
    const removed = env.of('call:tracksRemoved').flatMap((e) => e.trackIds).filter((id) => id === video[0]);
    expect([added.length, removed.length]).toEqual([1, 1]);
  });

  test('addMedia failing at the gateway takes the new tracks off again (tracksRemoved, stopped, sender emptied)', async () => {
    const { callId, pc, call } = await connected();
    env.backend.fail('startUpdate', new Error('500'));
    cc().addMedia(callId, { video: true });
    await until(() => !!finish(env, 'ADD_MEDIA'));
    expect(finish(env, 'ADD_MEDIA')!.error).toBeDefined();
    await until(() => call().localTracks.length === 1);
    const added = env.of('call:tracksAdded').at(-1)!.trackIds;
    expect(env.of('call:tracksRemoved').at(-1)!.trackIds).toEqual(added);
    expect(pc.getSenders().filter((s) => s.track).length).toBe(1);
  });

  test('startScreenshare is addMedia({ screen }); stopScreenshare removes the track with a displaySurface', async () => {
    const { callId, call } = await connected();
    cc().startScreenshare(callId, { width: { ideal: 1280 } });
    await env.backend.waitFor('startUpdate');
    expect(ops(env, 'ADD_MEDIA')[0]).toMatchObject({ transition: 'START' });
    env.backend.remote.answer('leg-a-1', chromeAnswer);
    await until(() => !!finish(env, 'ADD_MEDIA'));
    const screen = call().localTracks.find((id) => env.media.getNativeTrack(id)?.kind === 'video')!;
    // the fake's video track has no displaySurface: not a screen share yet
    cc().stopScreenshare(callId);
    await flush();
    expect(finish(env, 'REMOVE_MEDIA')!.error).toMatchObject({ code: 'CALL_INVALID_STATE' });
    const native = env.media.getNativeTrack(screen) as unknown as { getSettings(): object };
    native.getSettings = () => ({ displaySurface: 'monitor' });
    cc().stopScreenshare(callId);
    await until(() => updates(env).length === 2);
    env.backend.remote.answer('leg-a-1', chromeAnswer);
    await until(() => !call().localTracks.includes(screen));
  });

  test('misuse: types throw, values and states are refused before anything is captured or sent', async () => {
    const { callId, call } = await connected();
    expect(() => cc().addMedia(callId, 'video' as never)).toThrow(TypeError);
    expect(() => cc().removeMedia(callId, 'x' as never)).toThrow(TypeError);
    expect(() => cc().startVideo(callId, 5 as never)).toThrow(TypeError);
    const before = env.media.tracks.size;
    cc().addMedia(callId, {});
    cc().removeMedia(callId, []);
    cc().removeMedia(callId, ['not-a-track']);
    cc().stopVideo(callId); // no camera
    cc().addMedia(callId, { video: true }, { bandwidth: { video: -1 } });
    await flush();
    const errors = env.of('call:operation').filter((o) => o.error).map((o) => [o.operation, o.error!.code]);
    expect(errors).toEqual([
      ['ADD_MEDIA', 'INVALID_ARGUMENT'], ['REMOVE_MEDIA', 'INVALID_ARGUMENT'], ['REMOVE_MEDIA', 'CALL_TRACK_NOT_FOUND'],
      ['REMOVE_BASIC_MEDIA', 'CALL_INVALID_STATE'], ['ADD_MEDIA', 'INVALID_ARGUMENT'],
    ]);
    expect(env.media.tracks.size).toBe(before);
    expect(updates(env)).toHaveLength(0);
    // while held, media cannot change
    cc().hold(callId);
    await env.backend.waitFor('startUpdate');
    env.backend.remote.answer('leg-a-1', chromeAnswer);
    await until(() => call().localHold);
    cc().addMedia(callId, { video: true });
    await flush();
    expect(ops(env, 'ADD_MEDIA').at(-1)!.error).toMatchObject({ code: 'CALL_INVALID_STATE' });
  });
});

describe('replaceTrack', () => {
  test('a new track of the same kind takes the sender; the old one is stopped; call:trackReplaced; nothing sent', async () => {
    const { callId, pc, call } = await connected();
    const [old] = call().localTracks;
    const oldNative = env.media.getNativeTrack(old!) as unknown as { stopped: boolean };
    cc().replaceTrack(callId, old!, { audio: true, audioOptions: { deviceId: 'mic-2' } });
    await until(() => env.of('call:trackReplaced').length > 0);
    const [e] = env.of('call:trackReplaced');
    expect(e).toMatchObject({ callId, oldTrack: expect.objectContaining({ id: old }), newTrackId: expect.any(String) });
    expect(call().localTracks).toEqual([e!.newTrackId]);
    expect(pc.getSenders()[0]!.track).toBe(env.media.getNativeTrack(e!.newTrackId!));
    expect(oldNative.stopped).toBe(true);
    expect(finish(env, 'REPLACE_TRACK')!.error).toBeUndefined();
    expect(updates(env)).toHaveLength(0);
  });

  test('misuse: wrong kind, unknown track, no media, both kinds → refused with call:trackReplaced error', async () => {
    const { callId, call } = await connected();
    const [old] = call().localTracks;
    expect(() => cc().replaceTrack(callId, 3 as never)).toThrow(TypeError);
    cc().replaceTrack(callId, old!, { video: true });
    cc().replaceTrack(callId, 'nope', { audio: true });
    cc().replaceTrack(callId, old!, {});
    cc().replaceTrack(callId, old!, { audio: true, video: true });
    await flush();
    expect(env.of('call:trackReplaced').map((r) => r.error?.code)).toEqual(['INVALID_ARGUMENT', 'CALL_TRACK_NOT_FOUND', 'INVALID_ARGUMENT', 'INVALID_ARGUMENT']);
    expect(call().localTracks).toEqual([old]);
  });

  test('getting the new media fails: the old track stays, CALL_MEDIA_FAILED-style error reported', async () => {
    const { callId, call } = await connected();
    const [old] = call().localTracks;
    env.media.fail = new (await import('@switchboard/core')).BasicError('MEDIA_DEVICE_NOT_FOUND', 'no such device');
    cc().replaceTrack(callId, old!, { audio: true });
    await until(() => env.of('call:trackReplaced').length > 0);
    expect(env.of('call:trackReplaced')[0]!.error).toMatchObject({ code: 'MEDIA_DEVICE_NOT_FOUND' });
    expect(call().localTracks).toEqual([old]);
  });
});

describe('restartMedia', () => {
  test('the active side restarts ICE at once: restartIce, startUpdate, call:mediaRestart on the answer', async () => {
    const { callId, pc } = await connected();
    // the far end took the DTLS passive role, so this side is active
    pc.remoteDescription = { type: 'answer', sdp: chromeAnswer.replace(/a=setup:active/g, 'a=setup:passive') };
    cc().restartMedia(callId);
    await env.backend.waitFor('startUpdate');
    expect(pc.iceRestarts).toBe(1);
    expect(env.of('call:mediaRestart')).toEqual([]);
    env.backend.remote.answer('leg-a-1', chromeAnswer);
    await until(() => env.of('call:mediaRestart').length > 0);
    expect(env.of('call:mediaRestart')).toEqual([{ callId }]);
    expect(finish(env, 'MEDIA_RESTART')!.error).toBeUndefined();
  });

  test('the DTLS passive side waits mediaConnectionRetryDelay before offering', async () => {
    const { callId, pc } = await connected({ config: { call: { mediaConnectionRetryDelay: 60000 } } });
    // the far end answered `a=setup:active` (chromeAnswer): this offerer is DTLS passive
    cc().restartMedia(callId);
    await flush();
    expect(ops(env, 'MEDIA_RESTART').map((o) => o.transition)).toEqual(['START']);
    expect(pc.iceRestarts).toBe(0);
    expect(updates(env)).toHaveLength(0);
    env.client.call.end(callId); // ends the wait
    await until(() => env.of('call:mediaRestart').length > 0);
    expect(env.of('call:mediaRestart')[0]!.error).toMatchObject({ code: 'CALL_INVALID_STATE' });
    expect(updates(env)).toHaveLength(0);
  });

  test('refused before a connection exists, with call:mediaRestart carrying the error', async () => {
    env = createTestEnv({ extra: [callControlsPlugin()] });
    const callId = env.client.call.make('bob', { audio: true });
    await env.backend.waitFor('start');
    cc().restartMedia(callId);
    await flush();
    expect(env.of('call:mediaRestart')[0]!.error).toMatchObject({ code: 'CALL_INVALID_STATE' });
  });
});
