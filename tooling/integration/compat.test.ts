/**
 * The 001/002 compatibility connection API against the real gateway: connect, disconnect,
 * updateConnection; and a Kandy-002-style client (`config.compatibility: '002'`, 002 config keys,
 * `connect`) calling a seed-000 client through the gateway (fake peer connections and media).
 */
import WebSocket from 'ws';
import { createClient, type LogLevel, type SdkEventMap } from '@switchboard/core';
import { callPlugin } from '@switchboard/call';
import { connectivityPlugin } from '@switchboard/connectivity';
import { mediaPlugin } from '@switchboard/media';
import { DEFAULT_DEVICES, chromeAnswer, fakeMediaEnvironment, fakePeerConnections } from '@switchboard/test-utils';
import { startGateway, type TestGateway } from '@switchboard/test-utils/gateway';
import { makeClient, settle, until, waitFor, type TestClient } from './helpers';

describe('connectivity ↔ reference gateway: compatibility connection API (001/002)', () => {
  let gateway: TestGateway;
  const clients: TestClient[] = [];
  const ALICE = { username: 'alice@example.com', password: 'alice-secret' };

  beforeAll(async () => {
    gateway = await startGateway({ socketTimeoutMs: 5000, notificationBufferMs: 10000, goneGraceMs: 200 });
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.destroy()));
  });
  afterAll(async () => {
    await gateway.close();
  });

  /** A client whose auth:change listener records getConnection() (the 002 way of reading the state). */
  function compatClient(config: Record<string, unknown> = {}) {
    const c = makeClient(gateway, config);
    clients.push(c.client);
    const states: Array<ReturnType<TestClient['getConnection']>> = [];
    c.client.on('auth:change', () => states.push(c.client.getConnection()));
    return { ...c, states };
  }

  it('connect({username, password}) subscribes subscription.service; disconnect() DELETEs and closes the socket', async () => {
    const { client, events, states, received } = compatClient();
    await settle(client, () => client.connect(ALICE));
    expect(client.getConnection()).toEqual({ isConnected: true, isPending: false });
    expect(client.getServices()).toEqual(['call', 'IM', 'Presence']);
    expect(states.at(-1)).toEqual({ isConnected: true, isPending: false });
    const [sub] = gateway.hooks.subscriptions('alice@example.com');
    expect(sub).toMatchObject({ service: ['call', 'IM', 'Presence'], connected: true });
    expect(client.connection.getSocketState().wsInfo.url).toBe(sub?.notificationChannel);
    gateway.hooks.sendNotification('alice@example.com', { eventType: 'custom', eventId: 'compat-1' });
    await until(() => received.some((r) => r.notification.eventId === 'compat-1'));

    const changed = waitFor(client, 'subscription:change');
    const wsDown = waitFor(client, 'ws:change');
    client.disconnect();
    expect(await changed).toEqual({});
    await wsDown;
    expect(gateway.hooks.subscriptions('alice@example.com')).toEqual([]);
    expect(client.getConnection()).toEqual({ isConnected: false, isPending: false });
    expect(client.getServices()).toEqual([]);
    expect(client.connection.getSocketState().connected).toBe(false);
    expect(states.at(-1)).toEqual({ isConnected: false, isPending: false });
    expect(events.filter((e) => e.type === 'subscription:error')).toEqual([]);
    // disconnected for good: no reconnection, nothing delivered any more
    expect(gateway.hooks.sendNotification('alice@example.com', { eventType: 'custom', eventId: 'compat-2' })).toBe(0);
  });

  it('connect({username, oauthToken}) uses the token as a bearer access token (REST and websocket)', async () => {
    const token = gateway.hooks.issueToken('bob@example.com', 'bearer', 120);
    const { client } = compatClient({
      authentication: { server: { base: '127.0.0.1', protocol: 'http', port: gateway.port }, subscription: { service: ['call'] } },
    });
    await settle(client, () => client.connect({ username: 'bob@example.com', oauthToken: token }));
    expect(client.getConnection()).toEqual({ isConnected: true, isPending: false });
    expect(client.getServices()).toEqual(['call']);
    expect(gateway.hooks.subscriptions('bob@example.com')).toEqual([expect.objectContaining({ service: ['call'], connected: true })]);
    expect(client.connection.getSocketState().wsInfo.params).toBe(`access_token=${token}`);
    expect((await client.request.fetch('/rest/version/1/localization')).status).toBe(200);

    // an expired OAuth token is a credential problem
    gateway.hooks.expireToken(token);
    const error = waitFor(client, 'subscription:error');
    client.updateConnection({ services: ['call', 'IM'] });
    expect((await error).error).toMatchObject({ code: 'authentication:1', message: expect.stringContaining('Status code: 65') });
    expect(client.getServices()).toEqual(['call']);
  });

  it('updateConnection({services}) changes a live subscription with a PUT, or connects when there is none', async () => {
    const { client } = compatClient();
    client.setCredentials({ username: 'carol@example.com', password: 'carol-secret' });
    await settle(client, () => client.updateConnection({ services: ['call'] }));
    const [created] = gateway.hooks.subscriptions('carol@example.com');
    expect(created).toMatchObject({ service: ['call'], connected: true });

    await settle(client, () => client.updateConnection({ services: ['custom', 'event:'] }));
    expect(client.getServices()).toEqual(['custom']); // a malformed event package name is refused by the gateway
    const [changed] = gateway.hooks.subscriptions('carol@example.com');
    expect(changed).toMatchObject({ id: created?.id, service: ['custom'], connected: true });
    expect(client.getConnection()).toEqual({ isConnected: true, isPending: false });
  });
});

