/**
 * The proxy's unit-test rig: an in-memory channel pair (every message goes through a JSON round
 * trip, one macrotask later, like a real transport), a remote side over the fakes of
 * `@switchboard/test-utils`, and a main client (Link fakes, media, call, call controls, proxy).
 */
import { mediaPlugin } from '@switchboard/media';
import { callControlsPlugin, callPlugin } from '@switchboard/call';
import {
  DEFAULT_DEVICES, FakeElement, FakeMediaStream, chromeAnswer, createTestClient, fakeMediaEnvironment, fakePeerConnections, until, type FakeMediaStreamTrack,
} from '@switchboard/test-utils';
import { proxyPlugin } from '../index';
import type { RemoteOptions } from '../remote';
import { Remote } from '../remote/Remote';
import type { ProxyChannel } from '../types';

/** Two joined channels and what crossed them. */
export function channelPair() {
  let cut = false;
  const log: Array<{ to: 'main' | 'remote'; data: Record<string, unknown> }> = [];
  const deliver = (to: 'main' | 'remote', target: ProxyChannel, data: object) => {
    if (cut) return;
    const copy = JSON.parse(JSON.stringify(data)) as Record<string, unknown>;
    setImmediate(() => {
      if (cut) return;
      log.push({ to, data: copy });
      target.receive?.(copy);
    });
  };
  const main: ProxyChannel = { send: (data) => deliver('remote', remote, data) };
  const remote: ProxyChannel = { send: (data) => deliver('main', main, data) };
  return {
    main,
    remote,
    log,
    /** Messages of `type` delivered to `to`. */
    of: (to: 'main' | 'remote', type: string) => log.filter((m) => m.to === to && m.data.type === type).map((m) => m.data),
    /** Drops everything from now on, in both directions (the remote page was closed). */
    cut: () => void (cut = true),
  };
}

/** The remote side over fakes. */
export function fakeRemote(channel: ProxyChannel, extra: Partial<RemoteOptions> = {}) {
  const media = fakeMediaEnvironment({ devices: DEFAULT_DEVICES });
  const peers = fakePeerConnections();
  const container = new FakeElement('div');
  const warnings: unknown[][] = [];
  const remote = new Remote({
    channel,
    logger: { warn: (...a: unknown[]) => void warnings.push(a), error: (...a: unknown[]) => void warnings.push(a) },
    container: container as unknown as Element,
    platform: {
      mediaDevices: () => media.mediaDevices as unknown as MediaDevices,
      createPeerConnection: peers.factory,
      document: () => media.document as unknown as Document,
      createStream: (tracks) => new FakeMediaStream(tracks as unknown as FakeMediaStreamTrack[]) as unknown as MediaStream,
    },
    ...extra,
  });
  /** What the remote still holds: registered tracks and event listeners (leak checks). */
  const internals = () => {
    const inner = remote as unknown as { tracks: Map<unknown, unknown>; untrack: Map<unknown, unknown> | unknown[] };
    return { tracks: inner.tracks.size, listeners: Array.isArray(inner.untrack) ? inner.untrack.length : inner.untrack.size };
  };
  return { remote, media, peers, container, warnings, internals };
}

/** Options of {@link proxiedClient}. */
export interface RigOptions {
  /** The remote's announced version. */
  remoteVersion?: string;
  /** The `proxy` config. */
  proxy?: { heartbeatInterval?: number; heartbeatTimeout?: number };
  /** The legacy-compatibility profile. */
  compatibility?: '001' | '002';
}

/** A main client, a remote, and the channel between them; nothing initialised yet. */
export function rig(options: RigOptions = {}) {
  const pair = channelPair();
  const far = fakeRemote(pair.remote, options.remoteVersion ? { version: options.remoteVersion } : {});
  const local = fakeMediaEnvironment({ devices: DEFAULT_DEVICES });
  const localPeers = fakePeerConnections();
  const t = createTestClient({
    builtins: ['connectivity'],
    plugins: [mediaPlugin(), callPlugin(), callControlsPlugin(), proxyPlugin({ environment: local.environment, peerConnectionFactory: localPeers.factory })],
    config: { ...(options.compatibility ? { compatibility: options.compatibility } : {}), proxy: { heartbeatInterval: 20, heartbeatTimeout: 200, ...options.proxy } },
  });
  const client = t.client;
  const destroy = async () => {
    await t.destroy();
    far.remote.destroy();
  };
  /** setChannel + initializeRemote, resolved once the remote is initialised. */
  const initialize = async () => {
    client.proxy.setChannel(pair.main);
    client.proxy.initializeRemote();
    await until(() => client.proxy.getInfo().remoteInitialized || t.of('proxy:error').length > 0);
  };
  /** Subscribed to `call`, proxy mode on. */
  const ready = async () => {
    client.services.subscribe(['call']);
    await until(() => client.services.getSubscriptions().subscribed.includes('call'));
    await initialize();
    client.proxy.setProxyMode(true);
  };
  return { t, client, pair, far, local, localPeers, destroy, initialize, ready };
}

/** A {@link rig}. */
export type Rig = ReturnType<typeof rig>;

/** The `proxy:error` codes a rig's client emitted, in order. */
export const errorCodes = (x: Rig) => x.t.of('proxy:error').map((e) => e.error.code);

/** Pushes the gateway's answer for alice's leg. */
export const answer = (x: Rig, eventId: string) =>
  x.t.sockets.last().serverMessage({ notificationMessage: { eventType: 'respondCallUpdate', eventId, sessionParams: { sessionData: 'leg-1', sdp: chromeAnswer } } });

/** alice (proxied) calls bob; Connected once the gateway answered; returns the call id. */
export async function connectedCall(x: Rig): Promise<string> {
  await x.ready();
  const callId = x.client.call.make('bob@example.com', { audio: true });
  await until(() => x.t.of('call:start').length === 1);
  answer(x, 'e1');
  await until(() => x.client.call.getById(callId)?.state === 'Connected');
  return callId;
}
