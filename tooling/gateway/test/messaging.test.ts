/**
 * IM relay (§6.1) and its extensions (README "Messaging"): the recipient's `IM` notification, the
 * delivery status in `imResponse`, the stored history per conversation, the per-user limits
 * (size, rate, stored messages), queued delivery across a reconnect (once, in order), and chat
 * groups (create, add, remove, fan-out).
 */
import type { Gateway } from '../src/index';
import { ALICE, BOB, CAROL, WsClient, api, basic, connect, eventually, startTestGateway, subscribe, userPath } from './helpers';

const gateways: Gateway[] = [];
const sockets: WsClient[] = [];
afterAll(async () => {
  for (const ws of sockets) ws.close();
  for (const gw of gateways) await gw.close();
});

async function start(options: Parameters<typeof startTestGateway>[0] = {}): Promise<Gateway> {
  const gw = await startTestGateway({ maxSubscriptionsPerUser: 50, ...options });
  gateways.push(gw);
  return gw;
}

async function online(gw: Gateway, user: string, extra: Record<string, unknown> = {}) {
  const c = await connect(gw, user, extra);
  sockets.push(c.ws);
  return c;
}

const im = (to: string, message: string) => ({ imRequest: { charset: 'UTF-8', toUrl: to, message, type: 'A2' } });
const send = (gw: Gateway, from: string, to: string, message: string) => api(gw, 'POST', `${userPath(from)}/instantmessage`, im(to, message), basic(from));
const messagesOf = async (gw: Gateway, user: string, conversation: string, query = '') => {
  const res = await api(gw, 'GET', `${userPath(user)}/conversations/${conversation}/messages${query}`, undefined, basic(user));
  expect(res.status).toBe(200);
  return res.body.conversationsResponse.messages as Array<Record<string, unknown>>;
};
const ims = (ws: WsClient) => ws.frames.map((f) => f.notificationMessage).filter((n) => n.eventType === 'IM');