describe('a Kandy-002-style client (config.compatibility: "002") calls a seed-000 client through the gateway', () => {
  let gateway: TestGateway;
  const clients: Array<{ destroy(): Promise<void> }> = [];

  beforeAll(async () => {
    gateway = await startGateway({ socketTimeoutMs: 5000, goneGraceMs: 200 });
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.destroy()));
    await until(() => gateway.hooks.subscriptions().length === 0);
  });
  afterAll(() => gateway.close());

  function callClient(config: Record<string, unknown>) {
    const peers = fakePeerConnections({ answerSdp: chromeAnswer });
    const client = createClient({
      plugins: [
        connectivityPlugin({ WebSocket: WebSocket as unknown as typeof globalThis.WebSocket }),
        mediaPlugin({ environment: fakeMediaEnvironment({ devices: DEFAULT_DEVICES }).environment }),
        callPlugin({ peerConnectionFactory: peers.factory }),
      ],
      config: { logs: { logLevel: (process.env.SB_LOG ?? 'silent') as LogLevel }, ...config } as never,
    });
    clients.push(client);
    const events: Array<{ type: string; args: unknown[] }> = [];
    client.subscribe((type, ...args) => events.push({ type, args }));
    const of = <K extends keyof SdkEventMap & string>(type: K) => events.filter((e) => e.type === type).map((e) => e.args[0] as SdkEventMap[K][0]);
    return { client, peers, of };
  }

  it('connect(), make(), the far end answers: no H264 on the wire, 001/002 states and call:newTrack/call:trackEnded, end', async () => {
    const { port } = gateway;
    // 002's config keys: authentication.subscription/websocket, call.iceServers with a singular url
    const kandy = callClient({
      compatibility: '002',
      authentication: { subscription: { server: '127.0.0.1', protocol: 'http', port, service: ['call'] }, websocket: { server: '127.0.0.1', protocol: 'ws', port } },
      call: { iceServers: [{ url: 'stun:127.0.0.1:3478?transport=udp' }] },
    });
    const modern = callClient({
      authentication: { server: { base: '127.0.0.1', protocol: 'http', port } },
      subscription: { websocket: { server: '127.0.0.1', protocol: 'ws', port } },
    });
    modern.client.setCredentials({ username: 'bob@example.com', password: 'bob-secret' });
    modern.client.services.subscribe(['call']);
    kandy.client.connect({ username: 'alice@example.com', password: 'alice-secret' });
    await until(() => modern.of('subscription:change').length > 0 && kandy.of('subscription:change').length > 0);
    expect(kandy.client.getConnection()).toEqual({ isConnected: true, isPending: false });
    expect(kandy.client.getConfig().connectivity.checkConnectivity).toBe(false);
    const states = kandy.client.call.states;
    expect(states).not.toHaveProperty('EARLY_MEDIA');

    const callId = kandy.client.call.make('bob@example.com', { audio: true, video: true });
    await until(() => modern.of('call:receive').length === 1);
    const incoming = modern.of('call:receive')[0]!.callId;
    modern.client.call.answer(incoming, { audio: true, video: true });
    await until(() => kandy.client.call.getById(callId)?.state === states.CONNECTED);
    const offer = modern.peers.instances[0]!;
    expect(kandy.client.call.getById(callId)!.remoteTracks.length).toBeGreaterThan(0);
    // the offer the gateway relayed to bob, and the answer alice applied: H264 removed both ways
    const relayedOffer = offer.setRemoteCalls[0]!.sdp;
    expect(relayedOffer).toMatch(/a=rtpmap:\d+ VP8\//);
    expect(relayedOffer).not.toMatch(/ H264\//);
    expect(kandy.peers.instances[0]!.setRemoteCalls.map((c) => / H264\//.test(c.sdp))).toEqual([false]);
    expect(kandy.peers.instances[0]!.config.iceServers!.map((i) => i.urls)).toEqual(['stun:127.0.0.1:3478']); // 001 url → urls, query dropped
    expect(kandy.of('call:stateChange').filter((s) => s.callId === callId).map((s) => s.state)).toEqual([states.INITIATED, states.RINGING, states.CONNECTED]);
    const added = kandy.of('call:tracksAdded').flatMap((e) => e.trackIds);
    expect(kandy.of('call:newTrack').map((e) => e.trackId)).toEqual(added);
    expect(modern.of('call:newTrack')).toEqual([]);

    kandy.client.call.end(callId);
    await until(() => modern.client.call.getById(incoming)?.state === 'Ended');
    const removed = kandy.of('call:tracksRemoved').flatMap((e) => e.trackIds);
    expect(kandy.of('call:trackEnded').map((e) => e.trackId)).toEqual(removed);
    expect(kandy.of('call:operation').filter((o) => o.error)).toEqual([]);
    kandy.client.disconnect();
  });
});
