/**
 * Faults of the notification WebSocket during calls (issue 10 point 7), real browsers through the
 * reference gateway, with media evidence. The gateway's test hooks keep alice's socket down for as
 * long as a test needs (`sockets/refuse`, then `sockets/drop`; README "Test endpoints"), so each
 * "while the socket is down" below is checked while it really is down:
 * - the socket drops mid-call without a close frame (1006) and with one (4000, a code the SDK
 *   reconnects on, §3.6): inbound audio keeps growing at both ends during the outage; once the
 *   gateway accepts her again alice reconnects, re-syncs the call (`RESYNC`, §5.17) and stays
 *   Connected; then hold → both On Hold, bytes and tones stop; unhold → both back; end → both Ended.
 *   Chromium↔Chromium and one Firefox pair (Firefox→Chromium: Firefox's socket drops).
 * - the far end hangs up while alice's socket is down (both codes): alice's call stays Connected
 *   (she cannot know) and ends once the socket is back.
 * - a remote re-offer right after the answer: bob answers and puts the call on hold while alice's
 *   socket is down, so both notifications reach her back to back when it returns, together with
 *   her re-sync → she applies the answer, then the hold offer: On Hold (remote hold), no
 *   operation failed at either end, no audio flows; bob's unhold brings it back. And without a
 *   fault: bob starts video in the same tick his answer connects → alice plays bob's video.
 */
import {
  connectCall, end, finished, holdOf, isState, received, waitForInboundStopped, waitForState,
} from './src/callFlow';
import type { E2EPage } from './src/e2ePage';
import { startLoggedIn, type Harness } from './src/harness';
import { callMatrix, fileBrowsers } from './src/matrix';

const ALICE_HZ = 440;
const BOB_HZ = 1000;
const js = (v: unknown) => JSON.stringify(v);
const browsers = fileBrowsers();
const PLUGINS = ['callControlsPlugin'];
/**
 * Reconnect quickly and for as long as the gateway refuses (reconnectLimit 0 = unlimited); re-sync on
 * every reconnection; no call audit within a test (§5.16), so only the socket can tell alice a call ended.
 */
const CONFIG = '({ connectivity: { reconnectDelay: 500, reconnectLimit: 0 }, call: { resyncOnConnect: true, callAuditTimer: 600000 } })';
/** The refusal's safety limit: a failing test cannot leave alice refused for longer. */
const REFUSE_MS = 60000;
const CODES = [
  { code: 1006, label: 'no close frame (1006)' },
  { code: 4000, label: 'close frame 4000' },
];

const pairs = callMatrix();
/** Chromium↔Chromium, and Firefox as the side whose socket drops. */
const DROP_PAIRS = pairs.filter((p) => p.label === 'chromium-chromium' || p.label === 'firefox-chromium');
const CHROMIUM = pairs.filter((p) => p.label === 'chromium-chromium');

/** Expression: whether the page's notification socket is open. */
const SOCKET_UP = 'client.connection.getSocketState().connected';

/** The FINISHed `RESYNC` operations of `callId` on `page` (`errors`: how many of them failed). */
async function resyncs(page: E2EPage, callId: string): Promise<{ count: number; errors: number }> {
  const all = (await page.events<{ callId: string; operation: string; transition: string; error?: unknown }>('call:operation'))
    .filter((e) => e.callId === callId && e.operation === 'RESYNC' && e.transition === 'FINISH');
  return { count: all.length, errors: all.filter((e) => e.error).length };
}

/** The `call:operation` events of `callId` on `page` that carry an error. */
async function failedOperations(page: E2EPage, callId: string): Promise<unknown[]> {
  return (await page.events<{ callId: string; error?: unknown }>('call:operation')).filter((e) => e.callId === callId && e.error);
}

