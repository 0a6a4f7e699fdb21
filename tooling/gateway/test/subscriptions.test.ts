import type { Gateway } from '../src/index';
import { ALICE, BOB, WsClient, api, basic, connect, eventually, subscribe, subscribeBody, startTestGateway, userPath } from './helpers';

let gw: Gateway;
beforeAll(async () => {
  gw = await startTestGateway({ maxSubscriptionsPerUser: 2 });
});
afterAll(() => gw.close());

const subPath = (user: string) => `${userPath(user)}/subscription`;

afterEach(async () => {
  for (const s of gw.hooks.subscriptions()) {
    await api(gw, 'DELETE', s.subscription, undefined, basic(s.username));
  }
});

describe('create', () => {
  it('returns the full §2.2 response with services echoed in the client spelling', async () => {
    const res = await subscribe(gw, ALICE, { service: ['CALL', 'im', 'Presence', 'smsinbound', 'Custom'], clientCorrelator: 'tab-1' });
    expect(res.statusCode).toBe(0);
    expect(res.subscription).toMatch(/^\/rest\/version\/1\/user\/alice@example\.com\/subscription\/sub-/);
    const p = res.subscriptionParams;
    expect(p.service).toEqual(['CALL', 'im', 'Presence', 'smsinbound', 'Custom']);
    expect(p.notificationChannel).toMatch(/^\/rest\/version\/1\/user\/alice@example\.com\/websocket\/ch-[A-Za-z0-9_-]{32}$/);
    expect(p.expires).toBe(3600);
    expect(p.clientCorrelator).toBe('tab-1');
    expect(p.turnCredentials).toEqual({ username: expect.stringMatching(/^\d+:alice$/), password: expect.any(String) });
    expect(typeof p.sessionId).toBe('string');
    const other = await subscribe(gw, BOB);
    expect(other.subscriptionParams.notificationChannel).not.toBe(p.notificationChannel);
  });

  it('rejects a bad clientCorrelator with 400 + 38 (unknown services are not granted, see hardening.test)', async () => {
    const cc = await api(gw, 'POST', subPath(ALICE), subscribeBody({ clientCorrelator: 'has space/slash' }), basic(ALICE));
    expect(cc.status).toBe(400);
    expect(cc.body.subscribeResponse.statusCode).toBe(38);
    expect(gw.hooks.subscriptions(ALICE)).toHaveLength(0);
  });

  it('validates the body: malformed JSON and missing fields → 400 in the wrapper', async () => {
    const malformed = await api(gw, 'POST', subPath(ALICE), '{"subscribeRequest":', basic(ALICE));
    expect(malformed.status).toBe(400);
    expect(malformed.body).toEqual({ subscribeResponse: { statusCode: 5, reason: expect.any(String) } });
    for (const body of [{}, { subscribeRequest: { service: ['call'] } }, { subscribeRequest: { expires: 60, service: [] } }, [1, 2], 'null']) {
      const res = await api(gw, 'POST', subPath(ALICE), body, basic(ALICE));
      expect(res.status).toBe(400);
      expect(res.body.subscribeResponse.statusCode).toBe(5);
    }
  });
});

describe('refresh and delete', () => {
  it('refreshes by path and by clientCorrelator, changing the service list', async () => {
    const res = await subscribe(gw, ALICE, { clientCorrelator: 'dev-9' });
    const byPath = await api(gw, 'PUT', res.subscription, subscribeBody({ service: ['call'] }), basic(ALICE));
    expect(byPath.status).toBe(200);
    expect(byPath.body.subscribeResponse.statusCode).toBe(0);
    expect(byPath.body.subscribeResponse.subscriptionParams.service).toEqual(['call']);
    expect(byPath.body.subscribeResponse.subscription).toBe(res.subscription);
    const byCc = await api(gw, 'PUT', `${subPath(ALICE)}/clientCorrelator/dev-9`, subscribeBody({ service: ['custom'] }), basic(ALICE));
    expect(byCc.status).toBe(200);
    expect(byCc.body.subscribeResponse.subscriptionParams.notificationChannel).toBe(res.subscriptionParams.notificationChannel);
    expect(gw.hooks.subscriptions(ALICE)[0].service).toEqual(['custom']);
  });

  it('answers 404 + 39 for unknown subscriptions and for another user', async () => {
    const unknown = await api(gw, 'PUT', `${subPath(ALICE)}/sub-nope`, subscribeBody(), basic(ALICE));
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ subscribeResponse: { statusCode: 39, reason: expect.any(String) } });
    expect((await api(gw, 'DELETE', `${subPath(ALICE)}/sub-nope`, undefined, basic(ALICE))).status).toBe(404);
    const bobs = await subscribe(gw, BOB);
    const id = bobs.subscription.split('/').pop();
    expect((await api(gw, 'DELETE', `${subPath(ALICE)}/${id}`, undefined, basic(ALICE))).status).toBe(404);
  });

  it('DELETE drops the subscription without gone and closes the socket with 1000', async () => {
    const { sub, ws } = await connect(gw, ALICE);
    const del = await api(gw, 'DELETE', sub.subscription, undefined, basic(ALICE));
    expect(del.status).toBe(204);
    const closed = await ws.closed;
    expect(closed.code).toBe(1000);
    expect(ws.types()).not.toContain('gone');
    expect(gw.hooks.subscriptions(ALICE)).toHaveLength(0);
    await expect(WsClient.open(gw.wsUrl + sub.subscriptionParams.notificationChannel)).rejects.toThrow('HTTP 404');
  });
});

