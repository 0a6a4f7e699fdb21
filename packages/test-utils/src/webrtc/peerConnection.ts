/**
 * A fake `RTCPeerConnection` for Node: real Chromium SDP, the signaling state machine, ICE
 * gathering with candidates, connection states with their events, senders/receivers/transceivers,
 * a configurable `getStats` report, and gates to hold or fail any asynchronous operation.
 */
import { FakeEventTarget } from '../eventTarget';
import { FakeMediaStream, FakeMediaStreamTrack } from '../media/tracks';
import { chromeAnswer, chromeOffer } from './chromeSdp';
import { Gate } from './gate';
import { FakeRTCRtpSender, FakeRTCRtpTransceiver } from './rtp';

/** A candidate the fake "gathers". @public */
export interface FakeCandidate {
  /** The candidate line (`candidate:…`). */
  candidate: string;
  /** The media section's mid. */
  sdpMid: string;
  /** The media section's index. */
  sdpMLineIndex: number;
  /** `host`, `srflx` or `relay`. */
  type: string;
}

/** Two host candidates (one per m-line), as Chromium gathers them. @public */
export const HOST_CANDIDATES: readonly FakeCandidate[] = [
  { candidate: 'candidate:1 1 udp 2113937151 10.0.0.1 55814 typ host generation 0', sdpMid: '0', sdpMLineIndex: 0, type: 'host' },
  { candidate: 'candidate:2 1 udp 2113937151 10.0.0.1 45668 typ host generation 0', sdpMid: '1', sdpMLineIndex: 1, type: 'host' },
];

/** The asynchronous operations a test can hold or fail. @public */
export type PeerConnectionOperation = 'createOffer' | 'createAnswer' | 'setLocalDescription' | 'setRemoteDescription' | 'addIceCandidate' | 'getStats';

/** Behaviour switches of a {@link FakeRTCPeerConnection}. @public */
export interface FakePeerConnectionOptions {
  /** Candidates emitted after setLocalDescription. @default {@link HOST_CANDIDATES} */
  candidates?: readonly FakeCandidate[];
  /** Stay in `gathering` after the candidates (never reach `complete`). @default false */
  neverComplete?: boolean;
  /** Kinds of the remote tracks (`track` events) on the first remote offer/answer; `false` for none. @default ['audio'] */
  remoteTracks?: ReadonlyArray<'audio' | 'video'> | false;
  /** The SDP createOffer returns (candidates are stripped). @default {@link chromeOffer} */
  offerSdp?: string;
  /** The SDP createAnswer returns (candidates are stripped). @default {@link chromeAnswer} */
  answerSdp?: string;
  /** What getStats resolves with (entries `[id, report]`); a function is called per call. @default one `peer-connection` report */
  stats?: ReadonlyArray<[string, Record<string, unknown>]> | (() => ReadonlyArray<[string, Record<string, unknown>]>);
}

/** A session description as the fake stores it. @public */
export interface FakeDescription {
  /** `offer`, `answer`, `pranswer` or `rollback`. */
  type: RTCSdpType;
  /** The SDP text. */
  sdp: string;
}

const withoutCandidates = (sdp: string) => sdp.split('\r\n').filter((l) => !l.startsWith('a=candidate') && l !== 'a=end-of-candidates').join('\r\n');
const invalidState = (message: string) => Object.assign(new Error(`InvalidStateError: ${message}`), { name: 'InvalidStateError' });

/**
 * A fake `RTCPeerConnection`. State changes fire their events (`signalingstatechange`,
 * `icegatheringstatechange`, `icecandidate`, `iceconnectionstatechange`, `connectionstatechange`),
 * on the next macrotask where a browser does it asynchronously; `track` fires before
 * `setRemoteDescription` resolves, as in a browser. Like a browser, a promise
 * that is held (see {@link FakeRTCPeerConnection.hold}) does not settle when the connection closes.
 * @public
 */
