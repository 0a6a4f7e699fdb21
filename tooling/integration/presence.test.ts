/**
 * Presence, directory and address book (issue 11 point 2) against the real reference gateway, with
 * Node SDK clients (connectivity over `ws`, the call plugin over the test kit's fake peer
 * connections and media, and the three plugins of `@switchboard/presence`): bob watches alice and
 * sees her updates and, while alice is in a call with bob, her `on-the-phone`; directory search,
 * user fetch and the own profile; contacts CRUD surviving a new SDK instance and a gateway restart
 * (the gateway's durable store in a temporary directory).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { createClient, type LogLevel, type SdkEventMap } from '@switchboard/core';
import { callPlugin, states } from '@switchboard/call';
import { connectivityPlugin } from '@switchboard/connectivity';
import { mediaPlugin } from '@switchboard/media';
import { contactsPlugin, presencePlugin, userPlugin } from '@switchboard/presence';
import { DEFAULT_DEVICES, fakeMediaEnvironment, fakePeerConnections } from '@switchboard/test-utils';
import { startGateway, type TestGateway } from '@switchboard/test-utils/gateway';
import { until } from './helpers';

const ALICE = 'alice@example.com';
const BOB = 'bob@example.com';

/** Resolves once a request from this process gets an HTTP answer from `gateway` (stale pooled sockets fail first). */
async function reachable(gateway: TestGateway): Promise<void> {
  for (let attempt = 0; attempt < 20; attempt++) {
    if (await fetch(`${gateway.url}/rest/version/1/localization`).then(() => true, () => false)) return;
  }
  throw new Error('the gateway does not answer');
}

/** A client with connectivity, media, call, presence, user and contacts for `username`. */
function presenceClient(gateway: TestGateway, username: string) {
  const { port } = gateway;
  const client = createClient({
    plugins: [
      connectivityPlugin({ WebSocket: WebSocket as unknown as typeof globalThis.WebSocket }),
      mediaPlugin({ environment: fakeMediaEnvironment({ devices: DEFAULT_DEVICES }).environment }),
      callPlugin({ peerConnectionFactory: fakePeerConnections().factory }),
      presencePlugin(),
      userPlugin(),
      contactsPlugin(),
    ],
    config: {
      logs: { logLevel: (process.env.SB_LOG ?? 'silent') as LogLevel },
      authentication: { server: { base: '127.0.0.1', protocol: 'http', port } },
      subscription: { websocket: { server: '127.0.0.1', protocol: 'ws', port } },
      connectivity: { reconnectDelay: 100, reconnectLimit: 5, reconnectTimeLimit: 1000, pingInterval: 1000 },
    },
  });
  client.setCredentials({ username, password: `${username.split('@')[0]}-secret` });
  const events: Array<{ type: string; args: unknown[] }> = [];
  client.subscribe((type, ...args) => events.push({ type, args }));
  const of = <K extends keyof SdkEventMap & string>(type: K) => events.filter((e) => e.type === type).map((e) => e.args[0] as SdkEventMap[K][0]);
  const errors = () => events.filter((e) => e.type.endsWith(':error'));
  return { client, of, errors };
}
type PresenceClient = ReturnType<typeof presenceClient>;

