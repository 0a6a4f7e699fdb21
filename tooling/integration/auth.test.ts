/** The four authentication modes and token expiry against the real gateway (protocol §1.3, §1.8). */
import { hmacToken, startGateway, type TestGateway } from '@switchboard/test-utils/gateway';
import { makeClient, settle, subscribe, until, waitFor, type TestClient } from './helpers';

describe('connectivity ↔ reference gateway: authentication', () => {
  let gateway: TestGateway;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    gateway = await startGateway({ socketTimeoutMs: 5000, notificationBufferMs: 10000 });
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.destroy()));
  });
  afterAll(async () => {
    await gateway.close();
  });

  const modes: Array<[string, () => Record<string, string>]> = [
    ['password (Basic)', () => ({ username: 'bob@example.com', password: 'bob-secret' })],
    ['bearer token', () => ({ username: 'bob@example.com', bearerAccessToken: gateway.hooks.issueToken('bob@example.com', 'bearer') })],
    ['access token', () => ({ username: 'bob@example.com', accessToken: gateway.hooks.issueToken('bob@example.com', 'access') })],
    ['HMAC token', () => ({ username: 'bob@example.com', hmacToken: hmacToken('bob@example.com', 'bob-hmac-key') })],
  ];

  it.each(modes)('subscribes, receives notifications and changes services with %s', async (_name, credentials) => {
    const bob = makeClient(gateway);
    clients.push(bob.client);
    bob.client.setCredentials(credentials() as never);
    await subscribe(bob.client, ['call']);
    expect(bob.client.connection.getSocketState().connected).toBe(true);
    gateway.hooks.sendNotification('bob@example.com', { eventType: 'custom', eventId: `auth-${_name}` });
    await until(() => bob.received.some((r) => r.notification.eventId === `auth-${_name}`));
    // a later authenticated request (service change PUT) works with the same mode (x-session for HMAC)
    await settle(bob.client, () => bob.client.services.subscribe(['custom']));
    expect(gateway.hooks.subscriptions('bob@example.com')[0]?.service).toEqual(['call', 'custom']);
    const res = await bob.client.request.fetch('/rest/version/1/localization');
    expect(res.status).toBe(200);
  });

  it('an expired token gives request:error; updateToken recovers requests and websocket reconnection', async () => {
    const alice = makeClient(gateway);
    clients.push(alice.client);
    const first = gateway.hooks.issueToken('alice@example.com', 'bearer');
    alice.client.setCredentials({ username: 'alice@example.com', bearerAccessToken: first });
    await subscribe(alice.client, ['call']);
    gateway.hooks.expireToken(first);

    const requestError = waitFor(alice.client, 'request:error');
    const subscriptionError = waitFor(alice.client, 'subscription:error');
    alice.client.services.subscribe(['custom']);
    expect((await requestError).error.message).toContain('Status code: 65');
    expect((await subscriptionError).error.code).toBe('authentication:1');
    expect(alice.client.services.getSubscriptions().subscribed).toEqual(['call']);

    const second = gateway.hooks.issueToken('alice@example.com', 'bearer');
    alice.client.updateToken({ username: 'alice@example.com', bearerAccessToken: second });
    await settle(alice.client, () => alice.client.services.subscribe(['custom']));
    expect(alice.client.services.getSubscriptions().subscribed).toEqual(['call', 'custom']);

    // the websocket URL is rebuilt with the new token on reconnection
    const reconnected = waitFor(alice.client, 'ws:change', () => alice.client.connection.getSocketState().connected);
    gateway.hooks.dropSocket('alice@example.com', 4002);
    await reconnected;
    expect(alice.client.connection.getSocketState().wsInfo.params).toBe(`access_token=${second}`);
  });
});
