/**
 * A hostile or broken channel: malformed messages in both directions must never throw out of
 * `channel.receive`, crash, leak or corrupt the mirrored state. Main side: every bad message is a
 * `proxy:error PROXY_INVALID_MESSAGE` and is dropped; remote side: logged, answered with an error
 * when it has an id. Also the bounds of what a hostile main side can make the remote do.
 */
import { chromeAnswer, until } from '@switchboard/test-utils';
import type { Logger } from '@switchboard/core';
import { type Rig, connectedCall, errorCodes, fakeRemote, rig } from './__fakes__/pair';
import { Link } from './main/Link';
import { MediaMirror, ProxyMediaDevices } from './main/media';
import { ProxyPeerConnection } from './main/peer';
import type { ProxyChannel } from './types';

let r: Rig | undefined;
afterEach(async () => {
  await r?.destroy();
  r = undefined;
});

describe('hostile messages to the main side', () => {
  test('pc.event with malformed data for a known connection: never thrown out of receive; PROXY_INVALID_MESSAGE each, dropped', async () => {
    r = rig();
    const callId = await connectedCall(r);
    const { pcId } = r.pair.of('remote', 'pc.create')[0] as { pcId: string };
    const { state } = r.pair.of('main', 'pc.event').at(-1) as { state: object };
    const ev = (event: string, data: unknown) => ({ sb: 'proxy', v: 1, type: 'pc.event', pcId, event, state, data });
    const flaky: Record<string, unknown> = { sb: 'proxy', v: 1, type: 'pc.event', pcId, event: 'signalingstatechange', data: {} };
    let reads = 0;
    Object.defineProperty(flaky, 'state', { enumerable: true, get: () => (reads++ === 0 ? state : null) });
    const bad: unknown[] = [
      ev('track', {}),
      ev('track', { track: { id: 't' } }),
      ev('icecandidate', { candidate: 'candidate:1 1 udp 1 1.2.3.4 5 typ host' }),
      flaky,
    ];
    for (const b of bad) expect(() => r!.pair.main.receive!(b as object)).not.toThrow();
    expect(errorCodes(r)).toEqual(bad.map(() => 'PROXY_INVALID_MESSAGE'));
    expect(r.client.call.getById(callId)?.state).toBe('Connected');
  });
});

