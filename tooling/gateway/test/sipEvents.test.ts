/**
 * SIP event subscriptions (§8, README "SIP events") over real HTTP/WebSocket: subscribe / update /
 * unsubscribe, phone-presence events on a watched user's call, the admin injection endpoint, a
 * restart on the same data directory, malformed requests (4xx) and another user's subscription.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Gateway } from '../src/index';
import { ALICE, BOB, CAROL, api, basic, connect, eventually, startTestGateway, userPath, type WsClient } from './helpers';

const ADMIN_TOKEN = 'adm-sip-events-0123456789';
const SERVICES = ['call', 'event:presence'];
const evs = (user: string, id = '') => `${userPath(user)}/eventSubscription${id ? `/${id}` : ''}`;
const request = (body: Record<string, unknown>) => ({ eventSubscriptionRequest: body });
const sdp = 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=sendrecv\r\n';

let dir: string;
let gw: Gateway;
const sockets: WsClient[] = [];
const start = () => startTestGateway({ data: dir, adminToken: ADMIN_TOKEN });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gw-sip-events-'));
  gw = await start();
});
afterAll(async () => {
  for (const ws of sockets) ws.close();
  await gw.close();
  rmSync(dir, { recursive: true, force: true });
});

async function watcher(user: string): Promise<WsClient> {
  const { sub, ws } = await connect(gw, user, { service: SERVICES });
  expect(sub.subscriptionParams.service).toEqual(SERVICES);
  sockets.push(ws);
  return ws;
}

async function subscribeTo(user: string, users: string[]): Promise<string> {
  const res = await api(gw, 'POST', evs(user), request({ eventType: 'event:presence', subscribeUserList: users, clientCorrelator: 'tab-1' }), basic(user));
  expect(res.status).toBe(200);
  expect(res.body.eventSubscriptionResponse).toEqual({ statusCode: 0, sessionData: expect.stringMatching(/^evs-/), expires: 3600 });
  return res.body.eventSubscriptionResponse.sessionData;
}

/** `from` calls `to` and hangs up; returns `from`'s leg id. */
async function callAndHangUp(from: string, to: string): Promise<string> {
  const res = await api(gw, 'POST', `${userPath(from)}/callControl`, { callControlRequest: { type: 'callStart', to, sdp } }, basic(from));
  expect(res.status).toBe(201);
  const leg = res.body.callControlResponse.sessionData;
  const end = await api(gw, 'DELETE', `${userPath(from)}/callControl/callSessions/${leg}`, undefined, basic(from));
  expect(end.status).toBeLessThan(300);
  return leg;
}

