/**
 * `callHistoryPlugin()` and `clickToCallPlugin()` in real browsers through the reference gateway
 * (protocol §10 and §13), with media evidence:
 * - an answered call with media both ways (each side's tone detected at the other), ended by alice
 *   → `call.history.fetch()` lists it at alice as `outgoing` to bob and at bob as `incoming` from
 *   alice, `answered`, with a start time and a duration inside the bounds the test measured around
 *   the answer and the end (never an absolute time). Chromium↔Chromium and one Firefox pair
 *   (Chromium→Firefox);
 * - a rejected and a missed (caller-cancelled) call appear with their direction and state;
 *   `remove` and `clear` delete records on the gateway (`callHistory:change` /
 *   `callHistoryCache:change` fire); `getCache` / `setCache` round-trip the cache;
 * - click-to-call: carol's `clickToCall.make(alice, bob)` → alice's browser gets `call:receive`
 *   (the gateway rings the calling party first), she answers, then bob's browser gets his, he
 *   answers; both Connected, each hears the other's tone; `clickToCall:start` and `get()` reflect
 *   the request; afterwards each party's history has the bridged call with the other as remote party.
 * The history-event, cache and click-to-call tests are browser-neutral SDK logic: Chromium only.
 */
import { answer, end, make, received, waitForState } from './src/callFlow';
import type { E2EPage } from './src/e2ePage';
import { startLoggedIn, type Harness } from './src/harness';
import { callMatrix, fileBrowsers } from './src/matrix';

const ALICE_HZ = 440;
const BOB_HZ = 1000;
const PLUGINS = ['callHistoryPlugin', 'clickToCallPlugin'];
const AUDIO = { audio: true, video: false };
const js = (v: unknown) => JSON.stringify(v);
const browsers = fileBrowsers();

/** Chromium↔Chromium and one Firefox pair (narrowed by SB_E2E_* like the rest). */
const PAIRS = callMatrix().filter((p) => p.label === 'chromium-chromium' || p.label === 'chromium-firefox');
const CHROMIUM = callMatrix().some((p) => p.label === 'chromium-chromium');

/** The fields of a call-log record the tests read. */
interface LogRecord {
  recordId: string;
  direction: string;
  state?: string;
  callerDisplayNumber?: string;
  calleeDisplayNumber?: string;
  remoteDisplayNumber?: string;
  startTime?: string;
  duration?: string;
}

/** Fetches `page`'s history (the given page size) and returns `call.history.get()`. */
async function fetchHistory(page: E2EPage, amount = 50): Promise<LogRecord[]> {
  await page.eval(`client.call.history.fetch(${amount})`);
  return page.eval<LogRecord[]>('client.call.history.get()');
}

/** How many `type` events `page` has logged. */
const count = async (page: E2EPage, type: string) => (await page.events(type)).length;

/** Waits until each page hears the other's tone (inbound audio first, then the detector). */
async function hearEachOther(a: E2EPage, aHz: number, b: E2EPage, bHz: number): Promise<void> {
  await Promise.all([a.waitForInboundGrowth('audio'), b.waitForInboundGrowth('audio')]);
  await Promise.all([a.startToneDetector(), b.startToneDetector()]);
  await Promise.all([
    b.waitFor(`E2E.toneState(${aHz}).detected`, `${a.name}'s tone at ${b.name}`, 15000),
    a.waitFor(`E2E.toneState(${bHz}).detected`, `${b.name}'s tone at ${a.name}`, 15000),
  ]);
}

