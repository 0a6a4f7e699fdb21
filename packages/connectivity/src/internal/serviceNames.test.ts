/**
 * Seed 000 service names on the Link wire (protocol §2.3): the app's `chat` goes out as `IM`; the
 * subscription, `getSubscriptions()`, `isSubscribed()` and unsubscribe agree on either spelling, and
 * the 001/002 names (`IM`, `Presence`) keep working as given.
 */
import { definePlugin } from '@switchboard/core';
import { createTestClient, fakeFetch, FakeWebSocket, subscribeResponse, until, type SeenRequest } from '@switchboard/test-utils';
import { connectivityTokens, type SubscriptionView } from '../tokens';

const ALICE = { username: 'alice@example.com', password: 'alice-secret' };
const services = (req: SeenRequest | undefined) => (req?.body as { subscribeRequest: { service: string[] } }).subscribeRequest.service;

/** A client against a gateway granting (and echoing) whatever is asked for, with a probe on the subscription view. */
function setup() {
  const g = fakeFetch((req) => {
    if (req.method === 'POST') return { status: 201, body: subscribeResponse(services(req)) };
    if (req.method === 'PUT') return { status: 200, body: subscribeResponse(services(req)) };
    return { status: 204 };
  });
  let view: SubscriptionView | undefined;
  const probe = definePlugin({ id: 'names-probe', version: '1.0.0', dependsOn: ['connectivity'], deps: { subscription: connectivityTokens.subscription }, register: (ctx) => ((view = ctx.deps.subscription), { api: {} }) });
  const env = createTestClient({ builtins: ['connectivity'], sockets: FakeWebSocket, credentials: null, fetch: g, plugins: [probe] });
  clients.push(env.client);
  env.client.setCredentials(ALICE);
  return { ...env, requests: g.requests, view: () => view! };
}

const clients: Array<{ destroy(): Promise<void> }> = [];
beforeEach(() => FakeWebSocket.reset());
afterEach(async () => void (await Promise.all(clients.splice(0).map((c) => c.destroy().catch(() => undefined)))));

describe('service names (seed 000 ↔ Link §2.3)', () => {
  it("subscribe(['chat', 'presence', 'call']) asks for IM, reports the app's names, and either spelling is granted", async () => {
    const { client, requests, of, view } = setup();
    client.services.subscribe(['chat', 'presence', { service: 'call' }]);
    await until(() => of('subscription:change').length === 1);
    expect(services(requests[0])).toEqual(['IM', 'presence', 'call']);
    expect(client.services.getSubscriptions()).toMatchObject({ subscribed: ['chat', 'presence', 'call'], isPending: false });
    for (const name of ['chat', 'Chat', 'IM', 'im', 'presence', 'Presence', 'call']) expect(view().isSubscribed(name)).toBe(true);
    expect(view().isSubscribed('smsinbound')).toBe(false);
  });

  it("subscribing to 'IM' when 'chat' is granted changes nothing; unsubscribe(['IM']) or (['chat']) removes it", async () => {
    const { client, requests, of, view } = setup();
    client.services.subscribe(['call', 'chat']);
    await until(() => of('subscription:change').length === 1);
    client.services.subscribe(['IM']);
    await until(() => of('subscription:change').length === 2);
    expect(requests).toHaveLength(1); // already granted: no PUT
    client.services.unsubscribe(['IM']);
    await until(() => of('subscription:change').length === 3);
    expect(services(requests[1])).toEqual(['call']);
    expect(client.services.getSubscriptions().subscribed).toEqual(['call']);
    expect(view().isSubscribed('chat')).toBe(false);

    client.services.subscribe(['chat']);
    await until(() => of('subscription:change').length === 4);
    expect(services(requests[2])).toEqual(['call', 'IM']);
    expect(client.services.getSubscriptions().subscribed).toEqual(['call', 'chat']);
    client.services.unsubscribe(['chat']);
    await until(() => of('subscription:change').length === 5);
    expect(services(requests[3])).toEqual(['call']);
    expect(of('subscription:error')).toEqual([]);
  });

  it("the 001/002 names go out as given and are reported as given", async () => {
    const { client, requests, of, view } = setup();
    client.services.subscribe(['call', 'IM', 'Presence']);
    await until(() => of('subscription:change').length === 1);
    expect(services(requests[0])).toEqual(['call', 'IM', 'Presence']);
    expect(client.services.getSubscriptions().subscribed).toEqual(['call', 'IM', 'Presence']);
    expect(view().isSubscribed('chat')).toBe(true);
  });
});
