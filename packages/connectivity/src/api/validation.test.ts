/** Bad input on every public method: a TypeError or coded BasicError, state unchanged, nothing sent. */
import { BasicError } from '@switchboard/core';
import { createTestClient, fakeFetch, FakeWebSocket } from '@switchboard/test-utils';

type Env = ReturnType<typeof createTestClient>;
const cases: Array<[string, (c: Env['client']) => unknown, 'TypeError' | string]> = [
  ['subscribe(non-array)', (c) => c.services.subscribe('call' as never), 'TypeError'],
  ['subscribe([])', (c) => c.services.subscribe([]), 'INVALID_ARGUMENT'],
  ['subscribe([42])', (c) => c.services.subscribe([42 as never]), 'TypeError'],
  ['subscribe([{}])', (c) => c.services.subscribe([{} as never]), 'TypeError'],
  ['subscribe(descriptor with bad params)', (c) => c.services.subscribe([{ service: 'call', params: 3 as never }]), 'TypeError'],
  ['subscribe(type sms)', (c) => c.services.subscribe(['call'], 'sms'), 'INVALID_ARGUMENT'],
  ['subscribe(options 5)', (c) => c.services.subscribe(['call'], 5 as never), 'TypeError'],
  ['subscribe(forceLogOut "yes")', (c) => c.services.subscribe(['call'], { forceLogOut: 'yes' as never }), 'TypeError'],
  ['subscribe(clientCorrelator 1)', (c) => c.services.subscribe(['call'], { clientCorrelator: 1 as never }), 'TypeError'],
  ['unsubscribe(undefined)', (c) => c.services.unsubscribe(undefined as never), 'TypeError'],
  ['unsubscribe([""])', (c) => c.services.unsubscribe(['']), 'INVALID_ARGUMENT'],
  ['unsubscribe(type 7)', (c) => c.services.unsubscribe(['call'], 7 as never), 'TypeError'],
  ['getSocketState(1)', (c) => c.connection.getSocketState(1 as never), 'TypeError'],
  ['getSocketState("cpaas")', (c) => c.connection.getSocketState('cpaas'), 'INVALID_ARGUMENT'],
  ['enableConnectivityChecking("yes")', (c) => c.connection.enableConnectivityChecking('yes' as never), 'TypeError'],
  ['process(undefined)', (c) => c.notification.process(undefined as never), 'TypeError'],
  ['process("{bad json")', (c) => c.notification.process('{bad json'), 'INVALID_ARGUMENT'],
  ['process({})', (c) => c.notification.process({}), 'INVALID_ARGUMENT'],
  ['process(valid, "SMS")', (c) => c.notification.process({ notificationMessage: { eventType: 'IM' } }, 'SMS'), 'INVALID_ARGUMENT'],
  ['process(valid, 3)', (c) => c.notification.process({ notificationMessage: { eventType: 'IM' } }, 3 as never), 'TypeError'],
  ['enableWebsocket(1)', (c) => c.notification.enableWebsocket(1 as never), 'TypeError'],
  ['registerApplePush(null)', (c) => c.notification.registerApplePush(null as never), 'TypeError'],
  ['registerApplePush(no token)', (c) => c.notification.registerApplePush({ services: ['call'] }), 'INVALID_ARGUMENT'],
  ['registerApplePush(services "call")', (c) => c.notification.registerApplePush({ services: 'call' as never, voipDeviceToken: 'v' }), 'TypeError'],
  ['registerApplePush(isProduction "no")', (c) => c.notification.registerApplePush({ services: ['call'], voipDeviceToken: 'v', isProduction: 'no' as never }), 'TypeError'],
  ['registerAndroidPush(no deviceToken)', (c) => c.notification.registerAndroidPush({ services: ['call'] } as never), 'INVALID_ARGUMENT'],
  ['unregisterApplePush(5)', (c) => c.notification.unregisterApplePush(5 as never), 'TypeError'],
  ['unregisterAndroidPush("relative")', (c) => c.notifications.unregisterAndroidPush('relative'), 'INVALID_ARGUMENT'],
  ['registerPush(pushProvider "ms")', (c) => c.notification.registerPush({ deviceToken: 'd', services: ['call'], pushProvider: 'ms' as never }), 'INVALID_ARGUMENT'],
  ['deregisterPush() without registration', (c) => c.notification.deregisterPush(), 'PUSH_REGISTRATION_FAILED'],
  ['request.fetch(undefined)', (c) => c.request.fetch(undefined as never), 'TypeError'],
  ['request.fetch(path, "init")', (c) => c.request.fetch('/rest', 'x' as never), 'TypeError'],
  ['connect(null)', (c) => c.connect(null as never), 'TypeError'],
  ['connect({username only})', (c) => c.connect({ username: 'a@b' }), 'INVALID_CREDENTIALS'],
  ['updateConnection({services: "x"})', (c) => c.updateConnection({ services: 'x' as never }), 'TypeError'],
  ['updateConnection(undefined)', (c) => c.updateConnection(undefined as never), 'TypeError'],
];

