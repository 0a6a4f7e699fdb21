/**
 * The remote side of proxy mode: it runs, in the page on the user's own machine, what the main
 * SDK asks over the channel — `getUserMedia`/`getDisplayMedia`, the RTCPeerConnections, DTMF,
 * stats — and renders/plays the tracks (so the user hears the far end). It answers heartbeats and,
 * when the main side goes silent past the timeout, closes every connection and stops every track.
 * Malformed or unexpected messages are logged and answered with an error; nothing thrown escapes.
 */
import { getBrowserDetails } from '@switchboard/media';
import { envelope, isRefusal, parseMainMessage, toJson, type Envelope, type Json, type MainMessage, type MainRequest, type Refusal, type RemoteMessage, type WireError, type WireTrack } from '../protocol/schema';
import type { ProxyChannel } from '../types';
import { PROXY_VERSION } from '../version';
import { RemotePeer, type PeerHost } from './peer';

/** The logger of the remote side (any console-like object). @public */
export interface RemoteLogger {
  /** Details. */
  debug(...args: unknown[]): void;
  /** Notable events. */
  info(...args: unknown[]): void;
  /** Refused or malformed input. */
  warn(...args: unknown[]): void;
  /** Failures. */
  error(...args: unknown[]): void;
}

/** The parts of `document` the remote side renders with. @public */
export interface RemoteDocument extends Pick<Document, 'querySelector' | 'createElement'> {
  /** Where elements go when neither the selector nor the container matches. */
  body?: Element | null;
}

/** The browser access of the remote side; every member defaults to the page's globals (tests pass fakes). @public */
export interface RemotePlatform {
  /** `navigator.mediaDevices`. */
  mediaDevices?: () => MediaDevices | undefined;
  /** Creates a peer connection. @default `new RTCPeerConnection(config)` */
  createPeerConnection?: (config: RTCConfiguration) => RTCPeerConnection;
  /** `document` (rendering). */
  document?: () => RemoteDocument | undefined;
  /** Creates a `MediaStream`. @default `new MediaStream(tracks)` */
  createStream?: (tracks: MediaStreamTrack[]) => MediaStream;
  /** The window, for the browser details. */
  window?: () => unknown;
}

/** Options of {@link createRemote}. @public */
export interface RemoteOptions {
  /** The channel to the main side (`receive` is assigned by the remote). */
  channel: ProxyChannel;
  /** Where log lines go. @default `console` warnings and errors only */
  logger?: Partial<RemoteLogger>;
  /**
   * Where tracks are rendered when the main side's selector matches nothing in this page: an
   * element or a selector. @default `document.body`
   */
  container?: Element | string;
  /** The browser access (tests). @default the page's globals */
  platform?: RemotePlatform;
  /** The proxy version this remote announces (to test a mismatch). @default {@link PROXY_VERSION} */
  version?: string;
}

/** What {@link ProxyRemote.info} reports. @public */
export interface RemoteInfo {
  /** Whether the main side initialised this remote (same version). */
  initialized: boolean;
  /** Open peer connections. */
  peerConnections: number;
  /** Live tracks (local and received). */
  tracks: number;
  /** Rendered media elements. */
  rendered: number;
  /** The config the main side sent with `init`. */
  config: { [key: string]: Json };
}

/** A running remote side. @public */
export interface ProxyRemote {
  /** Closes everything and stops listening to the channel. */
  destroy(): void;
  /** The remote's state. */
  info(): RemoteInfo;
}

type Sent = Exclude<RemoteMessage, never>;

/** The most peer connections and rendered elements a main side may open at once (a hostile one cannot exhaust the page). */
export const REMOTE_LIMITS = { peerConnections: 32, elements: 64 } as const;

const quota = (what: string) => Object.assign(new Error(`Too many ${what} on the remote`), { name: 'QuotaExceededError' });
const g = globalThis as unknown as { navigator?: Navigator; document?: Document; window?: unknown };

/** The remote side. @internal */
export class Remote {
  private initialized = false;
  private config: { [key: string]: Json } = {};
  private lastHeard = Date.now();
  /** Watchdog checks that found the main side silent. */
  private ticks = 0;
  private watchdog: ReturnType<typeof setInterval> | undefined;
  private seq = 0;
  private destroyed = false;
  /** Bumped by every close-all: a getUserMedia that resolves after one stops its tracks. */
  private epoch = 0;
  private readonly peers = new Map<string, RemotePeer>();
  private readonly tracks = new Map<string, MediaStreamTrack>();
  private readonly trackIds = new Map<MediaStreamTrack, string>();
  /** The listeners on each registered track and stream, removed when it is released. */
  private readonly untrack = new Map<MediaStreamTrack | MediaStream, () => void>();
  private readonly streamIds = new Map<MediaStream, string>();
  private readonly elements = new Map<string, HTMLMediaElement>();
  private readonly logger: RemoteLogger;
  private readonly platform: Required<RemotePlatform>;