describe('presence, directory and contacts ↔ reference gateway', () => {
  let gateway: TestGateway;
  let data: string;
  const clients: PresenceClient[] = [];
  const open = (username: string) => {
    const c = presenceClient(gateway, username);
    clients.push(c);
    return c;
  };
  const subscribed = async (c: PresenceClient, user: string) => {
    c.client.services.subscribe(['call', 'Presence']);
    await until(() => c.of('subscription:change').length > 0 && gateway.hooks.subscriptions(user).some((s) => s.connected));
  };

  beforeAll(async () => {
    data = mkdtempSync(join(tmpdir(), 'sb-presence-'));
    gateway = await startGateway({ data, socketTimeoutMs: 5000, goneGraceMs: 200 });
  });
  afterEach(async () => {
    // a test may have destroyed some already (destroy() then throws SDK_DESTROYED)
    await Promise.all(clients.splice(0).map(async (c) => c.client.destroy()).map((p) => p.catch(() => undefined)));
    await until(() => gateway.hooks.subscriptions().length === 0);
  });
  afterAll(async () => {
    await gateway.close();
    rmSync(data, { recursive: true, force: true });
  });

  it('bob watches alice: her current presence, then her update, reach bob as presence:change; unsubscribe stops them', async () => {
    const alice = open(ALICE);
    const bob = open(BOB);
    await subscribed(alice, ALICE);
    await subscribed(bob, BOB);
    await bob.client.presence.subscribe(ALICE);
    expect(bob.of('presence:subscribe')).toEqual([{ userIds: [ALICE] }]);
    await until(() => bob.of('presence:change').length === 1);
    expect(bob.of('presence:change')[0]).toEqual({ userId: ALICE, status: 'open', activity: 'active', note: '' });

    const { statuses, activities } = alice.client.presence;
    await alice.client.presence.update(statuses.OPEN, activities.OTHER, 'In the lab');
    expect(alice.of('presence:selfChange')).toHaveLength(1);
    expect(alice.client.presence.getSelf()).toEqual({ userId: ALICE, status: 'open', activity: 'other', note: 'In the lab', loading: false });
    await until(() => bob.of('presence:change').length === 2);
    expect(bob.client.presence.get(ALICE)).toEqual({ userId: ALICE, status: 'open', activity: 'other', note: 'In the lab', loading: false });

    await bob.client.presence.unsubscribe(ALICE);
    expect(bob.of('presence:unsubscribe')).toEqual([{ userIds: [ALICE] }]);
    await alice.client.presence.update(statuses.OPEN, activities.BUSY);
    await alice.client.presence.update(statuses.OPEN, activities.LUNCH);
    // a watcher would get busy, then lunch (before bob's fetch is even sent); bob gets only his fetch's lunch
    await bob.client.presence.fetch(ALICE);
    await until(() => bob.of('presence:change').length >= 3 && !bob.client.presence.get(ALICE)?.loading);
    expect(bob.of('presence:change').slice(2)).toEqual([{ userId: ALICE, status: 'open', activity: 'lunch', note: '' }]);

    // a malformed status: presence:error with a code, nothing sent, nothing stored changes
    await alice.client.presence.update('available', 'active');
    expect(alice.of('presence:error').map((e) => e.error.code)).toEqual(['INVALID_ARGUMENT']);
    expect(alice.client.presence.getSelf().activity).toBe('lunch');
    expect(bob.errors()).toEqual([]);
  });

  it("after the gateway expired bob's subscription and bob subscribed again, he still gets alice's updates", async () => {
    const alice = open(ALICE);
    const bob = open(BOB);
    await subscribed(alice, ALICE);
    await subscribed(bob, BOB);
    await bob.client.presence.subscribe(ALICE);
    await until(() => bob.of('presence:change').length === 1);
    const [sub] = gateway.hooks.subscriptions(BOB);
    gateway.hooks.expireSubscription(sub!.id);
    await until(() => bob.client.services.getSubscriptions().subscribed.length === 0);
    bob.client.services.subscribe(['call', 'Presence']);
    // the new subscription's watch list is the SDK's to restore (the gateway dropped the old one with it)
    await until(() => gateway.hooks.subscriptions(BOB).some((s) => s.connected && s.id !== sub!.id) && bob.of('presence:change').length === 2);
    await alice.client.presence.update('open', 'vacation');
    await until(() => bob.client.presence.get(ALICE)?.activity === 'vacation');
    expect(bob.errors()).toEqual([]);
  });

  it('a call alice ↔ bob shows alice on-the-phone at her watcher, and her own presence again after it', async () => {
    const alice = open(ALICE);
    const bob = open(BOB);
    await subscribed(alice, ALICE);
    await subscribed(bob, BOB);
    await alice.client.presence.update('open', 'away');
    await bob.client.presence.subscribe(ALICE);
    await until(() => bob.client.presence.get(ALICE)?.activity === 'away' && !bob.client.presence.get(ALICE)?.loading);

    const callId = alice.client.call.make(BOB, { audio: true });
    await until(() => bob.of('call:receive').length === 1);
    const incoming = bob.of('call:receive')[0]!.callId;
    await until(() => bob.client.call.getById(incoming)?.state === states.RINGING);
    bob.client.call.answer(incoming, { audio: true });
    await until(() => alice.client.call.getById(callId)?.state === states.CONNECTED);
    await until(() => bob.client.presence.get(ALICE)?.activity === 'on-the-phone');
    expect(alice.client.presence.getSelf().activity).toBe('on-the-phone');

    alice.client.call.end(callId);
    await until(() => bob.client.presence.get(ALICE)?.activity === 'away');
    expect(alice.client.presence.getSelf()).toMatchObject({ status: 'open', activity: 'away' });
    // bob was in the call too: his presence went on-the-phone and back as well (no watcher needed for that)
    await until(() => bob.client.presence.getSelf().activity === 'active');
    expect(alice.errors()).toEqual([]);
    expect(bob.errors()).toEqual([]);
  });

  it('directory: search by one filter, fetch one user, fetchSelfInfo', async () => {
    const alice = open(ALICE);
    await alice.client.user.search({ lastName: 'build' });
    expect(alice.of('directory:change')[0]!.results.map((u) => u.userId)).toEqual([BOB]);
    await alice.client.user.search({ phoneNumber: '15550100003' });
    expect(alice.of('directory:change')[1]!.results.map((u) => u.userId)).toEqual(['carol@example.com']);
    await alice.client.user.search();
    expect(alice.of('directory:change')[2]!.results.map((u) => u.userId).sort()).toEqual([ALICE, BOB, 'carol@example.com']);
    await alice.client.user.fetch(BOB);
    expect(alice.of('users:change')).toEqual([{ results: [expect.objectContaining({ userId: BOB, firstName: 'Bob', lastName: 'Builder', buddy: 'false' })] }]);
    await alice.client.user.fetchSelfInfo();
    expect(alice.of('directory:change')[3]!.results).toEqual([expect.objectContaining({ userId: ALICE, lastName: 'Liddell', acceptLanguage: expect.any(String) })]);
    expect(alice.client.user.get(BOB)).toMatchObject({ emailAddress: BOB });
    await alice.client.user.fetch('nobody@example.com');
    expect(alice.of('users:error').map((e) => e.error.code)).toEqual(['USER_NOT_FOUND']);
    expect(alice.of('directory:error')).toEqual([]);
  });

  it('contacts CRUD survives destroying and re-creating the SDK and restarting the gateway', async () => {
    const all = (c: PresenceClient) => c.client.contacts.getAll().sort((a, b) => a.contactId.localeCompare(b.contactId));
    const first = open(ALICE);
    await first.client.contacts.refresh();
    for (const c of first.client.contacts.getAll()) await first.client.contacts.remove(c.contactId);
    await first.client.contacts.add({ contactId: 'bobby', primaryContact: BOB, firstName: 'Bob', friendStatus: true });
    await first.client.contacts.add({ contactId: 'carol', primaryContact: 'carol@example.com' });
    await first.client.contacts.update({ contactId: 'carol', primaryContact: 'carol@example.com', mobilePhone: '+15550100003' });
    await first.client.contacts.remove('bobby');
    await first.client.contacts.add({ contactId: 'bobby', primaryContact: BOB, lastName: 'Builder' });
    expect(first.of('contacts:new')).toHaveLength(3);
    expect(first.errors()).toEqual([]);
    const expected = [
      { contactId: 'bobby', primaryContact: BOB, lastName: 'Builder', groupList: 'friends', friendStatus: false },
      { contactId: 'carol', primaryContact: 'carol@example.com', mobilePhone: '+15550100003', friendStatus: false },
    ];
    await first.client.destroy();

    const second = open(ALICE);
    await second.client.contacts.refresh();
    expect(all(second)).toEqual(expected);
    // the directory marks the address book's users as buddies
    await second.client.user.fetch(BOB);
    expect(second.client.user.get(BOB)?.buddy).toBe('true');
    await second.client.destroy();

    const { port } = gateway;
    await gateway.close();
    gateway = await startGateway({ data, port, socketTimeoutMs: 5000, goneGraceMs: 200 });
    // Node's fetch pool may still hold a keep-alive socket to the old process ("other side
    // closed" on its next request): wait until this process reaches the new gateway
    await reachable(gateway);
    const third = open(ALICE);
    await third.client.contacts.refresh();
    expect(third.errors()).toEqual([]);
    expect(all(third)).toEqual(expected);
    await third.client.contacts.fetch('carol');
    expect(third.client.contacts.get('carol')).toEqual(expected[1]);
    await third.client.contacts.add({ contactId: 'carol', primaryContact: 'carol@example.com' });
    expect(third.of('contacts:error').map((e) => e.error.code)).toEqual(['CONTACTS_REQUEST_FAILED']);
    expect(all(third)).toEqual(expected);
  });
});
