/** A fake RTCPeerConnection (EventTarget-based) for unit tests in Node. */
import { chromeAnswer, chromeOffer } from '@switchboard/test-utils';

/** A fake native track. */
export class FakeTrack {
  static count = 0;
  readonly id = `native-${++FakeTrack.count}`;
  stopped = false;
  constructor(readonly kind: 'audio' | 'video', private readonly settings: Record<string, unknown> = {}) {}
  getSettings() {
    return this.settings;
  }
  stop() {
    this.stopped = true;
  }
}

/** A fake sender. */
export class FakeSender {
  parameters: { encodings: Array<Record<string, unknown>> } = { encodings: [{ active: true }] };
  dtmf: { canInsertDTMF: boolean; inserted: Array<[string, number, number]>; insertDTMF(t: string, d: number, g: number): void } | null = {
    canInsertDTMF: true,
    inserted: [],
    insertDTMF(t, d, g) {
      this.inserted.push([t, d, g]);
    },
  };
  constructor(public track: FakeTrack | null) {}
  getParameters() {
    return this.parameters;
  }
  async setParameters(p: { encodings: Array<Record<string, unknown>> }) {
    this.parameters = p;
  }
  async getStats() {
    return new Map([['sender', { type: 'outbound-rtp', trackId: this.track?.id }]]);
  }
  async replaceTrack(t: FakeTrack | null) {
    this.track = t;
  }
}

const withoutCandidates = (sdp: string) => sdp.split('\r\n').filter((l) => !l.startsWith('a=candidate') && l !== 'a=end-of-candidates').join('\r\n');

/** Behaviour switches of a {@link FakePeerConnection}. */
export interface FakePcOptions {
  /** Candidates emitted after setLocalDescription; `complete` is reached afterwards unless `neverComplete`. */
  candidates?: Array<{ candidate: string; sdpMid: string; sdpMLineIndex: number; type: string }>;
  neverComplete?: boolean;
  /** Emit a remote track on setRemoteDescription. @default true */
  remoteTrack?: boolean;
}

/** Two host candidates per m-line, as Chromium gathers them. */
export const HOST_CANDIDATES = [
  { candidate: 'candidate:1 1 udp 2113937151 10.0.0.1 55814 typ host generation 0', sdpMid: '0', sdpMLineIndex: 0, type: 'host' },
  { candidate: 'candidate:2 1 udp 2113937151 10.0.0.1 45668 typ host generation 0', sdpMid: '1', sdpMLineIndex: 1, type: 'host' },
];

/** A fake RTCPeerConnection. */
export class FakePeerConnection extends EventTarget {
  static instances: FakePeerConnection[] = [];
  static options: FakePcOptions = {};
  iceGatheringState: RTCIceGatheringState = 'new';
  iceConnectionState: RTCIceConnectionState = 'new';
  signalingState: RTCSignalingState = 'stable';
  localDescription: { type: RTCSdpType; sdp: string } | null = null;
  remoteDescription: { type: RTCSdpType; sdp: string } | null = null;
  readonly senders: FakeSender[] = [];
  readonly setLocalCalls: Array<{ type: RTCSdpType; sdp: string }> = [];
  readonly setRemoteCalls: Array<{ type: RTCSdpType; sdp: string }> = [];
  closed = false;
  private readonly opts: FakePcOptions;

  constructor(readonly config: RTCConfiguration) {
    super();
    this.opts = { ...FakePeerConnection.options };
    FakePeerConnection.instances.push(this);
  }

  getConfiguration() {
    return this.config;
  }
  addTrack(track: FakeTrack) {
    const s = new FakeSender(track);
    this.senders.push(s);
    return s;
  }
  getSenders() {
    return this.senders;
  }
  async createOffer() {
    return { type: 'offer' as const, sdp: withoutCandidates(chromeOffer) };
  }
  async createAnswer() {
    if (this.signalingState !== 'have-remote-offer') throw new Error('InvalidStateError: no remote offer');
    return { type: 'answer' as const, sdp: withoutCandidates(chromeAnswer) };
  }
  async setLocalDescription(desc: { type: RTCSdpType; sdp: string }) {
    this.setLocalCalls.push(desc);
    this.localDescription = this.withCandidates(desc);
    this.signalingState = desc.type === 'offer' ? 'have-local-offer' : 'stable';
    if (this.iceGatheringState !== 'complete') setTimeout(() => this.gather(), 0);
  }
  async setRemoteDescription(desc: { type: RTCSdpType; sdp: string }) {
    if (desc.type === 'answer' && this.signalingState !== 'have-local-offer' && this.signalingState !== 'have-remote-pranswer') {
      throw new Error('InvalidStateError: no local offer');
    }
    this.setRemoteCalls.push(desc);
    this.remoteDescription = desc;
    this.signalingState = desc.type === 'offer' ? 'have-remote-offer' : desc.type === 'pranswer' ? 'have-remote-pranswer' : 'stable';
    if (this.opts.remoteTrack !== false && (desc.type === 'offer' || desc.type === 'answer') && this.setRemoteCalls.length === 1) {
      const track = new FakeTrack('audio');
      const event = Object.assign(new Event('track'), { track, streams: [{ id: 'remote-stream' }] });
      setTimeout(() => this.dispatchEvent(event), 0);
    }
  }
  async getStats() {
    return new Map([['pc', { type: 'peer-connection' }]]);
  }
  close() {
    this.closed = true;
    this.signalingState = 'closed';
    this.iceConnectionState = 'closed';
  }
  /** Simulates an ICE connection state change. */
  setIceConnectionState(state: RTCIceConnectionState) {
    this.iceConnectionState = state;
    this.dispatchEvent(new Event('iceconnectionstatechange'));
  }
  private candidateLines: string[] = [];
  /** Like a browser: the current local description carries the gathered candidates. */
  private withCandidates(desc: { type: RTCSdpType; sdp: string }) {
    if (this.iceGatheringState !== 'complete' || !this.candidateLines.length) return desc;
    return { ...desc, sdp: desc.sdp.replace(/(a=mid:0\r\n)/, `$1${this.candidateLines.join('\r\n')}\r\n`) };
  }
  private gather() {
    if (this.closed) return;
    this.iceGatheringState = 'gathering';
    this.dispatchEvent(new Event('icegatheringstatechange'));
    const candidates = this.opts.candidates ?? HOST_CANDIDATES;
    for (const c of candidates) {
      this.dispatchEvent(Object.assign(new Event('icecandidate'), { candidate: { ...c } }));
    }
    if (this.opts.neverComplete) return;
    this.candidateLines = candidates.map((c) => `a=candidate:${c.candidate.slice('candidate:'.length)}`);
    this.iceGatheringState = 'complete';
    if (this.localDescription) this.localDescription = this.withCandidates(this.localDescription);
    this.dispatchEvent(Object.assign(new Event('icecandidate'), { candidate: null }));
    this.dispatchEvent(new Event('icegatheringstatechange'));
  }
}
