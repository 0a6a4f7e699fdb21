/**
 * Memory benchmark (docs/architecture.md budget: 200 calls in a row in one page, heap growth < 2 MB).
 * Bundled for Node by tooling/bench/memory.mjs. alice and bob are SDK pages logged in through
 * the harness; bob answers every `call:receive` with audio only. After a warm-up, both pages'
 * JS heaps are read after a forced GC (CDP `HeapProfiler.collectGarbage`, then
 * `Runtime.getHeapUsage().usedSize`), `calls` audio-only calls are made in a row (make → both
 * CONNECTED → alice ends → both ENDED with no live RTCPeerConnection), and the heaps are read again.
 *
 * The harness's own bookkeeping (init.js keeps every RTCPeerConnection and getUserMedia track,
 * helpers.js logs every SDK event) is pruned after each call, so only what the page itself (the
 * SDK) retains counts. Ended calls stay in `client.call.getAll()` (as in the seed API), so they do.
 */
import type { CDPSession } from 'puppeteer-core';
import { startGateway } from '../../../gateway/src/index';
import { users, type E2EPage } from '../e2ePage';
import { startHarness, type StartGateway } from '../harness';

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

/** Live objects of a page, counted with CDP `Runtime.queryObjects` after a forced GC. */
export interface LiveObjects {
  RTCPeerConnection: number;
  MediaStreamTrack: number;
  MediaStream: number;
  HTMLMediaElement: number;
  /** Calls listed by `client.call.getAll()` (ended calls included). */
  calls: number;
}

/** Heap figures of one page, in bytes. */
export interface PageHeap {
  before: number;
  after: number;
  growth: number;
  objectsBefore: LiveObjects;
  objectsAfter: LiveObjects;
}

/** Result of {@link runMemoryBench}. */
export interface MemoryResult {
  calls: number;
  warmup: number;
  budgetBytes: number;
  alice: PageHeap;
  bob: PageHeap;
  withinBudget: boolean;
}

const MEDIA = { audio: true, video: false };
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
const CONNECTED = '() => client.call.getAll().some((c) => c.state === client.call.states.CONNECTED)';
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

/** One call: alice makes it, both reach CONNECTED, alice ends it, both reach ENDED with no live pc. */
async function oneCall(alice: E2EPage, bob: E2EPage): Promise<void> {
  const bobConnected = bob.eval(`__until(${CONNECTED}, 'bob connected')`);
  await alice.eval(`(window.__call = client.call.make('sip:bob@example.com', ${JSON.stringify(MEDIA)}), true)`);
  await Promise.all([alice.eval(`__until(${CONNECTED}, 'alice connected')`), bobConnected]);
  await alice.eval('client.call.end(window.__call)');
  await Promise.all([alice.eval(`__until(${ENDED}, 'alice ended')`), bob.eval(`__until(${ENDED}, 'bob ended')`)]);
  await Promise.all([alice.eval(PRUNE), bob.eval(PRUNE)]);
}

/** Counts live instances of `ctor` (a global constructor name) in the page. */
async function countObjects(cdp: CDPSession, ctor: string): Promise<number> {
  const proto = await cdp.send('Runtime.evaluate', { expression: `${ctor}.prototype` });
  const protoId = proto.result.objectId;
  if (!protoId) return -1;
  const found = await cdp.send('Runtime.queryObjects', { prototypeObjectId: protoId });
  const arrayId = found.objects.objectId!;
  const len = await cdp.send('Runtime.callFunctionOn', { objectId: arrayId, functionDeclaration: 'function () { return this.length; }', returnByValue: true });
  await cdp.send('Runtime.releaseObject', { objectId: arrayId });
  await cdp.send('Runtime.releaseObject', { objectId: protoId });
  return len.result.value as number;
}

/** Forces GC and returns the page's used JS heap (bytes) and live object counts. */
async function measure(page: E2EPage, cdp: CDPSession): Promise<{ used: number; objects: LiveObjects }> {
  // Two collections: the first may only schedule finalizers that free more on the second.
  await cdp.send('HeapProfiler.collectGarbage');
  await new Promise((r) => setTimeout(r, 200));
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const objects: LiveObjects = {
    RTCPeerConnection: await countObjects(cdp, 'RTCPeerConnection'),
    MediaStreamTrack: await countObjects(cdp, 'MediaStreamTrack'),
    MediaStream: await countObjects(cdp, 'MediaStream'),
    HTMLMediaElement: await countObjects(cdp, 'HTMLMediaElement'),
    calls: await page.eval<number>('client.call.getAll().length'),
  };
  return { used: usedSize, objects };
}

/** Runs the benchmark and returns both pages' heap figures. */
export async function runMemoryBench(options: MemoryOptions = {}): Promise<MemoryResult> {
  const { calls = 200, warmup = 5, budgetBytes = 2_000_000, log = () => undefined } = options;
  // Like `startLoggedIn({ alice: {}, bob: {} })`, but with the gateway bundled in.
  const harness = await startHarness({ sides: { alice: {}, bob: {} }, gateway });
  try {
    const [alice, bob] = await Promise.all([harness.open('alice'), harness.open('bob')]);
    await within(Promise.all([alice.login(users.alice, harness.gateway!.port), bob.login(users.bob, harness.gateway!.port)]), 'login');
    await bob.eval(`(client.on('call:receive', ({ callId }) => client.call.answer(callId, ${JSON.stringify(MEDIA)})), true)`);
    await Promise.all([alice.eval(UNTIL), bob.eval(UNTIL)]);
    const [cdpA, cdpB] = await Promise.all([alice, bob].map((p) => p.page.createCDPSession()));
    await Promise.all([cdpA.send('HeapProfiler.enable'), cdpB.send('HeapProfiler.enable')]);
    log(`gateway ${harness.gateway!.url}: alice and bob logged in; ${warmup} warm-up calls`);
    for (let i = 0; i < warmup; i++) await within(oneCall(alice, bob), `warm-up call ${i + 1}`);
    const beforeA = await measure(alice, cdpA);
    const beforeB = await measure(bob, cdpB);
    const t0 = Date.now();
    for (let i = 0; i < calls; i++) {
      await within(oneCall(alice, bob), `call ${i + 1}`);
      if ((i + 1) % 25 === 0 || i + 1 === calls) log(`${i + 1}/${calls} calls (${((Date.now() - t0) / (i + 1)).toFixed(0)} ms per call)`);
    }
    const afterA = await measure(alice, cdpA);
    const afterB = await measure(bob, cdpB);
    const heap = (b: typeof beforeA, a: typeof afterA): PageHeap => ({
      before: b.used, after: a.used, growth: a.used - b.used, objectsBefore: b.objects, objectsAfter: a.objects,
    });
    const result = { calls, warmup, budgetBytes, alice: heap(beforeA, afterA), bob: heap(beforeB, afterB) };
    await Promise.all([cdpA.detach(), cdpB.detach()]);
    return { ...result, withinBudget: result.alice.growth < budgetBytes && result.bob.growth < budgetBytes };
  } finally {
    await harness.close();
  }
}
