/**
 * Messaging, presence, address book and voicemail state survive a restart on the same data
 * directory (migration 3): histories and their limit, chat groups, presence and watch lists,
 * address books, voicemail counters, and IMs queued for a socket that was down, delivered once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Gateway } from '../src/index';
import { ALICE, BOB, CAROL, WsClient, api, basic, connect, eventually, startTestGateway, userPath } from './helpers';

let dir: string;
const gateways: Gateway[] = [];
const sockets: WsClient[] = [];
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gw-msg-restart-'));
});
afterAll(async () => {
  for (const ws of sockets) ws.close();
  for (const gw of gateways) await gw.close();
  rmSync(dir, { recursive: true, force: true });
});
const start = async (extra: Parameters<typeof startTestGateway>[0] = {}) => {
  const gw = await startTestGateway({ data: dir, notificationGraceMs: 0, ...extra });
  gateways.push(gw);
  return gw;
};
const im = (gw: Gateway, from: string, to: string, message: string) =>
  api(gw, 'POST', `${userPath(from)}/instantmessage`, { imRequest: { toUrl: to, message, charset: 'UTF-8', type: 'A2' } }, basic(from));
const presenceOf = (ws: WsClient) => ws.frames.map((f) => f.notificationMessage).filter((n) => n.eventType === 'presenceWatcher').map((n) => n.presenceWatcherNotificationParams);

describe('restart on the same data directory (messaging)', () => {
  it('keeps histories, groups, presence and watches, address books, voicemail, and delivers queued IMs once', async () => {
    const gw1 = await start();
    const alice = await connect(gw1, ALICE);
    const bob = await connect(gw1, BOB);
    sockets.push(alice.ws, bob.ws);
    await api(gw1, 'POST', `${userPath(ALICE)}/presenceWatcher`, { presenceWatcherRequest: { userList: [CAROL], action: 'watch' } }, basic(ALICE));
    await eventually(() => presenceOf(alice.ws).length === 1);
    const group = (await api(gw1, 'POST', `${userPath(ALICE)}/groupchat`, { groupChatRequest: { subject: 's', participants: [BOB, CAROL] } }, basic(ALICE))).body.groupChatResponse.group;
    await im(gw1, ALICE, BOB, 'before');
    await im(gw1, ALICE, group.groupId, 'to the group');
    await api(gw1, 'POST', `${userPath(ALICE)}/addressbook/contacts/`, { addressBookRequest: { addressBookEntries: [{ nickname: 'bobby', primaryContact: BOB }] } }, basic(ALICE));
    gw1.hooks.setMwi(BOB, { totalVoice: 2, unheardVoice: 2 });
    await api(gw1, 'POST', `${userPath(BOB)}/presence`, { presenceRequest: { status: 'open', activity: 'busy' } }, basic(BOB));

    // Bob's socket goes down; IMs for him are queued; the gateway stops.
    bob.ws.close();
    await eventually(() => !gw1.hooks.subscriptions(BOB)[0].connected);
    const queued = [];
    for (const text of ['q1', 'q2', 'q3']) queued.push((await im(gw1, ALICE, BOB, text)).body.imResponse);
    expect(queued.map((r) => r.deliveryStatus)).toEqual(['queued', 'queued', 'queued']);
    alice.ws.close();
    await gw1.close();

    const gw2 = await start();
    const bob2 = await WsClient.open(gw2.wsUrl + bob.sub.subscriptionParams.notificationChannel);
    const alice2 = await WsClient.open(gw2.wsUrl + alice.sub.subscriptionParams.notificationChannel);
    sockets.push(bob2, alice2);
    gw2.hooks.sendNotification(BOB, { eventType: 'marker' });
    await bob2.waitFor('marker');
    expect(bob2.frames.map((f) => f.notificationMessage).filter((n) => n.eventType === 'IM').map((n) => n.eventId)).toEqual(queued.map((r) => r.messageId));

    const history = await api(gw2, 'GET', `${userPath(BOB)}/conversations/${ALICE}/messages`, undefined, basic(BOB));
    expect(history.body.conversationsResponse.messages.map((m: any) => m.text)).toEqual(['q3', 'q2', 'q1', 'before']);
    expect((await api(gw2, 'GET', `${userPath(CAROL)}/groupchat/${group.groupId}`, undefined, basic(CAROL))).body.groupChatResponse.group.participants).toEqual([ALICE, BOB, CAROL]);
    expect((await im(gw2, BOB, group.groupId, 'after')).status).toBe(200);
    expect((await api(gw2, 'GET', `${userPath(ALICE)}/addressbook/contacts/bobby`, undefined, basic(ALICE))).body.addressBookResponse.addressBookEntries).toEqual([
      { nickname: 'bobby', primaryContact: BOB, friendStatus: false },
    ]);
    expect((await api(gw2, 'GET', `${userPath(BOB)}/voicemail`, undefined, basic(BOB))).body.mwiresponse).toMatchObject({ statusCode: 0, mwi: 'yes', totalVoice: '2' });

    // Alice's watch of Carol survived: Carol's change reaches her under the same name.
    await api(gw2, 'POST', `${userPath(CAROL)}/presence`, { presenceRequest: { status: 'open', activity: 'away' } }, basic(CAROL));
    await eventually(() => presenceOf(alice2).length === 1);
    expect(presenceOf(alice2)).toEqual([{ name: CAROL, status: 'open', activity: 'away', note: '' }]);
    // Bob's presence was kept, and a fresh watch reports it.
    await api(gw2, 'POST', `${userPath(ALICE)}/presenceWatcher`, { presenceWatcherRequest: { userList: [BOB], action: 'get' } }, basic(ALICE));
    await eventually(() => presenceOf(alice2).length === 2);
    expect(presenceOf(alice2)[1]).toEqual({ name: BOB, status: 'open', activity: 'busy', note: '' });
    await gw2.close();

    // A lowered limit applies to the stored history at start.
    const gw3 = await start({ maxStoredMessagesPerUser: 2 });
    const trimmed = await api(gw3, 'GET', `${userPath(BOB)}/conversations`, undefined, basic(BOB));
    expect(trimmed.body.conversationsResponse.conversations.reduce((n: number, c: any) => n + c.messageCount, 0)).toBe(2);
  });
});
