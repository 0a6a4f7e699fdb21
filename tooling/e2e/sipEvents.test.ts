/**
 * `@switchboard/sip-events` in real browsers through the reference gateway, run as a process on a
 * data directory with an admin token (issue 12 point 4, protocol §8, §4.16). alice (Chromium)
 * watches bob's phone presence (`sip.subscribe('event:presence', [bob])`), bob (Chromium) and
 * carol (Firefox when the matrix has it) make calls:
 * - bob calls carol → alice's `sip:eventsChange` `on-the-phone`, linked to the call (`links.callId`
 *   = bob's gateway leg, which alice has no call of), and `open` at the end;
 * - `sip.update` adds carol and removes bob: bob's next call sends alice nothing, carol calling
 *   alice does, linked to alice's own local call id;
 * - `sip.unsubscribe`: no more events; an unsolicited event injected through `POST
 *   /admin/sip-events` still arrives;
 * - a new subscription, the gateway SIGKILLed and started again on its data directory: the
 *   subscription is still there (same id) and bob's next call reaches alice again;
 * - a client whose subscription lacks the event's service: `sip:error` SIP_SERVICE_NOT_SUBSCRIBED,
 *   nothing stored at the gateway.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { answer, end, make, received, waitForState } from './src/callFlow';
import { users, type E2EPage } from './src/e2ePage';
import { freePort, gatewayProcess, type GatewayProcess } from './src/gatewayProcess';
import { startHarness, type Harness } from './src/harness';
import { callMatrix } from './src/matrix';

jest.setTimeout(120_000);

type Json = Record<string, any>;
const P = 'event:presence';
const BOB = users.bob.username;
const CAROL = users.carol.username;
const ADMIN_TOKEN = 'e2e-sip-events-admin-0123456789';
const AUDIO = { audio: true, video: false };
const js = (v: unknown) => JSON.stringify(v);
/** carol's browser: Firefox when the matrix has the Chromium→Firefox pair (one Firefox page). */
const CAROL_BROWSER = callMatrix().find((p) => p.label === 'chromium-firefox')?.callee ?? 'chromium';

/** A `sip:eventsChange` payload as logged by the page. */
interface SipEvent {
  eventType: string;
  eventId: string;
  event: { genericNotificationParams: Json };
  links: { callId?: string };
}

