import { contribute, createClient, definePlugin, type BasicError } from '@switchboard/core';
import { domError, fakeMediaEnvironment, FakeMediaStreamTrack, flush } from '@switchboard/test-utils';
import { mediaPlugin } from './plugin';
import type { MediaEnvironment } from './adapters/environment';
import { mediaEnvironmentExtensionPoint, mediaTokens, type MediaRegistry } from './tokens';

/** A plugin standing in for `call`: it receives the registry through the token. */
const registryProbe = (out: { registry?: MediaRegistry }) =>
  definePlugin({
    id: 'probe',
    version: '1.0.0',
    dependsOn: ['media'],
    deps: { registry: mediaTokens.registry },
    register(ctx) {
      out.registry = ctx.deps.registry;
      return { api: {} };
    },
  });

async function setup() {
  const fakes = fakeMediaEnvironment();
  fakes.mediaDevices.devices = [{ deviceId: 'm1', groupId: 'g', kind: 'audioinput', label: 'Mic' }];
  const out: { registry?: MediaRegistry } = {};
  const client = createClient({ plugins: [mediaPlugin({ environment: fakes.environment }), registryProbe(out)], config: { logs: { logLevel: 'silent' } } });
  const events: Array<[string, unknown]> = [];
  client.subscribe((type, payload) => void events.push([type, payload]));
  const registry = out.registry!;
  const local = await registry.createLocalMedia({ audio: true, video: true }, { callId: 'c1' });
  const [audioId, videoId] = local.tracks.map((t) => t.id) as [string, string];
  const of = (type: string) => events.filter(([t]) => t === type).map(([, p]) => p);
  return { md: fakes.mediaDevices, doc: fakes.document, client, registry, local, audioId, videoId, events, of };
}

