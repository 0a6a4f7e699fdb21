/**
 * The proxy of one client (the main side): it owns the proxy state (channel, remote initialised,
 * mode, the remote's browser), the {@link Link}, the proxied media and peer connections, and the
 * heartbeat watch. The API methods call it directly; it reports through `proxy:change` and
 * `proxy:error`, and ends the proxied calls through the call plugin's exported services when the
 * channel is lost.
 */
import type { BasicError, Logger } from '@switchboard/core';
import type { CallControl, CallsService } from '@switchboard/call';
import type { ProxyConfig } from '../config';
import { proxyError } from '../errors';
import { plain, type Json, type RemoteMessage } from '../protocol/schema';
import type { ProxyChannel, ProxyDetails, ProxyInfo } from '../types';
import { PROXY_VERSION } from '../version';
import type { ProxySwitch } from './environment';
import { eventOf } from './events';
import { Link, RemoteError } from './Link';
import { MediaMirror, ProxyMediaDevices, ProxyStream, proxyDocument, type ProxyTrack } from './media';
import { ProxyPeerConnection } from './peer';

/** What the proxy needs from its plugin. @internal */
export interface ProxyDeps {
  logger: Logger;
  config(): ProxyConfig;
  /** Emits `proxy:change` (`{}`). */
  changed(): void;
  /** Emits `proxy:error`. */
  failed(error: BasicError): void;
  /** The call plugin's read service (is a call ongoing?). */
  calls: CallsService;
  /** The call plugin's control service (ends the proxied calls when the channel is lost). */
  control: CallControl;
  /** `ctx.config.compatibility`: with a profile, `setProxyMode(true)` needs only a channel (001). */
  compatibility?: string;
  /** Registers timers released on dispose. */
  interval(fn: () => void, ms: number): ReturnType<typeof setInterval>;
}

const over = new Set(['Ended', 'Cancelled']);

/** The proxy of one client. @internal */
export class Proxy implements ProxySwitch {
  private mode = false;
  private initialized = false;
  private details: ProxyDetails = {};
  /** Bumped by every `initializeRemote` and channel change: older answers are ignored. */
  private generation = 0;
  private lastHeard = 0;
  /** Heartbeats sent since the remote was last heard. */
  private unanswered = 0;
  private lost = false;
  private readonly link: Link;
  private readonly mirror: MediaMirror;
  private readonly devices: ProxyMediaDevices;
  private readonly doc: ReturnType<typeof proxyDocument>;
  private readonly peers = new Map<string, ProxyPeerConnection>();

  constructor(private readonly deps: ProxyDeps) {
    this.link = new Link(deps.logger, {
      onMessage: (m) => this.handle(m),
      onInvalid: (reason) => deps.failed(proxyError('PROXY_INVALID_MESSAGE', `Invalid proxy message dropped: ${reason}.`)),
      onHeard: () => {
        this.lastHeard = Date.now();
        this.unanswered = 0;
      },
    });
    this.mirror = new MediaMirror(this.link);
    this.devices = new ProxyMediaDevices(this.link, this.mirror);
    this.doc = proxyDocument(this.link);
    const config = deps.config();
    deps.interval(() => this.beat(), config.heartbeatInterval);
  }

  // ---- API ------------------------------------------------------------------------------------

  setChannel(channel: ProxyChannel): void {
    if (this.callOngoing('setChannel')) return;
    if (this.link.inUseElsewhere(channel)) return this.deps.failed(proxyError('PROXY_CHANNEL_IN_USE', "proxy.setChannel(): another client's proxy listens to this channel."));
    this.generation++;
    // the old remote closes its connections and stops its tracks (its answer is not awaited); ours are released
    if (this.link.hasChannel()) this.link.request({ type: 'close' }, { force: true }).catch(() => undefined);
    this.release();
    this.link.setChannel(channel);
    this.mode = false;
    this.initialized = false;
    this.details = {};
    this.lost = false;
    this.deps.changed();
  }

  initializeRemote(config: Record<string, unknown>): void {
    if (!this.link.hasChannel()) return this.noChannel('initializeRemote');
    // a later initializeRemote, a new channel or dispose bump the generation: this answer is then ignored
    const generation = ++this.generation;
    const current = () => generation === this.generation;
    const { heartbeatTimeout } = this.deps.config();
    this.link
      .request({ type: 'init', version: PROXY_VERSION, config: { ...(plain(config) as { [key: string]: Json }), heartbeatTimeout } }, { force: true, timeout: heartbeatTimeout })
      .then(
        (value) => {
          if (!current()) return;
          const answer = (value ?? {}) as { version?: unknown; browser?: Record<string, unknown> };
          if (answer.version !== PROXY_VERSION) {
            if (this.initialized) {
              // another remote answered on this channel (a reloaded page): no longer initialised
              this.initialized = false;
              this.details = {};
              this.deps.changed();
            }
            return this.deps.failed(proxyError('PROXY_VERSION_MISMATCH', `proxy.initializeRemote(): remote version ${String(answer.version).slice(0, 40)}, this SDK's ${PROXY_VERSION}.`));
          }
          const b = answer.browser ?? {};
          const details: ProxyDetails = (this.details = {});
          if (typeof b.browser === 'string') details.browser = b.browser;
          if (typeof b.version === 'string' || typeof b.version === 'number') details.version = b.version;
          this.initialized = true;
          this.lost = false;
          this.link.up();
          this.lastHeard = Date.now();
          this.unanswered = 0;
          this.deps.changed();
        },
        (error: unknown) => {
          if (!current()) return;
          const timedOut = (error as { code?: string }).code === 'PROXY_TIMEOUT';
          this.deps.failed(proxyError(timedOut ? 'PROXY_TIMEOUT' : 'PROXY_REMOTE_ERROR', `proxy.initializeRemote(): ${timedOut ? `no answer within ${heartbeatTimeout} ms` : 'refused'}.`, error));
        },
      );
  }

