/**
 * A call through the proxy, in one Node process: the main client (fake Link gateway of test-utils,
 * media, call, call controls, proxy) and the remote side (`createRemote` over the test-utils fakes)
 * joined by an in-memory channel pair. The main side creates no peer connection and calls no
 * getUserMedia; the remote does, and mirrors its state back.
 */
import { until, type FakeElement, type FakeMediaStream } from '@switchboard/test-utils';
import type { CallControlsApi } from '@switchboard/call';
import { type Rig, answer, connectedCall, rig } from './__fakes__/pair';

let r: Rig | undefined;
afterEach(async () => {
  await r?.destroy();
  r = undefined;
});


const cc = (x: Rig) => x.client.call as typeof x.client.call & CallControlsApi;

describe('a call in proxy mode', () => {
  test('runs getUserMedia and the peer connection on the remote; nothing on the main side', async () => {
    r = rig();
    const callId = await connectedCall(r);
    expect(r.localPeers.instances).toHaveLength(0);
    expect(r.local.mediaDevices.userMediaCalls).toHaveLength(0);
    expect(r.far.peers.instances).toHaveLength(1);
    expect(r.far.media.mediaDevices.userMediaCalls).toEqual([expect.objectContaining({ audio: expect.anything() })]);
    const pc = r.far.peers.last();
    // the offer went to the gateway with the remote's candidates; the gateway's answer was applied there
    const start = r.t.fetch.requests.find((q) => q.method === 'POST' && q.path.endsWith('/callControl'))!;
    expect(JSON.stringify(start.body)).toContain('typ host');
    expect(pc.setRemoteCalls).toEqual([expect.objectContaining({ type: 'answer' })]);
    const call = r.client.call.getById(callId)!;
    expect(call.localTracks).toHaveLength(1);
    expect(call.remoteTracks).toHaveLength(1);
    // the media connection state is mirrored
    pc.connect();
    await until(() => r!.client.call.getById(callId)?.mediaConnectionState === 'connected');
    expect(r.t.of('proxy:error')).toEqual([]);
  });

  test('client.destroy() during a call: the remote closes its peer connections and stops its tracks', async () => {
    r = rig();
    await connectedCall(r);
    const pc = r.far.peers.last();
    const mic = r.far.media.mediaDevices.granted[0]!;
    await r.t.destroy();
    await until(() => pc.closed && mic.readyState === 'ended');
    expect(r.far.remote.info()).toMatchObject({ peerConnections: 0, tracks: 0, initialized: false });
    expect(r.pair.of('remote', 'close')).toHaveLength(1);
  });

  test('rendering a remote track plays it on the remote page; removing it takes the element away', async () => {
    r = rig();
    const callId = await connectedCall(r);
    const [remoteTrack] = r.client.call.getById(callId)!.remoteTracks;
    r.client.media.renderTracks([remoteTrack!], '#remote-audio');
    await until(() => r!.far.container.children.length === 1);
    const el = r.far.container.children[0] as FakeElement;
    expect(el).toMatchObject({ tagName: 'audio', autoplay: true });
    expect(el.played).toBe(1);
    const remoteNative = r.far.peers.last().getReceivers()[0]!.track;
    expect((el.srcObject as FakeMediaStream).getTracks()).toEqual([remoteNative]);
    r.client.media.removeTracks([remoteTrack!], '#remote-audio');
    await until(() => r!.far.container.children.length === 0);
  });

  test('mute, DTMF, stats, hold/unhold and end go through the proxy', async () => {
    r = rig();
    const x = r;
    const callId = await connectedCall(x);
    const pc = x.far.peers.last();
    const mic = x.far.media.mediaDevices.granted[0]!;
    const [localTrack] = x.client.call.getById(callId)!.localTracks;

    x.client.media.muteTracks([localTrack!]);
    await until(() => mic.enabled === false);
    x.client.media.unmuteTracks([localTrack!]);
    await until(() => mic.enabled === true);

    x.client.call.sendDTMF(callId, '5');
    await until(() => pc.senders[0]!.dtmf!.inserted.length === 1);
    expect(pc.senders[0]!.dtmf!.inserted[0]![0]).toBe('5');

    pc.options.stats = [['rtp-1', { type: 'outbound-rtp', bytesSent: 42 }]];
    const report = await x.client.call.getStats(callId);
    expect([...report.values()]).toContainEqual(expect.objectContaining({ type: 'outbound-rtp', bytesSent: 42 }));

    cc(x).hold(callId);
    await until(() => x.t.fetch.requests.filter((q) => q.method === 'PUT' && q.path.includes('/callControl')).length === 1);
    expect(pc.getTransceivers().every((t) => t.direction === 'inactive')).toBe(true);
    answer(x, 'e2');
    await until(() => x.client.call.getById(callId)?.state === 'On Hold');
    cc(x).unhold(callId);
    await until(() => x.t.fetch.requests.filter((q) => q.method === 'PUT' && q.path.includes('/callControl')).length === 2);
    expect(pc.getTransceivers().every((t) => t.direction === 'sendrecv')).toBe(true);
    answer(x, 'e3');
    await until(() => x.client.call.getById(callId)?.state === 'Connected');

    x.client.call.end(callId);
    await until(() => pc.closed && mic.readyState === 'ended');
    expect(x.t.fetch.requests.some((q) => q.method === 'DELETE' && q.path.includes('leg-1'))).toBe(true);
    expect(x.far.remote.info()).toMatchObject({ peerConnections: 0, tracks: 0 }); // bob's received track went with its connection
    expect(x.t.of('proxy:error')).toEqual([]); // every proxied operation was accepted by the remote
  });
});
