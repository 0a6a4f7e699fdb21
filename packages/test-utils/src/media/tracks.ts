/** Fake `MediaStreamTrack` and `MediaStream`, with the browser's state rules. */
import { FakeEventTarget } from '../eventTarget';

let trackSeq = 0;
let streamSeq = 0;

/** Options of a {@link FakeMediaStreamTrack}. @public */
export interface FakeTrackOptions {
  /** The track label. @default `'<kind> device'` */
  label?: string;
  /** The track id. @default `native-<n>` */
  id?: string;
  /** What `getSettings()` returns. @default `{}` */
  settings?: MediaTrackSettings;
}

/**
 * A fake `MediaStreamTrack`. Like the browser: `stop()` ends it without an `ended` event;
 * {@link FakeMediaStreamTrack.endExternally} ends it with one (device unplugged); `muted` is the
 * source's state (`mute`/`unmute` events via {@link FakeMediaStreamTrack.setSourceMuted}),
 * `enabled` the app's switch.
 * @public
 */
export class FakeMediaStreamTrack extends FakeEventTarget {
  /** The track's id. */
  readonly id: string;
  /** The track's label (the device name). */
  readonly label: string;
  /** The app's switch (`false`: silence / black frames). */
  enabled = true;
  /** Whether the source delivers no media (set with `setSourceMuted`). */
  muted = false;
  /** `live`, or `ended` after `stop()` or `end()`. */
  readyState: MediaStreamTrackState = 'live';
  /** As `MediaStreamTrack.contentHint`. */
  contentHint = '';
  /** Whether `stop()` was called. */
  stopped = false;
  /** Every `applyConstraints()` argument, in order. */
  readonly appliedConstraints: MediaTrackConstraints[] = [];
  /** Called when the track ends (as `MediaStreamTrack.onended`). */
  onended: ((event: Event) => void) | null = null;
  /** Called when the track is muted by its source. */
  onmute: ((event: Event) => void) | null = null;
  /** Called when the track is unmuted by its source. */
  onunmute: ((event: Event) => void) | null = null;
  private settings: MediaTrackSettings;

  /**
   * @param kind `audio` or `video`
   * @param options options, or the label
   */
  constructor(readonly kind: 'audio' | 'video', options: FakeTrackOptions | string = {}) {
    super();
    const opts = typeof options === 'string' ? { label: options } : options;
    this.id = opts.id ?? `native-${++trackSeq}`;
    this.label = opts.label ?? `${kind} device`;
    this.settings = { ...opts.settings };
  }

  /** The settings given at creation, merged with every applied constraint's plain values. */
  getSettings(): MediaTrackSettings {
    return { ...this.settings };
  }

  /** The last applied constraints. */
  getConstraints(): MediaTrackConstraints {
    return { ...this.appliedConstraints[this.appliedConstraints.length - 1] };
  }

  /** Records `constraints` and merges their plain (non-object) values into the settings. */
  async applyConstraints(constraints: MediaTrackConstraints = {}): Promise<void> {
    this.appliedConstraints.push(constraints);
    const plain = Object.entries(constraints).filter(([, v]) => typeof v !== 'object');
    this.settings = { ...this.settings, ...Object.fromEntries(plain) };
  }

  /** A new live track of the same kind, label and settings. */
  clone(): FakeMediaStreamTrack {
    const copy = new FakeMediaStreamTrack(this.kind, { label: this.label, settings: this.settings });
    copy.enabled = this.enabled;
    return copy;
  }

  /** Ends the track; like the browser, no `ended` event is fired. */
  stop(): void {
    this.stopped = true;
    this.readyState = 'ended';
  }

  /** Ends the track outside the app's control (device unplugged, permission revoked): fires `ended`. */
  endExternally(): void {
    if (this.readyState === 'ended') return;
    this.readyState = 'ended';
    this.dispatch('ended');
  }

  /** Changes the source's mute state and fires `mute` or `unmute` (nothing when unchanged). */
  setSourceMuted(muted: boolean): void {
    if (this.muted === muted) return;
    this.muted = muted;
    this.dispatch(muted ? 'mute' : 'unmute');
  }
}

/**
 * A fake `MediaStream` holding {@link FakeMediaStreamTrack}s.
 * @public
 */
export class FakeMediaStream extends FakeEventTarget {
  /** The stream's id. */
  readonly id: string;
  private readonly list: FakeMediaStreamTrack[];

  /**
   * @param tracks the initial tracks
   * @param id the stream id @default `stream-<n>`
   */
  constructor(tracks: readonly FakeMediaStreamTrack[] = [], id = `stream-${++streamSeq}`) {
    super();
    this.list = [...tracks];
    this.id = id;
  }

  /** Whether at least one track is live. */
  get active(): boolean {
    return this.list.some((t) => t.readyState === 'live');
  }

  /** Every track of the stream. */
  getTracks(): FakeMediaStreamTrack[] {
    return [...this.list];
  }

  /** The audio tracks of the stream. */
  getAudioTracks(): FakeMediaStreamTrack[] {
    return this.list.filter((t) => t.kind === 'audio');
  }

  /** The video tracks of the stream. */
  getVideoTracks(): FakeMediaStreamTrack[] {
    return this.list.filter((t) => t.kind === 'video');
  }

  /** The track with `id`, or null. */
  getTrackById(id: string): FakeMediaStreamTrack | null {
    return this.list.find((t) => t.id === id) ?? null;
  }

  /** Adds `track` to the stream. */
  addTrack(track: FakeMediaStreamTrack): void {
    if (!this.list.includes(track)) this.list.push(track);
  }

  /** Removes `track` from the stream. */
  removeTrack(track: FakeMediaStreamTrack): void {
    const i = this.list.indexOf(track);
    if (i >= 0) this.list.splice(i, 1);
  }
}

/**
 * Casts a fake to the DOM type the SDK's signatures expect (`asNative<MediaStreamTrack>(track)`).
 * @public
 */
export function asNative<T>(fake: object): T {
  return fake as unknown as T;
}