describe.each(PAIRS)('call history of an answered call ($label)', ({ caller, callee }) => {
  let h: Harness;
  let alice: E2EPage;
  let bob: E2EPage;

  beforeAll(async () => {
    ({ harness: h, alice, bob } = await startLoggedIn(
      { alice: { browser: caller, tone: ALICE_HZ, plugins: PLUGINS }, bob: { browser: callee, tone: BOB_HZ, plugins: PLUGINS } },
      { browsers },
    ));
  });
  afterAll(() => h?.close());

  it('lists the call at both ends with its direction, remote party, start time and a duration within the measured connected time', async () => {
    // A fresh gateway: both histories start empty.
    expect(await fetchHistory(alice)).toEqual([]);
    expect(await fetchHistory(bob)).toEqual([]);

    const beforeMake = Date.now();
    const aliceCall = await make(alice, 'sip:bob@example.com', AUDIO);
    const bobCall = await received(bob);
    const beforeAnswer = Date.now();
    await answer(bob, bobCall, AUDIO);
    await Promise.all([waitForState(alice, aliceCall, 'CONNECTED'), waitForState(bob, bobCall, 'CONNECTED')]);
    const connected = Date.now();
    await hearEachOther(alice, ALICE_HZ, bob, BOB_HZ);
    const beforeEnd = Date.now();
    await end(alice, aliceCall);
    await Promise.all([waitForState(alice, aliceCall, 'ENDED'), waitForState(bob, bobCall, 'ENDED')]);
    const ended = Date.now();

    const changes = await count(alice, 'callHistory:change');
    const [atAlice] = await fetchHistory(alice);
    expect(await count(alice, 'callHistory:change')).toBe(changes + 1);
    const [atBob] = await fetchHistory(bob);
    expect(atAlice).toMatchObject({ direction: 'outgoing', state: 'answered', calleeDisplayNumber: 'bob@example.com', remoteDisplayNumber: 'bob@example.com' });
    expect(atBob).toMatchObject({ direction: 'incoming', state: 'answered', callerDisplayNumber: 'alice@example.com', remoteDisplayNumber: 'alice@example.com' });
    // The gateway stamps the answer between `beforeAnswer` and `connected`, and the end between
    // `beforeEnd` and `ended` (the same machine clock): the duration lies between the two spans.
    for (const record of [atAlice!, atBob!]) {
      const startTime = Number(record.startTime);
      expect(startTime).toBeGreaterThanOrEqual(beforeMake);
      expect(startTime).toBeLessThanOrEqual(beforeAnswer);
      const duration = Number(record.duration);
      expect(duration).toBeGreaterThanOrEqual(beforeEnd - connected);
      expect(duration).toBeLessThanOrEqual(ended - beforeAnswer);
    }
  });
});

