/**
 * The proxy plugin's contributions to the platform's extension points: a media environment and a
 * peer connection factory that switch on the proxy mode — the local ones (the browser's, or the
 * `proxyPlugin` options) when it is off, the channel's when it is on. They hold no state of their
 * own: the {@link ProxySwitch} is filled by the plugin's `register`.
 */
import type { PeerConnectionFactory } from '@switchboard/call';
import { browserEnvironment, type MediaEnvironment } from '@switchboard/media';

/** What the switching contributions need from the plugin: the mode and the proxied parts. @internal */
export interface ProxySwitch {
  /** Whether proxy mode is on. */
  proxied(): boolean;
  /** The proxied `navigator.mediaDevices`. */
  mediaDevices(): MediaDevices;
  /** The proxied `document` (rendering on the remote). */
  document(): ReturnType<MediaEnvironment['document']>;
  /** A stream of proxied tracks. */
  createStream(tracks: MediaStreamTrack[]): MediaStream;
  /** A proxied peer connection. */
  createPeerConnection(config: RTCConfiguration): RTCPeerConnection;
}

/**
 * The switching media environment. Web Audio is unavailable in proxy mode (audio levels need the
 * samples, which stay on the remote side).
 * @internal
 */
export function switchingEnvironment(current: () => ProxySwitch | undefined, local: Partial<MediaEnvironment> = {}): MediaEnvironment {
  const direct: MediaEnvironment = { ...browserEnvironment(), ...local };
  const proxy = () => on(current);
  return {
    mediaDevices: () => proxy()?.mediaDevices() ?? direct.mediaDevices(),
    document: () => proxy()?.document() ?? direct.document(),
    createStream: (tracks) => proxy()?.createStream(tracks) ?? direct.createStream(tracks),
    window: () => direct.window(),
    createAudioContext: () => (proxy() ? undefined : direct.createAudioContext()),
    randomId: () => direct.randomId(),
  };
}

/** The switching peer connection factory. @internal */
export function switchingPeerConnection(current: () => ProxySwitch | undefined, local?: PeerConnectionFactory): PeerConnectionFactory {
  const direct: PeerConnectionFactory = local ?? ((config) => new RTCPeerConnection(config));
  return (config) => on(current)?.createPeerConnection(config) ?? direct(config);
}

/** The switch when proxy mode is on, else undefined (also before `register` and after dispose). */
const on = (current: () => ProxySwitch | undefined) => {
  const s = current();
  return s?.proxied() ? s : undefined;
};
