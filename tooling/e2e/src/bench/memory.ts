/**
 * Memory benchmark (docs/architecture.md budget: 200 calls in a row in one page, heap growth < 2 MB).
 * Bundled for Node by tooling/bench/memory.mjs. alice and bob are SDK pages (with
 * `callControlsPlugin()`) logged in through the harness; bob answers every `call:receive` with
 * audio only. After a warm-up, both pages are probed after a forced GC (src/bench/pageProbe.ts:
 * heap, live objects, open peer connections, live tracks, listeners, timers), `calls` calls are
 * made in a row, and both pages are probed again. Each call (issue 10 point 9):
 * make → both CONNECTED → alice holds → both ON_HOLD → alice unholds → both CONNECTED → alice
 * `startVideo` → bob's call has a remote video track → alice `stopVideo` → bob's video track is gone
 * → alice ends → both ENDED with no live RTCPeerConnection.
 *
 * Pass: heap growth < budget per page, and after the run no open RTCPeerConnection, no live
 * MediaStreamTrack, and the same listeners (client bus per event, every eventemitter3 instance, DOM
 * listeners on live objects) and timers as before.
 *
 * The harness's own bookkeeping (init.js keeps every RTCPeerConnection and getUserMedia track,
 * helpers.js logs every SDK event) is pruned after each call, so only what the page itself (the
 * SDK) retains counts. Ended calls stay in `client.call.getAll()` (as in the seed API), so they do.
 */
import { startGateway } from '../../../gateway/src/index';
import { users, type E2EPage } from '../e2ePage';
import { startHarness, type StartGateway } from '../harness';
import { changed, probe, PROBE_PLUGIN, TIMERS, type ProbeResult } from './pageProbe';

/** Options of {@link runMemoryBench}. */
export interface MemoryOptions {
  /** Measured calls in a row. @default 200 */
  calls?: number;
  /** Unmeasured warm-up calls. @default 5 */
  warmup?: number;
  /** Budget: allowed heap growth per page, in bytes. @default 2,000,000 */
  budgetBytes?: number;
  /** Progress output. */
  log?: (line: string) => void;
}

/** Probe figures of one page before and after the measured calls. */
export interface PageHeap {
  before: number;
  after: number;
  growth: number;
  probeBefore: ProbeResult;
  probeAfter: ProbeResult;
  /** What is wrong after the run besides the heap (open pcs, live tracks, changed listener / timer counts); empty when clean. */
  leaks: string[];
}

/** Result of {@link runMemoryBench}. */
export interface MemoryResult {
  calls: number;
  warmup: number;
  budgetBytes: number;
  /** Wall-clock time of the measured calls, ms (printed, never asserted). */
  elapsedMs: number;
  alice: PageHeap;
  bob: PageHeap;
  withinBudget: boolean;
}

const MEDIA = { audio: true, video: false };
const PLUGINS = ['callControlsPlugin', 'benchProbePlugin'];
/** Passed explicitly: the harness's lazy `require` of the gateway does not survive bundling. */
const gateway = startGateway as unknown as StartGateway;

/** In-page helper: resolves when `pred()` is truthy (polled every 5 ms), rejects after `ms`. */
const UNTIL = `window.__until = (pred, what, ms = 15000) => new Promise((resolve, reject) => {
  const deadline = performance.now() + ms;
  const tick = () => {
    let v; try { v = pred(); } catch (e) { return reject(e); }
    if (v) return resolve(true);
    if (performance.now() > deadline) return reject(new Error('timed out waiting for ' + what + ': ' + JSON.stringify(E2E.pcSummary())));
    setTimeout(tick, 5);
  };
  tick();
})`;
/** In-page: the one call that is not over (ended calls stay listed). */
const CURRENT = `window.__current = () => client.call.getAll().find((c) => c.state !== client.call.states.ENDED && c.state !== client.call.states.CANCELLED)`;
/** In-page: counts FINISHed operations per name and keeps the last error (alice's operations must all succeed). */
const OPS = `(window.__ops = {}, client.on('call:operation', (p) => {
  if (p.transition !== 'FINISH') return;
  window.__ops[p.operation] = (window.__ops[p.operation] || 0) + 1;
  if (p.error) window.__opError = p.operation + ': ' + (p.error.code || '') + ' ' + (p.error.message || '');
}), true)`;
const inState = (state: string, extra = 'true') => `() => { const c = __current(); return c && c.state === client.call.states.${state} && (${extra}); }`;
const VIDEO_AT = (n: number) => `(() => { const c = __current(); return c.remoteTracks.filter((t) => { const m = client.media.getTrackById(t); return m && m.kind === 'video'; }).length === ${n}; })()`;
const ENDED =
  '() => client.call.getAll().every((c) => c.state === client.call.states.ENDED || c.state === client.call.states.CANCELLED) && E2E.livePcs().length === 0';
