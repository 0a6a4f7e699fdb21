/**
 * A failed service-list change (PUT, protocol §2.4) leaves the client's state as it was: the stored
 * record, `getSubscriptions()` and the services later PUTs / re-subscriptions are built from. Only a
 * successful PUT response replaces the record.
 */
import { createTestClient, fakeFetch, FakeWebSocket, subscribeResponse, until, type Reply, type SeenRequest } from '@switchboard/test-utils';

const ALICE = { username: 'alice@example.com', password: 'alice-secret' };
const services = (req: SeenRequest | undefined) => (req?.body as { subscribeRequest: { service: string[] } }).subscribeRequest.service;

/** A gateway whose PUTs answer with `putReply()` (network error when it throws) while it returns a reply. */
async function subscribed(putReply: () => Reply | undefined) {
  const g = fakeFetch((req) => {
    const service = services(req.method === 'DELETE' ? { ...req, body: { subscribeRequest: {} } } : req) ?? [];
    if (req.method === 'POST') return { status: 201, body: subscribeResponse(service) };
    if (req.method === 'PUT') return putReply() ?? { status: 200, body: subscribeResponse(service) };
    return { status: 204 };
  });
  const env = createTestClient({ builtins: ['connectivity'], sockets: FakeWebSocket, credentials: null, fetch: g });
  clients.push(env.client);
  env.client.setCredentials(ALICE);
  env.client.services.subscribe(['call', 'IM']);
  await until(() => env.of('subscription:change').length === 1);
  return { ...env, requests: g.requests };
}

const http500: Reply = { status: 500, body: { subscribeResponse: { statusCode: 9 } } };
const refused2xx: Reply = { status: 200, body: { subscribeResponse: { statusCode: 37 } } };
const failures: Array<[string, () => Reply, string, string]> = [
  ['HTTP 500', () => http500, 'authentication:6', 'Failed to update the subscription. Status Code 9'],
  ['2xx with statusCode 37', () => refused2xx, 'authentication:6', 'Failed to update the subscription. Status Code 37'],
  ['a network error', () => { throw new TypeError('network down'); }, 'authentication:2', 'Update failed: server unreachable'],
];

const clients: Array<{ destroy(): Promise<void> }> = [];
beforeEach(() => FakeWebSocket.reset());
afterEach(async () => void (await Promise.all(clients.splice(0).map((c) => c.destroy().catch(() => undefined)))));

describe.each(failures)('a service-change PUT failing with %s', (_name, failure, code, message) => {
  it('unsubscribe of a subset: state unchanged, subscription:error, later changes start from the granted list', async () => {
    let fail = true;
    const { client, requests, of } = await subscribed(() => (fail ? failure() : undefined));
    client.services.unsubscribe(['IM']);
    await until(() => of('subscription:error').length === 1);
    expect(of('subscription:error')).toEqual([{ error: expect.objectContaining({ code, message: expect.stringContaining(message) }) }]);
    expect(services(requests[1])).toEqual(['call']);
    expect(of('subscription:change')).toHaveLength(1);
    expect(client.services.getSubscriptions()).toMatchObject({ subscribed: ['call', 'IM'], isPending: false });
    expect(client.getConnection()).toMatchObject({ isConnected: true, error: { code } });

    fail = false;
    client.services.subscribe(['Presence']);
    await until(() => of('subscription:change').length === 2);
    expect(services(requests[2])).toEqual(['call', 'IM', 'Presence']);
    expect(client.services.getSubscriptions().subscribed).toEqual(['call', 'IM', 'Presence']);
  });

  it('subscribe of more services while subscribed: state unchanged, subscription:error, later changes start from the granted list', async () => {
    let fail = true;
    const { client, requests, of } = await subscribed(() => (fail ? failure() : undefined));
    client.services.subscribe(['Presence']);
    await until(() => of('subscription:error').length === 1);
    expect(of('subscription:error')).toEqual([{ error: expect.objectContaining({ code, message: expect.stringContaining(message) }) }]);
    expect(services(requests[1])).toEqual(['call', 'IM', 'Presence']);
    expect(of('subscription:change')).toHaveLength(1);
    expect(client.services.getSubscriptions()).toMatchObject({ subscribed: ['call', 'IM'], isPending: false });

    fail = false;
    client.services.unsubscribe(['IM']);
    await until(() => of('subscription:change').length === 2);
    expect(services(requests[2])).toEqual(['call']);
    expect(client.services.getSubscriptions().subscribed).toEqual(['call']);
  });
});

describe('a service-change PUT answered 404 + 39 (the subscription is gone)', () => {
  it('drops the subscription as GONE and re-subscribes with the list the application asked for', async () => {
    let gone = true;
    const { client, requests, of } = await subscribed(() => (gone ? ((gone = false), { status: 404, body: { subscribeResponse: { statusCode: 39 } } }) : undefined));
    client.services.unsubscribe(['IM']);
    await until(() => of('subscription:change').length === 3);
    expect(of('subscription:change')).toEqual([{}, { reason: 'GONE' }, {}]);
    expect(requests.map((r) => r.method)).toEqual(['POST', 'PUT', 'POST']);
    expect(services(requests[2])).toEqual(['call']);
    expect(client.services.getSubscriptions().subscribed).toEqual(['call']);
  });
});
