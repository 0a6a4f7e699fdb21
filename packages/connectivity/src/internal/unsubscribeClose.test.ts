/**
 * The server closes the websocket while `unsubscribe()` (DELETE, §2.5) is pending: the application
 * asked for the end, so the one `subscription:change` is the unsubscribe's own (no `reason`), not a
 * `LOST_CONNECTION`; nothing reconnects or re-subscribes afterwards.
 */
import { createTestClient, FakeWebSocket, fakeFetch, subscribeResponse, until } from '@switchboard/test-utils';

const ALICE = { username: 'alice@example.com', password: 'alice-secret' };

beforeEach(() => FakeWebSocket.reset());

it.each([
  ['server close 1000', 1000, {}],
  ['server close 1006 with autoReconnect off', 1006, { autoReconnect: false }],
  ['server close 4000, reconnecting', 4000, {}],
])('%s while the DELETE is pending → one subscription:change without a reason', async (_name, code, connectivity) => {
  let releaseDelete!: () => void;
  const deleteHeld = new Promise<void>((r) => (releaseDelete = r));
  const g = fakeFetch(async (req) => {
    if (req.method === 'DELETE') {
      await deleteHeld;
      return { status: 204 };
    }
    const service = (req.body as { subscribeRequest?: { service?: string[] } })?.subscribeRequest?.service ?? [];
    return { status: 201, body: subscribeResponse(service) };
  });
  const { client, of } = createTestClient({ builtins: ['connectivity'], sockets: FakeWebSocket, credentials: null, fetch: g, config: { connectivity: { reconnectDelay: 10, reconnectLimit: 2, reconnectTimeLimit: 50, ...connectivity } } });
  client.setCredentials(ALICE);
  client.services.subscribe(['call']);
  await until(() => of('subscription:change').length === 1);
  const ws = FakeWebSocket.last();

  client.services.unsubscribe(['call']);
  await until(() => g.requests.some((r) => r.method === 'DELETE'));
  ws.serverClose(code);
  releaseDelete();
  await until(() => !client.services.getSubscriptions().isPending);

  expect(of('subscription:change')).toEqual([{}, {}]);
  expect(client.services.getSubscriptions().subscribed).toEqual([]);
  expect(client.getConnection().isConnected).toBe(false);
  expect(g.requests.map((r) => r.method)).toEqual(['POST', 'DELETE']);
  expect(FakeWebSocket.instances.filter((s) => s.readyState !== FakeWebSocket.CLOSED)).toEqual([]);
  await client.destroy();
});

it('sends the unsubscribe DELETE with keepalive, so an app may unsubscribe in pagehide', async () => {
  const g = fakeFetch((req) => (req.method === 'DELETE' ? { status: 204 } : { status: 201, body: subscribeResponse(['call']) }));
  const { client, of } = createTestClient({ builtins: ['connectivity'], sockets: FakeWebSocket, credentials: null, fetch: g });
  client.setCredentials(ALICE);
  client.services.subscribe(['call']);
  await until(() => of('subscription:change').length === 1);
  client.services.unsubscribe(['call']);
  await until(() => of('subscription:change').length === 2);
  expect(g.requests.map((r) => [r.method, r.keepalive])).toEqual([['POST', false], ['DELETE', true]]);
  await client.destroy();
});
