/**
 * One real RTCPeerConnection of the remote side, driven by the main side's `pc.call` messages.
 * It gives ids to its transceivers and senders (the main side's ids for those the main side
 * created, `rt-N`/`rs-N` for the others), describes its whole state after every operation and with
 * every event it forwards, and turns stats reports into plain entries.
 */
import { toJson, type Json, type PeerEventName, type PeerMethod, type WirePeerState, type WireTrack } from '../protocol/schema';

/** What a peer needs from the remote. @internal */
export interface PeerHost {
  /** The id of a track (registered on first sight, its events then forwarded). */
  trackId(track: MediaStreamTrack): string;
  /** The description of a track. */
  describe(track: MediaStreamTrack): WireTrack;
  /** A local track by id. */
  track(id: string): MediaStreamTrack | undefined;
  /** The id of a remote stream (its `addtrack`/`removetrack` then forwarded). */
  streamId(stream: MediaStream): string;
  /** A new stream (for the local tracks: one per connection). */
  createStream(tracks: MediaStreamTrack[]): MediaStream | undefined;
  /** Forwards an event of this connection. */
  send(event: PeerEventName, state: WirePeerState, data: { [key: string]: Json }): void;
}

const FORWARDED: readonly PeerEventName[] = [
  'icecandidate', 'icecandidateerror', 'icegatheringstatechange', 'iceconnectionstatechange', 'connectionstatechange', 'signalingstatechange', 'track',
];

let seq = 0;
const description = (d: RTCSessionDescription | RTCSessionDescriptionInit | null | undefined) => (d ? { type: d.type, sdp: d.sdp ?? '' } : null);
const entries = (report: RTCStatsReport): Json => {
  const out: Json[] = [];
  report.forEach((stat: unknown, id: string) => void out.push([id, toJson(stat) ?? {}]));
  return out;
};

/** A candidate as plain data (the members of RTCIceCandidate the SDK reads). */
function candidateData(c: RTCIceCandidate | null): Json {
  if (!c || !c.candidate) return null;
  const pick = c as unknown as Record<string, unknown>;
  const out: { [key: string]: Json } = {};
  for (const key of ['candidate', 'sdpMid', 'sdpMLineIndex', 'usernameFragment', 'type', 'protocol', 'address', 'port', 'priority', 'component', 'relatedAddress', 'relatedPort', 'tcpType', 'foundation']) {
    const v = toJson(pick[key]);
    if (v !== undefined) out[key] = v;
  }
  return out;
}

/** One remote peer connection. @internal */
export class RemotePeer {
  readonly pc: RTCPeerConnection;
  private readonly tIds = new Map<RTCRtpTransceiver, string>();
  private readonly transceivers = new Map<string, RTCRtpTransceiver>();
  private readonly sIds = new Map<RTCRtpSender, string>();
  private readonly senders = new Map<string, RTCRtpSender>();
  private localStream: MediaStream | undefined;
  private readonly listeners: Array<[string, EventListener]> = [];
  /** The remote streams its `track` events reported. */
  private readonly streams = new Set<MediaStream>();

  constructor(private readonly host: PeerHost, create: (config: RTCConfiguration) => RTCPeerConnection, config: RTCConfiguration) {
    this.pc = create(config);
    for (const type of FORWARDED) {
      const listener = (e: Event) => this.forward(type, e);
      this.pc.addEventListener(type, listener);
      this.listeners.push([type, listener]);
    }
  }

