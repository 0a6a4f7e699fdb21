import type { Gateway } from '../src/index';
import { ALICE, BOB, WsClient, api, connect, delay, eventually, subscribe, startTestGateway } from './helpers';

let gw: Gateway;
beforeAll(async () => {
  gw = await startTestGateway({ socketTimeoutMs: 400, maxSubscriptionsPerUser: 50 });
});
afterAll(() => gw.close());

describe('upgrade', () => {
  it('refuses unknown channels with 404 and channels of another user path', async () => {
    await expect(WsClient.open(`${gw.wsUrl}/rest/version/1/user/${ALICE}/websocket/ch-guess`)).rejects.toThrow('HTTP 404');
    const sub = await subscribe(gw, ALICE);
    const channelId = sub.subscriptionParams.notificationChannel.split('/').pop();
    await expect(WsClient.open(`${gw.wsUrl}/rest/version/1/user/${BOB}/websocket/${channelId}`)).rejects.toThrow('HTTP 404');
    await expect(WsClient.open(`${gw.wsUrl}/elsewhere`)).rejects.toThrow('HTTP 404');
  });

  it('checks access_token / token query parameters when present', async () => {
    const sub = await subscribe(gw, ALICE);
    const url = gw.wsUrl + sub.subscriptionParams.notificationChannel;
    await expect(WsClient.open(`${url}?access_token=bogus`)).rejects.toThrow('HTTP 401');
    const bobs = gw.hooks.issueToken(BOB, 'bearer', 60);
    await expect(WsClient.open(`${url}?access_token=${bobs}`)).rejects.toThrow('HTTP 403');
    const expired = gw.hooks.issueToken(ALICE, 'access', 60);
    gw.hooks.expireToken(expired);
    await expect(WsClient.open(`${url}?token=${expired}`)).rejects.toThrow('HTTP 403');
    const good = await WsClient.open(`${url}?access_token=${gw.hooks.issueToken(ALICE, 'bearer', 60)}`);
    good.close();
  });
});

describe('frames', () => {
  it('never answers the keepalive and sends notifications with unique eventIds', async () => {
    const { ws } = await connect(gw, ALICE);
    ws.ping();
    ws.ws.send('not json at all');
    await delay(100);
    expect(ws.frames).toEqual([]);
    gw.hooks.sendNotification(ALICE, { eventType: 'mwi', mwiNotificationParams: { mwi: 'yes' } });
    gw.hooks.sendNotification(ALICE, { eventType: 'mwi', mwiNotificationParams: { mwi: 'no' } });
    gw.hooks.sendNotification(ALICE, { eventType: 'custom', eventId: 'fixed-id' });
    await eventually(() => ws.frames.length === 3);
    for (const f of ws.frames) expect(Object.keys(f)).toEqual(['notificationMessage']);
    const ids = ws.frames.map((f) => f.notificationMessage.eventId);
    expect(new Set(ids).size).toBe(3);
    expect(ids[2]).toBe('fixed-id');
    ws.close();
  });

  it('closes a silent socket with 4000 but keeps the subscription', async () => {
    const { sub, ws } = await connect(gw, BOB);
    const closed = await ws.closed;
    expect(closed.code).toBe(4000);
    expect(gw.hooks.subscriptions(BOB).map((s) => s.subscription)).toContain(sub.subscription);
  });

  it('keeps a socket that pings alive beyond the timeout', async () => {
    const { ws } = await connect(gw, ALICE);
    const timer = setInterval(() => ws.ping(), 100);
    await delay(700);
    clearInterval(timer);
    expect(ws.ws.readyState).toBe(ws.ws.OPEN);
    ws.close();
  });
});

