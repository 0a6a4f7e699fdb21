/** Two real SDK clients against the reference gateway: subscribe, routing, unsubscribe. */
import { startGateway, type TestGateway } from '@switchboard/test-utils/gateway';
import { makeClient, subscribe, until, waitFor, type TestClient } from './helpers';

describe('connectivity ↔ reference gateway: subscriptions and notifications', () => {
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

  it('subscribes two users; each receives only its own notifications', async () => {
    const alice = makeClient(gateway);
    const bob = makeClient(gateway);
    clients.push(alice.client, bob.client);
    alice.client.setCredentials({ username: 'alice@example.com', password: 'alice-secret' });
    bob.client.setCredentials({ username: 'bob@example.com', password: 'bob-secret' });
    await Promise.all([subscribe(alice.client), subscribe(bob.client)]);

    expect(alice.client.services.getSubscriptions()).toEqual({
      subscribed: ['call', 'IM', 'Presence'],
      available: expect.arrayContaining(['call']),
      isPending: false,
    });
    expect(alice.client.connection.getSocketState().connected).toBe(true);
    expect(gateway.hooks.subscriptions('alice@example.com')).toHaveLength(1);
    expect(gateway.hooks.subscriptions('alice@example.com')[0]?.connected).toBe(true);

    gateway.hooks.sendNotification('alice@example.com', { eventType: 'custom', eventId: 'n-a-1', customNotificationParams: { to: 'alice' } });
    gateway.hooks.sendNotification('bob@example.com', { eventType: 'custom', eventId: 'n-b-1', customNotificationParams: { to: 'bob' } });
    gateway.hooks.sendNotification('alice@example.com', { eventType: 'custom', eventId: 'n-a-2', customNotificationParams: { to: 'alice' } });
    await until(() => alice.received.length === 2 && bob.received.length === 1);
    expect(alice.received.map((r) => r.notification.eventId)).toEqual(['n-a-1', 'n-a-2']);
    expect(alice.received.every((r) => r.channel === 'WEBSOCKET')).toBe(true);
    expect(bob.received.map((r) => r.notification.eventId)).toEqual(['n-b-1']);

    // the same eventId again (e.g. also delivered by push) is dropped
    alice.client.notification.process({ notificationMessage: { eventType: 'custom', eventId: 'n-a-1' } });
    expect(alice.received).toHaveLength(2);
  });

  it('changes the service list with a PUT and unsubscribes everything with a DELETE', async () => {
    const alice = makeClient(gateway);
    clients.push(alice.client);
    alice.client.setCredentials({ username: 'alice@example.com', password: 'alice-secret' });
    await subscribe(alice.client, ['call']);
    const [before] = gateway.hooks.subscriptions('alice@example.com');

    const changed = waitFor(alice.client, 'subscription:change');
    alice.client.services.subscribe(['custom']);
    await changed;
    expect(alice.client.services.getSubscriptions().subscribed).toEqual(['call', 'custom']);
    expect(gateway.hooks.subscriptions('alice@example.com')[0]?.service).toEqual(['call', 'custom']);
    expect(gateway.hooks.subscriptions('alice@example.com')[0]?.id).toBe(before?.id);

    const partial = waitFor(alice.client, 'subscription:change');
    alice.client.services.unsubscribe(['call']);
    await partial;
    expect(alice.client.getServices()).toEqual(['custom']);

    const gone = waitFor(alice.client, 'subscription:change');
    const ws = waitFor(alice.client, 'ws:change');
    alice.client.services.unsubscribe(['custom']);
    await Promise.all([gone, ws]);
    expect(alice.client.services.getSubscriptions().subscribed).toEqual([]);
    expect(alice.client.connection.getSocketState().connected).toBe(false);
    await until(() => gateway.hooks.subscriptions('alice@example.com').length === 0);

    const error = waitFor(alice.client, 'subscription:error');
    alice.client.services.unsubscribe(['custom']);
    expect((await error).error.code).toBe('authentication:3');
  });

  it('retries a 503 create after Retry-After, up to serviceUnavailableMaxRetries', async () => {
    const alice = makeClient(gateway);
    clients.push(alice.client);
    alice.client.setCredentials({ username: 'alice@example.com', password: 'alice-secret' });
    gateway.hooks.serviceUnavailable(2, 0.05);
    await subscribe(alice.client, ['call']);
    expect(gateway.hooks.subscriptions('alice@example.com')).toHaveLength(1);
    expect(alice.events.filter((e) => e.type === 'subscription:error')).toHaveLength(0);

    const bob = makeClient(gateway, { subscription: { serviceUnavailableMaxRetries: 1 } });
    clients.push(bob.client);
    bob.client.setCredentials({ username: 'bob@example.com', password: 'bob-secret' });
    gateway.hooks.serviceUnavailable(2, 0.05);
    const error = waitFor(bob.client, 'subscription:error');
    bob.client.services.subscribe(['call']);
    expect((await error).error).toMatchObject({ code: 'authentication:13', message: 'Failed to subscribe user. Status Code 503' });
    expect(gateway.hooks.subscriptions('bob@example.com')).toHaveLength(0);
    gateway.hooks.serviceUnavailable(0, 0);
  });

  it('reports bad credentials as request:error and subscription:error authentication:1', async () => {
    const alice = makeClient(gateway);
    clients.push(alice.client);
    alice.client.setCredentials({ username: 'alice@example.com', password: 'wrong' });
    const requestError = waitFor(alice.client, 'request:error');
    const subscriptionError = waitFor(alice.client, 'subscription:error');
    alice.client.services.subscribe(['call']);
    expect((await requestError).error.code).toBe('AUTHORIZATION_FAILED');
    const { error } = await subscriptionError;
    expect(error.code).toBe('authentication:1');
    expect(error.message).toBe('Authorization failed with server. Please check credentials. Status code: 4');
    expect(alice.client.getConnection()).toMatchObject({ isConnected: false, isPending: false, error: { code: 'authentication:1' } });
  });
});
