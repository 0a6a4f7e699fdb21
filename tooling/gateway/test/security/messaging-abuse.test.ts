/**
 * Issue 11, attacker's view of the messaging, presence, directory, address-book and voicemail
 * routes: another user's notifications must not be able to end a victim's subscription (queue
 * overflow), aliases of one watched user must not multiply a presence change, stored values are
 * bound parameters (SQL text stays text), prototype names stay data, the admin endpoints are not
 * served without the test-endpoints flag, and nothing answers 5xx or logs a BUG.
 */
import type { Gateway, GatewayOptions } from '../../src/index';
import { ALICE, BOB, CAROL, WsClient, api, basic, connect, eventually, startTestGateway, subscribe, userPath } from '../helpers';

const gateways: Gateway[] = [];
const sockets: WsClient[] = [];
afterAll(async () => {
  for (const ws of sockets) ws.close();
  for (const gw of gateways) await gw.close();
});

let lines: string[] = [];
async function start(options: GatewayOptions = {}): Promise<Gateway> {
  lines = [];
  const gw = await startTestGateway({ maxSubscriptionsPerUser: 50, notificationGraceMs: 0, logger: (l) => lines.push(l), ...options });
  gateways.push(gw);
  return gw;
}
async function online(gw: Gateway, user: string, extra: Record<string, unknown> = {}) {
  const c = await connect(gw, user, extra);
  sockets.push(c.ws);
  return c;
}

const im = (gw: Gateway, from: string, to: string, message: string) =>
  api(gw, 'POST', `${userPath(from)}/instantmessage`, { imRequest: { charset: 'UTF-8', toUrl: to, message, type: 'A2' } }, basic(from));
const bugs = () => lines.filter((l) => /BUG|\n\s+at /.test(l));

describe('a peer cannot end a victim subscription by overflowing its notification queue', () => {
  const LIMIT = 20;

  it('IMs to a recipient whose socket is down stop queueing before its queue overflows; its subscription lives, the history has them all', async () => {
    const gw = await start({ maxQueuedNotifications: LIMIT });
    const bob = await subscribe(gw, BOB, { service: ['call', 'IM'] });
    const statuses: string[] = [];
    for (let i = 0; i < LIMIT * 2; i++) {
      const res = await im(gw, ALICE, BOB, `flood ${i}`);
      expect(res.status).toBe(200);
      statuses.push(res.body.imResponse.deliveryStatus);
    }
    expect(gw.hooks.subscriptions(BOB)).toHaveLength(1);
    expect(statuses.slice(0, 5)).toEqual(Array(5).fill('queued'));
    expect(statuses[statuses.length - 1]).toBe('stored');
    // Bob's own (call) notifications still have room, and his subscription still works.
    expect((await api(gw, 'GET', `${userPath(BOB)}/conversations/${ALICE}/messages?count=100`, undefined, basic(BOB))).body.conversationsResponse.messages).toHaveLength(LIMIT * 2);
    const ws = await WsClient.open(gw.wsUrl + bob.subscriptionParams.notificationChannel);
    sockets.push(ws);
    gw.hooks.sendNotification(BOB, { eventType: 'marker' });
    await ws.waitFor('marker');
    expect(ws.types()).not.toContain('gone');
    expect(lines.some((l) => l.includes('queue overflow'))).toBe(false);
  });

  it('group changes (no message rate) to an offline participant do not overflow its queue either', async () => {
    const gw = await start({ maxQueuedNotifications: LIMIT });
    await subscribe(gw, BOB, { service: ['call', 'IM'] });
    for (let i = 0; i < LIMIT * 2; i++) {
      const created = await api(gw, 'POST', `${userPath(ALICE)}/groupchat`, { groupChatRequest: { participants: [BOB] } }, basic(ALICE));
      expect(created.status).toBe(201);
      const id = created.body.groupChatResponse.group.groupId;
      expect((await api(gw, 'DELETE', `${userPath(ALICE)}/groupchat/${id}/participants/${ALICE}`, undefined, basic(ALICE))).status).toBe(200);
      expect((await api(gw, 'DELETE', `${userPath(BOB)}/groupchat/${id}/participants/${BOB}`, undefined, basic(BOB))).status).toBe(200);
    }
    expect(gw.hooks.subscriptions(BOB)).toHaveLength(1);
    expect(lines.some((l) => l.includes('queue overflow'))).toBe(false);
  });

  it("a watched user's presence changes do not overflow an offline watcher's queue", async () => {
    const gw = await start({ maxQueuedNotifications: LIMIT });
    const alice = await online(gw, ALICE);
    await online(gw, BOB);
    expect((await api(gw, 'POST', `${userPath(ALICE)}/presenceWatcher`, { presenceWatcherRequest: { userList: [BOB], action: 'watch' } }, basic(ALICE))).status).toBe(200);
    await alice.ws.waitFor('presenceWatcher');
    gw.hooks.dropSocket(ALICE, 4000);
    await eventually(() => gw.hooks.subscriptions(ALICE).every((s) => !s.connected));
    for (let i = 0; i < LIMIT * 2; i++) {
      const res = await api(gw, 'POST', `${userPath(BOB)}/presence`, { presenceRequest: { status: 'open', activity: 'other', note: `n${i}` } }, basic(BOB));
      expect(res.status).toBe(200);
    }
    // The presence effects run once each response is written: the next request is behind them.
    await api(gw, 'GET', `${userPath(ALICE)}/conversations`, undefined, basic(ALICE));
    expect(gw.hooks.subscriptions(ALICE).map((s) => s.queued)).toEqual([LIMIT / 2]);
    expect(lines.some((l) => l.includes('queue overflow'))).toBe(false);
  });
});

