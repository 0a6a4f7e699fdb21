/** Push registration (§14) and push-payload processing (§3.7 de-duplication) against the real gateway. */
import { startGateway, type TestGateway } from '@switchboard/test-utils/gateway';
import { makeClient, subscribe, until, type TestClient } from './helpers';

describe('connectivity ↔ reference gateway: push', () => {
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

  const pushEvents = (events: ReturnType<typeof makeClient>['events']) =>
    events.filter((e) => e.type.startsWith('notifications:')).map((e) => [e.type, e.args[0]]);
  /** The registrations the gateway stores for `username`, read over its HTTP test endpoint. */
  const stored = async (username: string) => {
    const res = await fetch(`${gateway.url}/__test__/push-registrations?username=${encodeURIComponent(username)}`);
    return ((await res.json()) as { registrations: Array<Record<string, unknown>> }).registrations;
  };

  it('registers and unregisters Apple and Android devices, with notifications:change / notifications:error', async () => {
    const { client, events } = makeClient(gateway);
    clients.push(client);
    client.setCredentials({ username: 'alice@example.com', password: 'alice-secret' });

    const apple = await client.notification.registerApplePush({
      services: ['call', 'IM'], voipDeviceToken: 'voip-1', standardDeviceToken: 'std-1', bundleId: 'com.example.app',
      clientCorrelator: 'phone-1', realm: 'realm-a', isProduction: false,
    });
    expect(apple).toEqual({ provider: 'apple', registration: expect.stringMatching(/^\/rest\/version\/1\/user\/alice@example\.com\/push\/apple\/devices\//) });
    const android = await client.notifications.registerAndroidPush({ services: ['IM'], deviceToken: 'fcm-1', bundleId: 'com.example.app' });
    expect(android.provider).toBe('google');
    expect(await stored('alice@example.com')).toEqual([
      expect.objectContaining({
        provider: 'apple', registration: apple.registration, service: ['call', 'IM'], voipDeviceToken: 'voip-1', standardDeviceToken: 'std-1',
        bundleID: 'com.example.app', clientCorrelator: 'phone-1', realm: 'realm-a', isProduction: false,
      }),
      expect.objectContaining({ provider: 'google', registration: android.registration, service: ['IM'], deviceToken: 'fcm-1' }),
    ]);

    await expect(client.notification.unregisterApplePush(apple)).resolves.toBeUndefined();
    expect(gateway.hooks.pushRegistrations('alice@example.com')).toEqual([expect.objectContaining({ provider: 'google' })]);
    await expect(client.notification.unregisterAndroidPush(android.registration)).resolves.toBeUndefined();
    expect(gateway.hooks.pushRegistrations('alice@example.com')).toEqual([]);
    expect(pushEvents(events)).toEqual(Array(4).fill(['notifications:change', { channel: 'PUSH' }]));

    // the gateway no longer knows it: 404 → rejected, notifications:error
    await expect(client.notification.unregisterAndroidPush(android)).rejects.toMatchObject({ code: 'PUSH_REGISTRATION_FAILED' });
    expect(pushEvents(events).at(-1)).toEqual(['notifications:error', { channel: 'PUSH', error: expect.objectContaining({ code: 'PUSH_REGISTRATION_FAILED' }) }]);
  });

  it('compat registerPush/deregisterPush use notifications.realm and notifications.bundleId', async () => {
    const { client, events } = makeClient(gateway, { notifications: { realm: 'legacy-realm', bundleId: 'com.legacy' } });
    clients.push(client);
    client.setCredentials({ username: 'bob@example.com', password: 'bob-secret' });

    const apple = await client.notification.registerPush({ deviceToken: 'apns-1', services: ['call'], pushProvider: 'apple', clientCorrelator: 'ipad' });
    expect(gateway.hooks.pushRegistrations('bob@example.com')).toEqual([
      expect.objectContaining({
        provider: 'apple', registration: apple.registration, voipDeviceToken: 'apns-1', standardDeviceToken: 'apns-1', service: ['call'],
        realm: 'legacy-realm', bundleID: 'com.legacy', clientCorrelator: 'ipad',
      }),
    ]);
    await expect(client.notification.deregisterPush()).resolves.toBeUndefined();
    expect(gateway.hooks.pushRegistrations('bob@example.com')).toEqual([]);

    await client.notifications.registerPush({ deviceToken: 'fcm-9', services: ['IM'], pushProvider: 'google' });
    expect(gateway.hooks.pushRegistrations('bob@example.com')).toEqual([
      expect.objectContaining({ provider: 'google', deviceToken: 'fcm-9', realm: 'legacy-realm', bundleID: 'com.legacy' }),
    ]);
    await client.notifications.deregisterPush();
    expect(gateway.hooks.pushRegistrations('bob@example.com')).toEqual([]);
    await expect(client.notification.deregisterPush()).rejects.toMatchObject({ code: 'PUSH_REGISTRATION_FAILED' });
    expect(pushEvents(events)).toEqual(Array(4).fill(['notifications:change', { channel: 'PUSH' }]));
  });

  it('notification.process(pushPayload) and the websocket copy of the same eventId are delivered once, whichever comes first', async () => {
    const { client, received } = makeClient(gateway);
    clients.push(client);
    client.setCredentials({ username: 'carol@example.com', password: 'carol-secret' });
    await subscribe(client, ['call', 'custom']);
    const ids = () => received.map((r) => `${r.notification.eventId}/${r.channel}`);

    // websocket first, then the push copy
    gateway.hooks.sendNotification('carol@example.com', { eventType: 'custom', eventId: 'dup-1', customNotificationParams: { n: 1 } });
    await until(() => received.length === 1);
    client.notification.process(JSON.stringify({ notificationMessage: { eventType: 'custom', eventId: 'dup-1', customNotificationParams: { n: 1 } } }));

    // push first, then the websocket copy; `after-2` marks that the websocket copy was processed (frames are in order)
    client.notification.process({ notificationMessage: { eventType: 'custom', eventId: 'dup-2' } }, 'PUSH');
    gateway.hooks.sendNotification('carol@example.com', { eventType: 'custom', eventId: 'dup-2' });
    gateway.hooks.sendNotification('carol@example.com', { eventType: 'custom', eventId: 'after-2' });
    await until(() => received.some((r) => r.notification.eventId === 'after-2'));
    expect(ids()).toEqual(['dup-1/WEBSOCKET', 'dup-2/PUSH', 'after-2/WEBSOCKET']);
  });
});