describe(`sip-events: phone presence linked to calls, update, unsubscribe, an unsolicited event, a gateway restart (carol in ${CAROL_BROWSER})`, () => {
  let dataDir: string;
  let gw: GatewayProcess;
  let h: Harness;
  let alice: E2EPage;
  let bob: E2EPage;
  let carol: E2EPage;

  const api = async (method: string, urlPath: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: Json }> => {
    const res = await fetch(gw.url + urlPath, { method, headers: { 'Content-Type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Json) : {} };
  };
  /** The gateway's leg id of `username`'s latest call as caller. */
  const callerLeg = async (username: string): Promise<string> => {
    const calls = (await api('GET', '/__test__/calls')).body.calls as Json[];
    return calls.filter((c) => c.caller.username === username).pop()!.caller.id;
  };
  const sipEvents = () => alice.events<SipEvent>('sip:eventsChange');
  /** Waits for alice's `count`-th `sip:eventsChange` (1-based) and returns it. */
  const nthEvent = async (count: number): Promise<SipEvent> => {
    await alice.waitFor(`E2E.events('sip:eventsChange').length >= ${count}`, `sip:eventsChange #${count} at alice`);
    return (await sipEvents())[count - 1]!;
  };
  const params = (e: SipEvent) => e.event.genericNotificationParams;
  /** `from` calls `to`; `to` answers; both connected, then `from` ends. Returns both call ids. */
  const callAndEnd = async (from: E2EPage, to: E2EPage, toAddress: string) => {
    const fromCall = await make(from, toAddress, AUDIO);
    const toCall = await received(to);
    await answer(to, toCall, AUDIO);
    await Promise.all([waitForState(from, fromCall, 'CONNECTED'), waitForState(to, toCall, 'CONNECTED')]);
    await end(from, fromCall);
    await Promise.all([waitForState(from, fromCall, 'ENDED'), waitForState(to, toCall, 'ENDED')]);
    return { fromCall, toCall };
  };
  const login = (page: E2EPage, name: keyof typeof users, services: string[], plugins: string[] = []) =>
    page.eval(`E2E.createClient(${js({ ...users[name], port: gw.port, services, plugins })})`);
  const errors = (page: E2EPage) => page.eval<unknown[]>("E2E.log.filter((e) => e.type.endsWith(':error'))");

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-e2e-sip-events-'));
    gw = gatewayProcess(await freePort(), dataDir, { env: { SB_GATEWAY_ADMIN_TOKEN: ADMIN_TOKEN }, outDir: path.join('dist', 'e2e-sip-events') });
    await gw.start();
    h = await startHarness({ sides: { alice: {}, bob: {}, carol: { browser: CAROL_BROWSER } }, gateway: async () => gw });
    [alice, bob, carol] = await Promise.all([h.open('alice'), h.open('bob'), h.open('carol')]);
    await Promise.all([
      login(alice, 'alice', ['call', P], ['sipEventsPlugin', 'sipCallLinksPlugin']),
      login(bob, 'bob', ['call']),
      login(carol, 'carol', ['call']),
    ]);
  });
  afterAll(async () => {
    await h?.close();
    await gw?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('bob calling carol reaches alice as sip:eventsChange linked to the call, on-the-phone then open', async () => {
    await alice.eval(`client.sip.subscribe(${js(P)}, [${js(BOB)}], 'e2e-alice')`);
    expect(await alice.events('sip:subscriptionChange')).toEqual([{ eventType: P, change: 'new', subscribedUsers: [BOB] }]);
    const details = await alice.eval<Json>(`client.sip.getDetails(${js(P)})`);
    expect(details).toMatchObject({ eventType: P, subscribedUsers: [BOB], clientCorrelator: 'e2e-alice', expires: 3600, notifications: [] });

    const calling = make(bob, `sip:${CAROL}`, AUDIO);
    const busy = await nthEvent(1);
    const bobCall = await calling;
    const leg = await callerLeg(BOB);
    expect(busy).toMatchObject({ eventType: P, links: { callId: leg } });
    expect(params(busy)).toMatchObject({ from: `sip:${BOB}`, status: 'on-the-phone', subscription: details.id, sessiondataType: 'call', sessionData: leg });
    const carolCall = await received(carol);
    await answer(carol, carolCall, AUDIO);
    await Promise.all([waitForState(bob, bobCall, 'CONNECTED'), waitForState(carol, carolCall, 'CONNECTED')]);
    await end(bob, bobCall);
    const free = await nthEvent(2);
    expect(params(free)).toMatchObject({ from: `sip:${BOB}`, status: 'open', sessionData: leg });
    expect(free.links).toEqual({ callId: leg });
    await waitForState(carol, carolCall, 'ENDED');
    expect((await alice.eval<Json>(`client.sip.getDetails(${js(P)})`)).notifications.map((n: SipEvent) => n.eventId)).toEqual([busy.eventId, free.eventId]);
  });

  it('update adds carol and removes bob: bob calling sends nothing; carol calling alice links to alice\'s own call', async () => {
    await alice.eval(`client.sip.update(${js(P)}, { subscribedUserList: [${js(CAROL)}], unsubscribeUserList: [${js(BOB)}] })`);
    expect((await alice.events('sip:subscriptionChange'))[1]).toEqual({ eventType: P, change: 'updated', subscribedUsers: [CAROL], unsubscribedUsers: [BOB] });
    await callAndEnd(bob, carol, `sip:${CAROL}`); // carol is the callee: she is watched now, bob no more
    await nthEvent(4);
    // carol answering and the end; bob's events would have come first (callStart, then his leg's end before hers)
    expect((await sipEvents()).slice(2).map((e) => [params(e).from, params(e).status])).toEqual([
      [`sip:${CAROL}`, 'on-the-phone'],
      [`sip:${CAROL}`, 'open'],
    ]);

    const { fromCall: carolCall, toCall: aliceCall } = await callAndEnd(carol, alice, `sip:${users.alice.username}`);
    const linked = await nthEvent(5);
    expect(params(linked)).toMatchObject({ from: `sip:${CAROL}`, status: 'on-the-phone' });
    expect(linked.links).toEqual({ callId: aliceCall }); // alice's own local call id, not a gateway leg
    expect(carolCall).not.toBe(aliceCall);
    expect((await nthEvent(6)).links).toEqual({ callId: aliceCall });
  });

  it('after unsubscribe no more events; an unsolicited event injected through the admin endpoint arrives', async () => {
    await alice.eval(`client.sip.unsubscribe(${js(P)})`);
    expect((await alice.events('sip:subscriptionChange'))[2]).toEqual({ eventType: P, change: 'deleted', unsubscribedUsers: [CAROL] });
    expect(await alice.eval('client.sip.getDetails()')).toEqual({});
    await callAndEnd(carol, bob, `sip:${BOB}`);
    const count = (await sipEvents()).length;
    expect(count).toBe(6);

    const body = { username: users.alice.username, eventType: P, genericNotificationParams: { from: 'sip:ops@example.com', data: 'maintenance at 22:00' } };
    expect((await api('POST', '/admin/sip-events', body, { Authorization: 'Bearer nope' })).status).toBe(401);
    expect((await api('POST', '/admin/sip-events', body, { Authorization: `Bearer ${ADMIN_TOKEN}` })).body).toEqual({ statusCode: 0, delivered: 1 });
    const unsolicited = await nthEvent(count + 1);
    expect(unsolicited).toMatchObject({ eventType: P, links: {} });
    expect(params(unsolicited)).toEqual(body.genericNotificationParams);
    for (const page of [alice, bob, carol]) expect(await errors(page)).toEqual([]);
  });

  it('a subscription survives a gateway SIGKILL and restart: bob calling again reaches alice', async () => {
    await alice.eval(`client.sip.subscribe(${js(P)}, [${js(BOB)}], 'e2e-alice')`);
    const { id } = await alice.eval<Json>(`client.sip.getDetails(${js(P)})`);
    const stored = async () => ((await api('GET', '/__test__/sip-event-subscriptions')).body.subscriptions as Json[]).map((s) => s.id);
    expect(await stored()).toEqual([id]);
    await gw.kill();
    await gw.start();
    expect(await stored()).toEqual([id]);
    // both SDKs' channels re-attach to their subscriptions
    await alice.waitFor(
      `fetch('${gw.url}/__test__/subscriptions').then((r) => r.json()).then((b) => b.subscriptions.length === 3 && b.subscriptions.every((s) => s.connected))`,
      'every SDK reconnected after the restart',
      30_000,
    );
    const count = (await sipEvents()).length;
    await callAndEnd(bob, carol, `sip:${CAROL}`);
    const again = await nthEvent(count + 1);
    expect(params(again)).toMatchObject({ from: `sip:${BOB}`, status: 'on-the-phone', subscription: id });
    expect(again.links).toEqual({ callId: await callerLeg(BOB) });
    for (const page of [alice, bob, carol]) expect(await errors(page)).toEqual([]);
  });

  it("the event type's service must be part of services.subscribe: sip:error SIP_SERVICE_NOT_SUBSCRIBED, nothing reaches the gateway", async () => {
    const other = await h.open('bob');
    await login(other, 'bob', ['call'], ['sipEventsPlugin']);
    const stored = async () => ((await api('GET', '/__test__/sip-event-subscriptions')).body.subscriptions as Json[]).map((s) => s.id);
    const before = await stored();
    await other.eval(`client.sip.subscribe(${js(P)}, [${js(CAROL)}], 'e2e-bob')`);
    const refused = await other.waitForEvent('sip:error');
    expect(refused).toMatchObject({ eventType: P, error: { code: 'SIP_SERVICE_NOT_SUBSCRIBED' } });
    expect(await other.eval('client.sip.getDetails()')).toEqual({});
    expect(await other.events('sip:subscriptionChange')).toEqual([]);
    expect(await stored()).toEqual(before);
    await other.eval('(async () => { await client.destroy(); return true; })()');
    await other.page.close();
  });
});