describe('hostile answers (the link and the proxied objects, over a hand-driven channel)', () => {
  const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined } as unknown as Logger;
  function driven() {
    const sent: Array<Record<string, unknown>> = [];
    const invalid: string[] = [];
    const link = new Link(quiet, { onMessage: () => undefined, onInvalid: (reason) => void invalid.push(reason), onHeard: () => undefined });
    const channel: ProxyChannel = { send: (data) => void sent.push(data as Record<string, unknown>) };
    link.setChannel(channel);
    const answer = (value: unknown, id = sent.at(-1)!.id) => channel.receive!({ sb: 'proxy', v: 1, type: 'result', id, ok: true, value } as object);
    const pending = () => (link as unknown as { pending: Map<string, unknown> }).pending.size;
    return { link, sent, invalid, answer, pending, mirror: new MediaMirror(link) };
  }
  const state = { signalingState: 'have-local-offer', iceGatheringState: 'new', iceConnectionState: 'new', connectionState: 'new', localDescription: { type: 'offer', sdp: 'v=0' }, remoteDescription: null, transceivers: [] };

  test('a pc.call answer with a malformed state or value: rejected, PROXY_INVALID_MESSAGE, the mirror unchanged', async () => {
    const d = driven();
    const pc = new ProxyPeerConnection(d.link, d.mirror, 'pc-1', {}, () => undefined, () => undefined);
    d.answer(null); // pc.create
    const bad: unknown[] = [{ value: { type: 'offer', sdp: 'v=0' }, state: { ...state, transceivers: undefined } }, { value: null, state }, 5, null];
    for (const b of bad) {
      const offer = pc.createOffer();
      d.answer(b);
      await expect(offer).rejects.toMatchObject({ code: 'PROXY_INVALID_MESSAGE' });
    }
    expect(pc.signalingState).toBe('stable');
    expect(pc.localDescription).toBeNull();
    const stats = pc.getStats();
    d.answer({ value: [5, ['a']], state });
    await expect(stats).rejects.toMatchObject({ code: 'PROXY_INVALID_MESSAGE' });
    expect(d.invalid).toHaveLength(bad.length + 1);
    expect(d.pending()).toBe(0);
  });

  test('media.get and media.devices answers with malformed tracks or devices: rejected, PROXY_INVALID_MESSAGE, no track mirrored', async () => {
    const d = driven();
    const devices = new ProxyMediaDevices(d.link, d.mirror);
    for (const value of [null, { tracks: 'x' }, { tracks: [{ id: 'x' }] }]) {
      const got = devices.getUserMedia({ audio: true });
      d.answer(value);
      await expect(got).rejects.toMatchObject({ code: 'PROXY_INVALID_MESSAGE' });
    }
    expect(d.mirror.tracks.size).toBe(0);
    const list = devices.enumerateDevices();
    d.answer([{ deviceId: 1 }]);
    await expect(list).rejects.toMatchObject({ code: 'PROXY_INVALID_MESSAGE' });
    expect(d.invalid).toHaveLength(4);
  });

  test('the main side forgets the tracks and streams of a closed connection and stopped tracks (no growth call after call)', async () => {
    const d = driven();
    const devices = new ProxyMediaDevices(d.link, d.mirror);
    const wire = (id: string) => ({ id, kind: 'audio', label: '', enabled: true, muted: false, readyState: 'live', settings: {} });
    const got = devices.getUserMedia({ audio: true });
    d.answer({ tracks: [wire('mic')] });
    const [mic] = (await got).getTracks();
    const pc = new ProxyPeerConnection(d.link, d.mirror, 'pc-1', {}, () => undefined, () => undefined);
    pc.addTransceiver('audio');
    const transceivers = [{ id: 'rt-1', kind: 'audio', mid: '0', direction: 'recvonly', currentDirection: 'recvonly', sender: { id: 'rs-1', trackId: null, parameters: {} }, receiver: wire('bob') }];
    pc.handleEvent('track', { ...state, transceivers } as never, { track: wire('bob'), streamIds: ['far'], transceiverId: 'rt-1' });
    expect(d.mirror.tracks.size).toBe(2);
    pc.close();
    mic!.stop();
    expect(d.mirror.tracks.size).toBe(0);
    expect(d.mirror.streams.size).toBe(0);
  });

  test('answers to requests never sent, and duplicate answers: PROXY_INVALID_MESSAGE; a late answer after a timeout is ignored; no request left waiting', async () => {
    const d = driven();
    const first = d.link.request({ type: 'media.devices' });
    d.answer([]);
    await expect(first).resolves.toEqual([]);
    d.answer([]); // the same answer again
    d.answer(null, 'r-999');
    d.answer(null, 'x'.repeat(100_000));
    expect(d.invalid).toHaveLength(3);
    expect(d.invalid.every((reason) => reason.length < 200)).toBe(true);
    const slow = d.link.request({ type: 'media.devices' }, { timeout: 5 });
    await expect(slow).rejects.toMatchObject({ code: 'PROXY_TIMEOUT' });
    expect(d.pending()).toBe(0);
    d.answer([]); // late
    expect(d.invalid).toHaveLength(3);
  });
});