describe('IM relay', () => {
  it('delivers an IM to every IM subscription of the recipient and answers messageId + deliveryStatus', async () => {
    const gw = await start();
    const bob1 = await online(gw, BOB);
    const bob2 = await online(gw, BOB);
    const bobCallOnly = await online(gw, BOB, { service: ['call'] });
    const res = await send(gw, ALICE, 'bob@example.com', 'Lunch at noon?');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ imResponse: { statusCode: 0, messageId: expect.stringMatching(/^im-/), deliveryStatus: 'delivered' } });
    const messageId = res.body.imResponse.messageId;
    for (const ws of [bob1.ws, bob2.ws]) {
      expect(await ws.waitFor('IM')).toEqual({
        eventType: 'IM',
        eventId: messageId,
        imnotificationParams: { primaryContact: `sip:${ALICE}`, msgText: 'Lunch at noon?' },
      });
    }
    // The reply lands in the same conversation: the sender's id is what the peer uses as toUrl (§4.13).
    const reply = await send(gw, BOB, ALICE, 'Yes');
    expect(reply.body.imResponse.deliveryStatus).toBe('stored'); // Alice has no IM subscription
    gw.hooks.sendNotification(BOB, { eventType: 'marker' });
    await bobCallOnly.ws.waitFor('marker');
    expect(bobCallOnly.ws.types()).toEqual(['marker']);
  });

  it('canonicalises toUrl (sip: prefix, bare name, domain case) and refuses an unknown destination with 404 + 1004', async () => {
    const gw = await start();
    const bob = await online(gw, BOB);
    for (const to of ['sip:bob@example.com', 'bob', 'bob@EXAMPLE.com']) expect((await send(gw, ALICE, to, to)).status).toBe(200);
    await eventually(() => ims(bob.ws).length === 3);
    expect(ims(bob.ws).map((n) => n.imnotificationParams.msgText)).toEqual(['sip:bob@example.com', 'bob', 'bob@EXAMPLE.com']);
    const unknown = await send(gw, ALICE, 'nobody@example.com', 'hello?');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ imResponse: { statusCode: 1004, reason: 'Unknown destination' } });
  });

  it('keeps a history per conversation for both parties, newest first, with paging, listing and clearing', async () => {
    const gw = await start();
    for (const text of ['one', 'two', 'three']) await send(gw, ALICE, BOB, text);
    await send(gw, BOB, ALICE, 'four');
    await send(gw, ALICE, CAROL, 'to carol');

    const alice = await messagesOf(gw, ALICE, BOB);
    expect(alice.map((m) => [m.direction, m.text])).toEqual([['incoming', 'four'], ['outgoing', 'three'], ['outgoing', 'two'], ['outgoing', 'one']]);
    expect(alice[1]).toEqual({
      messageId: expect.stringMatching(/^im-/), conversationId: BOB, type: 'im', direction: 'outgoing', sender: ALICE, recipient: BOB,
      text: 'three', time: expect.any(Number), deliveryStatus: 'stored',
    });
    expect((await messagesOf(gw, BOB, ALICE)).map((m) => [m.direction, m.text, m.deliveryStatus])).toEqual([
      ['outgoing', 'four', 'stored'], ['incoming', 'three', 'received'], ['incoming', 'two', 'received'], ['incoming', 'one', 'received'],
    ]);
    expect((await messagesOf(gw, ALICE, BOB, '?count=2&startIndex=1')).map((m) => m.text)).toEqual(['three', 'two']);
    expect(await messagesOf(gw, ALICE, BOB, '?startIndex=9')).toEqual([]);
    expect((await api(gw, 'GET', `${userPath(ALICE)}/conversations/${BOB}/messages?count=-1`, undefined, basic(ALICE))).status).toBe(400);

    const list = await api(gw, 'GET', `${userPath(ALICE)}/conversations`, undefined, basic(ALICE));
    expect(list.body.conversationsResponse.conversations.map((c: any) => [c.conversationId, c.type, c.messageCount, c.lastMessage.text])).toEqual([
      [CAROL, 'im', 1, 'to carol'],
      [BOB, 'im', 4, 'four'],
    ]);

    expect((await api(gw, 'DELETE', `${userPath(ALICE)}/conversations/${BOB}`, undefined, basic(ALICE))).status).toBe(204);
    const gone = await api(gw, 'GET', `${userPath(ALICE)}/conversations/${BOB}/messages`, undefined, basic(ALICE));
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual({ conversationsResponse: { statusCode: 42, reason: expect.any(String) } });
    expect((await api(gw, 'DELETE', `${userPath(ALICE)}/conversations/${BOB}`, undefined, basic(ALICE))).status).toBe(404);
    // Bob's copy is his own.
    expect(await messagesOf(gw, BOB, ALICE)).toHaveLength(4);
  });

  it('queues IMs for a recipient whose socket is down and delivers them once, in order, on reconnect', async () => {
    const gw = await start();
    const bob = await online(gw, BOB);
    const channel = bob.sub.subscriptionParams.notificationChannel as string;
    bob.ws.close();
    await eventually(() => !gw.hooks.subscriptions(BOB)[0].connected);
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) {
      const res = await send(gw, ALICE, BOB, `m${i}`);
      expect(res.body.imResponse.deliveryStatus).toBe('queued');
      ids.push(res.body.imResponse.messageId);
    }
    const again = await WsClient.open(gw.wsUrl + channel);
    sockets.push(again);
    gw.hooks.sendNotification(BOB, { eventType: 'marker' });
    await again.waitFor('marker');
    expect(ims(again).map((n) => n.eventId)).toEqual(ids);
    expect(ims(again).map((n) => n.imnotificationParams.msgText)).toEqual(ids.map((_, i) => `m${i}`));
  });

  it('answers malformed IM requests with 400 + 5 in imResponse and sends nothing', async () => {
    const gw = await start();
    const bob = await online(gw, BOB);
    const bad: unknown[] = [
      {},
      { imRequest: 'hi' },
      { imRequest: { message: 'no destination' } },
      { imRequest: { toUrl: BOB } },
      { imRequest: { toUrl: BOB, message: '' } },
      { imRequest: { toUrl: BOB, message: 42 } },
      { imRequest: { toUrl: ['bob'], message: 'x' } },
      { imRequest: { toUrl: BOB, message: 'x', charset: 8 } },
    ];
    for (const body of bad) {
      const res = await api(gw, 'POST', `${userPath(ALICE)}/instantmessage`, body, basic(ALICE));
      expect({ body, status: res.status, code: res.body?.imResponse?.statusCode }).toEqual({ body, status: 400, code: 5 });
    }
    gw.hooks.sendNotification(BOB, { eventType: 'marker' });
    await bob.ws.waitFor('marker');
    expect(bob.ws.types()).toEqual(['marker']);
    expect((await api(gw, 'GET', `${userPath(ALICE)}/conversations`, undefined, basic(ALICE))).body.conversationsResponse.conversations).toEqual([]);
  });
});