describe('mediaPlugin', () => {
  let current: Awaited<ReturnType<typeof setup>> | undefined;
  afterEach(async () => {
    await current?.client.destroy();
    current = undefined;
  });
  const start = async () => (current = await setup());

  it('contributes a frozen media namespace and getBrowserDetails', async () => {
    const { client } = await start();
    expect(Object.isFrozen(client.media)).toBe(true);
    expect(client.getPlugins()).toEqual([{ id: 'media', version: '0.1.0' }, { id: 'probe', version: '1.0.0' }]);
    expect(client.getBrowserDetails()).toEqual({ browser: 'Not a browser.', version: null });
  });

  it('getDevices lists devices read at start; getById/getTrackById return snapshots', async () => {
    const { client, local, audioId } = await start();
    await flush();
    expect(client.media.getDevices().microphone).toEqual([{ deviceId: 'm1', groupId: 'g', kind: 'audioinput', label: 'Mic' }]);
    expect(client.media.getById(local.id)).toEqual(local);
    expect(client.media.getTrackById(audioId)?.kind).toBe('audio');
    expect(client.media.getTrackById('nope')).toBeUndefined();
    expect(client.media.getById('nope')).toBeUndefined();
    expect(() => client.media.getTrackById(1 as never)).toThrow(TypeError);
  });

  it('initializeDevices emits devices:change, or devices:error', async () => {
    const { client, md, of } = await start();
    await flush();
    const before = of('devices:change').length;
    await client.media.initializeDevices({ video: false });
    expect(md.userMediaCalls.at(-1)).toEqual({ audio: true, video: false });
    expect(of('devices:change')).toHaveLength(before + 1);
    md.userMediaError = domError('NotFoundError');
    await client.media.initializeDevices();
    expect((of('devices:error')[0] as { error: BasicError }).error.code).toBe('MEDIA_DEVICE_NOT_FOUND');
    expect(() => client.media.initializeDevices('x' as never)).toThrow(TypeError);
  });

  it('renderTracks creates one element per track, reuses it, and records containers', async () => {
    const { client, doc, md, audioId, videoId, of } = await start();
    const container = doc.addContainer('#local');
    await client.media.renderTracks([audioId, videoId], '#local');
    expect(of('media:trackRendered')).toEqual([{ trackIds: [audioId, videoId], selector: '#local' }]);
    const [audioEl, videoEl] = container.children;
    expect(audioEl).toMatchObject({ tagName: 'audio', autoplay: true, muted: false });
    expect(videoEl).toMatchObject({ tagName: 'video', autoplay: true, muted: true, playsInline: true });
    expect(videoEl!.attributes.get('data-track-id')).toBe(videoId);
    expect(videoEl!.srcObject!.getTracks()).toEqual([md.granted[1]]);
    expect(client.media.getTrackById(audioId)?.containers).toEqual(['#local']);
    await client.media.renderTracks([audioId], '#local');
    expect(container.children).toHaveLength(2);
  });

  it('renders remote video unmuted and routes audio to the chosen speaker', async () => {
    const { client, doc, registry } = await start();
    const remote = registry.addRemoteTrack(new FakeMediaStreamTrack('video') as unknown as MediaStreamTrack, undefined, { callId: 'c1' });
    const remoteAudio = registry.addRemoteTrack(new FakeMediaStreamTrack('audio') as unknown as MediaStreamTrack, undefined, { callId: 'c1' });
    const container = doc.addContainer('#remote');
    await client.media.renderTracks([remote.id, remoteAudio.id], '#remote', { speakerId: 'spk-2' });
    expect(container.children[0]).toMatchObject({ tagName: 'video', muted: false });
    expect(container.children[1]).toMatchObject({ tagName: 'audio', sinkId: 'spk-2' });
  });

  it('renders without a speaker choice where the browser has no setSinkId (older Safari): no error', async () => {
    const { client, doc, audioId, of } = await start();
    doc.sinkSupport = false;
    const container = doc.addContainer('#c');
    await client.media.renderTracks([audioId], '#c', { speakerId: 'spk-2' });
    expect((of('media:trackRendered')[0] as { error?: BasicError }).error).toBeUndefined();
    expect(container.children).toHaveLength(1);
    expect((container.children[0] as { sinkId?: string }).sinkId).toBe(''); // the default output
  });

  it('reports a failed setSinkId in media:trackRendered', async () => {
    const { client, doc, audioId, of } = await start();
    doc.sinkError = domError('NotFoundError');
    doc.addContainer('#c');
    await client.media.renderTracks([audioId], '#c', { speakerId: 'gone' });
    expect((of('media:trackRendered')[0] as { error: BasicError }).error.code).toBe('MEDIA_DEVICE_NOT_FOUND');
  });

  it('reports a selector that matches nothing, an invalid selector and unknown ids, changing nothing', async () => {
    const { client, doc, audioId, of } = await start();
    const container = doc.addContainer('#c');
    await client.media.renderTracks([audioId], '#missing');
    await client.media.renderTracks([audioId], '!bad');
    await client.media.renderTracks([audioId, 'unknown'], '#c');
    const codes = (of('media:trackRendered') as Array<{ error: BasicError }>).map((p) => p.error.code);
    expect(codes).toEqual(['MEDIA_CONTAINER_NOT_FOUND', 'INVALID_ARGUMENT', 'MEDIA_TRACK_NOT_FOUND']);
    expect(container.children).toHaveLength(0);
    expect(client.media.getTrackById(audioId)?.containers).toEqual([]);
  });

  it('throws TypeError synchronously for wrong argument types', async () => {
    const { client, audioId } = await start();
    expect(() => client.media.renderTracks(audioId as never, '#c')).toThrow(TypeError);
    expect(() => client.media.renderTracks([audioId], 5 as never)).toThrow(TypeError);
    expect(() => client.media.renderTracks([audioId], '#c', { speakerId: 3 } as never)).toThrow(TypeError);
    expect(() => client.media.removeTracks([1] as never, '#c')).toThrow(TypeError);
    expect(() => client.media.muteTracks('x' as never)).toThrow(TypeError);
    expect(() => client.media.unmuteTracks(undefined as never)).toThrow(TypeError);
  });

  it('removeTracks detaches the elements of that container only', async () => {
    const { client, doc, audioId, videoId } = await start();
    const a = doc.addContainer('#a');
    const b = doc.addContainer('#b');
    await client.media.renderTracks([audioId, videoId], '#a');
    await client.media.renderTracks([videoId], '#b');
    const videoEl = a.children[1]!;
    client.media.removeTracks([videoId, 'unknown'], '#a');
    expect(a.children.map((c) => c.tagName)).toEqual(['audio']);
    expect(videoEl.srcObject).toBeNull();
    expect(b.children).toHaveLength(1);
    expect(client.media.getTrackById(videoId)?.containers).toEqual(['#b']);
  });

  it('aliases renderTrack/removeTrack (ref-only names)', async () => {
    const { client, doc, audioId } = await start();
    const c = doc.addContainer('#c');
    await client.media.renderTrack([audioId], '#c');
    expect(c.children).toHaveLength(1);
    client.media.removeTrack([audioId], '#c');
    expect(c.children).toHaveLength(0);
  });

  it('muteTracks/unmuteTracks toggle track.enabled and emit', async () => {
    const { client, md, audioId, videoId, of } = await start();
    client.media.muteTracks([audioId, videoId]);
    expect(md.granted.map((t) => t.enabled)).toEqual([false, false]);
    expect(client.media.getTrackById(audioId)?.muted).toBe(true);
    client.media.unmuteTracks([videoId]);
    expect(md.granted.map((t) => t.enabled)).toEqual([false, true]);
    expect(of('media:muted')).toEqual([{ tracks: [audioId, videoId] }]);
    expect(of('media:unmuted')).toEqual([{ tracks: [videoId] }]);
  });

  it('rejects unknown ids in muteTracks with MEDIA_TRACK_NOT_FOUND and changes nothing', async () => {
    const { client, md, audioId, of } = await start();
    expect(() => client.media.muteTracks([audioId, 'nope'])).toThrow(expect.objectContaining({ code: 'MEDIA_TRACK_NOT_FOUND' }));
    expect(md.granted[0]!.enabled).toBe(true);
    expect(of('media:muted')).toEqual([]);
  });

  it('lets apps listen to every declared media event', async () => {
    const { client } = await start();
    for (const type of ['devices:change', 'devices:error', 'media:muted', 'media:unmuted', 'media:sourceMuted', 'media:sourceUnmuted', 'media:trackRendered', 'media:trackEnded', 'media:audioLevels'] as const) {
      expect(() => client.on(type, () => undefined)).not.toThrow();
    }
  });

  it('destroy stops local tracks, detaches elements and removes the devicechange listener', async () => {
    const s = await start();
    const c = s.doc.addContainer('#c');
    await s.client.media.renderTracks([s.audioId], '#c');
    const remote = new FakeMediaStreamTrack('audio');
    s.registry.addRemoteTrack(remote as unknown as MediaStreamTrack, undefined, { callId: 'c1' });
    await s.client.destroy();
    current = undefined;
    expect(s.md.granted.every((t) => t.stopped)).toBe(true);
    expect(remote.stopped).toBe(false);
    expect(c.children).toHaveLength(0);
    expect(s.md.listenerCount('devicechange')).toBe(0);
    expect(() => s.client.media.getDevices()).toThrow(expect.objectContaining({ code: 'SDK_DESTROYED' }));
  });
});

