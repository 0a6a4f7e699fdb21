/**
 * Issue 7 acceptance: the gateway (a child process on a data directory) is SIGKILLed and started
 * again on the same port and data directory in the middle of a call between two Chromium SDK
 * clients. Media keeps flowing; each SDK's channel reconnect re-attaches to the same
 * subscription (no second subscribe); notifications queued before the kill and while nobody was
 * connected arrive exactly once; the call's audit succeeds; a hold/unhold (driven through the
 * gateway's REST API for alice, since the SDK's hold() is NOT_IMPLEMENTED) and the end still work.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'puppeteer-core';
import { connectCall, end, waitForState } from './src/callFlow';
import { users, type E2EPage } from './src/e2ePage';
import { freePort, gatewayProcess, type GatewayProcess } from './src/gatewayProcess';
import { startHarness, type Harness } from './src/harness';

const ALICE_HZ = 440;
const BOB_HZ = 1000;
const AUDIT_MS = 10_000; // the SDK's minimum audit period
/** The SDK's first reconnect waits this long: the test's few requests around the kill fit in it with a wide margin. */
const RECONNECT_MS = 4_000;
const SDK_CONFIG = `({ connectivity: { reconnectDelay: ${RECONNECT_MS} }, call: { callAuditTimer: ${AUDIT_MS} } })`;

jest.setTimeout(180_000);

type Json = Record<string, any>;

/** Every notification a page received over its WebSockets (Chromium's DevTools protocol), and its REST requests, as seen on the wire. */
async function recordWire(page: Page) {
  const notifications: Json[] = [];
  const requests: Array<{ method: string; url: string; body: string }> = [];
  const cdp = await page.createCDPSession();
  await cdp.send('Network.enable');
  cdp.on('Network.webSocketFrameReceived', ({ response }) => {
    try {
      const message = (JSON.parse(response.payloadData) as Json).notificationMessage;
      if (message) notifications.push(message);
    } catch {
      /* not a notification */
    }
  });
  page.on('request', (r) => requests.push({ method: r.method(), url: r.url(), body: r.postData() ?? '' }));
  return { notifications, requests, withId: (id: string) => notifications.filter((n) => n.eventId === id) };
}

