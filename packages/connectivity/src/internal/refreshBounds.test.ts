import { createTestClient, fakeFetch, FakeWebSocket, subscribeResponse, until, type SeenRequest } from '@switchboard/test-utils';

beforeEach(() => FakeWebSocket.reset());

it('does not refresh in a tight loop when the server grants a very long expires', async () => {
  const requests: SeenRequest[] = [];
  const g = fakeFetch((req) => {
    requests.push(req);
    if (req.method === 'DELETE') return { status: 204 };
    return { status: req.method === 'POST' ? 201 : 200, body: subscribeResponse(['call'], { expires: 10_000_000 }) };
  });
  const env = createTestClient({ builtins: ['connectivity'], sockets: FakeWebSocket, credentials: null, fetch: g });
  env.client.setCredentials({ username: 'alice@example.com', password: 'p' });
  env.client.services.subscribe(['call']);
  await until(() => env.of('subscription:change').length === 1);
  await new Promise((r) => setTimeout(r, 50));
  expect(requests.filter((r) => r.method === 'PUT')).toEqual([]);
  await env.client.destroy();
});