describe('the media environment extension point', () => {
  const envPlugin = (environment: Partial<MediaEnvironment>) =>
    definePlugin({ id: 'env-adapter', version: '1.0.0', dependsOn: ['media'], contributes: [contribute(mediaEnvironmentExtensionPoint, 'adapter', environment)], register: () => ({ api: {} }) });

  it("an installed plugin's environment is used (no mediaPlugin option); omitted members read the globals", async () => {
    const fakes = fakeMediaEnvironment();
    const out: { registry?: MediaRegistry } = {};
    const client = createClient({ plugins: [mediaPlugin(), envPlugin(fakes.environment), registryProbe(out)], config: { logs: { logLevel: 'silent' } } });
    await out.registry!.createLocalMedia({ audio: true }, { callId: 'c1' });
    expect(fakes.mediaDevices.userMediaCalls).toHaveLength(1);
    await client.destroy();
  });

  it('mediaPlugin({ environment }) and another contribution fail createClient with SDK_EXTENSION_CONFLICT', () => {
    const fakes = fakeMediaEnvironment();
    expect(() => createClient({ plugins: [mediaPlugin({ environment: fakes.environment }), envPlugin(fakes.environment)] })).toThrow(
      expect.objectContaining({ code: 'SDK_EXTENSION_CONFLICT' }),
    );
  });
});