  /** Runs one method; resolves with its value. */
  async call(method: PeerMethod, args: Json[]): Promise<Json> {
    const pc = this.pc;
    const [a, b, c, d] = args;
    switch (method) {
      case 'addTrack': {
        const track = this.localTrack(a);
        this.localStream ??= this.host.createStream([]);
        const sender = this.localStream ? pc.addTrack(track, this.localStream) : pc.addTrack(track);
        const t = pc.getTransceivers().find((x) => x.sender === sender);
        if (t) this.name(t, String(c));
        this.nameSender(sender, String(b));
        return null;
      }
      case 'removeTrack':
        pc.removeTrack(this.sender(a));
        return null;
      case 'addTransceiver': {
        const what = (a ?? {}) as { trackId?: string; kind?: string };
        const init = (b ?? {}) as RTCRtpTransceiverInit;
        const t = pc.addTransceiver(what.trackId ? this.localTrack(what.trackId) : (what.kind as string), { direction: init.direction });
        this.name(t, String(c));
        this.nameSender(t.sender, String(d));
        return null;
      }
      case 'createOffer':
        return description(await pc.createOffer((a ?? {}) as RTCOfferOptions));
      case 'createAnswer':
        return description(await pc.createAnswer((a ?? {}) as RTCAnswerOptions));
      case 'setLocalDescription':
        await (a ? pc.setLocalDescription(a as unknown as RTCSessionDescriptionInit) : pc.setLocalDescription());
        return null;
      case 'setRemoteDescription':
        await pc.setRemoteDescription(a as unknown as RTCSessionDescriptionInit);
        return null;
      case 'addIceCandidate':
        await pc.addIceCandidate((a ?? undefined) as RTCIceCandidateInit | undefined);
        return null;
      case 'getStats':
        return entries(await pc.getStats(typeof a === 'string' ? (this.host.track(a) ?? null) : null));
      case 'restartIce':
        pc.restartIce();
        return null;
      case 'close':
        this.close();
        return null;
      case 'setDirection':
        this.transceiver(a).direction = b as RTCRtpTransceiverDirection;
        return null;
      case 'stopTransceiver':
        this.transceiver(a).stop();
        return null;
      case 'setCodecPreferences':
        this.transceiver(a).setCodecPreferences((b ?? []) as unknown as RTCRtpCodec[]);
        return null;
      case 'replaceTrack':
        await this.sender(a).replaceTrack(b === null ? null : this.localTrack(b));
        return null;
      case 'setParameters': {
        const sender = this.sender(a);
        const wanted = (b ?? {}) as { encodings?: Array<Record<string, unknown>>; degradationPreference?: string };
        const params = sender.getParameters() as RTCRtpSendParameters & { degradationPreference?: string };
        // own members only: a "__proto__" key (JSON.parse makes it an own member) must not replace the prototype
        (params.encodings ?? []).forEach((e, i) => {
          for (const [k, v] of Object.entries(wanted.encodings?.[i] ?? {})) if (k !== '__proto__') (e as Record<string, unknown>)[k] = v;
        });
        if (wanted.degradationPreference !== undefined) Object.assign(params, { degradationPreference: wanted.degradationPreference });
        await sender.setParameters(params);
        return this.parameters(sender);
      }
      case 'insertDTMF': {
        const dtmf = this.sender(a).dtmf;
        if (!dtmf || !dtmf.canInsertDTMF) throw Object.assign(new Error('DTMF cannot be inserted on this sender (telephone-event not negotiated)'), { name: 'InvalidStateError' });
        dtmf.insertDTMF(String(b), Number(c), Number(d));
        return null;
      }
      case 'senderStats':
        return entries(await this.sender(a).getStats());
      case 'receiverStats':
        return entries(await this.transceiver(a).receiver.getStats());
    }
  }

  /** The whole state, as the main side mirrors it. */
  state(): WirePeerState {
    const pc = this.pc;
    return {
      signalingState: pc.signalingState,
      iceGatheringState: pc.iceGatheringState,
      iceConnectionState: pc.iceConnectionState,
      connectionState: pc.connectionState ?? pc.iceConnectionState,
      localDescription: description(pc.localDescription),
      remoteDescription: description(pc.remoteDescription),
      transceivers: pc.getTransceivers().map((t) => ({
        id: this.name(t),
        kind: (t.receiver.track.kind === 'video' ? 'video' : 'audio') as 'audio' | 'video',
        mid: t.mid,
        direction: t.direction,
        currentDirection: t.currentDirection ?? null,
        sender: { id: this.nameSender(t.sender), trackId: t.sender.track ? this.host.trackId(t.sender.track) : null, parameters: this.parameters(t.sender) },
        receiver: this.host.describe(t.receiver.track),
      })),
    };
  }

