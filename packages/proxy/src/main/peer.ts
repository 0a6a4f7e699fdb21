/**
 * The proxied `RTCPeerConnection` of the main side: an `EventTarget` with the members the call
 * plugin uses. Synchronous members (`addTrack`, `getSenders`, a transceiver's `direction`…) act on
 * a local mirror and send the same operation to the remote (the channel keeps the order);
 * asynchronous ones wait for the remote's answer. Every answer and every remote event carries the
 * remote connection's state (descriptions, states, transceivers), which the mirror adopts before
 * the promise settles or the event fires, so the call plugin reads what the remote has.
 */
import { answerChecks, plain, type Json, type PeerEventName, type PeerMethod, type WirePeerState, type WireTrack, type WireTransceiver } from '../protocol/schema';
import type { Link } from './Link';
import { eventOf, ProxyEventTarget } from './events';
import { ProxyTrack, type MediaMirror } from './media';

const invalidState = (message: string) => Object.assign(new Error(`InvalidStateError: ${message}`), { name: 'InvalidStateError' });

/** A stats report rebuilt from the remote's entries (a `Map`, as `RTCStatsReport` is Map-like). */
const statsReport = (value: Json): RTCStatsReport => new Map(value as Array<[string, Json]>) as unknown as RTCStatsReport;

/** The DTMF sender of a proxied audio sender: tones are inserted by the remote. @internal */
export class ProxyDTMFSender {
  /** Always true: the remote inserts the tones (it reports an error when it cannot). */
  readonly canInsertDTMF = true;
  readonly toneBuffer = '';
  constructor(private readonly sender: ProxySender) {}
  insertDTMF(tones: string, duration = 100, gap = 70): void {
    this.sender.pc.fire('insertDTMF', [this.sender.id, tones, duration, gap]);
  }
}

/** A proxied `RTCRtpSender`. @internal */
export class ProxySender {
  track: ProxyTrack | null;
  readonly dtmf: ProxyDTMFSender | null;
  private parameters: { [key: string]: Json } = { encodings: [{}] };

  constructor(readonly pc: ProxyPeerConnection, readonly id: string, track: ProxyTrack | null, kind: string) {
    this.track = track;
    this.dtmf = kind === 'audio' ? new ProxyDTMFSender(this) : null;
  }

  /** Sends one sender operation (`[senderId, ...args]`). */
  call(method: PeerMethod, args: Json[] = []): Promise<Json> {
    return this.pc.call(method, [this.id, ...args]);
  }

  getParameters(): RTCRtpSendParameters {
    return structuredCopy(this.parameters) as unknown as RTCRtpSendParameters;
  }

  async setParameters(parameters: RTCRtpSendParameters): Promise<void> {
    const value = (await this.call('setParameters', [plain(parameters)])) as { [key: string]: Json };
    if (value && typeof value === 'object') this.parameters = value;
  }

  async replaceTrack(track: ProxyTrack | null): Promise<void> {
    await this.call('replaceTrack', [track ? track.id : null]);
    this.track = track;
  }

  async getStats(): Promise<RTCStatsReport> {
    return statsReport(await this.call('senderStats'));
  }

  /** Adopts the remote's description of the sender. */
  update(wire: WireTransceiver['sender'], track: ProxyTrack | null): void {
    this.track = track;
    this.parameters = wire.parameters;
  }
}

/** A proxied `RTCRtpReceiver` (its track). @internal */
export class ProxyReceiver {
  constructor(public track: ProxyTrack) {}
}

/** A proxied `RTCRtpTransceiver`. @internal */
export class ProxyTransceiver {
  mid: string | null = null;
  currentDirection: RTCRtpTransceiverDirection | null = null;
  stopped = false;
  readonly receiver: ProxyReceiver;
  private dir: RTCRtpTransceiverDirection;

  constructor(private readonly pc: ProxyPeerConnection, public id: string, readonly kind: 'audio' | 'video', public sender: ProxySender, receiverTrack: ProxyTrack, direction: RTCRtpTransceiverDirection) {
    this.dir = direction;
    this.receiver = new ProxyReceiver(receiverTrack);
  }

  get direction(): RTCRtpTransceiverDirection {
    return this.dir;
  }

  set direction(value: RTCRtpTransceiverDirection) {
    if (value === this.dir) return;
    this.dir = value;
    this.pc.fire('setDirection', [this.id, value]);
  }

  /** Adopts the remote's description of the transceiver. */
  update(wire: WireTransceiver, sender: ProxySender, receiverTrack: ProxyTrack): void {
    this.mid = wire.mid;
    this.dir = wire.direction as RTCRtpTransceiverDirection;
    this.currentDirection = wire.currentDirection as RTCRtpTransceiverDirection | null;
    this.stopped = wire.direction === 'stopped';
    this.sender = sender;
    this.receiver.track = receiverTrack;
  }
}

const structuredCopy = (value: Json): Json => JSON.parse(JSON.stringify(value)) as Json;

