/**
 * The proxied media of the main side: tracks and streams that stand for the remote side's,
 * `navigator.mediaDevices` whose `getUserMedia`/`getDisplayMedia`/`enumerateDevices` run on the
 * remote, and a `document` whose media elements are rendered by the remote. They implement the
 * members the media and call plugins use, as `EventTarget`s with the browser's event names.
 */
import type { MediaDocument } from '@switchboard/media';
import { answerChecks, plain, type Json, type WireTrack } from '../protocol/schema';
import { eventOf, ProxyEventTarget } from './events';
import type { Link } from './Link';


/** A track of the remote side. @internal */
export class ProxyTrack extends ProxyEventTarget {
  readonly id: string;
  readonly kind: 'audio' | 'video';
  label: string;
  muted: boolean;
  readyState: 'live' | 'ended';
  contentHint = '';
  private on: boolean;
  private settings: { [key: string]: Json };

  /**
   * @param link the channel
   * @param wire the remote's description
   * @param gone called when the track ends or is stopped (the mirror forgets it)
   */
  constructor(private readonly link: Link, wire: WireTrack, private readonly gone?: () => void) {
    super();
    this.id = wire.id;
    this.kind = wire.kind;
    this.label = wire.label;
    this.muted = wire.muted;
    this.readyState = wire.readyState;
    this.on = wire.enabled;
    this.settings = wire.settings;
  }

  /** As `MediaStreamTrack.enabled`: setting it enables or disables the remote track (mute). */
  get enabled(): boolean {
    return this.on;
  }

  set enabled(value: boolean) {
    const on = !!value;
    if (on === this.on) return;
    this.on = on;
    this.link.command({ type: 'track.enable', trackId: this.id, enabled: on });
  }

  /** A copy of the remote track's settings. */
  getSettings(): MediaTrackSettings {
    return { ...this.settings } as MediaTrackSettings;
  }

  /** Stops the remote track (no `ended` event, as in a browser). */
  stop(): void {
    if (this.readyState === 'ended') return;
    this.link.command({ type: 'track.stop', trackId: this.id });
    this.release();
  }

  /** Ended without an event (its connection closed, like a browser's receiver track), forgotten. */
  release(): void {
    this.readyState = 'ended';
    this.gone?.();
  }

  /** Applies the remote's description of the track. */
  update(wire: WireTrack): void {
    this.label = wire.label;
    this.muted = wire.muted;
    this.settings = wire.settings;
    if (wire.readyState === 'ended') this.readyState = 'ended';
  }

  /** The remote track ended on its own (or the channel was lost): `ended`, once. */
  end(): void {
    if (this.readyState === 'ended') return;
    this.release();
    this.dispatchEvent(eventOf('ended'));
  }
}

/** A stream of proxied tracks (local grouping, or a remote stream of the far end). @internal */
export class ProxyStream extends ProxyEventTarget {
  private readonly list: ProxyTrack[];

  constructor(readonly id: string, tracks: readonly ProxyTrack[]) {
    super();
    this.list = [...tracks];
  }

  getTracks(): ProxyTrack[] {
    return [...this.list];
  }

  addTrack(track: ProxyTrack): void {
    if (!this.list.includes(track)) this.list.push(track);
  }

  removeTrack(track: ProxyTrack): void {
    const i = this.list.indexOf(track);
    if (i >= 0) this.list.splice(i, 1);
  }

  /** The remote stream gained or lost a track: updates the list and fires `addtrack`/`removetrack`. */
  change(event: 'addtrack' | 'removetrack', track: ProxyTrack): void {
    if (event === 'addtrack') this.addTrack(track);
    else this.removeTrack(track);
    this.dispatchEvent(eventOf(event, { track }));
  }
}

/** Every proxied track and remote stream of a session, by the remote's ids. @internal */
export class MediaMirror {
  readonly tracks = new Map<string, ProxyTrack>();
  readonly streams = new Map<string, ProxyStream>();

  constructor(private readonly link: Link) {}

  /** The track of a description (created on first sight, updated afterwards). */
  track(wire: WireTrack): ProxyTrack {
    let track = this.tracks.get(wire.id);
    if (track) track.update(wire);
    else this.tracks.set(wire.id, (track = new ProxyTrack(this.link, wire, () => this.tracks.delete(wire.id))));
    return track;
  }