export class FakeRTCPeerConnection extends FakeEventTarget {
  /** As `RTCPeerConnection.iceGatheringState`. */
  iceGatheringState: RTCIceGatheringState = 'new';
  /** As `RTCPeerConnection.iceConnectionState` (set it with `setIceConnectionState`). */
  iceConnectionState: RTCIceConnectionState = 'new';
  /** As `RTCPeerConnection.connectionState` (set it with `setConnectionState`). */
  connectionState: RTCPeerConnectionState = 'new';
  /** As `RTCPeerConnection.signalingState`. */
  signalingState: RTCSignalingState = 'stable';
  /** The applied local description, or null. */
  localDescription: FakeDescription | null = null;
  /** The applied remote description, or null. */
  remoteDescription: FakeDescription | null = null;
  /** Every `setLocalDescription` argument. */
  readonly setLocalCalls: FakeDescription[] = [];
  /** Every `setRemoteDescription` argument. */
  readonly setRemoteCalls: FakeDescription[] = [];
  /** Every `addIceCandidate` argument. */
  readonly addedCandidates: unknown[] = [];
  /** Every transceiver, in creation order. */
  readonly transceivers: FakeRTCRtpTransceiver[] = [];
  /** Whether `close()` was called. */
  closed = false;
  /** How many times `restartIce()` was called. */
  iceRestarts = 0;
  /** The options this fake was created with. */
  readonly options: FakePeerConnectionOptions;
  /** Called for each gathered ICE candidate (as `RTCPeerConnection.onicecandidate`). */
  onicecandidate: ((event: Event) => void) | null = null;
  /** Called for each remote track. */
  ontrack: ((event: Event) => void) | null = null;
  /** Called when `signalingState` changes. */
  onsignalingstatechange: ((event: Event) => void) | null = null;
  /** Called when `iceGatheringState` changes. */
  onicegatheringstatechange: ((event: Event) => void) | null = null;
  /** Called when `iceConnectionState` changes. */
  oniceconnectionstatechange: ((event: Event) => void) | null = null;
  /** Called when `connectionState` changes. */
  onconnectionstatechange: ((event: Event) => void) | null = null;
  private readonly gates = new Map<PeerConnectionOperation, Gate>();
  private candidateLines: string[] = [];
  private remoteTracksSent = false;

  /**
   * @param config the RTCConfiguration (returned by getConfiguration)
   * @param options behaviour switches
   */
  constructor(readonly config: RTCConfiguration = {}, options: FakePeerConnectionOptions = {}) {
    super();
    this.options = { ...options };
  }

  /**
   * Holds every later call of `operation` until `gate.release()` (runs it) or `gate.fail(error)`
   * (rejects it). `await gate.reached` to know the code under test is waiting on it.
   */
  hold(operation: PeerConnectionOperation): Gate {
    const gate = new Gate();
    this.gates.set(operation, gate);
    return gate;
  }

  /** Makes every later call of `operation` reject with `error`. */
  fail(operation: PeerConnectionOperation, error: unknown): void {
    this.hold(operation).fail(error);
  }

  /** The senders of the transceivers, in order. */
  get senders(): FakeRTCRtpSender[] {
    return this.transceivers.map((t) => t.sender);
  }

  /** The current configuration. */
  getConfiguration(): RTCConfiguration {
    return this.config;
  }

  /** Replaces the configuration. */
  setConfiguration(config: RTCConfiguration): void {
    Object.assign(this.config, config);
  }

  /** Adds `track` on a new sender. */
  addTrack(track: FakeMediaStreamTrack, ..._streams: unknown[]): FakeRTCRtpSender {
    this.assertOpen();
    const free = this.transceivers.find((t) => t.kind === track.kind && !t.sender.track && !t.stopped);
    if (free) {
      free.sender.track = track;
      if (free.direction === 'recvonly') free.direction = 'sendrecv';
      else if (free.direction === 'inactive') free.direction = 'sendonly';
      return free.sender;
    }
    const transceiver = new FakeRTCRtpTransceiver(track.kind, new FakeRTCRtpSender(track));
    this.transceivers.push(transceiver);
    return transceiver.sender;
  }

  /** Adds a transceiver for a track or a kind. */
  addTransceiver(trackOrKind: FakeMediaStreamTrack | 'audio' | 'video', init: { direction?: RTCRtpTransceiverDirection } = {}): FakeRTCRtpTransceiver {
    this.assertOpen();
    const track = typeof trackOrKind === 'string' ? null : trackOrKind;
    const kind = typeof trackOrKind === 'string' ? trackOrKind : trackOrKind.kind;
    const transceiver = new FakeRTCRtpTransceiver(kind, new FakeRTCRtpSender(track, kind), init.direction);
    this.transceivers.push(transceiver);
    return transceiver;
  }

  /** Counts the call; like a browser, the next local description gathers candidates again. */
  restartIce(): void {
    this.iceRestarts++;
    this.iceGatheringState = 'new';
    this.candidateLines = [];
  }

  /** Stops sending `sender`'s track. */
  removeTrack(sender: FakeRTCRtpSender): void {
    this.assertOpen();
    sender.track = null;
  }