describe('IM limits', () => {
  it('refuses a message over maxMessageBytes with 413 + 5 (UTF-8 bytes), before any effect', async () => {
    const gw = await start({ maxMessageBytes: 10 });
    expect((await send(gw, ALICE, BOB, '0123456789')).status).toBe(200);
    const over = await send(gw, ALICE, BOB, 'ééééé+'); // 11 bytes
    expect(over.status).toBe(413);
    expect(over.body).toEqual({ imResponse: { statusCode: 5, reason: expect.stringContaining('11 bytes') } });
    expect(await messagesOf(gw, BOB, ALICE)).toHaveLength(1);
  });

  it('refuses messages over messageRateLimit per window with 429 + 19 + Retry-After, per sender', async () => {
    const gw = await start({ messageRateLimit: 3, messageRateWindowMs: 60_000 });
    for (let i = 0; i < 3; i++) expect((await send(gw, ALICE, BOB, `r${i}`)).status).toBe(200);
    const over = await send(gw, ALICE, BOB, 'r3');
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(over.body).toEqual({ imResponse: { statusCode: 19, reason: expect.stringContaining('retry after') } });
    expect((await send(gw, BOB, ALICE, 'bob is not limited')).status).toBe(200);
    expect(await messagesOf(gw, BOB, ALICE)).toHaveLength(4);
  });

  it('keeps at most maxStoredMessagesPerUser messages per user, dropping the oldest', async () => {
    const gw = await start({ maxStoredMessagesPerUser: 3 });
    for (let i = 0; i < 3; i++) await send(gw, ALICE, BOB, `to bob ${i}`);
    await send(gw, ALICE, CAROL, 'to carol');
    expect((await messagesOf(gw, ALICE, BOB)).map((m) => m.text)).toEqual(['to bob 2', 'to bob 1']);
    expect((await messagesOf(gw, ALICE, CAROL)).map((m) => m.text)).toEqual(['to carol']);
    expect(await messagesOf(gw, BOB, ALICE)).toHaveLength(3);
  });
});

