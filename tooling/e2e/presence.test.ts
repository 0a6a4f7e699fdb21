/**
 * `@switchboard/presence` in real browsers through the reference gateway (issue 11 point 5,
 * protocol §7, §11, §12):
 * - presence (Chromium↔Chromium and Chromium→Firefox, alice in the first browser, bob and carol in
 *   the second): bob and carol watch alice (`presence.subscribe`); alice's `presence.update`
 *   reaches both as `presence:change` with her status, activity and note, and `presence.get`
 *   agrees; alice calls bob (the call plugin installed, audio only): while the call is Connected
 *   both watchers see her `on-the-phone`, and after the end her own presence (note included) again;
 * - directory (Chromium): `user.search` finds a user that exists only in the gateway's users file,
 *   by last name and by phone number; `fetchSelfInfo` returns the own profile with `acceptLanguage`;
 * - contacts (Chromium): add / update / remove, then `client.destroy()` and a new client in the
 *   same page, then the gateway process SIGKILLed and started again on the same data directory
 *   (as gatewayRestart.test.ts does) → `contacts.refresh()` and `contacts.fetch(id)` return the
 *   same address book, also to a client created after the restart.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEMO_USERS } from '@switchboard/test-utils/gateway';
import { answer, end, make, received, waitForState } from './src/callFlow';
import { users, type E2EPage } from './src/e2ePage';
import { freePort, gatewayProcess, type GatewayProcess } from './src/gatewayProcess';
import { startHarness, type Harness } from './src/harness';
import { callMatrix, fileBrowsers } from './src/matrix';

jest.setTimeout(120_000);

const ALICE = users.alice.username;
const PLUGINS = ['presencePlugin', 'userPlugin', 'contactsPlugin'];
/** Watching needs a subscription holding `Presence` (packages/presence/README.md). */
const SERVICES = ['call', 'Presence'];
const AUDIO = { audio: true, video: false };
const js = (v: unknown) => JSON.stringify(v);
const browsers = fileBrowsers();

/** Chromium↔Chromium and the Firefox pair of the issue (narrowed by SB_E2E_* like the rest). */
const PAIRS = callMatrix().filter((p) => p.label === 'chromium-chromium' || p.label === 'chromium-firefox');
const CHROMIUM = callMatrix().some((p) => p.label === 'chromium-chromium');

/** A presence record as `presence.get` returns it. */
interface Presence {
  userId: string;
  status: string;
  activity: string;
  note: string;
  loading?: boolean;
}

/** Creates `window.client` in `page` for `name` with the three presence plugins, subscribed to call + Presence. */
function login(page: E2EPage, name: keyof typeof users, port: number): Promise<unknown> {
  return page.eval(`E2E.createClient(${js({ ...users[name], port, plugins: PLUGINS, services: SERVICES })})`);
}

/** Every `*:error` event `page` logged (none expected). */
const errors = (page: E2EPage) => page.eval<unknown[]>("E2E.log.filter((e) => e.type.endsWith(':error'))");

/** Waits until `page`'s cached presence of alice has `activity` (and `note`), loaded; returns it. */
function aliceIs(page: E2EPage, activity: string, note = ''): Promise<Presence> {
  return page.waitFor<Presence>(
    `(() => { const p = client.presence.get(${js(ALICE)}); return p && !p.loading && p.activity === ${js(activity)} && p.note === ${js(note)} ? p : null; })()`,
    `alice ${activity} "${note}" at ${page.name}`,
  );
}

/** The `presence:change` events of alice that `page` logged. */
const changesOfAlice = (page: E2EPage) => page.eval<Presence[]>(`E2E.events('presence:change').filter((e) => e.userId === ${js(ALICE)})`);

