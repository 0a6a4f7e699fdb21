import { domError, emitRecorder, fakeMediaEnvironment, FakeMediaStream, FakeMediaStreamTrack, silentLogger } from '@switchboard/test-utils';
import { createRegistry, releaseTrack } from './createRegistry';
import { Renderer } from './Renderer';
import { TrackStore } from './TrackStore';

function setup() {
  const { environment: env, mediaDevices: md, document: doc } = fakeMediaEnvironment();
  const rec = emitRecorder();
  const store = new TrackStore(() => env.randomId(), rec.emit, silentLogger);
  const renderer = new Renderer(env, silentLogger);
  let disposed = false;
  const registry = createRegistry({ env, store, renderer, logger: silentLogger, isDisposed: () => disposed });
  return { env, md, doc, rec, store, renderer, registry, dispose: () => (disposed = true) };
}

describe('createLocalMedia', () => {
  it('maps options to getUserMedia and registers a local Media with unique track ids', async () => {
    const { md, registry } = setup();
    const media = await registry.createLocalMedia({ audio: true, video: true, videoOptions: { width: { ideal: 640 } } }, { callId: 'c1' });
    expect(md.userMediaCalls).toEqual([{ audio: true, video: { width: { ideal: 640 } } }]);
    expect(media.local).toBe(true);
    expect(media.tracks.map((t) => t.kind)).toEqual(['audio', 'video']);
    const [audio, video] = media.tracks;
    expect(audio).toMatchObject({ isLocal: true, state: 'live', muted: false, sourceMuted: false, disabled: false, containers: [], streamId: media.id, label: 'Fake Microphone' });
    expect(new Set([media.id, audio!.id, video!.id]).size).toBe(3);
    expect(audio!.id).not.toBe(md.granted[0]!.id);
    expect(registry.getNativeTrack(audio!.id)).toBe(md.granted[0]);
    expect(registry.findByNative(md.granted[1] as unknown as MediaStreamTrack)?.id).toBe(video!.id);
    expect(registry.tracksOf('c1')).toEqual([audio!.id, video!.id]);
    expect(registry.getMedia?.(media.id)).toEqual(media);
    const other = await registry.createLocalMedia({ audio: true }, { callId: 'c2' });
    expect(other.tracks[0]!.id).not.toBe(audio!.id);
    expect(registry.tracksOf('c2')).toEqual([other.tracks[0]!.id]);
  });

  it('adds a screenshare from getDisplayMedia', async () => {
    const { md, registry } = setup();
    const media = await registry.createLocalMedia({ audio: true, screen: true, screenOptions: { frameRate: 5 } });
    expect(md.displayMediaCalls).toEqual([{ video: { frameRate: { ideal: 5 } }, audio: false }]);
    expect(media.tracks.map((t) => t.label)).toEqual(['Fake Microphone', 'screen:0']);
  });

  it('returns an empty Media when nothing is asked, without touching devices', async () => {
    const { md, registry } = setup();
    const media = await registry.createLocalMedia({});
    expect(media.tracks).toEqual([]);
    expect(md.userMediaCalls).toHaveLength(0);
    // Like a Media whose last track is removed, an empty Media is not kept (it would never be released).
    expect(registry.getMedia?.(media.id)).toBeUndefined();
  });

  it.each([
    ['NotAllowedError', 'MEDIA_PERMISSION_DENIED'],
    ['NotFoundError', 'MEDIA_DEVICE_NOT_FOUND'],
    ['OverconstrainedError', 'MEDIA_CONSTRAINTS_UNSATISFIABLE'],
    ['NotReadableError', 'MEDIA_ERROR'],
  ])('rejects %s as %s and registers nothing', async (name, code) => {
    const { md, registry } = setup();
    md.userMediaError = domError(name);
    await expect(registry.createLocalMedia({ audio: true }, { callId: 'c1' })).rejects.toMatchObject({ code });
    expect(registry.tracksOf('c1')).toEqual([]);
  });

  it('stops the camera/microphone when the screenshare fails', async () => {
    const { md, registry } = setup();
    md.displayMediaError = domError('NotAllowedError');
    await expect(registry.createLocalMedia({ audio: true, screen: true })).rejects.toMatchObject({ code: 'MEDIA_PERMISSION_DENIED' });
    expect(md.granted.map((t) => t.stopped)).toEqual([true]);
  });

  it('fails with MEDIA_NOT_SUPPORTED without mediaDevices, and TypeError for bad options', async () => {
    const { env, store, renderer } = setup();
    const registry = createRegistry({ env: { ...env, mediaDevices: () => undefined }, store, renderer, logger: silentLogger, isDisposed: () => false });
    await expect(registry.createLocalMedia({ audio: true })).rejects.toMatchObject({ code: 'MEDIA_NOT_SUPPORTED' });
    await expect(registry.createLocalMedia(null as never)).rejects.toThrow(TypeError);
  });

  it('releases media obtained after dispose', async () => {
    const { md, registry, dispose } = setup();
    const pending = registry.createLocalMedia({ audio: true });
    dispose();
    await expect(pending).rejects.toMatchObject({ code: 'SDK_DESTROYED' });
    expect(md.granted[0]!.stopped).toBe(true);
  });
});