/** One harness of alice and bob (each with her/his own fake-microphone tone) and alice's socket controls. */
function faultHarness(caller: 'chromium' | 'firefox', callee: 'chromium' | 'firefox') {
  const s = {} as { h: Harness; alice: E2EPage; bob: E2EPage };
  beforeAll(async () => {
    const side = { plugins: PLUGINS, config: CONFIG };
    ({ harness: s.h, alice: s.alice, bob: s.bob } = await startLoggedIn(
      { alice: { browser: caller, tone: ALICE_HZ, ...side }, bob: { browser: callee, tone: BOB_HZ, ...side } },
      { browsers },
    ));
  });
  afterAll(() => s.h?.close());

  const hook = async (path: string, body?: unknown) => {
    const res = await fetch(`${s.h.gateway!.url}/__test__/${path}`, body === undefined ? {} : {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
    });
    const answer = (await res.json()) as Record<string, unknown>;
    if (!res.ok) throw new Error(`hook ${path}: ${res.status} ${js(answer)}`);
    return answer;
  };
  const ALICE = 'alice@example.com';
  return Object.assign(s, {
    hook,
    /** Drops alice's socket with `code` and keeps her reconnections refused until {@link up}. */
    async down(code: number) {
      await hook('sockets/refuse', { username: ALICE, ms: REFUSE_MS });
      expect((await hook('sockets/drop', { username: ALICE, code })).dropped).toBe(1);
      await s.alice.waitFor(`!${SOCKET_UP}`, 'alice\'s socket down');
    },
    /** Lets alice's reconnection in and waits for her socket. */
    async up() {
      expect(await s.alice.eval(SOCKET_UP)).toBe(false); // still down: what happened before happened during the outage
      await hook('sockets/refuse', { username: ALICE, ms: 0 });
      await s.alice.waitFor(SOCKET_UP, 'alice\'s socket back', 15000);
    },
    /** How many notifications wait in alice's channel. */
    async queuedForAlice(): Promise<number> {
      const subs = (await hook(`subscriptions?username=${ALICE}`)).subscriptions as Array<{ queued: number }>;
      return subs.reduce((n, x) => n + x.queued, 0);
    },
  });
}

describe.each(DROP_PAIRS)('call faults: the socket drops mid-call ($label)', ({ caller, callee }) => {
  const f = faultHarness(caller, callee);

  it.each(CODES)('$label: media keeps flowing while it is down; reconnect, RESYNC; then hold, unhold and end work with media evidence', async ({ code }) => {
    const { alice, bob } = f;
    const { aliceCall, bobCall } = await connectCall(alice, bob, { audio: true, video: false });
    await Promise.all([alice.waitForInboundGrowth('audio'), bob.waitForInboundGrowth('audio')]);
    const before = await resyncs(alice, aliceCall);

    await f.down(code);
    const [a, b] = [(await alice.inbound()).audio!.bytesReceived, (await bob.inbound()).audio!.bytesReceived];
    await Promise.all([alice.waitForInboundGrowth('audio', a), bob.waitForInboundGrowth('audio', b)]);
    await f.up();
    await alice.waitFor(
      `E2E.events('call:operation').filter((e) => e.operation === 'RESYNC' && e.transition === 'FINISH' && e.callId === ${js(aliceCall)}).length > ${before.count}`,
      'a RESYNC of alice\'s call after the reconnection', 15000,
    );
    expect((await resyncs(alice, aliceCall)).errors).toBe(before.errors);
    expect(await alice.eval(holdOf(aliceCall))).toEqual({ state: 'Connected', localHold: false, remoteHold: false });

    await Promise.all([alice.startToneDetector(), bob.startToneDetector()]);
    await bob.waitFor(`E2E.toneState(${ALICE_HZ}).detected`, 'alice\'s tone at bob before hold', 15000);
    await alice.waitFor(`E2E.toneState(${BOB_HZ}).detected`, 'bob\'s tone at alice before hold', 15000);
    await alice.eval(`client.call.hold(${js(aliceCall)})`);
    await finished(alice, 'HOLD');
    await waitForState(bob, bobCall, 'ON_HOLD');
    expect(await alice.eval(holdOf(aliceCall))).toEqual({ state: 'On Hold', localHold: true, remoteHold: false });
    expect(await bob.eval(holdOf(bobCall))).toEqual({ state: 'On Hold', localHold: false, remoteHold: true });
    await Promise.all([waitForInboundStopped(alice, 'audio'), waitForInboundStopped(bob, 'audio')]);
    await bob.waitFor(`E2E.toneState(${ALICE_HZ}).absent`, 'alice\'s tone gone at bob while held', 15000);
    await alice.waitFor(`E2E.toneState(${BOB_HZ}).absent`, 'bob\'s tone gone at alice while held', 15000);

    const [aliceBytes, bobBytes] = [(await alice.inbound()).audio!.bytesReceived, (await bob.inbound()).audio!.bytesReceived];
    await alice.eval(`client.call.unhold(${js(aliceCall)})`);
    await finished(alice, 'UNHOLD');
    await waitForState(bob, bobCall, 'CONNECTED');
    expect(await bob.eval(holdOf(bobCall))).toEqual({ state: 'Connected', localHold: false, remoteHold: false });
    await Promise.all([alice.waitForInboundGrowth('audio', aliceBytes, 15000), bob.waitForInboundGrowth('audio', bobBytes, 15000)]);
    await bob.waitFor(`E2E.toneState(${ALICE_HZ}).detected`, 'alice\'s tone back at bob after unhold', 15000);
    await alice.waitFor(`E2E.toneState(${BOB_HZ}).detected`, 'bob\'s tone back at alice after unhold', 15000);

    await end(alice, aliceCall);
    await Promise.all([waitForState(alice, aliceCall, 'ENDED'), waitForState(bob, bobCall, 'ENDED')]);
    expect(await failedOperations(alice, aliceCall)).toEqual([]);
    expect(await failedOperations(bob, bobCall)).toEqual([]);
  });
});