describe('gateway SIGKILL and restart mid-call (durable state)', () => {
  let dataDir: string;
  let gw: GatewayProcess;
  let h: Harness;
  let alice: E2EPage;
  let bob: E2EPage;

  const api = async (method: string, urlPath: string, body?: unknown, user?: keyof typeof users): Promise<{ status: number; body: Json }> => {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (user) headers.Authorization = `Basic ${Buffer.from(`${users[user].username}:${users[user].password}`).toString('base64')}`;
    const res = await fetch(gw.url + urlPath, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Json) : {} };
  };
  const subscriptions = async (): Promise<Json[]> => (await api('GET', '/__test__/subscriptions')).body.subscriptions;
  const notify = async (user: keyof typeof users, eventId: string) => {
    const res = await api('POST', '/__test__/notifications', { username: users[user].username, notificationMessage: { eventType: 'custom', eventId, customNotificationParams: { eventId } } });
    expect(res.body).toMatchObject({ statusCode: 0, delivered: 1 });
  };
  /** Polls the gateway until `check` holds. */
  const until = async (check: () => Promise<boolean>, what: string, timeout = 20_000) => {
    const deadline = Date.now() + timeout;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; gateway stderr: ${gw.stderr()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-gw-data-'));
    gw = gatewayProcess(await freePort(), dataDir);
    await gw.start();
    h = await startHarness({ sides: { alice: { tone: ALICE_HZ }, bob: { tone: BOB_HZ } }, gateway: async () => gw });
    [alice, bob] = await Promise.all([h.open('alice'), h.open('bob')]);
  });
  afterAll(async () => {
    await h?.close();
    await gw?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps the call, the subscriptions and the queued notifications across the restart', async () => {
    const wire = { alice: await recordWire(alice.page), bob: await recordWire(bob.page) };
    await Promise.all([alice.login(users.alice, gw.port, SDK_CONFIG), bob.login(users.bob, gw.port, SDK_CONFIG)]);
    const { aliceCall, bobCall } = await connectCall(alice, bob, { audio: true, video: false });
    for (const p of [alice, bob]) await p.startToneDetector();
    await bob.waitFor(`E2E.toneState(${ALICE_HZ}).detected`, `alice's tone at bob`);
    await alice.waitFor(`E2E.toneState(${BOB_HZ}).detected`, `bob's tone at alice`);
    const before = await subscriptions();
    expect(before.map((s) => s.username).sort()).toEqual([users.alice.username, users.bob.username]);
    const [{ caller, callee }] = (await api('GET', '/__test__/calls')).body.calls as Json[];

    // A notification for bob is queued (his socket dropped, the SDK reconnects only after RECONNECT_MS), then SIGKILL.
    expect((await api('POST', '/__test__/sockets/drop', { username: users.bob.username })).body.dropped).toBe(1);
    await notify('bob', 'queued-before-kill');
    expect((await subscriptions()).find((s) => s.username === users.bob.username)).toMatchObject({ connected: false, queued: 1 });
    await gw.kill();
    await gw.start();

    // Same subscriptions and channels; bob's queued notification survived; more is queued while the SDKs reconnect.
    const after = await subscriptions();
    expect(after.map(({ id, channelId, sessionId }) => ({ id, channelId, sessionId }))).toEqual(
      before.map(({ id, channelId, sessionId }) => ({ id, channelId, sessionId })),
    );
    await notify('bob', 'queued-after-restart');
    await notify('alice', 'queued-after-restart');
    await until(async () => (await subscriptions()).every((s) => s.connected && s.queued === 0), 'both SDKs reconnected');
    await until(async () => wire.bob.withId('queued-after-restart').length > 0 && wire.alice.withId('queued-after-restart').length > 0, 'the queued notifications');

    // Media flowed on: both tones are still heard after the restart.
    for (const [page, hz] of [[bob, ALICE_HZ], [alice, BOB_HZ]] as const) {
      const bytes = await page.waitForInboundGrowth('audio');
      await page.waitForInboundGrowth('audio', bytes);
      await page.waitFor(`E2E.toneState(${hz}).detected`, `the ${hz} Hz tone after the restart`);
    }

    // The call's audits succeed against the restarted gateway (the next one comes within AUDIT_MS).
    await Promise.all(
      [alice, bob].map((p) =>
        p.page.waitForResponse((r) => r.request().method() === 'PUT' && (r.request().postData() ?? '').includes('"audit"') && r.status() === 200, { timeout: AUDIT_MS * 2 }),
      ),
    );

    // Hold and unhold, alice's side driven through the REST API (the SDK's hold() is NOT_IMPLEMENTED); bob's SDK answers.
    const aliceSdp = await alice.eval<string>('window.__e2e.pcs.filter((p) => !p.__closeCalled).pop().localDescription.sdp');
    let version = 100;
    const offer = (direction: string) => aliceSdp.replace(/^(o=\S+ \S+ )\d+/m, `$1${version++}`).replace(/a=sendrecv/g, `a=${direction}`);
    const legPath = `/rest/version/1/user/${users.alice.username}/callControl/callSessions/${caller.id}`;
    for (const [direction, state] of [['sendonly', 'ON_HOLD'], ['sendrecv', 'CONNECTED']] as const) {
      const answers = wire.alice.notifications.filter((n) => n.eventType === 'respondCallUpdate').length;
      const res = await api('PUT', legPath, { callControlRequest: { type: 'startCallUpdate', sdp: offer(direction) } }, 'alice');
      expect(res).toEqual({ status: 200, body: { callControlResponse: { statusCode: 0 } } });
      await waitForState(bob, bobCall, state);
      await until(async () => wire.alice.notifications.filter((n) => n.eventType === 'respondCallUpdate').length > answers, `bob's answer to ${direction}`);
    }
    await alice.waitFor(`E2E.toneState(${BOB_HZ}).detected`, `bob's tone at alice after the unhold`);

    await end(alice, aliceCall);
    await Promise.all([waitForState(alice, aliceCall, 'ENDED'), waitForState(bob, bobCall, 'ENDED')]);
    expect(wire.bob.notifications.filter((n) => n.eventType === 'callEnd').map((n) => n.sessionParams?.sessionData)).toEqual([callee.id]);

    // Exactly once, nothing lost; and no SDK subscribed again (one subscribe POST each, no re-subscription event).
    expect(wire.bob.withId('queued-before-kill')).toHaveLength(1);
    expect(wire.bob.withId('queued-after-restart')).toHaveLength(1);
    expect(wire.alice.withId('queued-after-restart')).toHaveLength(1);
    for (const [name, page] of [['alice', alice], ['bob', bob]] as const) {
      const eventIds = wire[name].notifications.map((n) => n.eventId);
      expect(new Set(eventIds).size).toBe(eventIds.length);
      expect(wire[name].requests.filter((r) => r.method === 'POST' && /\/subscription$/.test(r.url))).toHaveLength(1);
      expect(await page.events('subscription:resub')).toEqual([]);
    }
    expect((await subscriptions()).map((s) => s.id)).toEqual(before.map((s) => s.id));
  });
});
