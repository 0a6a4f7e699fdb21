/**
 * A gateway started again on the same data directory carries on: the same subscriptions,
 * sessions and channels, queued notifications delivered once, calls (audit, renegotiation, end),
 * push registrations and tokens, and the timers re-armed from their stored deadlines.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Gateway } from '../src/index';
import { STORE_FILE, openSqliteStore } from '../src/store';
import { ALICE, BOB, CAROL, WsClient, api, basic, connect, eventually, startTestGateway, userPath } from './helpers';

const sdp = (tag: string) => `v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=${tag}\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=sendrecv\r\n`;
const calls = (user: string) => `${userPath(user)}/callControl`;
const leg = (user: string, id: string) => `${calls(user)}/callSessions/${id}`;
const control = (body: Record<string, unknown>) => ({ callControlRequest: body });

let dir: string;
const gateways: Gateway[] = [];
const sockets: WsClient[] = [];
const start = async (extra: Parameters<typeof startTestGateway>[0] = {}) => {
  const gw = await startTestGateway({ data: dir, ...extra });
  gateways.push(gw);
  return gw;
};
const open = async (gw: Gateway, channel: string) => {
  const ws = await WsClient.open(gw.wsUrl + channel);
  sockets.push(ws);
  ws.ping();
  return ws;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gw-restart-'));
});
afterAll(async () => {
  for (const ws of sockets) ws.close();
  for (const gw of gateways) await gw.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('restart on the same data directory', () => {
  it('keeps subscriptions, channels, queued notifications, calls, push registrations and tokens', async () => {
    const gw1 = await start();
    const a = await connect(gw1, ALICE);
    const b = await connect(gw1, BOB);
    sockets.push(a.ws, b.ws);
    const started = await api(gw1, 'POST', calls(ALICE), control({ type: 'callStart', to: BOB, sdp: sdp('offer') }), basic(ALICE));
    const aleg = started.body.callControlResponse.sessionData as string;
    const bleg = (await b.ws.waitFor('call')).sessionParams.sessionData as string;
    expect((await api(gw1, 'PUT', leg(BOB, bleg), control({ type: 'callAnswer', sdp: sdp('answer') }), basic(BOB))).status).toBe(200);
    await a.ws.waitFor('respondCallUpdate');
    const reg = await api(gw1, 'POST', `${userPath(BOB)}/push/google/devices/`, { deviceToken: 'g1', service: ['call'] }, basic(BOB));
    expect(reg.status).toBe(201);
    const token = gw1.hooks.issueToken(BOB, 'bearer');
    const before = gw1.hooks.subscriptions();

    // Bob's socket goes away; a notification for him is queued, then the gateway stops.
    b.ws.close();
    await b.ws.closed;
    await eventually(() => !gw1.hooks.subscriptions(BOB)[0].connected);
    expect(gw1.hooks.sendNotification(BOB, { eventType: 'custom', eventId: 'queued-1', customNotificationParams: { n: 1 } })).toBe(1);
    a.ws.close();
    await gw1.close();

    const gw2 = await start();
    expect(gw2.hooks.subscriptions()).toEqual(before.map((s) => ({ ...s, connected: false, queued: s.username === BOB ? 1 : 0 })));
    expect(gw2.hooks.pushRegistrations(BOB)).toEqual([expect.objectContaining({ deviceToken: 'g1', registration: reg.body.googleDeviceRegistrationResponse.registration })]);
    expect(gw2.hooks.calls()).toEqual([expect.objectContaining({ state: 'answered', caller: expect.objectContaining({ id: aleg }), callee: expect.objectContaining({ id: bleg }) })]);

    // The same channel accepts the socket again; the queued notification arrives once.
    const bob = await open(gw2, b.sub.subscriptionParams.notificationChannel);
    const alice = await open(gw2, a.sub.subscriptionParams.notificationChannel);
    await bob.waitFor('custom');
    gw2.hooks.sendNotification(BOB, { eventType: 'marker' });
    await bob.waitFor('marker');
    expect(bob.types()).toEqual(['custom', 'marker']);
    expect(bob.frames[0].notificationMessage).toMatchObject({ eventId: 'queued-1', customNotificationParams: { n: 1 } });

    // The session id, the token, the subscription refresh and the call all still work.
    const session = { 'x-session': b.sub.subscriptionParams.sessionId };
    expect((await api(gw2, 'PUT', leg(BOB, bleg), control({ type: 'audit' }), session)).status).toBe(200);
    expect((await api(gw2, 'PUT', leg(ALICE, aleg), control({ type: 'audit' }), basic(ALICE))).status).toBe(200);
    expect((await api(gw2, 'GET', `${userPath(BOB)}/callControl/callSessions/${bleg}`, undefined, { Authorization: `Bearer ${token}` })).status).toBe(200);
    const refresh = await api(gw2, 'PUT', a.sub.subscription, { subscribeRequest: { expires: 600, service: ['call'] } }, basic(ALICE));
    expect(refresh.status).toBe(200);
    expect((await api(gw2, 'PUT', leg(ALICE, aleg), control({ type: 'startCallUpdate', sdp: sdp('hold') }), basic(ALICE))).status).toBe(200);
    expect((await bob.waitFor('startCallUpdate')).sessionParams.sdp).toBe(sdp('hold'));
    expect((await api(gw2, 'PUT', leg(BOB, bleg), control({ type: 'respondCallUpdate', sdp: sdp('held') }), basic(BOB))).status).toBe(200);
    expect((await alice.waitFor('respondCallUpdate')).sessionParams.sdp).toBe(sdp('held'));
    expect((await api(gw2, 'DELETE', leg(ALICE, aleg), undefined, basic(ALICE))).status).toBe(204);
    expect((await bob.waitFor('callEnd')).sessionParams.sessionData).toBe(bleg);

    // A second restart does not deliver the queued notification again.
    bob.close();
    alice.close();
    await gw2.close();
    const gw3 = await start();
    const again = await open(gw3, b.sub.subscriptionParams.notificationChannel);
    gw3.hooks.sendNotification(BOB, { eventType: 'marker' });
    await again.waitFor('marker');
    expect(again.types()).toEqual(['marker']);
    expect(gw3.hooks.calls()).toEqual([expect.objectContaining({ state: 'ended' })]);
    again.close();
    await gw3.close();
  });

  it('drops restored queued notifications older than the buffer period, from the store too', async () => {
    const gw1 = await start();
    const c = await connect(gw1, CAROL, { clientCorrelator: 'carol-buffer' });
    sockets.push(c.ws);
    c.ws.close();
    await c.ws.closed;
    await eventually(() => !gw1.hooks.subscriptions(CAROL).find((s) => s.clientCorrelator === 'carol-buffer')?.connected);
    gw1.hooks.sendNotification(CAROL, { eventType: 'custom', eventId: 'stale' });
    await gw1.close();
    // Restarted with a 1 ms buffer: the notification queued before the restart is past it.
    const gw2 = await start({ notificationBufferMs: 1 });
    const carol = await open(gw2, c.sub.subscriptionParams.notificationChannel);
    gw2.hooks.sendNotification(CAROL, { eventType: 'marker' });
    await carol.waitFor('marker');
    expect(carol.types()).toEqual(['marker']);
    expect((await api(gw2, 'DELETE', c.sub.subscription, undefined, basic(CAROL))).status).toBe(204);
    carol.close();
    await gw2.close();
    const store = openSqliteStore(join(dir, STORE_FILE));
    const channelId = c.sub.subscriptionParams.notificationChannel.split('/').pop();
    expect(store.notifications.list(channelId)).toEqual([]);
    store.close();
  });

  it('refuses a second gateway on a data directory in use (STORE_LOCKED), before listening', async () => {
    const gw = await start();
    await expect(startTestGateway({ data: dir })).rejects.toMatchObject({ code: 'STORE_LOCKED' });
    await gw.close();
    await (await start()).close();
  });

  it('re-arms the timers from the stored deadlines: subscription expiry and the alerting timeout', async () => {
    const gw1 = await start();
    const c = await connect(gw1, CAROL);
    const b = await connect(gw1, BOB, { clientCorrelator: 'bob-2' });
    const a = await connect(gw1, ALICE, { clientCorrelator: 'alice-2' });
    sockets.push(c.ws, b.ws, a.ws);
    const started = await api(gw1, 'POST', calls(CAROL), control({ type: 'callStart', to: BOB, sdp: sdp('offer') }), basic(CAROL));
    const cleg = started.body.callControlResponse.sessionData as string;
    await b.ws.waitFor('call');
    for (const ws of [a.ws, b.ws, c.ws]) ws.close();
    await gw1.close();

    // Move the deadlines into the past while the gateway is down: the new gateway must act on them.
    const store = openSqliteStore(join(dir, STORE_FILE));
    const aliceSub = store.subscriptions.get(a.sub.subscription.split('/').pop())!;
    expect(aliceSub.expiresAt).toBeGreaterThan(Date.now());
    store.subscriptions.put({ ...aliceSub, expiresAt: Date.now() - 1 });
    const call = store.calls.list().find((k) => k.caller.id === cleg)!;
    expect(call.alertingUntil).toBeGreaterThan(Date.now());
    store.calls.put({ ...call, alertingUntil: Date.now() - 1 });
    store.close();

    const gw2 = await start();
    await eventually(() => gw2.hooks.calls().find((k) => k.caller.id === cleg)?.state === 'ended');
    expect(gw2.hooks.calls().find((k) => k.caller.id === cleg)?.endReason).toBe('No answer');
    const carol = await open(gw2, c.sub.subscriptionParams.notificationChannel);
    expect((await carol.waitFor('callEnd')).sessionParams.sessionData).toBe(cleg);
    const bob = await open(gw2, b.sub.subscriptionParams.notificationChannel);
    await bob.waitFor('callCancel');
    await eventually(() => gw2.hooks.subscriptions(ALICE).every((s) => s.id !== aliceSub.id));
    expect(gw2.hooks.subscriptions(CAROL)).toHaveLength(1);
    // Alice's channel kept the `gone` for the buffer period.
    const alice = await open(gw2, a.sub.subscriptionParams.notificationChannel);
    await alice.waitFor('gone');
    expect(alice.types()).toEqual(['gone']);
    await gw2.close();
  });
});
