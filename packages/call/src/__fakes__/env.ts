/** A client with the call plugin over fake connectivity and media plugins, for unit tests. */
import { createClient, definePlugin, BasicError, type AnyPlugin, type SdkEventMap } from '@switchboard/core';
import {
  connectivityTokens, type LinkNotification, type LinkRequestOptions, type LinkResponse, type LinkTransport,
  type NotificationHandler, type TurnCredentials,
} from '@switchboard/connectivity';
import { mediaTokens, type LocalMediaOptions, type MediaObject, type MediaRegistry, type TrackObject } from '@switchboard/media';
import { callPlugin, type CallPluginOptions } from '../plugin';
import { FakePeerConnection, FakeTrack } from './webrtc';

/** One recorded request. */
export interface Sent {
  path: string;
  method: string;
  body: unknown;
  options: LinkRequestOptions;
}

/** Answers requests; return undefined for the default 200/201 response. */
export type Responder = (req: Sent) => LinkResponse | undefined | Promise<LinkResponse | undefined>;

/** A fake Link transport for alice@example.com. */
export class FakeTransport implements LinkTransport {
  readonly sent: Sent[] = [];
  responder: Responder = () => undefined;
  userPath() {
    return '/rest/version/1/user/alice@example.com';
  }
  url(path: string) {
    return `http://gw.test${path}`;
  }
  async request<T>(path: string, options: LinkRequestOptions = {}): Promise<LinkResponse<T>> {
    const req: Sent = { path, method: options.method ?? 'GET', body: options.body, options };
    this.sent.push(req);
    const custom = await this.responder(req);
    if (custom) return custom as LinkResponse<T>;
    const isStart = req.method === 'POST' && path.endsWith('/callControl');
    const body = isStart ? { callControlResponse: { statusCode: 0, sessionData: 'leg-a-1' } } : { callControlResponse: { statusCode: 0 } };
    return { ok: true, status: isStart ? 201 : 200, body: body as T };
  }
  /** Requests of one `callControlRequest.type` (or method+path suffix). */
  ofType(type: string): Sent[] {
    return this.sent.filter((s) => (s.body as { callControlRequest?: { type?: string } })?.callControlRequest?.type === type);
  }
}

/** An error response like the gateway's. */
export const errorResponse = (status: number, statusCode: number, reason = 'error'): LinkResponse => ({
  ok: false, status, body: { callControlResponse: { statusCode, reason } }, error: new BasicError(String(statusCode), reason),
});

/** A fake notification registry. */
export class FakeNotifications {
  readonly handlers: Array<{ types: string[]; handler: NotificationHandler }> = [];
  register(types: string | readonly string[], handler: NotificationHandler) {
    const entry = { types: typeof types === 'string' ? [types] : [...types], handler };
    this.handlers.push(entry);
    return () => void this.handlers.splice(this.handlers.indexOf(entry), 1);
  }
  deliver(n: LinkNotification) {
    for (const h of this.handlers) if (h.types.includes(n.eventType) || h.types.includes('*')) h.handler(n, 'WEBSOCKET');
  }
}