describe('reconnects', () => {
  it('a new socket overrides the old one (websocketOverridden, then close)', async () => {
    const { sub, ws: first } = await connect(gw, ALICE);
    const second = await WsClient.open(gw.wsUrl + sub.subscriptionParams.notificationChannel);
    second.ping();
    const overridden = await first.waitFor('websocketOverridden');
    expect(typeof overridden.eventId).toBe('string');
    expect((await first.closed).code).toBe(1000);
    gw.hooks.sendNotification(ALICE, { eventType: 'custom', n: 1 });
    await second.waitFor('custom');
    expect(first.types()).toStrictEqual(['websocketOverridden']);
    second.close();
  });

  it('queues notifications while the socket is down and flushes them exactly once, in order', async () => {
    const { sub, ws } = await connect(gw, BOB);
    const timer = setInterval(() => ws.ping(), 100);
    expect(gw.hooks.dropSocket(BOB, 4000)).toBe(1);
    expect((await ws.closed).code).toBe(4000);
    clearInterval(timer);
    for (let n = 1; n <= 3; n++) gw.hooks.sendNotification(BOB, { eventType: 'custom', n });
    const mine = gw.hooks.subscriptions(BOB).find((s) => s.subscription === sub.subscription);
    expect(mine).toMatchObject({ connected: false, queued: 3 });
    const again = await WsClient.open(gw.wsUrl + sub.subscriptionParams.notificationChannel);
    again.ping();
    await eventually(() => again.frames.length >= 3);
    const third = await WsClient.open(gw.wsUrl + sub.subscriptionParams.notificationChannel);
    third.ping();
    await delay(150);
    expect(again.types()).toStrictEqual(['custom', 'custom', 'custom', 'websocketOverridden']);
    expect(again.frames.slice(0, 3).map((f) => f.notificationMessage.n)).toStrictEqual([1, 2, 3]);
    expect(third.frames).toEqual([]);
    third.close();
  });

  it('refuseSockets keeps a dropped socket down (503) until lifted; the queue waits and is flushed in order', async () => {
    const { sub, ws } = await connect(gw, BOB);
    gw.hooks.refuseSockets(BOB, 60000);
    expect(gw.hooks.dropSocket(BOB, 1006)).toBe(1);
    await ws.closed;
    gw.hooks.sendNotification(BOB, { eventType: 'custom', n: 1 });
    gw.hooks.sendNotification(BOB, { eventType: 'custom', n: 2 });
    const url = gw.wsUrl + sub.subscriptionParams.notificationChannel;
    await expect(WsClient.open(url)).rejects.toThrow('HTTP 503');
    const refused = await api(gw, 'POST', '/__test__/sockets/refuse', { username: BOB, ms: 60000 });
    expect(refused.body).toEqual({ statusCode: 0 });
    await expect(WsClient.open(url)).rejects.toThrow('HTTP 503');
    expect(gw.hooks.subscriptions(BOB).find((s) => s.subscription === sub.subscription)).toMatchObject({ connected: false, queued: 2 });
    // other users are not refused
    const alice = await connect(gw, ALICE);
    alice.ws.close();
    expect((await api(gw, 'POST', '/__test__/sockets/refuse', { username: BOB, ms: -1 })).status).toBe(400);
    expect((await api(gw, 'POST', '/__test__/sockets/refuse', { username: BOB, ms: 0 })).status).toBe(200);
    const again = await WsClient.open(url);
    again.ping();
    await eventually(() => again.frames.length >= 2);
    expect(again.frames.map((f) => f.notificationMessage.n)).toStrictEqual([1, 2]);
    again.close();
  });

  it('refuseSockets lapses by itself after its time', async () => {
    const { sub, ws } = await connect(gw, ALICE);
    gw.hooks.refuseSockets(ALICE, 150);
    gw.hooks.dropSocket(ALICE, 4000);
    await ws.closed;
    const url = gw.wsUrl + sub.subscriptionParams.notificationChannel;
    await expect(WsClient.open(url)).rejects.toThrow('HTTP 503');
    await eventually(async () => {
      try {
        (await WsClient.open(url)).close();
        return true;
      } catch {
        return false;
      }
    });
  });

  it('drops queued notifications older than the buffer period', async () => {
    const local = await startTestGateway({ notificationBufferMs: 100 });
    try {
      const { sub, ws } = await connect(local, ALICE);
      local.hooks.dropSocket(ALICE, 1006);
      await ws.closed;
      local.hooks.sendNotification(ALICE, { eventType: 'custom', n: 'old' });
      await delay(200);
      local.hooks.sendNotification(ALICE, { eventType: 'custom', n: 'new' });
      const again = await WsClient.open(local.wsUrl + sub.subscriptionParams.notificationChannel);
      await again.waitFor('custom');
      await delay(50);
      expect(again.frames.map((f) => f.notificationMessage.n)).toStrictEqual(['new']);
      again.close();
    } finally {
      await local.close();
    }
  });

  it('delivers gone queued while disconnected when the client reconnects', async () => {
    const { sub, ws } = await connect(gw, ALICE);
    gw.hooks.dropSocket(ALICE);
    await ws.closed;
    const id = sub.subscription.split('/').pop();
    expect(gw.hooks.expireSubscription(id, 30)).toBe(true);
    const again = await WsClient.open(gw.wsUrl + sub.subscriptionParams.notificationChannel);
    const gone = await again.waitFor('gone');
    expect(gone.retryAfter).toBe(30);
    expect((await again.closed).code).toBe(1000);
  });

  it('exposes the hooks over HTTP', async () => {
    const { ws } = await connect(gw, BOB);
    const sent = await api(gw, 'POST', '/__test__/notifications', {
      username: BOB,
      notificationMessage: { eventType: 'custom', x: 1 },
    });
    expect(sent.body).toMatchObject({ statusCode: 0, delivered: expect.any(Number) });
    await ws.waitFor('custom');
    const dropped = await api(gw, 'POST', '/__test__/sockets/drop', { username: BOB, code: 4001 });
    expect(dropped.body.dropped).toBe(1);
    expect((await ws.closed).code).toBe(4001);
    const list = await api(gw, 'GET', `/__test__/subscriptions?username=${BOB}`);
    expect(list.body.subscriptions.length).toBeGreaterThan(0);
    const bad = await api(gw, 'POST', '/__test__/notifications', { username: 'nobody@x', notificationMessage: {} });
    expect(bad.status).toBe(400);
  });
});