describe('chat groups', () => {
  const groupPath = (user: string, rest = '') => `${userPath(user)}/groupchat${rest}`;
  const create = (gw: Gateway, owner: string, participants: string[], subject = 'team') =>
    api(gw, 'POST', groupPath(owner), { groupChatRequest: { subject, participants } }, basic(owner));

  it('creates a group, fans messages out to the other participants, and tells them about changes', async () => {
    const gw = await start();
    const bob = await online(gw, BOB);
    const carol = await online(gw, CAROL);
    const created = await create(gw, ALICE, [BOB]);
    expect(created.status).toBe(201);
    const group = created.body.groupChatResponse.group;
    expect(group).toEqual({ groupId: expect.stringMatching(/^grp-/), subject: 'team', owner: ALICE, participants: [ALICE, BOB], createdAt: expect.any(Number) });
    expect((await bob.ws.waitFor('groupChat')).groupChatNotificationParams).toEqual({
      action: 'created', groupId: group.groupId, subject: 'team', owner: ALICE, participants: [ALICE, BOB], changed: [ALICE, BOB], by: ALICE,
    });

    const added = await api(gw, 'POST', groupPath(BOB, `/${group.groupId}/participants`), { groupChatRequest: { participants: ['carol'] } }, basic(BOB));
    expect(added.body.groupChatResponse.group.participants).toEqual([ALICE, BOB, CAROL]);
    expect((await carol.ws.waitFor('groupChat')).groupChatNotificationParams).toMatchObject({ action: 'added', changed: [CAROL], by: BOB });

    const sent = await send(gw, ALICE, group.groupId, 'hello all');
    expect(sent.body.imResponse).toEqual({
      statusCode: 0, messageId: expect.any(String), deliveryStatus: 'delivered',
      recipients: [{ address: BOB, deliveryStatus: 'delivered' }, { address: CAROL, deliveryStatus: 'delivered' }],
    });
    for (const ws of [bob.ws, carol.ws]) {
      expect((await ws.waitFor('IM')).imnotificationParams).toEqual({ primaryContact: `sip:${ALICE}`, msgText: 'hello all', groupId: group.groupId });
    }
    expect((await messagesOf(gw, CAROL, group.groupId)).map((m) => [m.type, m.sender, m.text])).toEqual([['group', ALICE, 'hello all']]);

    // Only the owner removes others; anyone may leave; the owner leaving passes ownership on.
    const notOwner = await api(gw, 'DELETE', groupPath(BOB, `/${group.groupId}/participants/${CAROL}`), undefined, basic(BOB));
    expect(notOwner.status).toBe(403);
    expect(notOwner.body.groupChatResponse.statusCode).toBe(1004);
    const from = carol.ws.frames.length;
    const removed = await api(gw, 'DELETE', groupPath(ALICE, `/${group.groupId}/participants/${CAROL}`), undefined, basic(ALICE));
    expect(removed.body.groupChatResponse.group.participants).toEqual([ALICE, BOB]);
    expect((await carol.ws.waitFor('groupChat', from)).groupChatNotificationParams).toMatchObject({ action: 'removed', changed: [CAROL], participants: [ALICE, BOB] });
    expect((await api(gw, 'GET', groupPath(CAROL, `/${group.groupId}`), undefined, basic(CAROL))).status).toBe(404);
    expect((await send(gw, CAROL, group.groupId, 'still here?')).status).toBe(404);
    const left = await api(gw, 'DELETE', groupPath(ALICE, `/${group.groupId}/participants/${ALICE}`), undefined, basic(ALICE));
    expect(left.body.groupChatResponse.group).toMatchObject({ owner: BOB, participants: [BOB] });
    expect((await api(gw, 'GET', groupPath(BOB), undefined, basic(BOB))).body.groupChatResponse.groups.map((g: any) => g.groupId)).toEqual([group.groupId]);
    expect((await api(gw, 'GET', groupPath(ALICE), undefined, basic(ALICE))).body.groupChatResponse.groups).toEqual([]);
  });

  it('reports the least delivered recipient: a participant without a subscription is stored', async () => {
    const gw = await start();
    await online(gw, BOB);
    const { groupId } = (await create(gw, ALICE, [BOB, CAROL])).body.groupChatResponse.group;
    const sent = await send(gw, ALICE, groupId, 'hi');
    expect(sent.body.imResponse.deliveryStatus).toBe('stored');
    expect(sent.body.imResponse.recipients).toEqual([{ address: BOB, deliveryStatus: 'delivered' }, { address: CAROL, deliveryStatus: 'stored' }]);
  });

  it('validates: unknown participants 404 + 1004, too many 403 + 19, malformed 400 + 5, unknown group 404 + 42', async () => {
    const gw = await start({ maxGroupParticipants: 2, maxGroupsPerUser: 2 });
    const unknown = await create(gw, ALICE, ['nobody@example.com']);
    expect(unknown.status).toBe(404);
    expect(unknown.body.groupChatResponse.statusCode).toBe(1004);
    const big = await create(gw, ALICE, [BOB, CAROL]);
    expect(big.status).toBe(403);
    expect(big.body.groupChatResponse.statusCode).toBe(19);
    expect((await create(gw, ALICE, [ALICE])).status).toBe(400);
    expect(await create(gw, ALICE, [BOB], 's'.repeat(257))).toMatchObject({ status: 413, body: { groupChatResponse: { statusCode: 5 } } });
    for (const body of [{}, { groupChatRequest: { participants: 'bob' } }, { groupChatRequest: { participants: [1] } }, { groupChatRequest: { participants: [BOB], subject: 3 } }]) {
      const res = await api(gw, 'POST', groupPath(ALICE), body, basic(ALICE));
      expect({ body, status: res.status, code: res.body.groupChatResponse.statusCode }).toEqual({ body, status: 400, code: 5 });
    }
    expect((await create(gw, ALICE, [BOB])).status).toBe(201);
    expect((await create(gw, ALICE, [BOB])).status).toBe(201);
    expect((await create(gw, ALICE, [CAROL])).status).toBe(403); // Alice is in 2 groups
    const none = await api(gw, 'GET', groupPath(ALICE, '/grp-doesnotexist'), undefined, basic(ALICE));
    expect(none).toMatchObject({ status: 404, body: { groupChatResponse: { statusCode: 42 } } });
    expect(gw.hooks.subscriptions()).toEqual([]);
    await subscribe(gw, ALICE);
  });
});