describe('presence fan-out is bounded per request and per user', () => {
  const watch = (gw: Gateway, user: string, userList: string[], action = 'watch') =>
    api(gw, 'POST', `${userPath(user)}/presenceWatcher`, { presenceWatcherRequest: { userList, action } }, basic(user));

  it('one user is watched under at most 8 names per subscription (aliases such as bob;x=1 multiplied every change): 403 + 19, nothing added', async () => {
    const gw = await start();
    const alice = await online(gw, ALICE);
    const aliases = ['bob', 'sip:bob@example.com', 'BOB@example.com', '<bob>', 'bob;a=1', 'bob;a=2', 'bob;a=3', 'bob;a=4'];
    expect((await watch(gw, ALICE, aliases)).status).toBe(200);
    const refused = await watch(gw, ALICE, ['bob;a=5', 'carol']);
    expect(refused).toMatchObject({ status: 403, body: { presenceWatcherResponse: { statusCode: 19 } } });
    // Nothing of the refused request was added: carol's change reaches no one, bob's reaches the 8 names.
    await eventually(() => alice.ws.types().filter((t) => t === 'presenceWatcher').length === 8);
    alice.ws.frames.length = 0;
    await online(gw, CAROL);
    expect((await api(gw, 'POST', `${userPath(BOB)}/presence`, { presenceRequest: { status: 'open', activity: 'away' } }, basic(BOB))).status).toBe(200);
    await eventually(() => alice.ws.frames.length === 8);
    expect(new Set(alice.ws.frames.map((f) => f.notificationMessage.presenceWatcherNotificationParams.name))).toEqual(new Set(aliases));
  });

  it('watch and get pushes count against a per-user budget of presence notifications (429 + 19 + Retry-After), before any effect', async () => {
    const gw = await start({ presenceNotificationRate: 30 } as GatewayOptions);
    const a1 = await online(gw, ALICE);
    await online(gw, ALICE);
    const names = Array.from({ length: 10 }, (_, i) => `user${i}`);
    expect((await watch(gw, ALICE, names, 'get')).status).toBe(200); // 10 names × 2 subscriptions = 20
    const refused = await watch(gw, ALICE, names, 'watch'); // 20 more: over 30
    expect(refused).toMatchObject({ status: 429, body: { presenceWatcherResponse: { statusCode: 19 } } });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await watch(gw, ALICE, names.slice(0, 5), 'get')).status).toBe(200); // 10 more: exactly 30
    await eventually(() => a1.ws.frames.length === 15);
    expect(bugs()).toEqual([]);
  });

  it("a presence update counts its watchers' notifications against the updating user's budget", async () => {
    const gw = await start({ presenceNotificationRate: 10 } as GatewayOptions);
    await online(gw, ALICE);
    await online(gw, BOB);
    expect((await watch(gw, ALICE, ['bob', 'sip:bob@example.com'])).status).toBe(200);
    const update = () => api(gw, 'POST', `${userPath(BOB)}/presence`, { presenceRequest: { status: 'open', activity: 'away' } }, basic(BOB));
    for (let i = 0; i < 5; i++) expect((await update()).status).toBe(200); // 2 notifications each: 10
    expect(await update()).toMatchObject({ status: 429, body: { presenceResponse: { statusCode: 19 } } });
  });
});
