/**
 * Issue 12, attacker's view of the SIP event routes (§8) and `/admin/sip-events`: unauthenticated
 * requests, malformed bodies, a watched user flooding an offline watcher's queue with phone
 * presence, how much one user can make the gateway store, the admin token, and the log.
 */
import type { Gateway, GatewayOptions } from '../../src/index';
import { ALICE, BOB, CAROL, api, basic, connect, eventually, startTestGateway, userPath, type WsClient } from '../helpers';

const ADMIN_TOKEN = 'adm-sip-abuse-5f0c9b2e71';
const gateways: Gateway[] = [];
const sockets: WsClient[] = [];
afterAll(async () => {
  for (const ws of sockets) ws.close();
  for (const gw of gateways) await gw.close();
});

let lines: string[] = [];
async function start(options: GatewayOptions = {}): Promise<Gateway> {
  lines = [];
  const gw = await startTestGateway({ adminToken: ADMIN_TOKEN, notificationGraceMs: 0, logger: (l) => lines.push(l), ...options });
  gateways.push(gw);
  return gw;
}
const evs = (user: string, id = '') => `${userPath(user)}/eventSubscription${id ? `/${id}` : ''}`;
const request = (body: Record<string, unknown>) => ({ eventSubscriptionRequest: body });
const presence = (users: string[], extra: Record<string, unknown> = {}) => request({ eventType: 'event:presence', subscribeUserList: users, ...extra });
const sdp = 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=sendrecv\r\n';
const bugs = () => lines.filter((l) => /BUG|\n\s+at /.test(l));

describe('without credentials', () => {
  it('every SIP event route answers 401 and stores nothing; the admin injection too (no, a wrong or a prefixed token)', async () => {
    const gw = await start();
    const created = await api(gw, 'POST', evs(ALICE), presence([BOB]), basic(ALICE));
    const id = created.body.eventSubscriptionResponse.sessionData;
    for (const [method, path] of [['POST', evs(ALICE)], ['PUT', evs(ALICE, id)], ['DELETE', evs(ALICE, id)]]) {
      const res = await api(gw, method, path, method === 'DELETE' ? undefined : presence([CAROL]));
      expect([method, res.status]).toEqual([method, 401]);
    }
    expect(gw.hooks.sipEventSubscriptions(ALICE)).toEqual([expect.objectContaining({ id, users: [BOB] })]);
    const body = { username: ALICE, eventType: 'event:presence', genericNotificationParams: { x: 1 } };
    for (const headers of [{} as Record<string, string>, { Authorization: 'Bearer wrong' }, { Authorization: `Bearer ${ADMIN_TOKEN}x` }, { Authorization: `Bearer ${ADMIN_TOKEN.slice(0, -1)}` }, { Authorization: ADMIN_TOKEN }]) {
      expect((await api(gw, 'POST', '/admin/sip-events', body, headers)).status).toBe(401);
    }
    const noAdmin = await startTestGateway({ testEndpoints: false });
    gateways.push(noAdmin);
    expect((await api(noAdmin, 'POST', '/admin/sip-events', body, { Authorization: `Bearer ${ADMIN_TOKEN}` })).status).toBe(404);
  });
});

describe('malformed bodies', () => {
  it('non-JSON, arrays, wrong wrappers and prototype names are 400, nothing stored, no BUG', async () => {
    const gw = await start();
    const created = await api(gw, 'POST', evs(ALICE), presence([BOB]), basic(ALICE));
    const id = created.body.eventSubscriptionResponse.sessionData;
    const bodies: unknown[] = ['{"eventSubscriptionRequest":', 'null', '[]', '"x"', request({ eventType: 'event:presence', subscribeUserList: 'bob' }), { __proto__: null, eventSubscriptionRequest: [] }, request({ eventType: 'event:__proto__', subscribeUserList: [{}] })];
    for (const body of bodies) {
      for (const [method, path] of [['POST', evs(ALICE)], ['PUT', evs(ALICE, id)]]) {
        const res = await api(gw, method, path, body, basic(ALICE));
        expect([method, body, res.status]).toEqual([method, body, 400]);
      }
    }
    const admin = await api(gw, 'POST', '/admin/sip-events', '{"username":', { Authorization: `Bearer ${ADMIN_TOKEN}` });
    expect(admin.status).toBe(400);
    expect(gw.hooks.sipEventSubscriptions(ALICE)).toEqual([expect.objectContaining({ id, users: [BOB] })]);
    expect(bugs()).toEqual([]);
  });
});

describe("a watched user cannot end an offline watcher's subscription by overflowing its queue", () => {
  it("phone presence of a watched user's calls stops at the watcher's share of its queue; its subscription lives", async () => {
    const LIMIT = 20;
    const gw = await start({ maxQueuedNotifications: LIMIT });
    const alice = await connect(gw, ALICE, { service: ['call', 'event:presence'] });
    sockets.push(alice.ws);
    expect((await api(gw, 'POST', evs(ALICE), presence([BOB]), basic(ALICE))).status).toBe(200);
    gw.hooks.dropSocket(ALICE, 4000);
    await eventually(() => gw.hooks.subscriptions(ALICE).every((s) => !s.connected));
    for (let i = 0; i < LIMIT; i++) {
      const res = await api(gw, 'POST', `${userPath(BOB)}/callControl`, { callControlRequest: { type: 'callStart', to: CAROL, sdp } }, basic(BOB));
      expect(res.status).toBe(201);
      await api(gw, 'DELETE', `${userPath(BOB)}/callControl/callSessions/${res.body.callControlResponse.sessionData}`, undefined, basic(BOB));
    }
    // The effects run once each response is written: the next request is behind them.
    await api(gw, 'GET', `${userPath(ALICE)}/conversations`, undefined, basic(ALICE));
    expect(gw.hooks.subscriptions(ALICE).map((s) => s.queued)).toEqual([LIMIT / 2]);
    expect(lines.some((l) => l.includes('queue overflow'))).toBe(false);
  });
});