describe('limits and expiry', () => {
  it('rejects the third subscription with 403 + 19 unless forceLogOut evicts the oldest with gone', async () => {
    const first = await connect(gw, ALICE);
    await subscribe(gw, ALICE);
    const refused = await api(gw, 'POST', subPath(ALICE), subscribeBody({ forceLogOut: 'false' }), basic(ALICE));
    expect(refused.status).toBe(403);
    expect(refused.body.subscribeResponse.statusCode).toBe(19);
    const forced = await api(gw, 'POST', subPath(ALICE), subscribeBody({ forceLogOut: 'true' }), basic(ALICE));
    expect(forced.status).toBe(200);
    const gone = await first.ws.waitFor('gone');
    expect(gone.eventId).toMatch(/^[0-9a-f-]{36}$/);
    expect((await first.ws.closed).code).toBe(1000);
    const ids = gw.hooks.subscriptions(ALICE).map((s) => s.subscription);
    expect(ids).toHaveLength(2);
    expect(ids).not.toContain(first.sub.subscription);
  });

  it('expires a subscription that is not refreshed: gone, then close 1000, then 404 + 39', async () => {
    const { sub, ws } = await connect(gw, ALICE, { expires: 1 });
    await ws.waitFor('gone', 0, 4000);
    expect((await ws.closed).code).toBe(1000);
    const refresh = await api(gw, 'PUT', sub.subscription, subscribeBody({ expires: 1 }), basic(ALICE));
    expect(refresh.status).toBe(404);
    expect(refresh.body.subscribeResponse.statusCode).toBe(39);
  });

  it('keeps a refreshed subscription alive past its original lifetime', async () => {
    const { sub, ws } = await connect(gw, BOB, { expires: 1 });
    await new Promise((r) => setTimeout(r, 600));
    expect((await api(gw, 'PUT', sub.subscription, subscribeBody({ expires: 2 }), basic(BOB))).status).toBe(200);
    await new Promise((r) => setTimeout(r, 700));
    expect(gw.hooks.subscriptions(BOB)).toHaveLength(1);
    expect(ws.types()).not.toContain('gone');
    ws.close();
  });

  it('answers 503 with Retry-After for the armed number of subscribe requests', async () => {
    await api(gw, 'POST', '/__test__/service-unavailable', { count: 2, retryAfterSeconds: 7 });
    for (let i = 0; i < 2; i++) {
      const res = await api(gw, 'POST', subPath(BOB), subscribeBody(), basic(BOB));
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('7');
      expect(res.body.subscribeResponse).toMatchObject({ statusCode: 503, retryAfter: 7000 });
    }
    expect((await api(gw, 'POST', subPath(BOB), subscribeBody(), basic(BOB))).status).toBe(200);
  });

  it('replaces the subscription with the same clientCorrelator', async () => {
    const a = await connect(gw, ALICE, { clientCorrelator: 'same' });
    const b = await subscribe(gw, ALICE, { clientCorrelator: 'same' });
    await a.ws.waitFor('gone');
    await eventually(() => gw.hooks.subscriptions(ALICE).length === 1);
    expect(gw.hooks.subscriptions(ALICE)[0].subscription).toBe(b.subscription);
  });
});
