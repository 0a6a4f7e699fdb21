/**
 * Create-error mapping (seed 000 `subscription:error` table, protocol §1.8) and the
 * `getSubscriptions().available` list built from the services the installed plugins declare.
 */
import { definePlugin } from '@switchboard/core';
import { createTestClient, fakeFetch, FakeWebSocket, subscribeResponse, until, type Reply } from '@switchboard/test-utils';
import { responseError } from './subscriptionWire';
import { refreshFailedError } from '../errors';

const ALICE = { username: 'alice@example.com', password: 'alice-secret' };
const json = (status: number, body: unknown): Reply => ({ status, body });
const credentials = (sc: number | string) => ['authentication:1', `Authorization failed with server. Please check credentials. Status code: ${sc}`];
const failed = (sc: number | string, n = 4) => [`authentication:${n}`, `Failed to subscribe user. Status Code ${sc}`];

beforeEach(() => FakeWebSocket.reset());

describe('create errors → subscription:error codes', () => {
  const cases: Array<[string, Reply, string[], boolean]> = [
    ['401 (wrong password)', json(401, { subscribeResponse: { statusCode: 4 } }), credentials(4), true],
    ['401 without a statusCode', json(401, {}), credentials(401), true],
    ['403 + 4', json(403, { subscribeResponse: { statusCode: 4 } }), credentials(4), true],
    ['403 + 61', json(403, { subscribeResponse: { statusCode: 61 } }), credentials(61), true],
    ['403 + 65 (expired token)', json(403, { subscribeResponse: { statusCode: 65 } }), credentials(65), true],
    ['HTML 403 (unknown user)', { status: 403, text: '<html>no</html>', headers: { 'content-type': 'text/html' } }, credentials(403), true],
    ['403 + 27 (still a request:error, §1.8)', json(403, { subscribeResponse: { statusCode: 27 } }), failed(27), true],
    ['403 + 19 (too many sessions)', json(403, { subscribeResponse: { statusCode: 19 } }), failed(19), false],
    ['400 + 37 (invalid service)', json(400, { subscribeResponse: { statusCode: 37 } }), failed(37), false],
    ['403 + 37 un-wrapped', json(403, { statusCode: 37, reason: 'bad service' }), failed(37), false],
    ['400 + 38 (client correlator)', json(400, { subscribeResponse: { statusCode: 38 } }), failed(38), false],
    ['404 + 39 (no session)', json(404, { subscribeResponse: { statusCode: 39 } }), failed(39), false],
    ...[9, 17, 26, 54].map((sc): [string, Reply, string[], boolean] => [`500 + ${sc}`, json(500, { subscribeResponse: { statusCode: sc } }), failed(sc), false]),
    ['403 + 62 (account disabled)', json(403, { subscribeResponse: { statusCode: 62 } }), failed(62), false],
    ['403 + 63 (account locked)', json(403, { subscribeResponse: { statusCode: 63 } }), failed(63), false],
    ['500 + 53 (backend)', json(500, { subscribeResponse: { statusCode: 53 } }), failed(53, 13), false],
    ['500 without a body', { status: 500, text: '' }, failed(500), false],
  ];

  it.each(cases)('%s', async (_name, reply, [code, message], requestError) => {
    const g = fakeFetch((req) => (req.method === 'POST' ? reply : { status: 204 }));
    const { client, of } = createTestClient({ builtins: ['connectivity'], sockets: FakeWebSocket, credentials: null, fetch: g });
    client.setCredentials(ALICE);
    client.services.subscribe(['call']);
    await until(() => of('subscription:error').length === 1);
    expect(of('subscription:error')).toEqual([{ error: expect.objectContaining({ code, message }) }]);
    expect(of('request:error')).toEqual(requestError ? [{ error: expect.objectContaining({ code: 'AUTHORIZATION_FAILED' }) }] : []);
    // auth:error (002) mirrors request:error and every subscription:error but authentication:1 (reported once)
    expect(of('auth:error')).toHaveLength(requestError && code !== 'authentication:1' ? 2 : 1);
    expect(client.getConnection()).toMatchObject({ isConnected: false, isPending: false, error: { code } });
    expect(FakeWebSocket.instances).toHaveLength(0);
    await client.destroy();
  });

  it('refresh/update failures keep their own code, with 27 not taken as invalid credentials', () => {
    const res = (status: number, statusCode: number, authFailure: boolean) => ({ ok: false, status, body: { subscribeResponse: { statusCode } }, authFailure, json: true });
    expect(responseError(res(403, 27, true), refreshFailedError)).toMatchObject({ code: 'authentication:5', message: 'Failed to extend the subscription. Status Code 27' });
    expect(responseError(res(403, 65, true), refreshFailedError)).toMatchObject({ code: 'authentication:1' });
    expect(responseError(res(403, 62, false), refreshFailedError)).toMatchObject({ code: 'authentication:5' });
  });
});

describe('getSubscriptions().available', () => {
  const gateway = () =>
    fakeFetch((req) => {
      const service = (req.body as { subscribeRequest?: { service?: string[] } } | undefined)?.subscribeRequest?.service ?? [];
      return req.method === 'POST' ? { status: 201, body: subscribeResponse(service) } : { status: 204 };
    });
  const callPlugin = definePlugin({ id: 'fake-call', version: '1.0.0', dependsOn: ['connectivity'], services: ['call'], register: () => ({ api: {} }) });

  it('lists the services declared by the installed plugins (connectivity: custom), plus subscribed ones', async () => {
    const alone = createTestClient({ builtins: ['connectivity'], sockets: FakeWebSocket, credentials: null, fetch: gateway() });
    expect(alone.client.services.getSubscriptions()).toEqual({ subscribed: [], available: ['custom'], isPending: false });
    await alone.client.destroy();

    const { client, of } = createTestClient({ builtins: ['connectivity'], sockets: FakeWebSocket, credentials: null, fetch: gateway(), plugins: [callPlugin] });
    expect(client.services.getSubscriptions().available).toEqual(['custom', 'call']);
    client.setCredentials(ALICE);
    client.services.subscribe(['CALL', 'event:presence']);
    await until(() => of('subscription:change').length === 1);
    expect(client.services.getSubscriptions()).toEqual({ subscribed: ['CALL', 'event:presence'], available: ['custom', 'call', 'event:presence'], isPending: false });
    await client.destroy();
  });
});

describe('ServiceDescriptor.params', () => {
  it('are validated but not sent: the Link subscribeRequest has no per-service parameters (§2.1)', async () => {
    const g = fakeFetch((req) => (req.method === 'POST' ? { status: 201, body: subscribeResponse(['call', 'IM']) } : { status: 204 }));
    const { client, of } = createTestClient({ builtins: ['connectivity'], sockets: FakeWebSocket, credentials: null, fetch: g });
    client.setCredentials(ALICE);
    client.services.subscribe([{ service: 'call', params: { destinationAddress: '+15551234' } }, { service: 'IM' }]);
    await until(() => of('subscription:change').length === 1);
    expect((g.requests[0]?.body as { subscribeRequest: object }).subscribeRequest).toEqual({
      expires: 3600, service: ['call', 'IM'], localization: 'English_US', useTurn: true, notificationType: 'WebSocket',
      supported: ['RingingFeedback'], forceLogOut: 'false',
    });
    await client.destroy();
  });
});