describe('hostile messages to the remote side', () => {
  const env = (m: Record<string, unknown>) => ({ sb: 'proxy', v: 1, ...m });

  test('malformed messages: never thrown out of receive, logged, answered with a short error when they have an id; the remote still works', async () => {
    r = rig();
    await r.initialize();
    const cyclic: Record<string, unknown> = env({ type: 'heartbeat' });
    cyclic.self = cyclic;
    let deep: unknown = {};
    for (let i = 0; i < 100_000; i++) deep = { d: deep };
    const huge = 'x'.repeat(1_000_000);
    const bad: unknown[] = [
      undefined, 'text', NaN, [env({ type: 'heartbeat' })], env({ type: huge, id: 'h-1' }), env({ v: huge, type: 'close', id: 'h-2' }),
      env({ type: '__proto__', id: 'h-3' }), env({ type: 'constructor', id: 'h-4' }), JSON.parse('{"sb":"proxy","v":1,"type":"hasOwnProperty","id":"h-5"}'),
      env({ type: 'track.enable', id: 'h-6', trackId: 't', enabled: 'yes' }), env({ type: 'pc.call', id: 'h-7', pcId: 'p', method: 'eval', args: [] }),
      env({ type: 'render', id: 'h-8', elementId: 'e', trackIds: Array(100_000).fill(huge.slice(0, 100)), selector: 'body', kind: 'audio', muted: false }),
      env({ type: 'render', id: 'h-9', elementId: 'e', trackIds: [], selector: 'x', kind: 'script', muted: false }),
      env({ type: 'media.get', id: 'h-10', source: 'user', constraints: deep }), env({ type: 'pc.create', id: 'h-11', pcId: 'x', config: Infinity }),
      cyclic, { get sb(): never { throw new Error('getter') } },
    ];
    for (const b of bad) expect(() => r!.pair.remote.receive!(b as object)).not.toThrow();
    const ids = ['h-1', 'h-2', 'h-3', 'h-4', 'h-5', 'h-6', 'h-7', 'h-8', 'h-9', 'h-11'];
    await until(() => ids.every((id) => r!.pair.log.some((m) => m.to === 'main' && m.data.id === id)));
    const answers = r.pair.log.filter((m) => m.to === 'main' && ids.includes(m.data.id as string)).map((m) => m.data as { error: { message: string } });
    expect(answers.every((a) => JSON.stringify(a).length < 1_000)).toBe(true);
    expect(r.far.remote.info()).toMatchObject({ initialized: true, peerConnections: 0, rendered: 0 });
    // no prototype was touched
    expect(({} as Record<string, unknown>).self).toBeUndefined();
  });

  test('a hostile main side cannot render outside the container it was given, nor open peer connections without bound', async () => {
    r = rig();
    await r.ready();
    const outside = r.far.media.document.addContainer('#login-form');
    // the container has no element matching the selector: the remote renders into the container itself
    (r.far.container as unknown as { querySelector: (s: string) => unknown }).querySelector = () => null;
    const send = (m: Record<string, unknown>) => r!.pair.remote.receive!(env(m) as object);
    // a track the remote knows: from a media.get of the main side
    send({ type: 'media.get', id: 'g-1', source: 'user', constraints: { audio: true } });
    await until(() => r!.pair.log.some((m) => m.to === 'main' && m.data.id === 'g-1'));
    const got = r.pair.log.find((m) => m.data.id === 'g-1')!.data as { value: { tracks: Array<{ id: string }> } };
    send({ type: 'render', id: 'g-2', elementId: 'el-x', trackIds: [got.value.tracks[0]!.id], selector: '#login-form', kind: 'audio', muted: false });
    await until(() => r!.pair.log.some((m) => m.to === 'main' && m.data.id === 'g-2'));
    expect(outside.children).toHaveLength(0);
    expect(r.far.container.children).toHaveLength(1);
    for (let i = 0; i < 100; i++) send({ type: 'pc.create', id: `p-${i}`, pcId: `hostile-${i}`, config: {} });
    await until(() => r!.pair.log.some((m) => m.to === 'main' && m.data.id === 'p-99'));
    expect(r.far.remote.info().peerConnections).toBeLessThanOrEqual(32);
    expect(r.pair.log.find((m) => m.data.id === 'p-99')!.data).toMatchObject({ ok: false, error: { name: 'QuotaExceededError' } });
  });
});

describe('switching channels and remotes', () => {
  test('setChannel to another channel closes the old remote (its tracks stop) before switching', async () => {
    r = rig();
    await r.initialize();
    // the old remote holds a live microphone track (a media.get of the main side)
    r.pair.remote.receive!({ sb: 'proxy', v: 1, type: 'media.get', id: 'm-1', source: 'user', constraints: { audio: true } } as object);
    await until(() => r!.far.remote.info().tracks === 1);
    r.client.proxy.setChannel({ send: () => undefined });
    await until(() => r!.pair.of('remote', 'close').length === 1);
    expect(r.far.remote.info()).toMatchObject({ tracks: 0, initialized: false });
    expect(r.client.proxy.getInfo()).toMatchObject({ hasChannel: true, remoteInitialized: false, proxyMode: false });
  });

  test('initializeRemote again against a remote of another version: PROXY_VERSION_MISMATCH and remoteInitialized becomes false', async () => {
    r = rig();
    await r.initialize();
    expect(r.client.proxy.getInfo().remoteInitialized).toBe(true);
    r.far.remote.destroy(); // the remote page was reloaded with another SDK version
    const other = fakeRemote(r.pair.remote, { version: '9.9.9' });
    r.client.proxy.initializeRemote();
    await until(() => r!.t.of('proxy:error').length > 0);
    expect(errorCodes(r)).toEqual(['PROXY_VERSION_MISMATCH']);
    expect(r.client.proxy.getInfo()).toMatchObject({ remoteInitialized: false, browser: {} });
    other.remote.destroy();
  });
});

