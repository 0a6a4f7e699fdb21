import { definePlugin } from '@switchboard/core';
import { createTestClient, fakeFetch, FakeWebSocket, subscribeResponse, until, type Reply, type SeenRequest } from '@switchboard/test-utils';
import { connectivityTokens, type SubscriptionView } from '../tokens';

const ALICE = { username: 'alice@example.com', password: 'alice-secret' };
const SUB_PATH = '/rest/version/1/user/alice@example.com/subscription';

/** A gateway script: create, refresh/change (echoing the services), delete. */
function gateway(overrides: (req: SeenRequest) => Reply | undefined = () => undefined) {
  return fakeFetch((req) => {
    const o = overrides(req);
    if (o) return o;
    const service = (req.body as { subscribeRequest?: { service?: string[] } })?.subscribeRequest?.service ?? [];
    if (req.method === 'POST' && req.path === SUB_PATH) return { status: 201, body: subscribeResponse(service) };
    if (req.method === 'PUT') return { status: 200, body: subscribeResponse(service) };
    if (req.method === 'DELETE') return { status: 204 };
    return { status: 404, body: {} };
  });
}

async function subscribed(config: Record<string, unknown> = {}, services = ['call', 'IM'], g = gateway()) {
  const env = createTestClient({ builtins: ['connectivity'], sockets: FakeWebSocket, credentials: null, fetch: g, config });
  env.client.setCredentials(ALICE);
  env.client.services.subscribe(services, { forceLogOut: true, clientCorrelator: 'tab-1' });
  await until(() => env.of('subscription:change').length === 1);
  return { ...env, requests: g.requests, ws: FakeWebSocket.last() };
}

beforeEach(() => FakeWebSocket.reset());

