import { FakeMediaStreamTrack } from '../media/tracks';
import { chromeAnswer, chromeOffer } from './chromeSdp';
import { FakeRTCPeerConnection, HOST_CANDIDATES, fakePeerConnections } from './peerConnection';

const nextEvent = (pc: FakeRTCPeerConnection, type: string) => new Promise<Event>((resolve) => pc.addEventListener(type, resolve, { once: true }));

describe('FakeRTCPeerConnection', () => {
  test('offer/answer walks the signaling states and fires signalingstatechange', async () => {
    const pc = new FakeRTCPeerConnection();
    const states: string[] = [];
    pc.addEventListener('signalingstatechange', () => states.push(pc.signalingState));
    const offer = await pc.createOffer();
    expect(offer.type).toBe('offer');
    expect(offer.sdp).toMatch(/^v=0\r\n/);
    expect(offer.sdp).not.toContain('a=candidate');
    await pc.setLocalDescription(offer);
    await pc.setRemoteDescription({ type: 'answer', sdp: chromeAnswer });
    expect(states).toEqual(['have-local-offer', 'stable']);
    expect(pc.setLocalCalls).toEqual([offer]);
  });

  test('rejects out-of-order descriptions with an InvalidStateError', async () => {
    const pc = new FakeRTCPeerConnection();
    await expect(pc.createAnswer()).rejects.toMatchObject({ name: 'InvalidStateError' });
    await expect(pc.setRemoteDescription({ type: 'answer', sdp: chromeAnswer })).rejects.toMatchObject({ name: 'InvalidStateError' });
    expect(pc.signalingState).toBe('stable');
    await pc.setRemoteDescription({ type: 'offer', sdp: chromeOffer });
    const answer = await pc.createAnswer();
    await pc.setLocalDescription(answer);
    expect(pc.signalingState).toBe('stable');
  });

  test('gathers the candidates after setLocalDescription; the local description then carries them', async () => {
    const pc = new FakeRTCPeerConnection();
    const candidates: unknown[] = [];
    pc.addEventListener('icecandidate', (e) => candidates.push((e as RTCPeerConnectionIceEvent).candidate));
    const complete = new Promise<void>((resolve) => pc.addEventListener('icegatheringstatechange', () => pc.iceGatheringState === 'complete' && resolve()));
    await pc.setLocalDescription(await pc.createOffer());
    await complete;
    expect(candidates).toHaveLength(HOST_CANDIDATES.length + 1);
    expect(candidates[candidates.length - 1]).toBeNull();
    expect(pc.localDescription!.sdp).toContain('a=candidate:1 1 udp');
  });

  test('neverComplete stays in gathering', async () => {
    const pc = new FakeRTCPeerConnection({}, { neverComplete: true, candidates: [] });
    const gathering = nextEvent(pc, 'icegatheringstatechange');
    await pc.setLocalDescription(await pc.createOffer());
    await gathering;
    expect(pc.iceGatheringState).toBe('gathering');
  });

  test('the first remote description fires one track event per configured kind, with receiver and transceiver', async () => {
    const pc = new FakeRTCPeerConnection({}, { remoteTracks: ['audio', 'video'] });
    const tracks: Array<{ kind: string; stream: string }> = [];
    const two = new Promise<void>((resolve) =>
      pc.addEventListener('track', (e) => {
        const ev = e as RTCTrackEvent;
        tracks.push({ kind: ev.track.kind, stream: ev.streams[0]!.id });
        expect(ev.receiver.track).toBe(ev.track);
        if (tracks.length === 2) resolve();
      }),
    );
    await pc.setRemoteDescription({ type: 'offer', sdp: chromeOffer });
    await two;
    expect(tracks).toEqual([{ kind: 'audio', stream: 'remote-stream' }, { kind: 'video', stream: 'remote-stream' }]);
    expect(pc.getReceivers()).toHaveLength(2);
    expect(pc.getTransceivers().map((t) => t.direction)).toEqual(['recvonly', 'recvonly']);
  });

  test('addTrack reuses a free transceiver of the same kind and turns it sendrecv', async () => {
    const pc = new FakeRTCPeerConnection({}, { remoteTracks: ['audio'] });
    await pc.setRemoteDescription({ type: 'offer', sdp: chromeOffer });
    const mic = new FakeMediaStreamTrack('audio');
    const sender = pc.addTrack(mic);
    expect(pc.getTransceivers()).toHaveLength(1);
    expect(pc.getTransceivers()[0]!.direction).toBe('sendrecv');
    expect(pc.getSenders()).toEqual([sender]);
    expect(sender.track).toBe(mic);
    expect(sender.dtmf).not.toBeNull();
    expect(pc.addTrack(new FakeMediaStreamTrack('video')).dtmf).toBeNull();
  });

  test('getStats resolves with the configured report', async () => {
    const pc = new FakeRTCPeerConnection({}, { stats: [['in', { type: 'inbound-rtp', packetsLost: 3 }]] });
    expect([...(await pc.getStats()).values()]).toEqual([{ type: 'inbound-rtp', packetsLost: 3 }]);
    expect([...(await new FakeRTCPeerConnection().getStats()).values()]).toEqual([{ type: 'peer-connection' }]);
  });

  test('connect() and setConnectionState fire the state events once per change', () => {
    const pc = new FakeRTCPeerConnection();
    const seen: string[] = [];
    pc.addEventListener('iceconnectionstatechange', () => seen.push(`ice:${pc.iceConnectionState}`));
    pc.onconnectionstatechange = () => seen.push(`pc:${pc.connectionState}`);
    pc.connect();
    pc.setConnectionState('connected');
    expect(seen).toEqual(['ice:checking', 'pc:connecting', 'ice:connected', 'pc:connected']);
  });

  test('close() ends everything without events and later calls reject', async () => {
    const pc = new FakeRTCPeerConnection();
    pc.addTrack(new FakeMediaStreamTrack('audio'));
    let events = 0;
    pc.addEventListener('signalingstatechange', () => events++);
    pc.close();
    pc.close();
    expect(pc).toMatchObject({ closed: true, signalingState: 'closed', iceConnectionState: 'closed', connectionState: 'closed' });
    expect(pc.getTransceivers()[0]!.stopped).toBe(true);
    expect(events).toBe(0);
    await expect(pc.createOffer()).rejects.toMatchObject({ name: 'InvalidStateError' });
    expect(() => pc.addTrack(new FakeMediaStreamTrack('audio'))).toThrow(/closed/);
  });

  describe('gates', () => {
    test('hold() parks an operation until release(); reached resolves when it is waiting', async () => {
      const pc = new FakeRTCPeerConnection();
      const gate = pc.hold('setRemoteDescription');
      let done = false;
      await pc.setLocalDescription(await pc.createOffer());
      const applying = pc.setRemoteDescription({ type: 'answer', sdp: chromeAnswer }).then(() => (done = true));
      await gate.reached;
      expect(gate.waiting).toBe(1);
      expect(done).toBe(false);
      expect(pc.signalingState).toBe('have-local-offer');
      gate.release();
      await applying;
      expect(pc.signalingState).toBe('stable');
    });

    test('a held operation stays pending after close(), like the browser', async () => {
      const pc = new FakeRTCPeerConnection();
      const gate = pc.hold('createOffer');
      let settled = false;
      void pc.createOffer().then(() => (settled = true), () => (settled = true));
      await gate.reached;
      pc.close();
      await new Promise((r) => setTimeout(r, 0));
      expect(settled).toBe(false);
      gate.fail(new Error('released by the test'));
    });

    test('fail() rejects every later call with the error', async () => {
      const pc = new FakeRTCPeerConnection();
      const error = Object.assign(new Error('bad sdp'), { name: 'OperationError' });
      pc.fail('setLocalDescription', error);
      const offer = await pc.createOffer();
      await expect(pc.setLocalDescription(offer)).rejects.toBe(error);
      await expect(pc.setLocalDescription(offer)).rejects.toBe(error);
      expect(pc.signalingState).toBe('stable');
      expect(pc.setLocalCalls).toHaveLength(0);
    });

    test('fail() on a gate rejects the parked calls', async () => {
      const pc = new FakeRTCPeerConnection();
      const gate = pc.hold('getStats');
      const stats = pc.getStats();
      await gate.reached;
      gate.fail(new Error('gone'));
      await expect(stats).rejects.toThrow('gone');
    });
  });
});

describe('fakePeerConnections', () => {
  test('records every instance, applies the options, runs onCreate and resolves next()', async () => {
    const peers = fakePeerConnections({ neverComplete: true });
    const held: string[] = [];
    peers.onCreate((pc) => {
      pc.hold('createOffer');
      held.push('createOffer');
    });
    expect(() => peers.last()).toThrow('no peer connection');
    const second = peers.next(1);
    const a = peers.factory({ iceServers: [] }) as unknown as FakeRTCPeerConnection;
    peers.options = { remoteTracks: false };
    const b = peers.factory({}) as unknown as FakeRTCPeerConnection;
    expect(peers.instances).toEqual([a, b]);
    expect(peers.last()).toBe(b);
    await expect(second).resolves.toBe(b);
    await expect(peers.next(0)).resolves.toBe(a);
    expect(a.options).toEqual({ neverComplete: true });
    expect(b.options).toEqual({ remoteTracks: false });
    expect(a.getConfiguration()).toEqual({ iceServers: [] });
    expect(held).toEqual(['createOffer', 'createOffer']);
  });
});
