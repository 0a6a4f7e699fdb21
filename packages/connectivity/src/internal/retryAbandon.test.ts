import type { LogEntry } from '@switchboard/core';
import { createTestClient, fakeFetch, FakeWebSocket, until } from '@switchboard/test-utils';

beforeEach(() => FakeWebSocket.reset());

// §1.9: "If the application unsubscribes while waiting, the retry is abandoned silently."
it.each([
  ['services.unsubscribe', (c: ReturnType<typeof createTestClient>['client']) => c.services.unsubscribe(['call'])],
  ['disconnect', (c: ReturnType<typeof createTestClient>['client']) => c.disconnect()],
])('%s during a 503 retry wait abandons the retry silently', async (_name, stop) => {
  const g = fakeFetch(() => ({ status: 503, body: { subscribeResponse: { statusCode: 503, retryAfter: 60_000 } } }));
  const logs: LogEntry[] = [];
  const { client, of } = createTestClient({
    builtins: ['connectivity'], sockets: FakeWebSocket, credentials: null, fetch: g,
    config: { logs: { logLevel: 'info', handler: (e: LogEntry) => logs.push(e) } },
  });
  client.setCredentials({ username: 'alice@example.com', password: 'p' });
  client.services.subscribe(['call']);
  // The real condition: the 503 was read and the retry wait scheduled (not "the POST was sent").
  await until(() => logs.some((e) => String(e.messages[0]).startsWith('subscribe: 503, retry 1 in')));
  stop(client);
  await until(() => !client.services.getSubscriptions().isPending);
  await new Promise((r) => setTimeout(r, 20));
  expect(g.requests.map((r) => r.method)).toEqual(['POST']);
  expect(of('subscription:error')).toEqual([]);
  expect(client.services.getSubscriptions().subscribed).toEqual([]);
  await client.destroy();
});