describe('subscription flow (§2, §3)', () => {
  it('under a compatibility profile (001/002: checkConnectivity false) no keepalive ping is sent; enableConnectivityChecking turns it on', async () => {
    const { client, ws } = await subscribed({ compatibility: '002' });
    expect(ws.sent).toEqual([]); // without the profile the first ping is sent on open (the test below)
    client.connection.enableConnectivityChecking(true);
    await until(() => ws.sent.length > 0);
    expect(ws.sent[0]).toBe('{"message_type":"ping"}');
    await client.destroy();
  });

  it('POSTs the create body, opens the websocket, pings, then reports subscription:change', async () => {
    const { client, requests, ws, of } = await subscribed();
    expect(requests[0]).toMatchObject({
      method: 'POST',
      url: `https://gw.test:8443${SUB_PATH}`,
      body: {
        subscribeRequest: {
          expires: 3600, service: ['call', 'IM'], localization: 'English_US', useTurn: true, notificationType: 'WebSocket',
          supported: ['RingingFeedback'], forceLogOut: 'true', clientCorrelator: 'tab-1',
        },
      },
    });
    expect(ws.url).toBe('wss://ws.test:9443/rest/version/1/user/alice@example.com/websocket/ch-1');
    expect(ws.sent).toEqual(['{"message_type":"ping"}']);
    expect(of('subscription:change')).toEqual([{}]);
    expect(of('ws:change')).toEqual([{ platform: 'link' }]);
    expect(client.services.getSubscriptions()).toEqual({ subscribed: ['call', 'IM'], available: ['custom', 'call', 'IM'], isPending: false });
    expect(client.getConnection()).toEqual({ isConnected: true, isPending: false });
    expect(client.connection.getSocketState()).toMatchObject({
      connected: true, platform: 'link', method: { type: 'keepAlive', responsibleParty: 'client' },
      wsInfo: { protocol: 'wss', server: 'ws.test', port: 9443, url: '/rest/version/1/user/alice@example.com/websocket/ch-1', params: '' },
    });
    await client.destroy();
    expect(requests.at(-1)).toMatchObject({ method: 'DELETE', path: `${SUB_PATH}/sub-1` });
    expect(ws.readyState).toBe(FakeWebSocket.CLOSED);
  });

  it('changes services with a PUT, unsubscribes a subset with a PUT and the rest with a DELETE', async () => {
    const { client, requests, ws, of } = await subscribed();
    client.services.subscribe([{ service: 'Presence' }], 'websocket');
    await until(() => of('subscription:change').length === 2);
    expect(requests[1]).toMatchObject({ method: 'PUT', path: `${SUB_PATH}/sub-1` });
    expect(requests[1]?.body).toEqual({
      subscribeRequest: { expires: 3600, service: ['call', 'IM', 'Presence'], localization: 'English_US', useTurn: true, notificationType: 'WebSocket', supported: ['RingingFeedback'] },
    });
    client.services.unsubscribe(['im']);
    await until(() => of('subscription:change').length === 3);
    expect((requests[2]?.body as { subscribeRequest: { service: string[] } }).subscribeRequest.service).toEqual(['call', 'Presence']);
    client.services.unsubscribe(['call', 'Presence']);
    await until(() => of('subscription:change').length === 4);
    expect(requests[3]).toMatchObject({ method: 'DELETE' });
    expect(ws.readyState).toBe(FakeWebSocket.CLOSED);
    expect(client.services.getSubscriptions().subscribed).toEqual([]);
    client.services.unsubscribe(['call']);
    await until(() => of('subscription:error').length === 1);
    expect(of('subscription:error')[0]).toMatchObject({ error: { code: 'authentication:3', message: "No subscription found, can't unsubscribe." } });
    await client.destroy();
  });

  it('reports an unknown service on unsubscribe as authentication:3 and sends nothing', async () => {
    const { client, requests, of } = await subscribed();
    client.services.unsubscribe(['Presence']);
    await until(() => of('subscription:error').length === 1);
    expect((of('subscription:error')[0] as { error: Error }).error.message).toBe('No subscription found for "Presence", can\'t unsubscribe');
    expect(requests).toHaveLength(1);
    await client.destroy();
  });

  it.each([
    ['gone', { eventType: 'gone', eventId: 'g1', retryAfter: 5 }, { reason: 'GONE', retryAfter: 5 }],
    ['websocketOverridden', { eventType: 'websocketOverridden', eventId: 'o1' }, { reason: 'WS_OVERRIDDEN' }],
  ])('%s: closes the socket, drops the subscription without DELETE', async (_n, message, expected) => {
    const { client, requests, ws, of } = await subscribed();
    ws.serverMessage({ notificationMessage: message });
    await until(() => of('subscription:change').length === 2);
    expect(of('subscription:change')[1]).toEqual(expected);
    expect(of('ws:change')).toHaveLength(2);
    expect(ws.readyState).toBe(FakeWebSocket.CLOSED);
    expect(requests.filter((r) => r.method === 'DELETE')).toHaveLength(0);
    expect(client.getConnection().isConnected).toBe(false);
    await client.destroy();
    expect(requests.filter((r) => r.method === 'DELETE')).toHaveLength(0);
  });

  it('server close 1000 → LOST_CONNECTION without reconnecting; other codes reconnect to the same URL', async () => {
    const { client, ws, of } = await subscribed();
    ws.serverClose(4000);
    await until(() => FakeWebSocket.instances.length === 2 && client.connection.getSocketState().connected);
    expect(FakeWebSocket.last().url).toBe(ws.url);
    expect(of('ws:change')).toHaveLength(3);
    expect(of('subscription:change')).toHaveLength(1);
    FakeWebSocket.last().serverClose(1000);
    await until(() => of('subscription:change').length === 2);
    expect(of('subscription:change')[1]).toEqual({ reason: 'LOST_CONNECTION' });
    await new Promise((r) => setTimeout(r, 40));
    expect(FakeWebSocket.instances).toHaveLength(2);
    await client.destroy();
  });

  it('after reconnectLimit failed attempts → LOST_CONNECTION, then re-subscribes with the same services', async () => {
    const { client, ws, requests, of } = await subscribed({}, ['call']);
    FakeWebSocket.autoOpen = 'fail';
    ws.serverClose(1006);
    await until(() => of('subscription:change').length === 2);
    expect(of('subscription:change')[1]).toEqual({ reason: 'LOST_CONNECTION' });
    expect(FakeWebSocket.instances).toHaveLength(3); // the original + reconnectLimit (2) attempts
    FakeWebSocket.autoOpen = true;
    await until(() => of('subscription:change').length === 3);
    expect(of('subscription:change')[2]).toEqual({});
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(2);
    expect((requests.at(-1)?.body as { subscribeRequest: { service: string[] } }).subscribeRequest.service).toEqual(['call']);
    expect(client.getConnection().isConnected).toBe(true);
    await client.destroy();
  });

  it('does not re-subscribe when autoReconnect is off', async () => {
    const { client, ws, requests, of } = await subscribed({ connectivity: { autoReconnect: false, reconnectDelay: 10 } });
    ws.serverClose(4000);
    await until(() => of('subscription:change').length === 2);
    await new Promise((r) => setTimeout(r, 40));
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(FakeWebSocket.instances).toHaveLength(1);
    await client.destroy();
  });

  it('a websocket that never opens → DELETE and subscription:error authentication:2', async () => {
    FakeWebSocket.autoOpen = 'fail';
    const g = gateway();
    const { client, of } = createTestClient({ builtins: ['connectivity'], sockets: FakeWebSocket, credentials: null, fetch: g });
    client.setCredentials(ALICE);
    client.services.subscribe(['call']);
    await until(() => of('subscription:error').length === 1);
    expect(of('subscription:error')[0]).toMatchObject({ error: { code: 'authentication:2' } });
    expect(g.requests.map((r) => r.method)).toEqual(['POST', 'DELETE']);
    expect(client.services.getSubscriptions()).toMatchObject({ subscribed: [], isPending: false });
    await client.destroy();
  });

  it('retries a 503 create after the given delay, at most serviceUnavailableMaxRetries times', async () => {
    const g = gateway((req) => (req.method === 'POST' ? { status: 503, body: { subscribeResponse: { statusCode: 503, retryAfter: 5 } } } : undefined));
    const { client, of } = createTestClient({ builtins: ['connectivity'], sockets: FakeWebSocket, credentials: null, fetch: g, config: { subscription: { serviceUnavailableMaxRetries: 2 } } });
    client.setCredentials(ALICE);
    client.services.subscribe(['call']);
    await until(() => of('subscription:error').length === 1);
    expect(g.requests.filter((r) => r.method === 'POST')).toHaveLength(3);
    expect(of('subscription:error')[0]).toMatchObject({ error: { code: 'authentication:13', message: 'Failed to subscribe user. Status Code 503' } });
    await client.destroy();
  });

  it('maps create errors to the documented codes', async () => {
    const g = gateway((req) => (req.method === 'POST' ? { status: 403, body: { subscribeResponse: { statusCode: 19 } } } : undefined));
    const { client, of } = createTestClient({ builtins: ['connectivity'], sockets: FakeWebSocket, credentials: null, fetch: g });
    client.setCredentials(ALICE);
    client.services.subscribe(['call']);
    await until(() => of('subscription:error').length === 1);
    expect(of('subscription:error')[0]).toMatchObject({ error: { code: 'authentication:4', message: 'Failed to subscribe user. Status Code 19' } });
    expect(of('auth:error')).toHaveLength(1);
    expect(of('request:error')).toHaveLength(0);
    await client.destroy();
  });

  it('HMAC: requires sessionId and then sends x-session', async () => {
    const g = fakeFetch((req) =>
      req.method === 'POST' ? { status: 200, body: subscribeResponse(['call'], { sessionId: 'S-1' }) } : { status: 200, body: subscribeResponse(['call', 'IM']) },
    );
    const { client, of } = createTestClient({ builtins: ['connectivity'], sockets: FakeWebSocket, credentials: null, fetch: g });
    client.setCredentials({ username: 'alice@example.com', hmacToken: 'HM' });
    client.services.subscribe(['call']);
    await until(() => of('subscription:change').length === 1);
    client.services.subscribe(['IM']);
    await until(() => of('subscription:change').length === 2);
    expect(g.requests[0]?.headers['x-token']).toBe('HM');
    expect(g.requests[1]?.headers['x-session']).toBe('S-1');
    expect(g.requests[1]?.headers['x-token']).toBeUndefined();
    await client.destroy();
  });
});