  /** Every sender. */
  getSenders(): FakeRTCRtpSender[] {
    return this.senders;
  }

  /** Every receiver. */
  getReceivers() {
    return this.transceivers.map((t) => t.receiver);
  }

  /** Every transceiver. */
  getTransceivers(): FakeRTCRtpTransceiver[] {
    return [...this.transceivers];
  }

  /** A fake offer (honours a held or failed `createOffer`). */
  async createOffer(_options?: RTCOfferOptions): Promise<FakeDescription> {
    await this.gate('createOffer');
    this.assertOpen();
    return { type: 'offer', sdp: withoutCandidates(this.options.offerSdp ?? chromeOffer) };
  }

  /** A fake answer (honours a held or failed `createAnswer`). */
  async createAnswer(_options?: RTCAnswerOptions): Promise<FakeDescription> {
    await this.gate('createAnswer');
    this.assertOpen();
    if (this.signalingState !== 'have-remote-offer' && this.signalingState !== 'have-local-pranswer') throw invalidState('no remote offer');
    return { type: 'answer', sdp: withoutCandidates(this.options.answerSdp ?? chromeAnswer) };
  }

  /** Applies the local description and moves the signalling state. */
  async setLocalDescription(desc: FakeDescription): Promise<void> {
    await this.gate('setLocalDescription');
    this.assertOpen();
    if (desc.type === 'answer' && this.signalingState !== 'have-remote-offer' && this.signalingState !== 'have-local-pranswer') {
      throw invalidState('no remote offer to answer');
    }
    this.setLocalCalls.push(desc);
    this.localDescription = this.withCandidates(desc);
    this.setSignalingState(desc.type === 'offer' ? 'have-local-offer' : desc.type === 'pranswer' ? 'have-local-pranswer' : 'stable');
    if (desc.type === 'answer') this.assignMids();
    if (this.iceGatheringState !== 'complete') setTimeout(() => this.gather(), 0);
  }

  /** Applies the remote description and moves the signalling state. */
  async setRemoteDescription(desc: FakeDescription): Promise<void> {
    await this.gate('setRemoteDescription');
    this.assertOpen();
    if ((desc.type === 'answer' || desc.type === 'pranswer') && this.signalingState !== 'have-local-offer' && this.signalingState !== 'have-remote-pranswer') {
      throw invalidState('no local offer');
    }
    this.setRemoteCalls.push(desc);
    this.remoteDescription = desc;
    this.setSignalingState(desc.type === 'offer' ? 'have-remote-offer' : desc.type === 'pranswer' ? 'have-remote-pranswer' : 'stable');
    if (desc.type === 'answer') this.assignMids();
    if (!this.remoteTracksSent && (desc.type === 'offer' || desc.type === 'answer')) {
      this.remoteTracksSent = true;
      const kinds = this.options.remoteTracks === false ? [] : (this.options.remoteTracks ?? ['audio']);
      // Like a browser (WebRTC §4.4.1.6), the `track` events fire before the returned promise resolves.
      for (const kind of kinds) {
        const transceiver = this.transceivers.find((t) => t.kind === kind && !t.stopped) ?? this.addTransceiver(kind, { direction: 'recvonly' });
        const track = transceiver.receiver.track;
        const streams = [new FakeMediaStream([track], 'remote-stream')];
        this.dispatch('track', { track, streams, receiver: transceiver.receiver, transceiver });
      }
    }
  }

  /** Records a remote ICE candidate. */
  async addIceCandidate(candidate?: unknown): Promise<void> {
    await this.gate('addIceCandidate');
    this.assertOpen();
    if (!this.remoteDescription) throw invalidState('no remote description');
    this.addedCandidates.push(candidate);
  }

  /** The report of the `stats` option (or one `peer-connection` entry); honours a held or failed `getStats`. */
  async getStats(): Promise<Map<string, Record<string, unknown>>> {
    await this.gate('getStats');
    const stats = typeof this.options.stats === 'function' ? this.options.stats() : this.options.stats;
    return new Map(stats ?? [['pc', { type: 'peer-connection' }]]);
  }

  /** Closes the connection (no state-change events, like the browser). Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.signalingState = 'closed';
    this.iceConnectionState = 'closed';
    this.connectionState = 'closed';
    for (const t of this.transceivers) t.stop();
  }

  /** Simulates an ICE connection state change (fires `iceconnectionstatechange`). */
  setIceConnectionState(state: RTCIceConnectionState): void {
    if (this.iceConnectionState === state) return;
    this.iceConnectionState = state;
    this.dispatch('iceconnectionstatechange');
  }