  /** Its receivers' tracks and the streams they came in (released by the remote once it is closed). */
  received(): Array<MediaStreamTrack | MediaStream> {
    return [...this.pc.getTransceivers().map((t) => t.receiver.track), ...this.streams];
  }

  /** Closes the connection and stops listening (idempotent). */
  close(): void {
    for (const [type, listener] of this.listeners.splice(0)) this.pc.removeEventListener(type, listener);
    try {
      this.pc.close();
    } catch {
      // already closed
    }
  }

  private forward(type: PeerEventName, e: Event): void {
    let data: { [key: string]: Json } = {};
    if (type === 'icecandidate') data = { candidate: candidateData((e as RTCPeerConnectionIceEvent).candidate) };
    else if (type === 'icecandidateerror') {
      const err = e as RTCPeerConnectionIceErrorEvent;
      data = { errorCode: err.errorCode ?? 0, errorText: err.errorText ?? '', url: err.url ?? '', address: err.address ?? null, port: err.port ?? null };
    } else if (type === 'track') {
      const te = e as RTCTrackEvent;
      const t = te.transceiver ?? this.pc.getTransceivers().find((x) => x.receiver.track === te.track);
      data = {
        track: this.host.describe(te.track) as unknown as Json,
        streamIds: (te.streams ?? []).map((s) => (this.streams.add(s), this.host.streamId(s))),
        transceiverId: t ? this.name(t) : null,
      };
    }
    this.host.send(type, this.state(), data);
  }

  /** A transceiver's id: `id` for one the main side created, else its own. */
  private name(t: RTCRtpTransceiver, id?: string): string {
    let known = this.tIds.get(t);
    if (!known) this.tIds.set(t, (known = id ?? `rt-${++seq}`));
    if (id) this.transceivers.set(id, t);
    this.transceivers.set(known, t);
    return known;
  }

  /** A sender's id: the main side's latest name for it, else its own. */
  private nameSender(s: RTCRtpSender, id?: string): string {
    if (id) this.sIds.set(s, id);
    let known = this.sIds.get(s);
    if (!known) this.sIds.set(s, (known = `rs-${++seq}`));
    this.senders.set(known, s);
    return known;
  }

  private parameters(sender: RTCRtpSender): { [key: string]: Json } {
    const p = sender.getParameters() as RTCRtpSendParameters & { degradationPreference?: string };
    return (toJson({ encodings: p.encodings ?? [], ...(p.degradationPreference ? { degradationPreference: p.degradationPreference } : {}) }) ?? {}) as { [key: string]: Json };
  }

  private localTrack(id: Json | undefined): MediaStreamTrack {
    const track = typeof id === 'string' ? this.host.track(id) : undefined;
    if (!track) throw Object.assign(new Error(`Unknown track ${String(id)}`), { name: 'NotFoundError' });
    return track;
  }

  private sender(id: Json | undefined): RTCRtpSender {
    const s = typeof id === 'string' ? this.senders.get(id) : undefined;
    if (!s) throw Object.assign(new Error(`Unknown sender ${String(id)}`), { name: 'NotFoundError' });
    return s;
  }

  private transceiver(id: Json | undefined): RTCRtpTransceiver {
    const t = typeof id === 'string' ? this.transceivers.get(id) : undefined;
    if (!t) throw Object.assign(new Error(`Unknown transceiver ${String(id)}`), { name: 'NotFoundError' });
    return t;
  }
}