describe('refresh (§2.4) with fake timers', () => {
  afterEach(() => jest.useRealTimers());

  it('refreshes within the jittered window, emits subscription:resub / auth:resub, halves after a failure, and 404/39 → GONE', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate'] });
    let putReply: Reply = { status: 500, body: { subscribeResponse: { statusCode: 26 } } };
    const g = gateway((req) => (req.method === 'PUT' ? putReply : undefined));
    const { client, of } = createTestClient({ builtins: ['connectivity'], sockets: FakeWebSocket, credentials: null, fetch: g, config: { connectivity: { autoReconnect: false, reconnectDelay: 10, pingInterval: 1e9 } } });
    client.setCredentials(ALICE);
    client.services.subscribe(['call']);
    await jest.advanceTimersByTimeAsync(50);
    expect(of('subscription:change')).toEqual([{}]);
    const puts = () => g.requests.filter((r) => r.method === 'PUT').length;

    await jest.advanceTimersByTimeAsync(1_800_000 * 0.8 - 100);
    expect(puts()).toBe(0);
    await jest.advanceTimersByTimeAsync(1_800_000 * 0.4 + 100);
    expect(puts()).toBe(1);
    expect(of('subscription:resub')).toEqual([{ attemptNum: 1, isFailure: true, error: expect.objectContaining({ code: 'authentication:5' }) }]);
    expect(of('auth:resub')).toEqual(of('subscription:resub'));

    putReply = { status: 200, body: subscribeResponse(['call']) };
    await jest.advanceTimersByTimeAsync(900_000 * 1.2 + 100); // after one failure: a quarter of the lifetime
    expect(puts()).toBe(2);
    expect(of('subscription:resub')[1]).toEqual({ attemptNum: 2, isFailure: false });
    expect((g.requests.at(-1)?.body as { subscribeRequest: object }).subscribeRequest).toEqual({
      expires: 3600, service: ['call'], localization: 'English_US', useTurn: true, notificationType: 'WebSocket', supported: ['RingingFeedback'],
    });

    putReply = { status: 404, body: { subscribeResponse: { statusCode: 39 } } };
    await jest.advanceTimersByTimeAsync(1_800_000 * 1.2 + 100);
    expect(of('subscription:change')).toEqual([{}, { reason: 'GONE' }]);
    expect(g.requests.filter((r) => r.method === 'DELETE')).toHaveLength(0);
    const destroyed = client.destroy();
    await jest.advanceTimersByTimeAsync(10);
    await destroyed;
  });
});