/** The proxied peer connection. @internal */
export class ProxyPeerConnection extends ProxyEventTarget {
  signalingState: RTCSignalingState = 'stable';
  iceGatheringState: RTCIceGatheringState = 'new';
  iceConnectionState: RTCIceConnectionState = 'new';
  connectionState: RTCPeerConnectionState = 'new';
  localDescription: RTCSessionDescriptionInit | null = null;
  remoteDescription: RTCSessionDescriptionInit | null = null;
  private transceivers: ProxyTransceiver[] = [];
  private readonly senders = new Map<string, ProxySender>();
  private closed = false;

  /**
   * @param link the channel
   * @param mirror the session's tracks and streams
   * @param id this connection's id on the channel
   * @param config the configuration (`getConfiguration()`; sent to the remote)
   * @param onClose called once when the connection closes
   */
  constructor(
    private readonly link: Link,
    private readonly mirror: MediaMirror,
    readonly id: string,
    private readonly config: RTCConfiguration,
    private readonly onClose: (pc: ProxyPeerConnection) => void,
    private readonly onRefused: (method: PeerMethod, error: unknown) => void,
  ) {
    super();
    link.command({ type: 'pc.create', pcId: id, config: plain(config) as { [key: string]: Json } });
  }

  /** Calls a method of the remote connection; its answer `{ value, state }` updates the mirror first. */
  async call(method: PeerMethod, args: Json[] = []): Promise<Json> {
    const answer = (await this.link.request({ type: 'pc.call', pcId: this.id, method, args }, { check: answerChecks()['pc.call'](method) })) as unknown as { value: Json; state: WirePeerState };
    this.apply(answer.state);
    return answer.value ?? null;
  }

  /** Calls a method whose answer nobody waits for; a refusal is reported through `onRefused`. */
  fire(method: PeerMethod, args: Json[] = []): void {
    this.call(method, args).catch((error: unknown) => this.onRefused(method, error));
  }

  getConfiguration(): RTCConfiguration {
    return { ...this.config };
  }

  getSenders(): ProxySender[] {
    return this.transceivers.filter((t) => !t.stopped).map((t) => t.sender);
  }

  getReceivers(): ProxyReceiver[] {
    return this.transceivers.filter((t) => !t.stopped).map((t) => t.receiver);
  }

  getTransceivers(): ProxyTransceiver[] {
    return [...this.transceivers];
  }

  addTrack(track: ProxyTrack): ProxySender {
    this.assertOpen();
    const sender = this.newSender(track, track.kind);
    // As a browser: a transceiver of the kind whose sender never sent is reused, else a new one.
    const free = this.transceivers.find((t) => t.kind === track.kind && !t.stopped && !t.sender.track && !t.currentDirection?.includes('send') && !t.direction.includes('send'));
    const transceiverId = free?.id ?? this.link.newId('t');
    if (free) {
      free.sender = sender;
      free.direction = free.direction === 'recvonly' ? 'sendrecv' : 'sendonly'; // sent with the operation below, in order
    } else {
      this.transceivers.push(new ProxyTransceiver(this, transceiverId, track.kind, sender, this.placeholder(track.kind), 'sendrecv'));
    }
    this.fire('addTrack', [track.id, sender.id, transceiverId]);
    return sender;
  }

  removeTrack(sender: ProxySender): void {
    this.assertOpen();
    const t = this.transceivers.find((x) => x.sender === sender);
    sender.track = null;
    if (t) t.direction = t.direction === 'sendrecv' ? 'recvonly' : t.direction === 'sendonly' ? 'inactive' : t.direction;
    this.fire('removeTrack', [sender.id]);
  }

  addTransceiver(trackOrKind: ProxyTrack | 'audio' | 'video', init: RTCRtpTransceiverInit = {}): ProxyTransceiver {
    this.assertOpen();
    const track = typeof trackOrKind === 'string' ? null : trackOrKind;
    const kind = typeof trackOrKind === 'string' ? trackOrKind : trackOrKind.kind;
    const sender = this.newSender(track, kind);
    const t = new ProxyTransceiver(this, this.link.newId('t'), kind, sender, this.placeholder(kind), init.direction ?? 'sendrecv');
    this.transceivers.push(t);
    this.fire('addTransceiver', [track ? { trackId: track.id } : { kind }, { direction: t.direction }, t.id, sender.id]);
    return t;
  }

  async createOffer(options?: RTCOfferOptions): Promise<RTCSessionDescriptionInit> {
    return (await this.call('createOffer', [plain(options ?? {})])) as unknown as RTCSessionDescriptionInit;
  }

  async createAnswer(options?: RTCAnswerOptions): Promise<RTCSessionDescriptionInit> {
    return (await this.call('createAnswer', [plain(options ?? {})])) as unknown as RTCSessionDescriptionInit;
  }

  async setLocalDescription(desc?: RTCSessionDescriptionInit): Promise<void> {
    await this.call('setLocalDescription', desc ? [plain(desc)] : []);
  }