  /** Forgets the streams whose tracks all ended. */
  prune(): void {
    for (const [id, s] of this.streams) if (s.getTracks().every((t) => t.readyState === 'ended')) this.streams.delete(id);
  }

  /** The remote stream `id` (created on first sight). */
  stream(id: string, tracks: readonly ProxyTrack[] = []): ProxyStream {
    let stream = this.streams.get(id);
    if (!stream) this.streams.set(id, (stream = new ProxyStream(id, tracks)));
    for (const t of tracks) stream.addTrack(t);
    return stream;
  }

  /** Ends every live track and forgets every track and stream (the channel was lost or replaced). */
  clear(): void {
    for (const t of [...this.tracks.values()]) t.end();
    this.tracks.clear();
    this.streams.clear();
  }
}

/** The `navigator.mediaDevices` of proxy mode: every call runs on the remote side. @internal */
export class ProxyMediaDevices extends ProxyEventTarget {
  constructor(private readonly link: Link, private readonly mirror: MediaMirror) {
    super();
  }

  getUserMedia(constraints: MediaStreamConstraints = {}): Promise<MediaStream> {
    return this.get('user', constraints);
  }

  getDisplayMedia(options: DisplayMediaStreamOptions = {}): Promise<MediaStream> {
    return this.get('display', options);
  }

  async enumerateDevices(): Promise<MediaDeviceInfo[]> {
    return (await this.link.request({ type: 'media.devices' }, { check: answerChecks()['media.devices'] })) as unknown as MediaDeviceInfo[];
  }

  private async get(source: 'user' | 'display', constraints: object): Promise<MediaStream> {
    const value = (await this.link.request({ type: 'media.get', source, constraints: plain(constraints) as { [key: string]: Json } }, { check: answerChecks()['media.get'] })) as unknown as { tracks: WireTrack[] };
    const tracks = value.tracks.map((t) => this.mirror.track(t));
    return new ProxyStream(this.link.newId('local-stream'), tracks) as unknown as MediaStream;
  }
}

/** A media element rendered by the remote side (what the media plugin's renderer creates). @internal */
export class ProxyElement {
  readonly elementId: string;
  autoplay = false;
  muted = false;
  srcObject: ProxyStream | null = null;
  parentNode: ProxyContainer | null = null;

  constructor(private readonly link: Link, readonly tagName: 'audio' | 'video') {
    this.elementId = link.newId('el');
  }

  /** Attributes (`playsinline`, `data-track-id`) are the remote element's business. */
  setAttribute(): void {}

  /** Playing is the remote's business (its elements autoplay). */
  play(): Promise<void> {
    return Promise.resolve();
  }

  /** Chooses the remote's speaker for this element. */
  async setSinkId(speakerId: string): Promise<void> {
    await this.link.request({ type: 'sink', elementId: this.elementId, speakerId });
  }
}

/** A container the app named by selector: appending an element renders it on the remote side. @internal */
export class ProxyContainer {
  constructor(private readonly link: Link, readonly selector: string) {}

  appendChild(el: ProxyElement): ProxyElement {
    el.parentNode = this;
    const trackIds = el.srcObject?.getTracks().map((t) => t.id) ?? [];
    this.link.command({ type: 'render', elementId: el.elementId, trackIds, selector: this.selector, kind: el.tagName, muted: el.muted });
    return el;
  }

  removeChild(el: ProxyElement): ProxyElement {
    el.parentNode = null;
    this.link.command({ type: 'unrender', elementId: el.elementId });
    return el;
  }
}

/**
 * The `document` of proxy mode: every selector names a container of the remote page (the remote
 * renders into the element matching it there, else into its own container).
 * @internal
 */
export function proxyDocument(link: Link): MediaDocument {
  const containers = new Map<string, ProxyContainer>();
  return {
    querySelector(selector: string) {
      let c = containers.get(selector);
      if (!c) containers.set(selector, (c = new ProxyContainer(link, selector)));
      return c as unknown as Element;
    },
    createElement: (tagName) => new ProxyElement(link, tagName) as unknown as HTMLMediaElement,
  };
}