  /** Simulates a connection state change (fires `connectionstatechange`). */
  setConnectionState(state: RTCPeerConnectionState): void {
    if (this.connectionState === state) return;
    this.connectionState = state;
    this.dispatch('connectionstatechange');
  }

  /** Simulates the media path coming up: ICE `checking` → `connected` and connection `connecting` → `connected`. */
  connect(): void {
    this.setIceConnectionState('checking');
    this.setConnectionState('connecting');
    this.setIceConnectionState('connected');
    this.setConnectionState('connected');
  }

  private gate(operation: PeerConnectionOperation): Promise<void> {
    return this.gates.get(operation)?.pass() ?? Promise.resolve();
  }

  private assertOpen(): void {
    if (this.closed) throw invalidState('the peer connection is closed');
  }

  private setSignalingState(state: RTCSignalingState): void {
    if (this.signalingState === state) return;
    this.signalingState = state;
    this.dispatch('signalingstatechange');
  }

  private assignMids(): void {
    this.transceivers.forEach((t, i) => {
      t.mid ??= String(i);
      t.currentDirection ??= t.direction;
    });
  }

  /** Like a browser: the current local description carries the gathered candidates. */
  private withCandidates(desc: FakeDescription): FakeDescription {
    if (this.iceGatheringState !== 'complete' || !this.candidateLines.length) return desc;
    return { ...desc, sdp: desc.sdp.replace(/(a=mid:0\r\n)/, `$1${this.candidateLines.join('\r\n')}\r\n`) };
  }

  private gather(): void {
    if (this.closed || this.iceGatheringState !== 'new') return;
    this.iceGatheringState = 'gathering';
    this.dispatch('icegatheringstatechange');
    const candidates = this.options.candidates ?? HOST_CANDIDATES;
    for (const c of candidates) this.dispatch('icecandidate', { candidate: { ...c } });
    if (this.options.neverComplete) return;
    this.candidateLines = candidates.map((c) => `a=candidate:${c.candidate.slice('candidate:'.length)}`);
    this.iceGatheringState = 'complete';
    if (this.localDescription) this.localDescription = this.withCandidates(this.localDescription);
    this.dispatch('icecandidate', { candidate: null });
    this.dispatch('icegatheringstatechange');
  }
}

/** A factory of fake peer connections that records every instance. @public */
export interface FakePeerConnections {
  /** Pass it as `callPlugin({ peerConnectionFactory })`. */
  factory: (config: RTCConfiguration) => RTCPeerConnection;
  /** Every connection created so far, oldest first. */
  readonly instances: FakeRTCPeerConnection[];
  /** Options applied to connections created from now on (mutable). */
  options: FakePeerConnectionOptions;
  /** The newest connection; throws when none was created. */
  last(): FakeRTCPeerConnection;
  /** Resolves with the `index`-th connection (0-based) once it exists. */
  next(index?: number): Promise<FakeRTCPeerConnection>;
  /** Runs `setup` on every connection as it is created (e.g. to hold an operation before the SDK calls it). */
  onCreate(setup: (pc: FakeRTCPeerConnection) => void): void;
}

/**
 * Creates a recording factory of {@link FakeRTCPeerConnection}s.
 * @example
 * ```ts
 * const peers = fakePeerConnections()
 * peers.onCreate((pc) => pc.hold('setRemoteDescription'))
 * callPlugin({ peerConnectionFactory: peers.factory })
 * ```
 * @public
 */
export function fakePeerConnections(options: FakePeerConnectionOptions = {}): FakePeerConnections {
  const instances: FakeRTCPeerConnection[] = [];
  const setups: Array<(pc: FakeRTCPeerConnection) => void> = [];
  const waiters: Array<{ index: number; resolve(pc: FakeRTCPeerConnection): void }> = [];
  const peers: FakePeerConnections = {
    instances,
    options,
    factory(config) {
      const pc = new FakeRTCPeerConnection(config, peers.options);
      instances.push(pc);
      for (const setup of setups) setup(pc);
      for (const w of waiters.filter((x) => x.index === instances.length - 1)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(pc);
      }
      return pc as unknown as RTCPeerConnection;
    },
    last() {
      const pc = instances[instances.length - 1];
      if (!pc) throw new Error('no peer connection was created');
      return pc;
    },
    next(index = instances.length) {
      const existing = instances[index];
      if (existing) return Promise.resolve(existing);
      return new Promise((resolve) => waiters.push({ index, resolve }));
    },
    onCreate(setup) {
      setups.push(setup);
    },
  };
  return peers;
}