describe.each(PAIRS)('presence: a watched update and on-the-phone during a call ($label)', ({ caller, callee }) => {
  let h: Harness;
  let alice: E2EPage;
  let bob: E2EPage;
  let carol: E2EPage;

  beforeAll(async () => {
    h = await startHarness({ sides: { alice: { browser: caller }, bob: { browser: callee }, carol: { browser: callee } }, browsers });
    [alice, bob, carol] = await Promise.all([h.open('alice'), h.open('bob'), h.open('carol')]);
    const port = h.gateway!.port;
    await Promise.all([login(alice, 'alice', port), login(bob, 'bob', port), login(carol, 'carol', port)]);
  });
  afterAll(() => h?.close());

  it("the watchers get alice's update as presence:change and presence.get agrees; a call shows her on-the-phone while Connected, then her own presence again", async () => {
    // bob and carol watch alice: the gateway pushes her current presence (open / active since her subscription)
    for (const watcher of [bob, carol]) {
      await watcher.eval(`client.presence.subscribe(${js(ALICE)})`);
      expect(await watcher.events('presence:subscribe')).toEqual([{ userIds: [ALICE] }]);
      await aliceIs(watcher, 'active');
    }

    await alice.eval("client.presence.update(client.presence.statuses.OPEN, client.presence.activities.OTHER, 'In the lab')");
    const own = { userId: ALICE, status: 'open', activity: 'other', note: 'In the lab' };
    expect(await alice.events('presence:selfChange')).toHaveLength(1);
    expect(await alice.eval('client.presence.getSelf()')).toEqual({ ...own, loading: false });
    for (const watcher of [bob, carol]) {
      expect(await aliceIs(watcher, 'other', 'In the lab')).toEqual({ ...own, loading: false });
      expect(await changesOfAlice(watcher)).toEqual([{ userId: ALICE, status: 'open', activity: 'active', note: '' }, own]);
    }

    // alice calls bob: on-the-phone reaches both watchers while the call is Connected
    const aliceCall = await make(alice, 'sip:bob@example.com', AUDIO);
    const bobCall = await received(bob);
    await answer(bob, bobCall, AUDIO);
    await Promise.all([waitForState(alice, aliceCall, 'CONNECTED'), waitForState(bob, bobCall, 'CONNECTED')]);
    const onThePhone = { userId: ALICE, status: 'open', activity: 'on-the-phone', note: '' };
    for (const watcher of [bob, carol]) expect(await aliceIs(watcher, 'on-the-phone')).toEqual({ ...onThePhone, loading: false });
    expect(await alice.eval('client.presence.getSelf().activity')).toBe('on-the-phone');
    // still in the call when the watchers saw it
    expect(await alice.eval(`client.call.getById(${js(aliceCall)}).state`)).toBe(await alice.eval('client.call.states.CONNECTED'));

    // after the end: her own last update, note included
    await end(alice, aliceCall);
    await Promise.all([waitForState(alice, aliceCall, 'ENDED'), waitForState(bob, bobCall, 'ENDED')]);
    for (const watcher of [bob, carol]) {
      expect(await aliceIs(watcher, 'other', 'In the lab')).toEqual({ ...own, loading: false });
      expect((await changesOfAlice(watcher)).slice(2)).toEqual([onThePhone, own]);
    }
    expect(await alice.eval('client.presence.getSelf()')).toEqual({ ...own, loading: false });
    for (const page of [alice, bob, carol]) expect(await errors(page)).toEqual([]);
  });
});

