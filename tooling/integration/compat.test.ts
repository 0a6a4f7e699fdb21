/** The 001/002 compatibility connection API against the real gateway: connect, disconnect, updateConnection. */
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

    await settle(client, () => client.updateConnection({ services: ['custom', 'event:presence'] }));
    expect(client.getServices()).toEqual(['custom']); // event:presence refused: SIP events are not implemented by the gateway
    const [changed] = gateway.hooks.subscriptions('carol@example.com');
    expect(changed).toMatchObject({ id: created?.id, service: ['custom'], connected: true });
    expect(client.getConnection()).toEqual({ isConnected: true, isPending: false });
  });
});
