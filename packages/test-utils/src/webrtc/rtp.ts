/** Fake RTP senders, receivers and transceivers. */
import { FakeMediaStreamTrack } from '../media/tracks';

/** A fake `RTCDTMFSender` that records every `insertDTMF` call. @public */
export class FakeDTMFSender {
  /** As `RTCDTMFSender.canInsertDTMF`. */
  canInsertDTMF = true;
  /** As `RTCDTMFSender.toneBuffer` (stays empty). */
  toneBuffer = '';
  /** Every `insertDTMF(tones, duration, gap)` call. */
  readonly inserted: Array<[string, number, number]> = [];
  /** Records the call in `inserted`. */
  insertDTMF(tones: string, duration = 100, gap = 70): void {
    this.inserted.push([tones, duration, gap]);
  }
}

/** A fake `RTCRtpSender`. @public */
export class FakeRTCRtpSender {
  /** What getParameters returns; setParameters replaces it. */
  parameters: {
    /** One entry per encoding (`active`, `maxBitrate`, `networkPriority`, …). */
    encodings: Array<Record<string, unknown>>;
  } & Record<string, unknown> = { encodings: [{ active: true }] };
  /** `null` for a sender that cannot send DTMF (video). */
  dtmf: FakeDTMFSender | null;
  /** Every track passed to `replaceTrack`. */
  readonly replacedWith: Array<FakeMediaStreamTrack | null> = [];

  /** @param track the sent track */
  constructor(public track: FakeMediaStreamTrack | null, kind: string = track?.kind ?? 'audio') {
    this.dtmf = kind === 'audio' ? new FakeDTMFSender() : null;
  }
  /** The current `parameters`. */
  getParameters() {
    return this.parameters;
  }
  /** Replaces `parameters`. */
  async setParameters(parameters: { encodings: Array<Record<string, unknown>> }): Promise<void> {
    this.parameters = parameters;
  }
  /** A stats report with one `outbound-rtp` entry. */
  async getStats(): Promise<Map<string, Record<string, unknown>>> {
    return new Map([['sender', { type: 'outbound-rtp', trackId: this.track?.id }]]);
  }
  /** Replaces the sender's track (recorded in `replacedWith`). */
  async replaceTrack(track: FakeMediaStreamTrack | null): Promise<void> {
    this.replacedWith.push(track);
    this.track = track;
  }
}

/** A fake `RTCRtpReceiver` with its (remote) track. @public */
export class FakeRTCRtpReceiver {
  /** The remote track. */
  readonly track: FakeMediaStreamTrack;
  /** @param kind the kind of the remote track */
  constructor(kind: 'audio' | 'video') {
    this.track = new FakeMediaStreamTrack(kind, `remote ${kind}`);
  }
  /** A stats report with one `inbound-rtp` entry. */
  async getStats(): Promise<Map<string, Record<string, unknown>>> {
    return new Map([['receiver', { type: 'inbound-rtp', trackId: this.track.id }]]);
  }
}

/** A fake `RTCRtpTransceiver`. @public */
export class FakeRTCRtpTransceiver {
  /** The negotiated mid (assigned when an answer is applied). */
  mid: string | null = null;
  /** The preferred direction. */
  direction: RTCRtpTransceiverDirection;
  /** The negotiated direction, or null. */
  currentDirection: RTCRtpTransceiverDirection | null = null;
  /** Whether `stop()` was called. */
  stopped = false;
  /** The receiver, with its remote track. */
  readonly receiver: FakeRTCRtpReceiver;
  /** Every `setCodecPreferences` argument. */
  readonly codecPreferences: unknown[][] = [];

  /**
   * @param kind the media kind
   * @param sender the sender (with or without a track)
   * @param direction the initial direction @default 'sendrecv'
   */
  constructor(readonly kind: 'audio' | 'video', readonly sender: FakeRTCRtpSender, direction: RTCRtpTransceiverDirection = 'sendrecv') {
    this.receiver = new FakeRTCRtpReceiver(kind);
    this.direction = direction;
  }
  /** Records `codecs` in `codecPreferences`. */
  setCodecPreferences(codecs: unknown[]): void {
    this.codecPreferences.push([...codecs]);
  }
  /** Stops the transceiver (its `currentDirection` becomes `stopped`). */
  stop(): void {
    this.stopped = true;
    this.direction = 'stopped';
    this.currentDirection = 'stopped';
  }
}