(CHROMIUM ? describe : describe.skip)('directory and contacts (chromium, the gateway as a process on a data directory)', () => {
  const dave = { username: 'dave@example.com', password: 'dave-secret', displayName: 'Dave', firstName: 'Dave', lastName: 'Directory', phoneNumber: '+15550100042' };
  let dataDir: string;
  let gw: GatewayProcess;
  let h: Harness;
  let page: E2EPage;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-e2e-presence-'));
    // The users file: the demo users and one user only this file knows.
    const usersFile = path.join(dataDir, 'users.json');
    fs.writeFileSync(usersFile, JSON.stringify([...DEMO_USERS, dave]));
    gw = gatewayProcess(await freePort(), path.join(dataDir, 'store'), { args: ['--users', usersFile], outDir: path.join('dist', 'e2e-presence') });
    await gw.start();
    h = await startHarness({ sides: { alice: {} }, gateway: async () => gw, browsers });
    page = await h.open('alice');
    await login(page, 'alice', gw.port);
  });
  afterAll(async () => {
    await h?.close();
    await gw?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("user.search finds a user of the gateway's users file by one filter; fetchSelfInfo returns the own profile", async () => {
    await page.eval("client.user.search({ lastName: 'direct' })");
    const [byLastName] = await page.events<{ results: Array<Record<string, string>> }>('directory:change');
    expect(byLastName!.results).toEqual([
      expect.objectContaining({ userId: dave.username, primaryContact: dave.username, firstName: 'Dave', lastName: 'Directory', buddy: 'false' }),
    ]);
    await page.eval("client.user.search({ phoneNumber: '15550100042' })");
    expect((await page.events<{ results: Array<{ userId: string }> }>('directory:change'))[1]!.results.map((u) => u.userId)).toEqual([dave.username]);
    expect(await page.eval(`client.user.get(${js(dave.username)})`)).toMatchObject({ lastName: 'Directory' });

    await page.eval('client.user.fetchSelfInfo()');
    expect((await page.events<{ results: unknown[] }>('directory:change'))[2]!.results).toEqual([
      expect.objectContaining({ userId: ALICE, lastName: 'Liddell', acceptLanguage: 'en-US' }),
    ]);
    expect(await errors(page)).toEqual([]);
  });

  it('contacts add / update / remove survive destroying and re-creating the SDK and restarting the gateway', async () => {
    const all = `client.contacts.getAll().sort((a, b) => a.contactId.localeCompare(b.contactId))`;
    const contacts = async () => {
      await page.eval('client.contacts.refresh()');
      return page.eval(all);
    };
    expect(await contacts()).toEqual([]);
    await page.eval(`(async () => {
      await client.contacts.add({ contactId: 'bobby', primaryContact: 'bob@example.com', firstName: 'Bob', friendStatus: true });
      await client.contacts.add({ contactId: 'carol', primaryContact: 'carol@example.com' });
      await client.contacts.add({ contactId: 'dave', primaryContact: ${js(dave.username)}, lastName: 'Directory' });
      await client.contacts.update({ contactId: 'carol', primaryContact: 'carol@example.com', mobilePhone: '+15550100003' });
      await client.contacts.remove('dave');
    })()`);
    expect(await page.events('contacts:new')).toHaveLength(3);
    const expected = [
      { contactId: 'bobby', primaryContact: 'bob@example.com', firstName: 'Bob', groupList: 'friends', friendStatus: true },
      // update replaces the entry: the default groupList of its add is gone
      { contactId: 'carol', primaryContact: 'carol@example.com', mobilePhone: '+15550100003', friendStatus: false },
    ];
    expect(await page.eval(all)).toEqual(expected);
    expect(await errors(page)).toEqual([]);

    // A new SDK in the same page: the address book comes from the gateway
    await page.eval('client.destroy()');
    await login(page, 'alice', gw.port);
    expect(await page.eval('client.contacts.getAll()')).toEqual([]);
    expect(await contacts()).toEqual(expected);

    // The gateway SIGKILLed and started again on the same data directory
    await gw.kill();
    await gw.start();
    expect(await contacts()).toEqual(expected);
    await page.eval("client.contacts.fetch('carol')");
    expect(await page.eval("client.contacts.get('carol')")).toEqual(expected[1]);
    expect(await errors(page)).toEqual([]);

    // and a client created after the restart sees the same
    await page.eval('client.destroy()');
    await login(page, 'alice', gw.port);
    expect(await contacts()).toEqual(expected);
    expect(await errors(page)).toEqual([]);
  });
});