describe('TURN credentials (§2.2)', () => {
  afterEach(() => jest.useRealTimers());

  it('are those of the create, then of every successful refresh (time-limited ones are renewed); a failed refresh keeps them', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate'] });
    let turn: Record<string, unknown> | undefined = { username: '1000:alice', password: 'p1' };
    let putFails = false;
    const g = gateway((req) => {
      if (req.method === 'POST') return { status: 201, body: subscribeResponse(['call'], { turnCredentials: turn }) };
      if (req.method === 'PUT') return putFails ? { status: 500, body: { subscribeResponse: { statusCode: 26 } } } : { status: 200, body: subscribeResponse(['call'], { turnCredentials: turn }) };
      return undefined;
    });
    let view: SubscriptionView | undefined;
    const probe = definePlugin({ id: 'turn-probe', version: '1.0.0', dependsOn: ['connectivity'], deps: { subscription: connectivityTokens.subscription }, register: (ctx) => ((view = ctx.deps.subscription), { api: {} }) });
    const { client, of } = createTestClient({ builtins: ['connectivity'], sockets: FakeWebSocket, credentials: null, fetch: g, plugins: [probe], config: { connectivity: { autoReconnect: false, pingInterval: 1e9 } } });
    client.setCredentials(ALICE);
    client.services.subscribe(['call']);
    await jest.advanceTimersByTimeAsync(50);
    expect(view!.turnCredentials()).toEqual({ username: '1000:alice', password: 'p1' });

    turn = { username: '2000:alice', password: 'p2' };
    await jest.advanceTimersByTimeAsync(1_800_000 * 1.2 + 100);
    expect(of('subscription:resub')).toEqual([{ attemptNum: 1, isFailure: false }]);
    expect(view!.turnCredentials()).toEqual({ username: '2000:alice', password: 'p2' });

    putFails = true;
    turn = { username: '3000:alice', password: 'p3' };
    await jest.advanceTimersByTimeAsync(1_800_000 * 1.2 + 100);
    expect(of('subscription:resub').at(-1)).toMatchObject({ isFailure: true });
    expect(view!.turnCredentials()).toEqual({ username: '2000:alice', password: 'p2' });

    putFails = false;
    turn = { username: 42 }; // malformed: ignored, the last good ones stay
    await jest.advanceTimersByTimeAsync(900_000 * 1.2 + 100);
    expect(of('subscription:resub').at(-1)).toMatchObject({ isFailure: false });
    expect(view!.turnCredentials()).toEqual({ username: '2000:alice', password: 'p2' });
    const destroyed = client.destroy();
    await jest.advanceTimersByTimeAsync(10);
    await destroyed;
  });
});