  setProxyMode(value: boolean): void {
    if (this.callOngoing('setProxyMode')) return;
    if (value && !this.link.hasChannel()) return this.noChannel('setProxyMode');
    if (value && !this.initialized && !this.deps.compatibility) {
      return this.deps.failed(proxyError('PROXY_NOT_INITIALIZED', 'proxy.setProxyMode(true): call proxy.initializeRemote first.'));
    }
    this.mode = value;
    this.deps.changed();
  }

  getProxyMode(): boolean {
    return this.mode;
  }

  getInfo(): ProxyInfo {
    return { proxyMode: this.mode, hasChannel: this.link.hasChannel(), remoteInitialized: this.initialized, browser: { ...this.details } };
  }

  getProxyDetails(): ProxyDetails {
    return { ...this.details };
  }

  // ---- the switch (environment and peer connection factory) -----------------------------------

  proxied(): boolean {
    return this.mode;
  }

  mediaDevices(): MediaDevices {
    return this.devices as unknown as MediaDevices;
  }

  document() {
    return this.doc;
  }

  createStream(tracks: MediaStreamTrack[]): MediaStream {
    return new ProxyStream(this.link.newId('local-stream'), tracks as unknown as ProxyTrack[]) as unknown as MediaStream;
  }

  createPeerConnection(config: RTCConfiguration): RTCPeerConnection {
    if (this.lost) throw proxyError('PROXY_CHANNEL_LOST', 'The proxy channel is lost (proxy.initializeRemote again).');
    const id = this.link.newId('pc');
    const pc = new ProxyPeerConnection(this.link, this.mirror, id, config, (closed) => this.peers.delete(closed.id), (method, error) => {
      if (!this.lost) this.deps.failed(proxyError('PROXY_REMOTE_ERROR', `The proxy remote refused ${method}`, error));
    });
    this.peers.set(id, pc);
    return pc as unknown as RTCPeerConnection;
  }

  /** Client destroy: closes everything on the remote (best effort) and stops listening. */
  dispose(): void {
    this.generation++;
    for (const pc of [...this.peers.values()]) pc.markClosed();
    if (this.initialized) this.link.command({ type: 'close' });
    this.link.dispose();
  }

  // ---- inbound --------------------------------------------------------------------------------

  private handle(m: Exclude<RemoteMessage, { type: 'result' }>): void {
    switch (m.type) {
      case 'pc.event':
        this.peers.get(m.pcId)?.handleEvent(m.event, m.state, m.data);
        break;
      case 'track.event': {
        const track = this.mirror.tracks.get(m.trackId);
        if (!track) break;
        if (m.event === 'ended') track.end();
        else {
          track.update(m.track);
          track.dispatchEvent(eventOf(m.event));
        }
        break;
      }
      case 'stream.event': {
        const track = this.mirror.tracks.get(m.trackId);
        if (track) this.mirror.stream(m.streamId).change(m.event, track);
        break;
      }
      case 'devices.change':
        this.devices.dispatchEvent(eventOf('devicechange'));
        break;
      case 'error':
        this.deps.failed(proxyError('PROXY_REMOTE_ERROR', 'The proxy remote reported an error', new RemoteError(m.error)));
        break;
      default: // heartbeat: noted by the link
    }
  }

  // ---- heartbeat, lost channel ----------------------------------------------------------------

  /**
   * Sends a heartbeat; the channel is lost when nothing was heard for `heartbeatTimeout` ms *and*
   * the heartbeats of that period went unanswered (so a page that was frozen for a while — a
   * background tab, a busy CPU — is not taken for a lost remote: its first heartbeat gets an answer).
   */
  private beat(): void {
    if (!this.initialized || this.lost) return;
    const { heartbeatTimeout, heartbeatInterval } = this.deps.config();
    const unanswered = ++this.unanswered;
    if (Date.now() - this.lastHeard > heartbeatTimeout && unanswered > Math.ceil(heartbeatTimeout / heartbeatInterval)) {
      return this.loseChannel(heartbeatTimeout);
    }
    this.link.send({ type: 'heartbeat' });
  }

  /** Nothing came from the remote for too long: report it and end every proxied call cleanly. */
  private loseChannel(timeout: number): void {
    this.lost = true;
    this.initialized = false;
    const error = proxyError('PROXY_CHANNEL_LOST', `Nothing came from the proxy remote for ${timeout} ms: proxied calls are ended.`);
    this.link.down(error);
    this.deps.failed(error);
    if (this.mode) {
      for (const call of this.deps.calls.getAll()) {
        if (!over.has(call.state)) this.deps.control.get(call.id)?.hangUp({ reasonText: 'Proxy channel lost' }, error);
      }
    }
    for (const pc of this.peers.values()) pc.fail();
    this.release();
    this.deps.changed();
  }

  /** Closes the proxied connections and ends the proxied tracks (the remote is gone or replaced). */
  private release(): void {
    for (const pc of [...this.peers.values()]) pc.markClosed();
    this.mirror.clear();
  }

  private noChannel(method: string): void {
    this.deps.failed(proxyError('PROXY_NO_CHANNEL', `proxy.${method}(): no channel (proxy.setChannel).`));
  }

  private callOngoing(method: string): boolean {
    const ongoing = this.deps.calls.getAll().some((c) => !over.has(c.state));
    if (ongoing) this.deps.failed(proxyError('PROXY_CALL_IN_PROGRESS', `proxy.${method}(): a call is ongoing.`));
    return ongoing;
  }
}