  constructor(private readonly options: RemoteOptions) {
    const noop = () => undefined;
    // the default logger of the remote page: warnings and errors to the console
    const console_ = console;
    this.logger = {
      debug: options.logger?.debug?.bind(options.logger) ?? noop,
      info: options.logger?.info?.bind(options.logger) ?? noop,
      warn: options.logger?.warn?.bind(options.logger) ?? ((...a: unknown[]) => console_.warn(...a)),
      error: options.logger?.error?.bind(options.logger) ?? ((...a: unknown[]) => console_.error(...a)),
    };
    const p = options.platform ?? {};
    this.platform = {
      mediaDevices: p.mediaDevices ?? (() => g.navigator?.mediaDevices),
      createPeerConnection: p.createPeerConnection ?? ((config) => new RTCPeerConnection(config)),
      document: p.document ?? (() => g.document),
      createStream: p.createStream ?? ((tracks) => new MediaStream(tracks)),
      window: p.window ?? (() => g.window),
    };
    options.channel.receive = (data: object) => this.receive(data);
  }

  info(): RemoteInfo {
    return {
      initialized: this.initialized,
      peerConnections: this.peers.size,
      tracks: [...this.tracks.values()].filter((t) => t.readyState !== 'ended').length,
      rendered: this.elements.size,
      config: { ...this.config },
    };
  }

  destroy(): void {
    if (this.destroyed) return;
    this.closeAll('destroyed');
    this.destroyed = true;
    this.options.channel.receive = undefined;
  }

  // ---- PeerHost ----------------------------------------------------------------------------

  trackId(track: MediaStreamTrack): string {
    let id = this.trackIds.get(track);
    if (id) return id;
    id = `rtrack-${++this.seq}`;
    this.trackIds.set(track, id);
    this.tracks.set(id, track);
    const trackId = id;
    const on = (event: 'ended' | 'mute' | 'unmute') => () => this.post({ type: 'track.event', trackId, event, track: this.describe(track) });
    const handlers = { ended: on('ended'), mute: on('mute'), unmute: on('unmute') };
    for (const [type, h] of Object.entries(handlers)) track.addEventListener(type, h);
    this.untrack.set(track, () => {
      for (const [type, h] of Object.entries(handlers)) track.removeEventListener(type, h);
    });
    return id;
  }

  describe(track: MediaStreamTrack): WireTrack {
    const settings = typeof track.getSettings === 'function' ? (toJson(track.getSettings()) ?? {}) : {};
    return {
      id: this.trackId(track),
      kind: track.kind === 'video' ? 'video' : 'audio',
      label: track.label ?? '',
      enabled: track.enabled !== false,
      muted: track.muted === true,
      readyState: track.readyState === 'ended' ? 'ended' : 'live',
      settings: settings as { [key: string]: Json },
    };
  }

  track(id: string): MediaStreamTrack | undefined {
    return this.tracks.get(id);
  }

  streamId(stream: MediaStream): string {
    let id = this.streamIds.get(stream);
    if (id) return id;
    id = `rstream-${++this.seq}`;
    this.streamIds.set(stream, id);
    const streamId = id;
    const on = (event: 'addtrack' | 'removetrack') => (e: Event) => {
      const t = (e as MediaStreamTrackEvent).track;
      if (t) this.post({ type: 'stream.event', streamId, event, trackId: this.trackId(t) });
    };
    const add = on('addtrack');
    const remove = on('removetrack');
    stream.addEventListener('addtrack', add);
    stream.addEventListener('removetrack', remove);
    this.untrack.set(stream, () => {
      stream.removeEventListener('addtrack', add);
      stream.removeEventListener('removetrack', remove);
    });
    return id;
  }

  /** Forgets a track or stream (its listeners removed): stopped, or its connection closed. */
  release(item: MediaStreamTrack | MediaStream): void {
    this.untrack.get(item)?.();
    this.untrack.delete(item);
    this.tracks.delete(this.trackIds.get(item as MediaStreamTrack)!);
    this.trackIds.delete(item as MediaStreamTrack);
    this.streamIds.delete(item as MediaStream);
  }

  createStream(tracks: MediaStreamTrack[]): MediaStream | undefined {
    try {
      return this.platform.createStream(tracks);
    } catch {
      return undefined;
    }
  }

  // ---- inbound -----------------------------------------------------------------------------