describe('push registration (§14)', () => {
  it('registers and unregisters with Apple and Google, emitting notifications:change/error', async () => {
    const g = fakeFetch((req) => {
      if (req.method === 'DELETE') return { status: 204 };
      if (req.path.includes('/push/apple/')) return { status: 200, body: { appleDeviceRegistrationResponse: { statusCode: 0, registration: '/r/apple/1' } } };
      return { status: 200, body: { googleDeviceRegistrationResponse: { statusCode: 37 } } };
    });
    const { client, of } = createTestClient({ builtins: ['connectivity'], sockets: FakeWebSocket, credentials: null, fetch: g, config: { notifications: { pushRegistration: { server: 'push.test', port: 7000, protocol: 'http' } } } });
    client.setCredentials(ALICE);
    const info = await client.notification.registerApplePush({ services: ['call'], voipDeviceToken: 'v', bundleId: 'com.x', isProduction: false });
    expect(info).toEqual({ registration: '/r/apple/1', provider: 'apple' });
    expect(g.requests[0]).toMatchObject({
      method: 'POST',
      url: 'http://push.test:7000/rest/version/1/user/alice@example.com/push/apple/devices/',
      body: { bundleID: 'com.x', service: ['call'], isProduction: false, voipDeviceToken: 'v' },
    });
    await expect(client.notifications.unregisterApplePush(info)).resolves.toBeUndefined();
    expect(g.requests[1]).toMatchObject({ method: 'DELETE', url: 'http://push.test:7000/r/apple/1' });
    await expect(client.notification.registerAndroidPush({ services: ['IM'], deviceToken: 'd' })).rejects.toMatchObject({ code: 'PUSH_REGISTRATION_FAILED' });
    expect(of('notifications:change')).toEqual([{ channel: 'PUSH' }, { channel: 'PUSH' }]);
    expect(of('notifications:error')).toHaveLength(1);
    await client.destroy();
  });
});