/** Drops the harness's own records of closed peer connections, ended tracks and logged events. */
const PRUNE = `(() => {
  window.__e2e.pcs = E2E.livePcs();
  window.__e2e.localTracks = window.__e2e.localTracks.filter((t) => t.readyState === 'live');
  E2E.log.length = 0;
  return true;
})()`;

/** Rejects when `p` does not settle within `ms` (page.evaluate itself has no timeout). */
function within<T>(p: Promise<T>, what: string, ms = 30000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`memory bench: ${what} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

/** Runs `op` on alice's current call and waits until it FINISHed (failing on its error) and `bobUntil` holds at bob. */
async function step(alice: E2EPage, bob: E2EPage, op: string, call: string, aliceUntil: string, bobUntil: string): Promise<void> {
  const n = (await alice.eval<number | undefined>(`window.__ops[${JSON.stringify(op)}]`)) ?? 0;
  await alice.eval(`(client.call.${call}, true)`);
  await alice.eval(`__until(() => window.__opError || (window.__ops[${JSON.stringify(op)}] || 0) > ${n}, '${op} finished')`);
  const error = await alice.eval<string | undefined>('window.__opError');
  if (error) throw new Error(`memory bench: ${error}`);
  await Promise.all([alice.eval(`__until(${aliceUntil}, 'alice after ${op}')`), bob.eval(`__until(${bobUntil}, 'bob after ${op}')`)]);
}

/** One call: connect, hold, unhold, start and stop video (alice), end; both ENDED with no live pc. */
async function oneCall(alice: E2EPage, bob: E2EPage): Promise<void> {
  const bobConnected = bob.eval(`__until(${inState('CONNECTED')}, 'bob connected')`);
  await alice.eval(`(window.__call = client.call.make('sip:bob@example.com', ${JSON.stringify(MEDIA)}), true)`);
  await Promise.all([alice.eval(`__until(${inState('CONNECTED')}, 'alice connected')`), bobConnected]);
  await step(alice, bob, 'HOLD', 'hold(window.__call)', inState('ON_HOLD', 'c.localHold'), inState('ON_HOLD', 'c.remoteHold'));
  await step(alice, bob, 'UNHOLD', 'unhold(window.__call)', inState('CONNECTED'), inState('CONNECTED'));
  await step(alice, bob, 'ADD_BASIC_MEDIA', 'startVideo(window.__call)', inState('CONNECTED'), `() => ${VIDEO_AT(1)}`);
  await step(alice, bob, 'REMOVE_BASIC_MEDIA', 'stopVideo(window.__call)', inState('CONNECTED'), `() => ${VIDEO_AT(0)}`);
  await alice.eval('client.call.end(window.__call)');
  await Promise.all([alice.eval(`__until(${ENDED}, 'alice ended')`), bob.eval(`__until(${ENDED}, 'bob ended')`)]);
  await Promise.all([alice.eval(PRUNE), bob.eval(PRUNE)]);
}

/** What is wrong in `after` compared with `before`, besides the heap. */
function leaksOf(before: ProbeResult, after: ProbeResult): string[] {
  const out: string[] = [];
  if (after.openPeerConnections) out.push(`${after.openPeerConnections} RTCPeerConnection(s) not closed`);
  if (after.liveTracks) out.push(`${after.liveTracks} MediaStreamTrack(s) still live`);
  const bus = changed(before.listeners.bus, after.listeners.bus);
  if (bus.length) out.push(`client bus listeners changed: ${bus.join(', ')}`);
  if (after.listeners.emitters.listeners !== before.listeners.emitters.listeners) {
    out.push(`emitter listeners ${before.listeners.emitters.listeners}→${after.listeners.emitters.listeners}`);
  }
  const dom = changed(before.listeners.dom, after.listeners.dom);
  if (dom.length) out.push(`DOM listeners changed: ${dom.join(', ')}`);
  if (after.timers.intervals !== before.timers.intervals) out.push(`intervals ${before.timers.intervals}→${after.timers.intervals}`);
  if (after.timers.timeouts > before.timers.timeouts) out.push(`pending timeouts ${before.timers.timeouts}→${after.timers.timeouts}`);
  return out;
}

/** Opens `side`'s SDK page with the timer counter installed (init script + reload) and the probe plugin defined. */
async function openProbed(harness: Awaited<ReturnType<typeof startHarness>>, side: string): Promise<E2EPage> {
  const page = await harness.open(side);
  await page.page.evaluateOnNewDocument(TIMERS);
  await page.page.reload();
  await page.eval(PROBE_PLUGIN);
  return page;
}

/** Runs the benchmark and returns both pages' figures. */
export async function runMemoryBench(options: MemoryOptions = {}): Promise<MemoryResult> {
  const { calls = 200, warmup = 5, budgetBytes = 2_000_000, log = () => undefined } = options;
  // Like `startLoggedIn({ alice: {}, bob: {} })`, but with the gateway bundled in.
  const harness = await startHarness({ sides: { alice: {}, bob: {} }, gateway });
  try {
    const [alice, bob] = await Promise.all([openProbed(harness, 'alice'), openProbed(harness, 'bob')]);
    const port = harness.gateway!.port;
    await within(Promise.all([alice.login(users.alice, port, undefined, PLUGINS), bob.login(users.bob, port, undefined, PLUGINS)]), 'login');
    await bob.eval(`(client.on('call:receive', ({ callId }) => client.call.answer(callId, ${JSON.stringify(MEDIA)})), true)`);
    await Promise.all([alice.eval(UNTIL), bob.eval(UNTIL), alice.eval(CURRENT), bob.eval(CURRENT), alice.eval(OPS)]);
    const [cdpA, cdpB] = await Promise.all([alice, bob].map((p) => p.page.createCDPSession()));
    await Promise.all([cdpA.send('HeapProfiler.enable'), cdpB.send('HeapProfiler.enable')]);
    log(`gateway ${harness.gateway!.url}: alice and bob logged in; ${warmup} warm-up calls`);
    for (let i = 0; i < warmup; i++) await within(oneCall(alice, bob), `warm-up call ${i + 1}`);
    const beforeA = await probe(alice, cdpA);
    const beforeB = await probe(bob, cdpB);
    const t0 = Date.now();
    for (let i = 0; i < calls; i++) {
      await within(oneCall(alice, bob), `call ${i + 1}`);
      if ((i + 1) % 25 === 0 || i + 1 === calls) log(`${i + 1}/${calls} calls (${((Date.now() - t0) / (i + 1)).toFixed(0)} ms per call)`);
    }
    const elapsedMs = Date.now() - t0;
    const afterA = await probe(alice, cdpA);
    const afterB = await probe(bob, cdpB);
    const page = (b: ProbeResult, a: ProbeResult): PageHeap => ({
      before: b.heap, after: a.heap, growth: a.heap - b.heap, probeBefore: b, probeAfter: a, leaks: leaksOf(b, a),
    });
    const result = { calls, warmup, budgetBytes, elapsedMs, alice: page(beforeA, afterA), bob: page(beforeB, afterB) };
    await Promise.all([cdpA.detach(), cdpB.detach()]);
    const ok = (p: PageHeap) => p.growth < budgetBytes && p.leaks.length === 0;
    return { ...result, withinBudget: ok(result.alice) && ok(result.bob) };
  } finally {
    await harness.close();
  }
}