test('setChannel with the same channel again: the old remote closes, its late answer is no error', async () => {
  r = rig();
  await r.initialize();
  r.client.proxy.setChannel(r.pair.main);
  await until(() => r!.pair.of('main', 'result').length === 2); // init, then close
  r.client.proxy.initializeRemote();
  await until(() => r!.client.proxy.getInfo().remoteInitialized);
  expect(errorCodes(r)).toEqual([]);
});

test('calls one after the other leave nothing behind: the remote forgets the tracks of closed connections and stopped tracks', async () => {
  r = rig();
  await r.ready();
  for (const n of [1, 2]) {
    const callId = r.client.call.make('bob@example.com', { audio: true });
    await until(() => r!.t.of('call:start').length === n);
    r.t.sockets.last().serverMessage({ notificationMessage: { eventType: 'respondCallUpdate', eventId: `e${n}`, sessionParams: { sessionData: `leg-${n}`, sdp: chromeAnswer } } });
    await until(() => r!.client.call.getById(callId)?.state === 'Connected');
    r.client.call.end(callId);
    await until(() => r!.far.remote.info().peerConnections === 0);
  }
  await until(() => r!.far.remote.info().tracks === 0);
  const inner = r.far.internals();
  expect(inner).toEqual({ tracks: 0, listeners: 0 });
});

test('setParameters from the main side with a "__proto__" key: the encoding keeps its prototype (only its own members are copied)', async () => {
  r = rig();
  await connectedCall(r);
  const { pcId } = r.pair.of('remote', 'pc.create')[0] as { pcId: string };
  const { state } = r.pair.of('main', 'pc.event').at(-1) as { state: { transceivers: Array<{ sender: { id: string } }> } };
  const args = JSON.parse(`["${state.transceivers[0]!.sender.id}", { "encodings": [{ "__proto__": { "polluted": true }, "maxBitrate": 1000 }] }]`) as unknown[];
  r.pair.remote.receive!({ sb: 'proxy', v: 1, type: 'pc.call', id: 'sp-1', pcId, method: 'setParameters', args } as object);
  await until(() => r!.pair.log.some((m) => m.to === 'main' && m.data.id === 'sp-1'));
  const encoding = r.far.peers.last().senders[0]!.parameters.encodings[0]!;
  expect(encoding.maxBitrate).toBe(1000);
  expect(Object.getPrototypeOf(encoding)).toBe(Object.prototype);
  expect(encoding.polluted).toBeUndefined();
});

test('a getUserMedia that resolves after the remote closed everything (close, or the main side went silent): its tracks are stopped, not kept', async () => {
  r = rig();
  await r.initialize();
  const md = r.far.media.mediaDevices;
  const real = md.getUserMedia.bind(md);
  let allow!: () => void;
  const gate = new Promise<void>((resolve) => (allow = resolve));
  md.getUserMedia = async (c) => {
    await gate;
    return real(c);
  };
  const send = (m: Record<string, unknown>) => r!.pair.remote.receive!({ sb: 'proxy', v: 1, ...m } as object);
  const answered = (id: string) => until(() => r!.pair.log.some((m) => m.to === 'main' && m.data.id === id));
  send({ type: 'media.get', id: 'g-1', source: 'user', constraints: { audio: true } });
  send({ type: 'close', id: 'c-1' });
  await answered('c-1');
  allow();
  await answered('g-1');
  expect(r.pair.log.find((m) => m.data.id === 'g-1')!.data).toMatchObject({ ok: false });
  expect(md.granted.map((t) => t.readyState)).toEqual(['ended']);
  expect(r.far.remote.info().tracks).toBe(0);
});