  private receive(data: unknown): void {
    if (this.destroyed) return;
    let message: Envelope<MainMessage> | Refusal;
    try {
      message = parseMainMessage(data);
    } catch (error) {
      message = { reason: `unreadable message (${String(error)})` };
    }
    if (isRefusal(message)) {
      this.logger.warn(`proxy remote: dropped an invalid message: ${message.reason}`);
      if (message.id !== undefined) this.post({ type: 'error', id: message.id, error: { code: 'PROXY_INVALID_MESSAGE', message: message.reason } });
      return;
    }
    this.lastHeard = Date.now();
    this.ticks = 0;
    if (message.type === 'heartbeat') {
      this.post({ type: 'heartbeat' });
      return;
    }
    const request = message as MainRequest;
    this.run(request).then(
      (value) => this.post({ type: 'result', id: request.id, ok: true, value }),
      (error: unknown) => {
        this.logger.debug(`proxy remote: "${request.type}" failed`, error);
        this.post({ type: 'result', id: request.id, ok: false, error: wireError(error) });
      },
    );
  }

  private async run(m: MainRequest): Promise<Json> {
    switch (m.type) {
      case 'init':
        return this.init(m.version, m.config);
      case 'media.get':
        return this.getMedia(m.source, m.constraints);
      case 'media.devices': {
        const md = this.platform.mediaDevices();
        const list = md && typeof md.enumerateDevices === 'function' ? await md.enumerateDevices() : [];
        return list.map((d) => ({ deviceId: d.deviceId, groupId: d.groupId, kind: d.kind, label: d.label }));
      }
      case 'track.stop': {
        const track = this.tracks.get(m.trackId);
        track?.stop();
        if (track) this.release(track);
        return null;
      }
      case 'track.enable': {
        const track = this.tracks.get(m.trackId);
        if (!track) throw Object.assign(new Error(`Unknown track ${m.trackId}`), { name: 'NotFoundError' });
        track.enabled = m.enabled;
        return null;
      }
      case 'pc.create':
        this.openPeer(m.pcId, m.config as unknown as RTCConfiguration);
        return null;
      case 'pc.call': {
        const peer = this.peers.get(m.pcId);
        if (!peer) throw Object.assign(new Error(`Unknown peer connection ${m.pcId}`), { name: 'NotFoundError' });
        const value = await peer.call(m.method, m.args);
        const state = peer.state() as unknown as Json;
        if (m.method === 'close') {
          this.peers.delete(m.pcId);
          for (const item of peer.received()) this.release(item);
        }
        return { value, state };
      }
      case 'render':
        this.render(m.elementId, m.trackIds, m.selector, m.kind, m.muted);
        return null;
      case 'unrender':
        this.unrender(m.elementId);
        return null;
      case 'sink': {
        const el = this.elements.get(m.elementId) as (HTMLMediaElement & { setSinkId?: (id: string) => Promise<void> }) | undefined;
        if (!el) throw Object.assign(new Error(`Unknown element ${m.elementId}`), { name: 'NotFoundError' });
        if (typeof el.setSinkId === 'function') await el.setSinkId(m.speakerId);
        return null;
      }
      case 'close':
        this.closeAll('the main side closed the proxy');
        return null;
    }
  }

  private init(version: string, config: { [key: string]: Json }): Json {
    const mine = this.options.version ?? PROXY_VERSION;
    this.initialized = version === mine;
    this.config = config;
    if (!this.initialized) this.logger.warn(`proxy remote: the main SDK's proxy version ${version} differs from this remote's ${mine}`);
    this.startWatchdog(typeof config.heartbeatTimeout === 'number' && config.heartbeatTimeout > 0 ? config.heartbeatTimeout : 6000);
    const details = getBrowserDetails(this.platform.window());
    return { version: mine, browser: (toJson(details) ?? {}) as Json };
  }

  private async getMedia(source: 'user' | 'display', constraints: { [key: string]: Json }): Promise<Json> {
    const md = this.platform.mediaDevices();
    if (!md) throw Object.assign(new Error('navigator.mediaDevices is unavailable on the remote'), { name: 'NotSupportedError' });
    const epoch = this.epoch;
    const stream = source === 'user' ? await md.getUserMedia(constraints as MediaStreamConstraints) : await md.getDisplayMedia(constraints as DisplayMediaStreamOptions);
    if (this.destroyed || epoch !== this.epoch) {
      for (const t of stream.getTracks()) t.stop();
      throw new Error('The remote closed everything meanwhile');
    }
    return { tracks: stream.getTracks().map((t) => this.describe(t)) as unknown as Json };
  }