(CHROMIUM ? describe : describe.skip)('call history: rejected and missed calls, remove, clear, cache; click-to-call (chromium-chromium)', () => {
  let h: Harness;
  let alice: E2EPage;
  let bob: E2EPage;
  let carol: E2EPage;

  beforeAll(async () => {
    ({ harness: h, alice, bob, carol } = await startLoggedIn(
      { alice: { tone: ALICE_HZ, plugins: PLUGINS }, bob: { tone: BOB_HZ, plugins: PLUGINS }, carol: { plugins: PLUGINS } },
      { browsers },
    ));
  });
  afterAll(() => h?.close());

  it('a rejected and a missed call appear with their direction and state; remove and clear delete records (history events); getCache/setCache round-trip', async () => {
    // bob rejects alice's first call …
    const rejected = await make(alice, 'sip:bob@example.com', AUDIO);
    const rejectedAtBob = await received(bob);
    await waitForState(bob, rejectedAtBob, 'RINGING');
    await bob.eval(`client.call.reject(${js(rejectedAtBob)})`);
    await Promise.all([waitForState(alice, rejected, 'ENDED'), waitForState(bob, rejectedAtBob, 'ENDED')]);
    // … and misses the second (alice gives up while it rings)
    const cancelled = await make(alice, 'sip:bob@example.com', AUDIO);
    const missedAtBob = await received(bob);
    await waitForState(bob, missedAtBob, 'RINGING');
    await end(alice, cancelled);
    await Promise.all([waitForState(alice, cancelled, 'ENDED'), waitForState(bob, missedAtBob, 'CANCELLED')]);

    const atAlice = await fetchHistory(alice);
    expect(atAlice).toEqual([
      expect.objectContaining({ direction: 'outgoing', state: 'cancelled', calleeDisplayNumber: 'bob@example.com', duration: '0' }),
      expect.objectContaining({ direction: 'outgoing', state: 'rejected', calleeDisplayNumber: 'bob@example.com', duration: '0' }),
    ]);
    const atBob = await fetchHistory(bob);
    expect(atBob).toEqual([
      expect.objectContaining({ direction: 'missed', state: 'missed', callerDisplayNumber: 'alice@example.com', duration: '0' }),
      expect.objectContaining({ direction: 'incoming', state: 'rejected', callerDisplayNumber: 'alice@example.com', duration: '0' }),
    ]);

    // remove: gone from the cache at once and from the gateway (a new fetch)
    const events = async () => ({ change: await count(bob, 'callHistory:change'), cache: await count(bob, 'callHistoryCache:change') });
    const before = await events();
    await bob.eval(`client.call.history.remove(${js(atBob[0]!.recordId)})`);
    expect(await events()).toEqual({ change: before.change + 1, cache: before.cache + 1 });
    expect((await bob.eval<LogRecord[]>('client.call.history.get()')).map((r) => r.recordId)).toEqual([atBob[1]!.recordId]);
    expect((await fetchHistory(bob)).map((r) => r.recordId)).toEqual([atBob[1]!.recordId]);

    // getCache / setCache: the cache survives clear() (which empties the gateway's records too)
    const cache = await alice.eval<string>('client.call.history.getCache()');
    expect((JSON.parse(cache) as LogRecord[]).map((r) => r.recordId)).toEqual(atAlice.map((r) => r.recordId));
    await alice.eval('client.call.history.clear()');
    expect(await alice.eval('client.call.history.get()')).toEqual([]);
    expect(await fetchHistory(alice)).toEqual([]);
    const cacheEvents = await count(alice, 'callHistoryCache:change');
    await alice.eval(`client.call.history.setCache(${js(cache)})`);
    expect(await count(alice, 'callHistoryCache:change')).toBe(cacheEvents + 1);
    expect(await alice.eval('client.call.history.get()')).toEqual(atAlice);
    expect(await alice.eval('client.call.history.getCache()')).toBe(cache);
    expect([...(await alice.events('callHistory:error')), ...(await bob.events('callHistory:error'))]).toEqual([]);
  });

  it('click-to-call: carol bridges alice and bob; alice\'s browser rings, she answers, then bob\'s rings, he answers; each hears the other', async () => {
    const request = await carol.eval<string>("client.clickToCall.make('sip:alice@example.com', 'sip:bob@example.com')");
    expect(typeof request).toBe('string');
    const started = await carol.waitForEvent<{ callId: string }>('clickToCall:start', `(e) => e.callId === ${js(request)}`);
    expect(started).toEqual({ callId: request });
    expect(await carol.events('clickToCall:error')).toEqual([]);
    expect(await carol.eval('client.clickToCall.get()')).toEqual([
      expect.objectContaining({ callId: request, caller: 'sip:alice@example.com', callee: 'sip:bob@example.com', state: 'started' }),
    ]);

    // The gateway rings the calling party first; her answer rings the called party, shown to both as a call with the other.
    const atAlice = await received(alice);
    expect(await alice.eval(`client.call.getById(${js(atAlice)}).remoteParticipant.displayNumber`)).toMatch(/bob@example\.com/);
    await answer(alice, atAlice, AUDIO);
    const atBob = await received(bob);
    expect(await bob.eval(`client.call.getById(${js(atBob)}).remoteParticipant.displayNumber`)).toMatch(/alice@example\.com/);
    await answer(bob, atBob, AUDIO);
    await Promise.all([waitForState(alice, atAlice, 'CONNECTED'), waitForState(bob, atBob, 'CONNECTED')]);
    await hearEachOther(alice, ALICE_HZ, bob, BOB_HZ);
    // carol's own client has no call of it (both legs are the gateway's)
    expect(await carol.eval('client.call.getAll().length')).toBe(0);
    await end(alice, atAlice);
    await Promise.all([waitForState(alice, atAlice, 'ENDED'), waitForState(bob, atBob, 'ENDED')]);
    // each party's history has the bridged call, answered, with the other as the remote party (the
    // calling party's record is outgoing, as the gateway places the second stage from her, README "Click-to-call")
    const [aliceLog, bobLog] = [(await fetchHistory(alice))[0], (await fetchHistory(bob))[0]];
    expect(aliceLog).toMatchObject({ direction: 'outgoing', state: 'answered', remoteDisplayNumber: 'bob@example.com' });
    expect(bobLog).toMatchObject({ direction: 'incoming', state: 'answered', remoteDisplayNumber: 'alice@example.com' });
    expect(Number(aliceLog!.duration)).toBeGreaterThan(0);
  });
});