describe('bad input', () => {
  beforeEach(() => FakeWebSocket.reset());

  it.each(cases)('%s', async (_name, call, expected) => {
    const f = fakeFetch(() => ({ status: 200, body: {} }));
    const { client, events } = createTestClient({ builtins: ['connectivity'], sockets: FakeWebSocket, credentials: null, fetch: f });
    client.setCredentials({ username: 'alice@example.com', password: 'p' });
    const before = { subs: client.services.getSubscriptions(), conn: client.getConnection(), socket: client.connection.getSocketState() };
    events.length = 0;
    let thrown: unknown;
    try {
      await call(client);
    } catch (error) {
      thrown = error;
    }
    if (expected === 'TypeError') expect(thrown).toBeInstanceOf(TypeError);
    else {
      expect(thrown).toBeInstanceOf(BasicError);
      expect((thrown as BasicError).code).toBe(expected);
    }
    await new Promise((r) => setTimeout(r, 5));
    expect(f.requests).toHaveLength(0);
    expect(FakeWebSocket.instances).toHaveLength(0);
    expect(events.filter((e) => e.type !== 'auth:change')).toEqual([]);
    expect({ subs: client.services.getSubscriptions(), conn: client.getConnection(), socket: client.connection.getSocketState() }).toEqual(before);
    await client.destroy();
  });

  it('subscribe without credentials or without a server throws and sends nothing', async () => {
    const f = fakeFetch(() => ({ status: 200, body: {} }));
    const { client } = createTestClient({ builtins: ['connectivity'], sockets: FakeWebSocket, credentials: null, fetch: f });
    expect(() => client.services.subscribe(['call'])).toThrow(expect.objectContaining({ code: 'INVALID_CREDENTIALS' }));
    await client.destroy();
    const noServer = createTestClient({ builtins: ['connectivity'], sockets: FakeWebSocket, credentials: null, fetch: f, config: { authentication: { server: { protocol: 'https' } } } });
    noServer.client.setCredentials({ username: 'a@b.c', password: 'p' });
    expect(() => noServer.client.services.subscribe(['call'])).toThrow(expect.objectContaining({ code: 'INVALID_CONFIG' }));
    expect(() => noServer.client.connect({ username: 'a@b.c', password: 'p' })).toThrow(expect.objectContaining({ code: 'INVALID_CONFIG' }));
    expect(noServer.client.services.getSubscriptions().isPending).toBe(false);
    expect(f.requests).toHaveLength(0);
    await noServer.client.destroy();
  });

  it('connect() with an empty configured service list reports authentication:12', async () => {
    const f = fakeFetch(() => ({ status: 200, body: {} }));
    const { client, of } = createTestClient({ builtins: ['connectivity'], sockets: FakeWebSocket, credentials: null, fetch: f, config: { subscription: { service: [] } } });
    client.connect({ username: 'alice@example.com', password: 'p' });
    expect(of('subscription:error')).toEqual([{ error: expect.objectContaining({ code: 'authentication:12', message: 'No services found in configuration.' }) }]);
    expect(f.requests).toHaveLength(0);
    await client.destroy();
  });
});