describe.each(CHROMIUM)('call faults: while the socket is down ($label)', ({ caller, callee }) => {
  const f = faultHarness(caller, callee);

  it.each(CODES)('$label: the far end hangs up → alice\'s call ends once the socket is back', async ({ code }) => {
    const { alice, bob } = f;
    const { aliceCall, bobCall } = await connectCall(alice, bob, { audio: true, video: false });
    await f.down(code);
    await end(bob, bobCall);
    await waitForState(bob, bobCall, 'ENDED');
    expect(await alice.eval(`client.call.getById(${js(aliceCall)}).state`)).toBe('Connected');
    await f.up();
    await waitForState(alice, aliceCall, 'ENDED', 15000);
  });

  it('a re-offer right after the answer (bob answers and holds while alice\'s socket is down) → alice applies the answer, then the hold, in order', async () => {
    const { alice, bob } = f;
    const aliceCall = await alice.eval<string>(`client.call.make('sip:bob@example.com', { audio: true, video: false })`);
    const bobCall = await received(bob);
    // alice Ringing with nothing under way: nothing else is queued for her after the drop
    await alice.waitFor(`${isState(aliceCall, 'RINGING')} && client.call.getById(${js(aliceCall)}).currentOperations.length === 0`, 'alice ringing, idle');
    await f.down(4000);
    const queued = await f.queuedForAlice();
    await bob.eval(`(() => {
      const id = ${js(bobCall)};
      const onChange = (p) => {
        if (p.callId !== id || p.state !== client.call.states.CONNECTED) return;
        client.off('call:stateChange', onChange);
        client.call.hold(id);
      };
      client.on('call:stateChange', onChange);
      client.call.answer(id, { audio: true, video: false });
      return true;
    })()`);
    // bob's hold offer was accepted by the gateway (HOLD pending on alice's answer)
    await bob.waitForEvent('call:operation', `(p) => p.operation === 'HOLD' && p.transition === 'UPDATE' && p.callId === ${js(bobCall)}`);
    // the answer and the hold offer both wait in alice's channel
    await waitUntil(async () => (await f.queuedForAlice()) >= queued + 2, 'the answer and the re-offer queued for alice');
    await f.up();

    await finished(bob, 'HOLD', 20000);
    await waitForState(alice, aliceCall, 'ON_HOLD', 15000);
    expect(await alice.eval(holdOf(aliceCall))).toEqual({ state: 'On Hold', localHold: false, remoteHold: true });
    expect(await bob.eval(holdOf(bobCall))).toEqual({ state: 'On Hold', localHold: true, remoteHold: false });
    const ops = (await alice.events<{ callId: string; operation: string; transition: string }>('call:operation'))
      .filter((o) => o.callId === aliceCall && ['REMOTE_ANSWER', 'REMOTE_UPDATE'].includes(o.operation))
      .map((o) => `${o.operation}:${o.transition}`);
    expect(ops).toEqual(['REMOTE_ANSWER:START', 'REMOTE_ANSWER:FINISH', 'REMOTE_UPDATE:START', 'REMOTE_UPDATE:FINISH']);
    const states = (await alice.events<{ callId: string; state: string }>('call:stateChange')).filter((e) => e.callId === aliceCall).map((e) => e.state);
    expect(states.slice(-2)).toEqual(['Connected', 'On Hold']);
    expect(await failedOperations(alice, aliceCall)).toEqual([]);
    expect(await failedOperations(bob, bobCall)).toEqual([]);
    // her re-sync ran once, without an error (its query may still be on its way: wait for its FINISH)
    await alice.waitForEvent('call:operation', `(p) => p.operation === 'RESYNC' && p.transition === 'FINISH' && p.callId === ${js(aliceCall)}`);
    expect(await resyncs(alice, aliceCall)).toEqual({ count: 1, errors: 0 });
    // held: no audio flows either way (zero when none arrived between the two); bob's unhold brings it
    const [aliceBytes, bobBytes] = await Promise.all([alice, bob].map((p) => waitForInboundStopped(p, 'audio', 600, 15000, true)));
    await bob.eval(`client.call.unhold(${js(bobCall)})`);
    await finished(bob, 'UNHOLD');
    await waitForState(alice, aliceCall, 'CONNECTED');
    expect(await alice.eval(holdOf(aliceCall))).toEqual({ state: 'Connected', localHold: false, remoteHold: false });
    await Promise.all([alice.waitForInboundGrowth('audio', aliceBytes, 15000), bob.waitForInboundGrowth('audio', bobBytes, 15000)]);
    await end(alice, aliceCall);
    await Promise.all([waitForState(alice, aliceCall, 'ENDED'), waitForState(bob, bobCall, 'ENDED')]);
  });

  it('without a fault: bob starts video in the same tick his answer connects → alice applies the answer, then the re-offer, and plays bob\'s video', async () => {
    const { alice, bob } = f;
    const aliceCall = await alice.eval<string>(`client.call.make('sip:bob@example.com', { audio: true, video: false })`);
    const bobCall = await received(bob);
    await bob.eval(`(() => {
      const id = ${js(bobCall)};
      const onChange = (p) => {
        if (p.callId !== id || p.state !== client.call.states.CONNECTED) return;
        client.off('call:stateChange', onChange);
        client.call.startVideo(id);
      };
      client.on('call:stateChange', onChange);
      client.call.answer(id, { audio: true, video: false });
      return true;
    })()`);
    await finished(bob, 'ADD_BASIC_MEDIA', 20000);
    expect(await alice.waitForVideoPlaying('#remote', 0.5, 15000)).toBeGreaterThan(0);
    const ops = (await alice.events<{ callId: string; operation: string; transition: string }>('call:operation'))
      .filter((o) => o.callId === aliceCall && ['REMOTE_ANSWER', 'REMOTE_UPDATE'].includes(o.operation))
      .map((o) => `${o.operation}:${o.transition}`);
    expect(ops).toEqual(['REMOTE_ANSWER:START', 'REMOTE_ANSWER:FINISH', 'REMOTE_UPDATE:START', 'REMOTE_UPDATE:FINISH']);
    expect(await alice.eval(holdOf(aliceCall))).toEqual({ state: 'Connected', localHold: false, remoteHold: false });
    expect(await failedOperations(alice, aliceCall)).toEqual([]);
    expect(await failedOperations(bob, bobCall)).toEqual([]);
    await alice.waitForInboundGrowth('audio');
    await end(alice, aliceCall);
    await Promise.all([waitForState(alice, aliceCall, 'ENDED'), waitForState(bob, bobCall, 'ENDED')]);
  });
});

/** Polls `check` (Node side) every 50 ms until it is true; fails after `timeout` ms with `what`. */
async function waitUntil(check: () => Promise<boolean>, what: string, timeout = 10000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