describe('SIP event subscriptions (§8)', () => {
  it('grants event:* services, stores a subscription and sends phone presence when a watched user calls', async () => {
    const ws = await watcher(ALICE);
    const id = await subscribeTo(ALICE, [BOB]);
    expect(gw.hooks.sipEventSubscriptions(ALICE)).toEqual([expect.objectContaining({ id, eventType: 'event:presence', users: [BOB], clientCorrelator: 'tab-1' })]);
    const from = ws.frames.length;
    const leg = await callAndHangUp(BOB, CAROL);
    const busy = await ws.waitFor('event:presence', from);
    // linked to the call: the watched user's leg (alice is not in the call)
    expect(busy.genericNotificationParams).toMatchObject({ from: `sip:${BOB}`, status: 'on-the-phone', subscription: id, sessiondataType: 'call', sessionData: leg });
    await eventually(() => ws.frames.slice(from).some((f) => f.notificationMessage?.genericNotificationParams?.status === 'open'));
    const statuses = ws.frames.slice(from).map((f) => f.notificationMessage?.genericNotificationParams?.status);
    expect(statuses).toEqual(['on-the-phone', 'open']);
    await api(gw, 'DELETE', evs(ALICE, id), undefined, basic(ALICE));
  });

  it('links the event to the watcher\'s own leg when the watcher is the other party of the call', async () => {
    const ws = await watcher(ALICE);
    const id = await subscribeTo(ALICE, [BOB]);
    const from = ws.frames.length;
    const res = await api(gw, 'POST', `${userPath(BOB)}/callControl`, { callControlRequest: { type: 'callStart', to: ALICE, sdp } }, basic(BOB));
    const bobLeg = res.body.callControlResponse.sessionData;
    const call = gw.hooks.calls().find((c) => c.caller.id === bobLeg)!;
    expect(call.callee.username).toBe(ALICE);
    const busy = await ws.waitFor('event:presence', from);
    expect(busy.genericNotificationParams).toMatchObject({ status: 'on-the-phone', sessiondataType: 'call', sessionData: call.callee.id });
    // after alice's own `call` notification: her SDK knows the leg when the event names it
    const types = ws.frames.slice(from).map((f) => f.notificationMessage?.eventType);
    expect(types.indexOf('call')).toBeLessThan(types.indexOf('event:presence'));
    await api(gw, 'DELETE', `${userPath(BOB)}/callControl/callSessions/${bobLeg}`, undefined, basic(BOB));
    await api(gw, 'DELETE', evs(ALICE, id), undefined, basic(ALICE));
  });

  it('drops a subscription that was not refreshed within its expires', async () => {
    const res = await api(gw, 'POST', evs(ALICE), request({ eventType: 'event:presence', subscribeUserList: [BOB], expires: 1 }), basic(ALICE));
    const id = res.body.eventSubscriptionResponse.sessionData;
    expect(res.body.eventSubscriptionResponse.expires).toBe(1);
    expect(gw.hooks.sipEventSubscriptions(ALICE).map((r) => r.id)).toEqual([id]);
    await eventually(() => gw.hooks.sipEventSubscriptions(ALICE).length === 0);
    const refresh = await api(gw, 'PUT', evs(ALICE, id), request({ eventType: 'event:presence' }), basic(ALICE));
    expect(refresh.status).toBe(404);
    expect(refresh.body.eventSubscriptionResponse.statusCode).toBe(42);
  });

  it('updates (adds and removes users), refreshes and unsubscribes', async () => {
    const ws = await watcher(ALICE);
    const id = await subscribeTo(ALICE, [BOB]);
    const upd = await api(gw, 'PUT', evs(ALICE, id), request({ eventType: 'event:presence', subscribeUserList: [CAROL], unsubscribeUserList: [BOB] }), basic(ALICE));
    expect(upd.status).toBe(200);
    expect(upd.body.eventSubscriptionResponse).toEqual({ statusCode: 0, sessionData: id, expires: 3600 });
    expect(gw.hooks.sipEventSubscriptions(ALICE)[0].users).toEqual([CAROL]);
    // The events follow the update: bob's call (first) gives alice nothing, carol's (after it) does.
    const from = ws.frames.length;
    await callAndHangUp(BOB, ALICE);
    await callAndHangUp(CAROL, ALICE);
    await eventually(() => ws.frames.slice(from).filter((f) => f.notificationMessage?.eventType === 'event:presence').length === 2);
    const senders = ws.frames.slice(from).filter((f) => f.notificationMessage?.eventType === 'event:presence').map((f) => f.notificationMessage.genericNotificationParams.from);
    expect(senders).toEqual([`sip:${CAROL}`, `sip:${CAROL}`]);
    const refresh = await api(gw, 'PUT', evs(ALICE, id), request({ eventType: 'event:presence' }), basic(ALICE));
    expect(refresh.status).toBe(200);
    expect(gw.hooks.sipEventSubscriptions(ALICE)[0].users).toEqual([CAROL]);
    const del = await api(gw, 'DELETE', evs(ALICE, id), undefined, basic(ALICE));
    expect(del.status).toBe(204);
    expect(gw.hooks.sipEventSubscriptions(ALICE)).toEqual([]);
    const again = await api(gw, 'DELETE', evs(ALICE, id), undefined, basic(ALICE));
    expect(again.status).toBe(404);
    expect(again.body.eventSubscriptionResponse.statusCode).toBe(42);
  });

  it('removing the last user deletes the subscription', async () => {
    const id = await subscribeTo(ALICE, [BOB]);
    const upd = await api(gw, 'PUT', evs(ALICE, id), request({ eventType: 'event:presence', unsubscribeUserList: [BOB] }), basic(ALICE));
    expect(upd.status).toBe(200);
    expect(gw.hooks.sipEventSubscriptions(ALICE)).toEqual([]);
  });

  it('injects a solicited or unsolicited event through the admin endpoint (bearer token)', async () => {
    const ws = await watcher(CAROL);
    const body = { username: CAROL, eventType: 'event:presence', genericNotificationParams: { from: 'sip:x@example.com', data: 'hello' } };
    const refused = await api(gw, 'POST', '/admin/sip-events', body, { Authorization: 'Bearer wrong' });
    expect(refused.status).toBe(401);
    const from = ws.frames.length;
    const res = await api(gw, 'POST', '/admin/sip-events', body, { Authorization: `Bearer ${ADMIN_TOKEN}` });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ statusCode: 0, delivered: 1 });
    const event = await ws.waitFor('event:presence', from);
    expect(event.genericNotificationParams).toEqual({ from: 'sip:x@example.com', data: 'hello' });
    const bad = await api(gw, 'POST', '/admin/sip-events', { ...body, eventType: 'presence' }, { Authorization: `Bearer ${ADMIN_TOKEN}` });
    expect(bad.status).toBe(400);
    const hook = await api(gw, 'POST', '/__test__/sip-events', { ...body, genericNotificationParams: { n: 2 } });
    expect(hook.body.delivered).toBe(1);
  });

  it('answers malformed requests with 4xx and keeps another user out', async () => {
    const id = await subscribeTo(ALICE, [BOB]);
    const bad: unknown[] = [
      undefined,
      { nope: 1 },
      request({ subscribeUserList: [BOB] }),
      request({ eventType: 'presence', subscribeUserList: [BOB] }),
      request({ eventType: 'event:presence' }),
      request({ eventType: 'event:presence', subscribeUserList: [] }),
      request({ eventType: 'event:presence', subscribeUserList: [7] }),
      request({ eventType: 'event:presence', subscribeUserList: [BOB], expires: -1 }),
      request({ eventType: 'event:presence', subscribeUserList: [BOB], customParameters: [{ name: 1 }] }),
      request({ eventType: 'event:presence', subscribeUserList: Array.from({ length: 101 }, (_, i) => `u${i}@example.com`) }),
    ];
    for (const body of bad) {
      const res = await api(gw, 'POST', evs(ALICE), body, basic(ALICE));
      expect([res.status, body]).toEqual([expect.any(Number), body]);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
    const wrongType = await api(gw, 'PUT', evs(ALICE, id), request({ eventType: 'event:dialog' }), basic(ALICE));
    expect(wrongType.status).toBe(400);
    // Bob on his own path does not find Alice's subscription; on Alice's path he is refused.
    for (const method of ['PUT', 'DELETE']) {
      const own = await api(gw, method, evs(BOB, id), method === 'PUT' ? request({ eventType: 'event:presence', unsubscribeUserList: [BOB] }) : undefined, basic(BOB));
      expect(own.status).toBe(404);
      const hers = await api(gw, method, evs(ALICE, id), undefined, basic(BOB));
      expect(hers.status).toBe(403);
    }
    expect(gw.hooks.sipEventSubscriptions(ALICE)).toEqual([expect.objectContaining({ id, users: [BOB] })]);
    await api(gw, 'DELETE', evs(ALICE, id), undefined, basic(ALICE));
  });

  it('keeps subscriptions across a restart on the same data directory', async () => {
    const id = await subscribeTo(ALICE, [BOB]);
    for (const ws of sockets.splice(0)) ws.close();
    await gw.close();
    gw = await start();
    expect(gw.hooks.sipEventSubscriptions(ALICE)).toEqual([expect.objectContaining({ id, users: [BOB] })]);
    const ws = await watcher(ALICE);
    const from = ws.frames.length;
    await callAndHangUp(BOB, CAROL);
    expect((await ws.waitFor('event:presence', from)).genericNotificationParams.subscription).toBe(id);
  });
});
