/**
 * `auth:change` has one meaning — the user's authentication state changed — with two kinds of
 * change: credentials set (core) and the connection opened/closed (connectivity). Always `{}`,
 * once per change, after the new state is readable. Also: `notifications` is `notification`.
 */
import { createTestClient, FakeWebSocket, fakeFetch, subscribeResponse, until } from '@switchboard/test-utils';

beforeEach(() => FakeWebSocket.reset());

function gateway() {
  return fakeFetch((req) => {
    if (req.method === 'DELETE') return { status: 204 };
    const service = (req.body as { subscribeRequest?: { service?: string[] } })?.subscribeRequest?.service ?? [];
    return { status: req.method === 'POST' ? 201 : 200, body: subscribeResponse(service) };
  });
}

it('auth:change: {} once for setCredentials, subscribe, unsubscribe and a loss, none for a service-list change', async () => {
  const g = gateway();
  const { client, of } = createTestClient({ builtins: ['connectivity'], sockets: FakeWebSocket, credentials: null, fetch: g, config: { connectivity: { autoReconnect: false } } });
  const seen: Array<{ params: unknown; user: string | undefined; connected: boolean }> = [];
  client.on('auth:change', (params) => seen.push({ params, user: client.getUserInfo().username, connected: client.getConnection().isConnected }));

  client.setCredentials({ username: 'alice@example.com', password: 'p' });
  expect(seen).toEqual([{ params: {}, user: 'alice@example.com', connected: false }]);

  client.services.subscribe(['call']);
  await until(() => seen.length === 2);
  expect(seen[1]).toEqual({ params: {}, user: 'alice@example.com', connected: true });

  client.services.subscribe(['IM']); // a PUT: the connection stays as it is
  await until(() => of('subscription:change').length === 2);
  client.services.unsubscribe(['IM']);
  await until(() => of('subscription:change').length === 3);
  expect(seen).toHaveLength(2);

  client.services.unsubscribe(['call']);
  await until(() => seen.length === 3);
  expect(seen[2]).toEqual({ params: {}, user: 'alice@example.com', connected: false });

  client.services.subscribe(['call']);
  await until(() => seen.length === 4);
  FakeWebSocket.last().serverClose(1000);
  await until(() => seen.length === 5);
  expect(seen[4]).toEqual({ params: {}, user: 'alice@example.com', connected: false });
  expect(of('subscription:change').at(-1)).toEqual({ reason: 'LOST_CONNECTION' });
  await client.destroy();
});

it('notifications is an alias of the notification namespace (seed 000 uses both names)', async () => {
  const { client } = createTestClient({ builtins: ['connectivity'], sockets: FakeWebSocket, credentials: null, fetch: gateway() });
  expect(Object.keys(client.notifications).sort()).toEqual(Object.keys(client.notification).sort());
  await client.destroy();
});
