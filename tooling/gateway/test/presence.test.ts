/**
 * Presence (§7, §18.6): update own presence, watch / stopwatch / get with `presenceWatcher`
 * notifications named exactly as in `userList`, open/active on the first Presence subscription and
 * closed/unknown after the last, validation (400 + 5 / 400 + 37), limits (403 + 19 / 403 + 35).
 */
import type { Gateway } from '../src/index';
import { ALICE, BOB, CAROL, WsClient, api, basic, connect, eventually, startTestGateway, userPath } from './helpers';

const gateways: Gateway[] = [];
const sockets: WsClient[] = [];
afterAll(async () => {
  for (const ws of sockets) ws.close();
  for (const gw of gateways) await gw.close();
});
async function start(options: Parameters<typeof startTestGateway>[0] = {}) {
  const gw = await startTestGateway({ maxSubscriptionsPerUser: 50, notificationGraceMs: 0, ...options });
  gateways.push(gw);
  return gw;
}
async function online(gw: Gateway, user: string, extra: Record<string, unknown> = {}) {
  const c = await connect(gw, user, extra);
  sockets.push(c.ws);
  return c;
}

const update = (gw: Gateway, user: string, body: Record<string, unknown>) => api(gw, 'POST', `${userPath(user)}/presence`, { presenceRequest: body }, basic(user));
const watcher = (gw: Gateway, user: string, action: string, userList: unknown, headers: Record<string, string> = basic(user)) =>
  api(gw, 'POST', `${userPath(user)}/presenceWatcher`, { presenceWatcherRequest: { userList, action } }, headers);
const presenceOf = (ws: WsClient) => ws.frames.map((f) => f.notificationMessage).filter((n) => n.eventType === 'presenceWatcher').map((n) => n.presenceWatcherNotificationParams);

describe('presence', () => {
  it('watch answers 0, then pushes current presence named as in userList; changes reach the watchers; stopwatch ends them', async () => {
    const gw = await start();
    const alice = await online(gw, ALICE);
    const bob = await online(gw, BOB); // Bob becomes open/active with his Presence subscription
    const res = await watcher(gw, ALICE, 'watch', ['bob@example.com', 'sip:bob@example.com', 'nobody@example.com']);
    expect(res.body).toEqual({ presenceWatcherResponse: { statusCode: 0 } });
    await eventually(() => presenceOf(alice.ws).length === 3);
    expect(presenceOf(alice.ws)).toEqual([
      { name: 'bob@example.com', status: 'open', activity: 'active', note: '' },
      { name: 'sip:bob@example.com', status: 'open', activity: 'active', note: '' },
      { name: 'nobody@example.com', status: 'closed', activity: 'unknown', note: '' },
    ]);

    expect((await update(gw, BOB, { status: 'open', activity: 'other', note: 'In the lab' })).body).toEqual({ presenceResponse: { statusCode: 0 } });
    await eventually(() => presenceOf(alice.ws).length === 5);
    expect(presenceOf(alice.ws).slice(3)).toEqual([
      { name: 'bob@example.com', status: 'open', activity: 'other', note: 'In the lab' },
      { name: 'sip:bob@example.com', status: 'open', activity: 'other', note: 'In the lab' },
    ]);

    expect((await watcher(gw, ALICE, 'stopwatch', ['sip:bob@example.com'])).status).toBe(200);
    await update(gw, BOB, { status: 'open', activity: 'busy' });
    await eventually(() => presenceOf(alice.ws).length === 6);
    expect(presenceOf(alice.ws)[5]).toEqual({ name: 'bob@example.com', status: 'open', activity: 'busy', note: '' });

    // Bob's last Presence subscription ends: his watchers see closed/unknown.
    await api(gw, 'DELETE', bob.sub.subscription, undefined, basic(BOB));
    await eventually(() => presenceOf(alice.ws).length === 7);
    expect(presenceOf(alice.ws)[6]).toEqual({ name: 'bob@example.com', status: 'closed', activity: 'unknown', note: '' });
  });

  it('get pushes the current presence once without watching; an x-session watch applies to that subscription only', async () => {
    const gw = await start();
    const a1 = await online(gw, ALICE);
    const a2 = await online(gw, ALICE);
    await update(gw, CAROL, { status: 'open', activity: 'lunch' });
    expect((await watcher(gw, ALICE, 'get', [CAROL], { 'x-session': a1.sub.subscriptionParams.sessionId })).status).toBe(200);
    await eventually(() => presenceOf(a1.ws).length === 1);
    expect(presenceOf(a1.ws)).toEqual([{ name: CAROL, status: 'open', activity: 'lunch', note: '' }]);
    expect((await watcher(gw, ALICE, 'watch', [CAROL], { 'x-session': a2.sub.subscriptionParams.sessionId })).status).toBe(200);
    await update(gw, CAROL, { status: 'closed', activity: 'vacation' });
    await eventually(() => presenceOf(a2.ws).length === 2);
    gw.hooks.sendNotification(ALICE, { eventType: 'marker' });
    await a1.ws.waitFor('marker');
    expect(presenceOf(a1.ws)).toHaveLength(1);
  });

  it('validates: wrong types 400 + 5, unknown status/activity/action 400 + 37, long note 413 + 5; no Presence subscription 403 + 35', async () => {
    const gw = await start();
    const bad: Array<[Record<string, unknown>, number, number]> = [
      [{ activity: 'active' }, 400, 5],
      [{ status: 1, activity: 'active' }, 400, 5],
      [{ status: 'online', activity: 'active' }, 400, 37],
      [{ status: 'open', activity: 'available' }, 400, 37],
      [{ status: 'open', activity: 'active', note: 7 }, 400, 5],
      [{ status: 'open', activity: 'other', note: 'x'.repeat(2000) }, 413, 5],
    ];
    for (const [body, status, code] of bad) {
      const res = await update(gw, ALICE, body);
      expect({ body, status: res.status, code: res.body.presenceResponse.statusCode }).toEqual({ body, status, code });
    }
    expect((await watcher(gw, ALICE, 'watch', [BOB])).body).toEqual({ presenceWatcherResponse: { statusCode: 35, reason: expect.any(String) } });
    await online(gw, ALICE);
    for (const [list, action, code] of [[[], 'watch', 5], ['bob', 'watch', 5], [[3], 'watch', 5], [[BOB], 'subscribe', 37], [[BOB], 2, 5]] as const) {
      const res = await watcher(gw, ALICE, action as string, list);
      expect({ list, status: res.status, code: res.body.presenceWatcherResponse.statusCode }).toEqual({ list, status: 400, code });
    }
    const long = await watcher(gw, ALICE, 'watch', ['x'.repeat(513)]);
    expect(long).toMatchObject({ status: 413, body: { presenceWatcherResponse: { statusCode: 5 } } });
  });

  it('caps the watches of a subscription at maxWatchesPerSubscription (403 + 19, nothing added)', async () => {
    const gw = await start({ maxWatchesPerSubscription: 2 });
    const alice = await online(gw, ALICE);
    expect((await watcher(gw, ALICE, 'watch', [BOB, CAROL])).status).toBe(200);
    const over = await watcher(gw, ALICE, 'watch', ['dave@example.com']);
    expect(over).toMatchObject({ status: 403, body: { presenceWatcherResponse: { statusCode: 19 } } });
    expect((await watcher(gw, ALICE, 'watch', [BOB])).status).toBe(200); // already watched: not counted again
    await eventually(() => presenceOf(alice.ws).length === 3);
  });
});