/** A fake media registry with fake native tracks. */
export class FakeMedia implements MediaRegistry {
  private n = 0;
  readonly tracks = new Map<string, { obj: TrackObject; native: FakeTrack }>();
  readonly removed: string[] = [];
  fail: BasicError | undefined;
  async createLocalMedia(options: LocalMediaOptions, owner?: { callId: string }): Promise<MediaObject> {
    if (this.fail) throw this.fail;
    const streamId = `local-media-${++this.n}`;
    const kinds: Array<'audio' | 'video'> = [];
    if (options.audio) kinds.push('audio');
    if (options.video) kinds.push('video');
    if (options.screen) kinds.push('video');
    const tracks = kinds.map((kind) => this.register(new FakeTrack(kind), true, streamId));
    void owner;
    return { id: streamId, local: true, tracks };
  }
  addRemoteTrack(track: MediaStreamTrack, stream: MediaStream | undefined): TrackObject {
    return this.register(track as unknown as FakeTrack, false, stream?.id ?? 'remote-default');
  }
  getNativeTrack(id: string) {
    return this.tracks.get(id)?.native as unknown as MediaStreamTrack | undefined;
  }
  findByNative(track: MediaStreamTrack) {
    for (const t of this.tracks.values()) if ((t.native as unknown) === track) return t.obj;
    return undefined;
  }
  removeTracks(ids: readonly string[]) {
    for (const id of ids) {
      const t = this.tracks.get(id);
      if (t?.obj.isLocal) t.native.stop();
      this.tracks.delete(id);
      this.removed.push(id);
    }
  }
  tracksOf() {
    return [];
  }
  getTrack(id: string) {
    return this.tracks.get(id)?.obj;
  }
  private register(native: FakeTrack, isLocal: boolean, streamId: string): TrackObject {
    const obj: TrackObject = {
      id: `track-${++this.n}`, kind: native.kind, isLocal, streamId, containers: [], disabled: false, label: 'fake', muted: false, sourceMuted: false, state: 'live',
    };
    this.tracks.set(obj.id, { obj, native });
    return obj;
  }
}

/** Everything a test needs. */
export function createTestEnv(
  opts: { config?: Record<string, unknown>; plugin?: CallPluginOptions; subscribed?: boolean; turn?: TurnCredentials; extra?: AnyPlugin[] } = {},
) {
  FakePeerConnection.instances = [];
  const transport = new FakeTransport();
  const notifications = new FakeNotifications();
  const media = new FakeMedia();
  const subscription = {
    isSubscribed: (s: string) => (opts.subscribed ?? true) && s === 'call',
    turnCredentials: () => opts.turn,
    onChange: () => () => {},
    isConnected: () => true,
  };
  const connectivity = definePlugin({
    id: 'connectivity', version: '0.1.0',
    exports: [connectivityTokens.transport, connectivityTokens.notifications, connectivityTokens.subscription],
    register(ctx) {
      ctx.provide(connectivityTokens.transport, transport);
      ctx.provide(connectivityTokens.notifications, notifications);
      ctx.provide(connectivityTokens.subscription, subscription);
      return { api: {} };
    },
  });
  const mediaPlugin = definePlugin({
    id: 'media', version: '0.1.0',
    exports: [mediaTokens.registry],
    register(ctx) {
      ctx.provide(mediaTokens.registry, media);
      return { api: {} };
    },
  });
  const client = createClient({
    plugins: [connectivity, mediaPlugin, callPlugin({ peerConnectionFactory: (c) => new FakePeerConnection(c) as unknown as RTCPeerConnection, ...opts.plugin }), ...(opts.extra ?? [])],
    config: { logs: { logLevel: 'silent' }, ...(opts.config ?? {}) },
  });
  client.setCredentials({ username: 'alice@example.com', password: 'secret' });
  const events: Array<{ type: string; args: unknown }> = [];
  client.subscribe((type, ...args) => events.push({ type, args: args[0] }));
  const of = <K extends keyof SdkEventMap & string>(type: K) => events.filter((e) => e.type === type).map((e) => e.args as SdkEventMap[K][0]);
  return { client, transport, notifications, media, events, of };
}

/** Resolves once `predicate` holds (polling on macrotasks; fails after `ms`). */
export async function until(predicate: () => boolean, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > end) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 2));
  }
}

/** A `call` notification for bob → alice. */
export const incomingCall = (sessionData = 'leg-b-1', sdp?: string): LinkNotification => ({
  eventType: 'call', eventId: `ev-${Math.random()}`,
  sessionParams: { sessionData, ...(sdp !== undefined ? { sdp } : {}) },
  callNotificationParams: { callerName: 'Bob Builder', callerDisplayNumber: 'bob@example.com', calleeDisplayNumber: 'alice@example.com' },
});