  async setRemoteDescription(desc: RTCSessionDescriptionInit): Promise<void> {
    await this.call('setRemoteDescription', [plain(desc)]);
  }

  async getStats(selector?: ProxyTrack | null): Promise<RTCStatsReport> {
    return statsReport(await this.call('getStats', [selector ? selector.id : null]));
  }

  restartIce(): void {
    this.fire('restartIce');
  }

  /** Closes the connection here and on the remote (no state-change events, like the browser). Idempotent. */
  close(): void {
    if (this.closed) return;
    this.markClosed();
    this.link.command({ type: 'pc.call', pcId: this.id, method: 'close', args: [] });
  }

  /** The channel is gone: the connection fails here (`connectionstatechange` to `failed`), then is closed. */
  fail(): void {
    if (this.closed) return;
    this.iceConnectionState = 'failed';
    this.connectionState = 'failed';
    this.dispatchEvent(eventOf('iceconnectionstatechange'));
    this.dispatchEvent(eventOf('connectionstatechange'));
  }

  /** A remote event: adopts its state, then fires it. */
  handleEvent(event: PeerEventName, state: WirePeerState, data: { [key: string]: Json }): void {
    if (this.closed) return;
    this.apply(state);
    if (event === 'icecandidate') {
      const c = data.candidate as { [key: string]: Json } | null | undefined;
      this.dispatchEvent(eventOf('icecandidate', { candidate: c ? { ...c, toJSON: () => c } : null }));
    } else if (event === 'track') {
      const track = this.mirror.track(data.track as unknown as WireTrack);
      const streams = ((data.streamIds as string[] | undefined) ?? []).map((id) => this.mirror.stream(id, [track]));
      const transceiver = this.transceivers.find((t) => t.id === data.transceiverId);
      this.dispatchEvent(eventOf('track', { track, streams, transceiver, receiver: transceiver?.receiver }));
    } else {
      this.dispatchEvent(eventOf(event, event === 'icecandidateerror' ? data : undefined));
    }
  }

  /** Adopts the remote's state: states, descriptions, transceivers (by id; senders by id). */
  apply(state: WirePeerState): void {
    if (this.closed) return;
    this.signalingState = state.signalingState as RTCSignalingState;
    this.iceGatheringState = state.iceGatheringState as RTCIceGatheringState;
    this.iceConnectionState = state.iceConnectionState as RTCIceConnectionState;
    this.connectionState = state.connectionState as RTCPeerConnectionState;
    this.localDescription = state.localDescription as RTCSessionDescriptionInit | null;
    this.remoteDescription = state.remoteDescription as RTCSessionDescriptionInit | null;
    const byId = new Map(this.transceivers.map((t) => [t.id, t]));
    // Transceivers the main side created and the remote has not reported yet stay (their operation is on its way).
    const reported = new Set(state.transceivers.map((w) => w.id));
    const pending = this.transceivers.filter((t) => !reported.has(t.id) && t.id.startsWith('t-') && !state.transceivers.some((w) => w.sender.id === t.sender.id));
    this.transceivers = state.transceivers.map((w) => {
      const receiverTrack = this.mirror.track(w.receiver);
      const sender = this.senders.get(w.sender.id) ?? this.newSender(null, w.kind, w.sender.id);
      sender.update(w.sender, w.sender.trackId ? (this.mirror.tracks.get(w.sender.trackId) ?? null) : null);
      const known = byId.get(w.id);
      if (known) {
        known.update(w, sender, receiverTrack);
        return known;
      }
      const t = new ProxyTransceiver(this, w.id, w.kind, sender, receiverTrack, w.direction as RTCRtpTransceiverDirection);
      t.update(w, sender, receiverTrack);
      return t;
    });
    this.transceivers.push(...pending);
  }

  /** Marks the connection closed (states `closed`, transceivers stopped) without telling the remote. */
  markClosed(): void {
    if (this.closed) return;
    this.closed = true;
    this.signalingState = 'closed';
    this.iceConnectionState = 'closed';
    this.connectionState = 'closed';
    for (const t of this.transceivers) {
      t.stopped = true;
      t.currentDirection = 'stopped';
      t.receiver.track.release();
    }
    this.mirror.prune();
    this.onClose(this);
  }

  private newSender(track: ProxyTrack | null, kind: string, id = this.link.newId('s')): ProxySender {
    const sender = new ProxySender(this, id, track, kind);
    this.senders.set(id, sender);
    return sender;
  }

  /** A receiver track until the remote describes the real one. */
  private placeholder(kind: 'audio' | 'video'): ProxyTrack {
    // not in the mirror: the remote never reports on it
    return new ProxyTrack(this.link, { id: this.link.newId('pending-track'), kind, label: '', enabled: true, muted: true, readyState: 'live', settings: {} });
  }

  private assertOpen(): void {
    if (this.closed) throw invalidState('the peer connection is closed');
  }
}