describe('remote tracks', () => {
  it('groups remote tracks per stream and is idempotent', () => {
    const { registry } = setup();
    const a = new FakeMediaStreamTrack('audio');
    const v = new FakeMediaStreamTrack('video');
    const lone = new FakeMediaStreamTrack('audio');
    const stream = new FakeMediaStream([a, v]) as unknown as MediaStream;
    const ta = registry.addRemoteTrack(a as unknown as MediaStreamTrack, stream, { callId: 'c1' });
    const tv = registry.addRemoteTrack(v as unknown as MediaStreamTrack, stream, { callId: 'c1' });
    const tl = registry.addRemoteTrack(lone as unknown as MediaStreamTrack, undefined, { callId: 'c1' });
    expect(ta.isLocal).toBe(false);
    expect(tv.streamId).toBe(ta.streamId);
    expect(tl.streamId).not.toBe(ta.streamId);
    expect(registry.addRemoteTrack(a as unknown as MediaStreamTrack, stream, { callId: 'c1' }).id).toBe(ta.id);
    expect(registry.getMedia?.(ta.streamId)?.tracks.map((t) => t.id)).toEqual([ta.id, tv.id]);
    expect(registry.tracksOf('c1')).toHaveLength(3);
  });

  it('does not stop remote tracks on removal; forgets the Media once empty', () => {
    const { registry } = setup();
    const a = new FakeMediaStreamTrack('audio');
    const t = registry.addRemoteTrack(a as unknown as MediaStreamTrack, new FakeMediaStream([a]) as unknown as MediaStream, { callId: 'c1' });
    registry.removeTracks([t.id]);
    expect(a.stopped).toBe(false);
    expect(registry.getTrack(t.id)).toBeUndefined();
    expect(registry.getMedia?.(t.streamId)).toBeUndefined();
    expect(a.listenerCount('ended')).toBe(0);
  });
});

describe('track lifecycle', () => {
  it('removeTracks stops local tracks, detaches elements and forgets them', async () => {
    const { md, doc, registry, store, renderer } = setup();
    const media = await registry.createLocalMedia({ audio: true, video: true }, { callId: 'c1' });
    const container = doc.addContainer('#local');
    const entries = media.tracks.map((t) => store.get(t.id)!);
    await renderer.render(entries, '#local', container as unknown as Element);
    expect(container.children).toHaveLength(2);
    registry.removeTracks(media.tracks.map((t) => t.id));
    expect(md.granted.every((t) => t.stopped)).toBe(true);
    expect(container.children).toHaveLength(0);
    expect(registry.tracksOf('c1')).toEqual([]);
    expect(registry.getMedia?.(media.id)).toBeUndefined();
    expect(() => registry.removeTracks(['unknown'])).not.toThrow();
  });

  it('turns native mute/unmute into sourceMuted events and state', async () => {
    const { md, registry, rec } = setup();
    const media = await registry.createLocalMedia({ audio: true });
    const id = media.tracks[0]!.id;
    md.granted[0]!.setSourceMuted(true);
    expect(registry.getTrack(id)?.sourceMuted).toBe(true);
    md.granted[0]!.setSourceMuted(false);
    expect(registry.getTrack(id)?.sourceMuted).toBe(false);
    expect(rec.events).toEqual([['media:sourceMuted', { trackId: id }], ['media:sourceUnmuted', { trackId: id }]]);
  });

  it('emits media:trackEnded with the callId when a local track ends outside SDK control', async () => {
    const { md, registry, rec } = setup();
    const media = await registry.createLocalMedia({ audio: true }, { callId: 'c9' });
    const id = media.tracks[0]!.id;
    md.granted[0]!.endExternally();
    expect(registry.getTrack(id)).toMatchObject({ state: 'ended', disabled: true });
    expect(rec.of('media:trackEnded')).toEqual([{ trackId: id, callId: 'c9' }]);
  });

  it('updates state but emits nothing when a remote track ends', () => {
    const { registry, rec } = setup();
    const a = new FakeMediaStreamTrack('audio');
    const t = registry.addRemoteTrack(a as unknown as MediaStreamTrack, undefined, { callId: 'c1' });
    a.endExternally();
    expect(registry.getTrack(t.id)?.state).toBe('ended');
    expect(rec.of('media:trackEnded')).toEqual([]);
  });

  it('releaseTrack leaves no listeners behind', async () => {
    const { md, registry, store, renderer } = setup();
    const media = await registry.createLocalMedia({ audio: true });
    releaseTrack({ store, renderer }, store.get(media.tracks[0]!.id)!);
    expect(md.granted[0]!.listenerCount('mute') + md.granted[0]!.listenerCount('ended')).toBe(0);
  });

  it('returns frozen snapshots', async () => {
    const { registry } = setup();
    const media = await registry.createLocalMedia({ audio: true });
    expect(Object.isFrozen(media.tracks[0])).toBe(true);
    expect(Object.isFrozen(media)).toBe(true);
  });
});
