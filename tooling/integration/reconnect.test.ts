/** Socket drops, reconnection, buffered notifications and a gateway restart, against the real gateway. */
import { startGateway, type TestGateway } from '@switchboard/test-utils/gateway';
import { makeClient, subscribe, until, waitFor, type TestClient } from './helpers';

const options = { host: '127.0.0.1', socketTimeoutMs: 5000, notificationBufferMs: 10000 };

describe('connectivity ↔ reference gateway: reconnection', () => {
  let gateway: TestGateway;
  const clients: TestClient[] = [];

  beforeEach(async () => {
    gateway = await startGateway({ port: 0, ...options });
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.destroy()));
    await gateway.close();
  });

  it('reconnects after the server drops the socket and receives a notification sent meanwhile exactly once', async () => {
    const alice = makeClient(gateway);
    clients.push(alice.client);
    alice.client.setCredentials({ username: 'alice@example.com', password: 'alice-secret' });
    await subscribe(alice.client);
    const [before] = gateway.hooks.subscriptions('alice@example.com');

    const lost = waitFor(alice.client, 'ws:change', () => !alice.client.connection.getSocketState().connected);
    expect(gateway.hooks.dropSocket('alice@example.com', 4001)).toBe(1);
    await lost;
    // sent while no socket is attached: the gateway buffers it for the channel
    gateway.hooks.sendNotification('alice@example.com', { eventType: 'custom', eventId: 'while-down-1' });
    await waitFor(alice.client, 'ws:change', () => alice.client.connection.getSocketState().connected);
    await until(() => alice.received.some((r) => r.notification.eventId === 'while-down-1'));

    // the same subscription was kept; no unsolicited subscription change happened
    const [after] = gateway.hooks.subscriptions('alice@example.com');
    expect(after?.id).toBe(before?.id);
    expect(after?.connected).toBe(true);
    expect(alice.events.filter((e) => e.type === 'subscription:change')).toHaveLength(1);

    // a push copy of the same notification is dropped; later ones still arrive
    alice.client.notification.process({ notificationMessage: { eventType: 'custom', eventId: 'while-down-1' } });
    gateway.hooks.sendNotification('alice@example.com', { eventType: 'custom', eventId: 'after-1' });
    await until(() => alice.received.some((r) => r.notification.eventId === 'after-1'));
    expect(alice.received.filter((r) => r.notification.eventId === 'while-down-1')).toHaveLength(1);
    expect(alice.events.filter((e) => e.type === 'ws:change')).toHaveLength(3);
  });

  it('resetConnection() drops and reopens the socket on the same channel', async () => {
    const alice = makeClient(gateway);
    clients.push(alice.client);
    alice.client.setCredentials({ username: 'alice@example.com', password: 'alice-secret' });
    await subscribe(alice.client);
    const reconnected = waitFor(alice.client, 'ws:change', () => alice.client.connection.getSocketState().connected);
    alice.client.connection.resetConnection();
    expect(alice.client.connection.getSocketState().connected).toBe(false);
    await reconnected;
    expect(gateway.hooks.subscriptions('alice@example.com')).toHaveLength(1);
  });

  it('reports LOST_CONNECTION when the server closes the socket with 1000 and does not reconnect', async () => {
    const alice = makeClient(gateway);
    clients.push(alice.client);
    alice.client.setCredentials({ username: 'alice@example.com', password: 'alice-secret' });
    await subscribe(alice.client);
    const change = waitFor(alice.client, 'subscription:change', (p) => p.reason !== undefined);
    gateway.hooks.dropSocket('alice@example.com', 1000);
    expect(await change).toEqual({ reason: 'LOST_CONNECTION' });
    expect(alice.client.services.getSubscriptions().subscribed).toEqual([]);
    expect(alice.client.getConnection().isConnected).toBe(false);
  });

  it('reports GONE when the gateway expires the subscription', async () => {
    const alice = makeClient(gateway);
    clients.push(alice.client);
    alice.client.setCredentials({ username: 'alice@example.com', password: 'alice-secret' });
    await subscribe(alice.client);
    const [sub] = gateway.hooks.subscriptions('alice@example.com');
    const change = waitFor(alice.client, 'subscription:change', (p) => p.reason !== undefined);
    gateway.hooks.expireSubscription(sub!.id, 30);
    expect(await change).toEqual({ reason: 'GONE', retryAfter: 30 });
    expect(alice.client.services.getSubscriptions().subscribed).toEqual([]);
  });

  it('re-subscribes by itself with the same services after the gateway restarts on the same port', async () => {
    const alice = makeClient(gateway);
    clients.push(alice.client);
    alice.client.setCredentials({ username: 'alice@example.com', password: 'alice-secret' });
    await subscribe(alice.client, ['call', 'custom']);
    const { port } = gateway;

    const lost = waitFor(alice.client, 'subscription:change', (p) => p.reason === 'LOST_CONNECTION', 15000);
    const back = waitFor(alice.client, 'subscription:change', (p) => p.reason === undefined, 15000);
    await gateway.close();
    gateway = await startGateway({ port, ...options });
    await lost;
    await back;

    expect(alice.client.services.getSubscriptions()).toMatchObject({ subscribed: ['call', 'custom'], isPending: false });
    expect(alice.client.connection.getSocketState().connected).toBe(true);
    const subs = gateway.hooks.subscriptions('alice@example.com');
    expect(subs).toHaveLength(1);
    expect(subs[0]?.service).toEqual(['call', 'custom']);
    expect(subs[0]?.connected).toBe(true);
    gateway.hooks.sendNotification('alice@example.com', { eventType: 'custom', eventId: 'after-restart' });
    await until(() => alice.received.some((r) => r.notification.eventId === 'after-restart'));
  });
});
