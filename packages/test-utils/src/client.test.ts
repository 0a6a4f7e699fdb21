import { definePlugin } from '@switchboard/core';
import { connectivityTokens } from '@switchboard/connectivity';
import { createTestClient } from './client';
import { until } from './helpers';
import { chromeAnswer } from './webrtc/chromeSdp';

type Env = ReturnType<typeof createTestClient>;
let env: Env | undefined;
afterEach(() => env?.destroy());

async function subscribed(t: Env): Promise<void> {
  t.client.services.subscribe(['call']);
  await until(() => t.of('subscription:change').length > 0 && t.client.services.getSubscriptions().subscribed.length > 0);
}

describe('createTestClient', () => {
  test('subscribes through the fake fetch and opens the fake notification socket', async () => {
    env = createTestClient();
    await subscribed(env);
    expect(env.fetch.requests[0]).toMatchObject({ method: 'POST', url: expect.stringMatching(/^https:\/\/gw\.test:8443\/rest\/version\/1\/user\/alice@example\.com\/subscription/) });
    expect(env.sockets.last().url).toContain('wss://ws.test:9443/rest/version/1/user/alice@example.com/websocket/ch-1');
    expect(env.client.services.getSubscriptions().subscribed).toEqual(['call']);
  });

  test('makes a call over the fake media and peer connection; a notification on the socket answers it', async () => {
    env = createTestClient();
    const t = env;
    await subscribed(t);
    const callId = t.client.call.make('bob@example.com', { audio: true });
    await until(() => t.of('call:start').length > 0);
    expect(t.media.mediaDevices.userMediaCalls).toHaveLength(1);
    expect(t.peers.instances).toHaveLength(1);
    expect(t.client.call.getById(callId)!.state).toBe('Initiated');
    t.sockets.last().serverMessage({ notificationMessage: { eventType: 'respondCallUpdate', eventId: 'e1', sessionParams: { sessionData: 'leg-1', sdp: chromeAnswer } } });
    await until(() => t.client.call.getById(callId)!.state === 'Connected');
    expect(t.peers.last().remoteDescription).toMatchObject({ type: 'answer' });
    t.client.call.end(callId);
    await until(() => t.client.call.getById(callId)!.state === 'Ended');
    expect(t.peers.last().closed).toBe(true);
    expect(t.media.mediaDevices.granted.every((track) => track.stopped)).toBe(true);
  });

  test('installs only the requested builtins plus your plugins, with your config and credentials', async () => {
    const probe = definePlugin({
      id: 'probe', version: '1.0.0', dependsOn: ['connectivity'], deps: { transport: connectivityTokens.transport },
      register(ctx) {
        return { api: { probe: { userPath: () => ctx.deps.transport.userPath() } } };
      },
    });
    const t = createTestClient({ builtins: ['connectivity'], plugins: [probe], credentials: { username: 'bob@example.com', password: 'x' } });
    env = t;
    expect(t.client.probe.userPath()).toBe('/rest/version/1/user/bob@example.com');
    expect((t.client as unknown as Record<string, unknown>).call).toBeUndefined();
    expect((t.client as unknown as Record<string, unknown>).media).toBeUndefined();
    await t.destroy();
    await t.destroy();
  });

  test('next() resolves with the next matching event', async () => {
    env = createTestClient({ builtins: ['connectivity'] });
    const change = env.next('subscription:change', (p) => (p as { reason?: string }).reason === undefined);
    env.client.services.subscribe(['call']);
    await expect(change).resolves.toBeDefined();
    expect(env.of('subscription:change')).toContain(await change);
  });

  test('malformed options are a synchronous TypeError', () => {
    expect(() => createTestClient(null as never)).toThrow(TypeError);
    expect(() => createTestClient({ builtins: ['calls' as never] })).toThrow(/builtins/);
  });

  test('a scripted fetch handler replaces the default gateway', async () => {
    env = createTestClient({ builtins: ['connectivity'], fetch: () => ({ status: 403, body: { subscribeResponse: { statusCode: 403 } } }) });
    const t = env;
    t.client.services.subscribe(['call']);
    await until(() => t.of('subscription:error').length > 0);
    expect(t.sockets.instances).toHaveLength(0);
  });
});

test('config and recorded events are typed for the installed plugins', async () => {
  const t = createTestClient({ config: { call: { iceCollectionIdealTimeout: 10 } } });
  // @ts-expect-error a misspelled key is a compile error, as with createClient
  await createTestClient({ config: { call: { iceCollectionIdealTimeot: 10 } } }).destroy();
  const changes: Array<{ reason?: string }> = t.of('subscription:change');
  expect(changes).toEqual([]);
  // @ts-expect-error an event name nothing declares
  t.of('nothing:here');
  await t.destroy();
});