  private openPeer(pcId: string, config: RTCConfiguration): void {
    if (this.peers.has(pcId)) throw Object.assign(new Error(`Peer connection ${pcId} exists`), { name: 'InvalidStateError' });
    if (this.peers.size >= REMOTE_LIMITS.peerConnections) throw quota('peer connections');
    const host: PeerHost = {
      trackId: (t) => this.trackId(t),
      describe: (t) => this.describe(t),
      track: (id) => this.track(id),
      streamId: (s) => this.streamId(s),
      createStream: (tracks) => this.createStream(tracks),
      send: (event, state, data) => this.post({ type: 'pc.event', pcId, event, state, data }),
    };
    this.peers.set(pcId, new RemotePeer(host, this.platform.createPeerConnection, config));
  }

  // ---- rendering ---------------------------------------------------------------------------

  private render(elementId: string, trackIds: readonly string[], selector: string, kind: 'audio' | 'video', muted: boolean): void {
    const doc = this.platform.document();
    if (!doc) throw Object.assign(new Error('The remote has no document to render in'), { name: 'NotSupportedError' });
    const tracks = trackIds.map((id) => this.tracks.get(id)).filter((t): t is MediaStreamTrack => !!t);
    if (!tracks.length) throw Object.assign(new Error('No known track among the ids'), { name: 'NotFoundError' });
    if (!this.elements.has(elementId) && this.elements.size >= REMOTE_LIMITS.elements) throw quota('rendered elements');
    // the selector is looked up inside the container only (a main side cannot render elsewhere in this page)
    const box = this.containerOf(doc);
    const target = (typeof box?.querySelector === 'function' ? this.find(box, selector) : null) ?? box;
    if (!target) throw Object.assign(new Error('The remote has no container to render in'), { name: 'NotFoundError' });
    this.unrender(elementId);
    const el = doc.createElement(kind);
    el.autoplay = true;
    el.setAttribute('playsinline', '');
    el.muted = muted;
    el.setAttribute('data-track-id', trackIds.join(' '));
    el.setAttribute('data-proxy-element', elementId);
    el.srcObject = this.platform.createStream(tracks);
    target.appendChild(el);
    this.elements.set(elementId, el);
    const played = typeof el.play === 'function' ? el.play() : undefined;
    played?.catch?.((error: unknown) => this.logger.warn(`proxy remote: play() was refused for ${elementId} (autoplay policy?)`, error));
  }

  private unrender(elementId: string): void {
    const el = this.elements.get(elementId);
    if (!el) return;
    this.elements.delete(elementId);
    el.srcObject = null;
    el.parentNode?.removeChild(el);
  }

  private find(root: Pick<ParentNode, 'querySelector'>, selector: string): Element | null {
    try {
      return selector ? root.querySelector(selector) : null;
    } catch {
      return null;
    }
  }

  private containerOf(doc: RemoteDocument): Element | null {
    const c = this.options.container;
    if (typeof c === 'string') return this.find(doc, c) ?? doc.body ?? null;
    return c ?? doc.body ?? null;
  }

  // ---- lifecycle ---------------------------------------------------------------------------

  private startWatchdog(timeout: number): void {
    if (this.watchdog) clearInterval(this.watchdog);
    this.lastHeard = Date.now();
    this.ticks = 0;
    // silent for `timeout` ms over at least 4 checks: a page frozen for a while gets its messages first
    this.watchdog = setInterval(() => {
      if (Date.now() - this.lastHeard > timeout && ++this.ticks > 4) this.closeAll(`nothing came from the main side for ${timeout} ms`);
    }, Math.max(10, Math.min(1000, timeout / 4)));
  }

  /** Closes every connection, stops every track, removes every element. */
  private closeAll(why: string): void {
    this.epoch++;
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = undefined;
    const had = this.peers.size + this.tracks.size + this.elements.size;
    if (had) this.logger.info(`proxy remote: closing everything (${why})`);
    for (const peer of this.peers.values()) peer.close();
    this.peers.clear();
    for (const id of [...this.elements.keys()]) this.unrender(id);
    for (const stop of this.untrack.values()) stop();
    this.untrack.clear();
    for (const t of this.tracks.values()) t.stop();
    this.tracks.clear();
    this.trackIds.clear();
    this.streamIds.clear();
    this.initialized = false;
  }

  private post(message: Sent): void {
    if (this.destroyed) return;
    try {
      this.options.channel.send(envelope(message));
    } catch (error) {
      this.logger.warn(`proxy remote: the channel refused a "${message.type}" message`, error);
    }
  }
}

function wireError(error: unknown): WireError {
  const e = error as { name?: unknown; message?: unknown; code?: unknown };
  const name = typeof e?.name === 'string' ? e.name : undefined;
  return {
    code: typeof e?.code === 'string' ? e.code : 'PROXY_REMOTE_ERROR',
    // cut: a message may echo what the main side sent (ids, selectors)
    message: (typeof e?.message === 'string' ? e.message : String(error)).slice(0, 200),
    ...(name ? { name } : {}),
  };
}