describe('how much one user can make the gateway store', () => {
  it('SIP event subscriptions per user are capped (maxSipEventSubscriptionsPerUser): 403 + 19, nothing stored; replacing one of the same type still works', async () => {
    const gw = await start({ maxSipEventSubscriptionsPerUser: 3 });
    for (const type of ['event:a', 'event:b', 'event:c']) expect((await api(gw, 'POST', evs(ALICE), request({ eventType: type, subscribeUserList: [BOB] }), basic(ALICE))).status).toBe(200);
    const refused = await api(gw, 'POST', evs(ALICE), request({ eventType: 'event:d', subscribeUserList: [BOB] }), basic(ALICE));
    expect(refused).toMatchObject({ status: 403, body: { eventSubscriptionResponse: { statusCode: 19 } } });
    expect(gw.hooks.sipEventSubscriptions(ALICE).map((r) => r.eventType).sort()).toEqual(['event:a', 'event:b', 'event:c']);
    // a new subscribe of a type it has replaces it (no growth), and other users have their own budget
    expect((await api(gw, 'POST', evs(ALICE), request({ eventType: 'event:b', subscribeUserList: [CAROL] }), basic(ALICE))).status).toBe(200);
    expect(gw.hooks.sipEventSubscriptions(ALICE)).toHaveLength(3);
    expect((await api(gw, 'POST', evs(BOB), request({ eventType: 'event:d', subscribeUserList: [ALICE] }), basic(BOB))).status).toBe(200);
  });

  it('customParameters and clientCorrelator are bounded (413 + 5 over the size, 403 + 19 over the count), nothing stored', async () => {
    const gw = await start();
    const big = 'x'.repeat(300 * 1024);
    const cases = [
      [presence([BOB], { clientCorrelator: big }), 413],
      [presence([BOB], { customParameters: [{ name: 'X-a', value: big }] }), 413],
      [presence([BOB], { customParameters: Array.from({ length: 21 }, (_, i) => ({ name: `X-${i}`, value: 'v' })) }), 403],
    ] as const;
    for (const [body, status] of cases) {
      const res = await api(gw, 'POST', evs(ALICE), body, basic(ALICE));
      expect(res.status).toBe(status);
      expect(res.body.eventSubscriptionResponse.statusCode).toBe(status === 413 ? 5 : 19);
    }
    expect(gw.hooks.sipEventSubscriptions(ALICE)).toEqual([]);
    const ok = await api(gw, 'POST', evs(ALICE), presence([BOB], { customParameters: [{ name: 'X-nt-GUID', value: 'GUID123abc' }] }), basic(ALICE));
    const id = ok.body.eventSubscriptionResponse.sessionData;
    const update = await api(gw, 'PUT', evs(ALICE, id), request({ eventType: 'event:presence', customParameters: [{ name: 'X-a', value: big }] }), basic(ALICE));
    expect(update.status).toBe(413);
    expect(gw.hooks.sipEventSubscriptions(ALICE)).toEqual([expect.objectContaining({ customParameters: [{ name: 'X-nt-GUID', value: 'GUID123abc' }] })]);
  });
});

describe('the log', () => {
  it('holds neither custom parameter values, the admin token nor injected event data, refused requests included', async () => {
    const gw = await start({ logFormat: 'text' });
    const secret = 'GUID-9c1f4e7a-secret';
    const ok = await api(gw, 'POST', evs(ALICE), presence([BOB], { clientCorrelator: 'corr-3b7d', customParameters: [{ name: 'X-nt-GUID', value: secret }] }), basic(ALICE));
    const id = ok.body.eventSubscriptionResponse.sessionData;
    await api(gw, 'PUT', evs(ALICE, id), request({ eventType: 'event:dialog', customParameters: [{ name: 'X-nt-GUID', value: secret }] }), basic(ALICE));
    await api(gw, 'POST', evs(ALICE), presence([BOB], { customParameters: [{ name: 'X-a', value: `${secret}${'x'.repeat(5000)}` }] }), basic(ALICE));
    const inject = { username: ALICE, eventType: 'event:presence', genericNotificationParams: { data: secret } };
    expect((await api(gw, 'POST', '/admin/sip-events', inject, { Authorization: `Bearer ${ADMIN_TOKEN}` })).status).toBe(200);
    expect((await api(gw, 'POST', '/admin/sip-events', { ...inject, eventType: 'nope' }, { Authorization: `Bearer ${ADMIN_TOKEN}` })).status).toBe(400);
    expect((await api(gw, 'POST', '/admin/sip-events', inject, { Authorization: `Bearer ${ADMIN_TOKEN}-not` })).status).toBe(401);
    // the requests are logged (so the test can fail): only not their secrets
    expect(lines.some((l) => l.includes('/eventSubscription'))).toBe(true);
    const joined = lines.join('\n');
    for (const value of [secret, ADMIN_TOKEN, 'corr-3b7d']) expect(joined).not.toContain(value);
    expect(bugs()).toEqual([]);
  });
});
