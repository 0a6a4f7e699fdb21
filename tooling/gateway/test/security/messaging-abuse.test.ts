/**
 * Issue 11, attacker's view of the messaging, presence, directory, address-book and voicemail
 * routes: another user's notifications must not be able to end a victim's subscription (queue
 * overflow), aliases of one watched user must not multiply a presence change, stored values are
 * bound parameters (SQL text stays text), prototype names stay data, the admin endpoints are not
 * served without the test-endpoints flag, and nothing answers 5xx or logs a BUG.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

describe('group changes count against the message rate (each notifies every participant)', () => {
  it('create / add / remove beyond messageRateLimit answer 429 + 19 + Retry-After, before any effect', async () => {
    const gw = await start({ messageRateLimit: 3 });
    const created = await api(gw, 'POST', `${userPath(ALICE)}/groupchat`, { groupChatRequest: { participants: [BOB] } }, basic(ALICE));
    expect(created.status).toBe(201);
    const id = created.body.groupChatResponse.group.groupId;
    expect((await api(gw, 'POST', `${userPath(ALICE)}/groupchat/${id}/participants`, { groupChatRequest: { participants: [CAROL] } }, basic(ALICE))).status).toBe(200);
    expect((await api(gw, 'DELETE', `${userPath(ALICE)}/groupchat/${id}/participants/${CAROL}`, undefined, basic(ALICE))).status).toBe(200);
    const refused = await api(gw, 'POST', `${userPath(ALICE)}/groupchat`, { groupChatRequest: { participants: [BOB] } }, basic(ALICE));
    expect(refused).toMatchObject({ status: 429, body: { groupChatResponse: { statusCode: 19 } } });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await api(gw, 'GET', `${userPath(ALICE)}/groupchat`, undefined, basic(ALICE))).body.groupChatResponse.groups).toHaveLength(1);
    // Other users' rates are their own.
    expect((await api(gw, 'DELETE', `${userPath(BOB)}/groupchat/${id}/participants/${BOB}`, undefined, basic(BOB))).status).toBe(200);
  });
});

describe('participant lists are bounded before they are resolved', () => {
  it('a list longer than maxGroupParticipants answers 403 + 19 before any name is looked up (150,000 names took 0.3 s each)', async () => {
    const gw = await start({ maxGroupParticipants: 3 });
    const names = ['nobody1', 'nobody2', 'nobody3', 'nobody4'];
    const create = await api(gw, 'POST', `${userPath(ALICE)}/groupchat`, { groupChatRequest: { participants: names } }, basic(ALICE));
    expect(create).toMatchObject({ status: 403, body: { groupChatResponse: { statusCode: 19 } } });
    const ok = await api(gw, 'POST', `${userPath(ALICE)}/groupchat`, { groupChatRequest: { participants: [BOB] } }, basic(ALICE));
    const id = ok.body.groupChatResponse.group.groupId;
    const add = await api(gw, 'POST', `${userPath(ALICE)}/groupchat/${id}/participants`, { groupChatRequest: { participants: names } }, basic(ALICE));
    expect(add).toMatchObject({ status: 403, body: { groupChatResponse: { statusCode: 19 } } });
    // Within the bound, unknown names are still 404 + 1004.
    expect((await api(gw, 'POST', `${userPath(ALICE)}/groupchat`, { groupChatRequest: { participants: names.slice(0, 3) } }, basic(ALICE))).status).toBe(404);
  });
});

describe('probes that held (pinned so they keep holding)', () => {
  it("another user's groups, conversations, contacts and presence are out of reach; only the owner removes others", async () => {
    const gw = await start();
    const created = await api(gw, 'POST', `${userPath(BOB)}/groupchat`, { groupChatRequest: { participants: [CAROL], subject: 'private' } }, basic(BOB));
    const id = created.body.groupChatResponse.group.groupId;
    await im(gw, BOB, CAROL, 'secret');
    await api(gw, 'POST', `${userPath(BOB)}/addressbook/contacts/`, { addressBookRequest: { addressBookEntries: [{ nickname: 'c', primaryContact: CAROL }] } }, basic(BOB));
    const asAlice = (method: string, path: string, body?: unknown) => api(gw, method, `${userPath(ALICE)}${path}`, body, basic(ALICE));
    expect((await asAlice('GET', `/groupchat/${id}`)).status).toBe(404);
    expect((await asAlice('POST', `/groupchat/${id}/participants`, { groupChatRequest: { participants: [ALICE] } })).status).toBe(404);
    expect((await asAlice('DELETE', `/groupchat/${id}/participants/${BOB}`)).status).toBe(404);
    expect((await im(gw, ALICE, id, 'let me in')).body).toEqual({ imResponse: { statusCode: 1004, reason: 'Unknown destination' } });
    expect((await asAlice('GET', '/groupchat')).body.groupChatResponse.groups).toEqual([]);
    expect((await asAlice('GET', `/conversations/${CAROL}/messages`)).status).toBe(404);
    expect((await asAlice('GET', `/conversations/${id}/messages`)).status).toBe(404);
    expect((await asAlice('DELETE', `/conversations/${CAROL}`)).status).toBe(404);
    expect((await asAlice('GET', '/addressbook/contacts/c')).status).toBe(404);
    expect((await asAlice('DELETE', '/addressbook/contacts/c')).status).toBe(404);
    // A member that is not the owner cannot remove the owner; the owner's things are intact.
    const carolRemovesBob = await api(gw, 'DELETE', `${userPath(CAROL)}/groupchat/${id}/participants/${BOB}`, undefined, basic(CAROL));
    expect(carolRemovesBob).toMatchObject({ status: 403, body: { groupChatResponse: { statusCode: 1004 } } });
    const group = (await api(gw, 'GET', `${userPath(BOB)}/groupchat/${id}`, undefined, basic(BOB))).body.groupChatResponse.group;
    expect(group).toMatchObject({ owner: BOB, participants: [BOB, CAROL] });
    expect((await api(gw, 'GET', `${userPath(BOB)}/conversations/${CAROL}/messages`, undefined, basic(BOB))).body.conversationsResponse.messages).toHaveLength(1);
    expect((await api(gw, 'GET', `${userPath(BOB)}/addressbook`, undefined, basic(BOB))).body.addressBookResponse.addressBookEntries).toHaveLength(1);
  });

  it('fields naming another user in a body (sender, from, owner) are ignored: the requester acts as itself', async () => {
    const gw = await start();
    const carol = await online(gw, CAROL);
    const body = { imRequest: { toUrl: CAROL, message: 'from whom?', sender: BOB, from: BOB, primaryContact: `sip:${BOB}` } };
    expect((await api(gw, 'POST', `${userPath(ALICE)}/instantmessage`, body, basic(ALICE))).status).toBe(200);
    expect((await carol.ws.waitFor('IM')).imnotificationParams.primaryContact).toBe(`sip:${ALICE}`);
    const group = await api(gw, 'POST', `${userPath(ALICE)}/groupchat`, { groupChatRequest: { participants: [CAROL], owner: BOB, groupId: 'grp-chosen-by-me' } }, basic(ALICE));
    expect(group.body.groupChatResponse.group).toMatchObject({ owner: ALICE, participants: [ALICE, CAROL] });
    expect(group.body.groupChatResponse.group.groupId).not.toBe('grp-chosen-by-me');
    const sms = await api(gw, 'POST', `${userPath(ALICE)}/sms`, { smsRequest: { toUrl: '+15550100003', message: 'x', from: '+15550100002' } }, basic(ALICE));
    expect(sms.status).toBe(200);
    const inbox = (await api(gw, 'GET', `${userPath(CAROL)}/conversations`, undefined, basic(CAROL))).body.conversationsResponse.conversations;
    expect(inbox.map((c: { conversationId: string }) => c.conversationId)).toContain('+15550100001');
  });

  it('SQL text, prototype names and control characters in every stored field stay data; nothing of them reaches the log', async () => {
    const gw = await start();
    const SQL = "x'); DROP TABLE messages; --";
    const NL = 'line1\r\nBUG injected-log-line';
    const bob = await online(gw, BOB);
    for (const text of [SQL, NL, '__proto__']) expect((await im(gw, ALICE, BOB, text)).status).toBe(200);
    const sms = await api(gw, 'POST', `${userPath(ALICE)}/sms`, { smsRequest: { toUrl: '+15559990000', message: NL } }, basic(ALICE));
    expect(sms.body.smsResponse.deliveryStatus).toBe('sent');
    const group = await api(gw, 'POST', `${userPath(ALICE)}/groupchat`, { groupChatRequest: { participants: [BOB], subject: `${SQL}${NL}` } }, basic(ALICE));
    expect(group.status).toBe(201);
    expect(group.body.groupChatResponse.group.subject).toBe(`${SQL}${NL}`);
    for (const participants of [['__proto__'], ['constructor'], [SQL]]) {
      expect((await api(gw, 'POST', `${userPath(ALICE)}/groupchat`, { groupChatRequest: { participants } }, basic(ALICE))).status).toBe(404);
    }
    expect((await api(gw, 'POST', `${userPath(ALICE)}/presence`, { presenceRequest: { status: 'open', activity: 'other', note: NL } }, basic(ALICE))).status).toBe(200);
    const entries = ['__proto__', 'constructor', SQL, NL].map((nickname) => ({ nickname, primaryContact: SQL, firstName: NL, __proto__: { polluted: true } }));
    const raw = JSON.stringify({ addressBookRequest: { addressBookEntries: entries } }).replace(/"__proto__":\{"polluted":true\}/g, '"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}');
    expect((await api(gw, 'POST', `${userPath(ALICE)}/addressbook/contacts/`, raw, basic(ALICE))).status).toBe(200);
    const book = (await api(gw, 'GET', `${userPath(ALICE)}/addressbook`, undefined, basic(ALICE))).body.addressBookResponse.addressBookEntries;
    expect(book.map((c: { nickname: string }) => c.nickname)).toEqual(['__proto__', 'constructor', SQL, NL]);
    for (const c of book) expect(Object.keys(c).sort()).toEqual(['firstName', 'friendStatus', 'nickname', 'primaryContact']);
    for (const id of ['__proto__', 'constructor', SQL]) {
      expect((await api(gw, 'GET', `${userPath(ALICE)}/addressbook/contacts/${encodeURIComponent(id)}`, undefined, basic(ALICE))).body.addressBookResponse.addressBookEntries[0].nickname).toBe(id);
    }
    for (const id of ["' OR '1'='1", '__proto__', 'constructor', 'hasOwnProperty']) {
      expect((await api(gw, 'GET', `${userPath(ALICE)}/conversations/${encodeURIComponent(id)}/messages`, undefined, basic(ALICE))).status).toBe(404);
      expect((await api(gw, 'DELETE', `${userPath(ALICE)}/conversations/${encodeURIComponent(id)}`, undefined, basic(ALICE))).status).toBe(404);
    }
    const search = await api(gw, 'GET', `${userPath(ALICE)}/directory?criteria=${encodeURIComponent("%' OR 1=1 --")}`, undefined, basic(ALICE));
    expect(search.body.directory.directoryItems).toEqual([]);
    const mwi = await api(gw, 'POST', '/__test__/mwi', '{"username":"bob@example.com","totalVoice":1,"unheardVoice":1,"voice":{"__proto__":{"polluted":1},"new":1}}');
    expect(mwi.status).toBe(400); // the nested value is not a count
    // Everything is where it was put, the tables are intact.
    const history = (await api(gw, 'GET', `${userPath(BOB)}/conversations/${ALICE}/messages`, undefined, basic(BOB))).body.conversationsResponse.messages;
    expect(history.map((m: { text: string }) => m.text)).toEqual(['__proto__', NL, SQL]);
    await eventually(() => bob.ws.types().filter((t) => t === 'IM').length === 3);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(lines.filter((l) => l.includes('injected-log-line') || l.includes('DROP TABLE'))).toEqual([]);
    expect(bugs()).toEqual([]);
  });

  it('adversarial values stored through migration 3 (lone surrogates, SQL, prototype names) survive a restart; every route answers after it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gw-abuse-'));
    try {
      const odd = ['\ud800', '\udfff', "'; DELETE FROM contacts; --", '__proto__', 'a\u0000b'];
      const gw1 = await start({ data: dir });
      await online(gw1, ALICE);
      const raw = (o: unknown) => JSON.stringify(o);
      for (const text of odd) expect((await api(gw1, 'POST', `${userPath(ALICE)}/instantmessage`, raw({ imRequest: { toUrl: BOB, message: text } }), basic(ALICE))).status).toBe(200);
      expect((await api(gw1, 'POST', `${userPath(ALICE)}/groupchat`, raw({ groupChatRequest: { participants: [BOB], subject: odd.join('|') } }), basic(ALICE))).status).toBe(201);
      expect((await api(gw1, 'POST', `${userPath(ALICE)}/presence`, raw({ presenceRequest: { status: 'open', activity: 'other', note: odd.join('|') } }), basic(ALICE))).status).toBe(200);
      expect((await api(gw1, 'POST', `${userPath(ALICE)}/presenceWatcher`, raw({ presenceWatcherRequest: { userList: odd, action: 'watch' } }), basic(ALICE))).status).toBe(200);
      const entries = odd.map((nickname, i) => ({ nickname: `${nickname}${i}`, firstName: nickname }));
      expect((await api(gw1, 'POST', `${userPath(ALICE)}/addressbook/contacts/`, raw({ addressBookRequest: { addressBookEntries: entries } }), basic(ALICE))).status).toBe(200);
      gw1.hooks.setMwi(ALICE, { totalVoice: 1, unheardVoice: 0, voice: { '__proto__x': 1 } } as never);
      await gw1.close();
      const gw2 = await start({ data: dir });
      for (const path of ['/conversations', `/conversations/${BOB}/messages`, '/groupchat', '/addressbook', '/voicemail', '/directory', '/userProfileData']) {
        const res = await api(gw2, 'GET', `${userPath(ALICE)}${path}`, undefined, basic(ALICE));
        expect([path, res.status]).toEqual([path, 200]);
      }
      const texts = (await api(gw2, 'GET', `${userPath(BOB)}/conversations/${ALICE}/messages`, undefined, basic(BOB))).body.conversationsResponse.messages.map((m: { text: string }) => m.text);
      expect(texts).toEqual([...odd].reverse());
      expect((await api(gw2, 'GET', `${userPath(ALICE)}/addressbook`, undefined, basic(ALICE))).body.addressBookResponse.addressBookEntries).toHaveLength(odd.length);
      expect(bugs()).toEqual([]);
      await gw2.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('wrong types where strings are expected answer 400 in the wrapper, never 5xx', async () => {
    const gw = await start();
    await online(gw, ALICE);
    const cases: Array<[string, string, unknown]> = [
      ['POST', '/instantmessage', { imRequest: { toUrl: 12, message: 'x' } }],
      ['POST', '/instantmessage', { imRequest: { toUrl: BOB, message: { text: 'x' } } }],
      ['POST', '/instantmessage', { imRequest: { toUrl: [BOB], message: 'x' } }],
      ['POST', '/instantmessage', { imRequest: { toUrl: BOB, message: 'x', clientCorrelator: 7 } }],
      ['POST', '/sms', { smsRequest: { toUrl: 15550100002, message: 'x' } }],
      ['POST', '/groupchat', { groupChatRequest: { participants: BOB } }],
      ['POST', '/groupchat', { groupChatRequest: { participants: [BOB], subject: 5 } }],
      ['POST', '/groupchat', { groupChatRequest: { participants: [{ toString: BOB }] } }],
      ['POST', '/presence', { presenceRequest: { status: ['open'], activity: 'away' } }],
      ['POST', '/presence', { presenceRequest: { status: 'open', activity: 'away', note: true } }],
      ['POST', '/presenceWatcher', { presenceWatcherRequest: { userList: [null], action: 'watch' } }],
      ['POST', '/presenceWatcher', { presenceWatcherRequest: { userList: 'bob', action: 'watch' } }],
      ['POST', '/addressbook/contacts/', { addressBookRequest: { addressBookEntries: [{ nickname: ['a'] }] } }],
      ['POST', '/addressbook/contacts/', { addressBookRequest: { addressBookEntries: [{ nickname: 'a', friendStatus: 'true' }] } }],
      ['POST', '/addressbook/contacts/', { addressBookRequest: { addressBookEntries: { nickname: 'a' } } }],
    ];
    for (const [method, path, body] of cases) {
      const res = await api(gw, method, `${userPath(ALICE)}${path}`, body, basic(ALICE));
      expect([method, path, res.status]).toEqual([method, path, 400]);
    }
    expect((await api(gw, 'GET', `${userPath(ALICE)}/directory?criteriaType=9&criteria=a`, undefined, basic(ALICE))).status).toBe(400);
    expect((await api(gw, 'GET', `${userPath(ALICE)}/conversations/${BOB}/messages?count=-1`, undefined, basic(ALICE))).status).toBe(400);
    expect(bugs()).toEqual([]);
  });

  it('one user under several spellings (case, bare name, %40, fullwidth) shares one message rate; unknown spellings are unknown', async () => {
    const gw = await start({ messageRateLimit: 3 });
    const send = (pathUser: string, login: string, to: string) =>
      api(gw, 'POST', `/rest/version/1/user/${pathUser}/instantmessage`, { imRequest: { toUrl: to, message: 'x' } }, basic(login, 'alice-secret'));
    expect((await send('alice', 'alice', BOB)).status).toBe(200);
    expect((await send('ALICE@EXAMPLE.COM', 'Alice@Example.com', 'BOB@example.com')).status).toBe(200);
    expect((await send('alice%40example.com', ALICE, 'sip:bob')).status).toBe(200);
    expect((await send('Alice', ALICE, BOB)).status).toBe(429);
    const conversations = (await api(gw, 'GET', `${userPath(BOB)}/conversations`, undefined, basic(BOB))).body.conversationsResponse.conversations;
    expect(conversations.map((c: { conversationId: string; messageCount: number }) => [c.conversationId, c.messageCount])).toEqual([[ALICE, 3]]);
    const gw2 = await start();
    for (const to of ['\uff42\uff4f\uff42@example.com', 'bob\u200b@example.com', 'bo\u0062\u0301@example.com']) {
      expect((await im(gw2, ALICE, to, 'x')).status).toBe(404);
    }
  });

  it('the admin endpoints (inbound SMS, MWI) are not served without the test-endpoints flag, whatever the spelling', async () => {
    const gw = await start({ testEndpoints: false });
    const paths = ['/__test__/sms/inbound', '/__test__/mwi', '/__TEST__/SMS/Inbound', '/%5F%5Ftest%5F%5F/mwi', '/__test__/mwi/', '//__test__/mwi', '/__test__/./mwi'];
    for (const path of paths) {
      const res = await api(gw, 'POST', path, { from: '+15559990000', to: '+15550100002', message: 'x', username: BOB, totalVoice: 1, unheardVoice: 1 });
      expect([path, res.status]).toEqual([path, 404]);
    }
    expect((await api(gw, 'GET', `${userPath(BOB)}/voicemail`, undefined, basic(BOB))).body).toEqual({ mwiresponse: { statusCode: 52, reason: 'No voicemail' } });
    expect((await api(gw, 'GET', `${userPath(BOB)}/conversations`, undefined, basic(BOB))).body.conversationsResponse.conversations).toEqual([]);
  });
});
