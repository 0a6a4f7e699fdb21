/**
 * Call-setup benchmark (docs/architecture.md budget: SDK median within 50 ms of raw). Bundled for Node
 * by tooling/bench/callSetup.mjs. Both variants run through the same reference gateway, in the
 * same browsers (alice's in the caller's browser, bob's in the callee's: Chromium or Firefox), with
 * audio+video, and stop the clock when BOTH pages have a connected peer
 * connection with inbound audio and video bytes > 0:
 *  - sdk: alice's `client.call.make()`; bob's page answers on `call:receive`;
 *  - raw: alice's page POSTs callStart with a raw offer; bob's page PUTs callAnswer with a raw
 *    answer on the `call` notification; alice applies the `respondCallUpdate` answer.
 */
import { DEMO_USERS, startGateway } from '../../../gateway/src/index';
import { users, type E2EPage } from '../e2ePage';
import type { BrowserName } from '../browsers';
import { startHarness, type StartGateway } from '../harness';

/** Options of {@link runCallSetupBench}. */
export interface CallSetupOptions {
  /** Measured runs per variant. @default 20 */
  runs?: number;
  /** Unmeasured warm-up runs per variant. @default 2 */
  warmup?: number;
  /** Budget: the SDK median may exceed the raw median by at most this much (ms). @default 50 */
  budgetMs?: number;
  /** Progress output. */
  log?: (line: string) => void;
  /** The caller's (alice's) browser. @default 'chromium' */
  caller?: BrowserName;
  /** The callee's (bob's) browser. @default 'chromium' */
  callee?: BrowserName;
}

/** Result of {@link runCallSetupBench}; times in ms. */
export interface CallSetupResult {
  /** `caller-callee`, e.g. `chromium-firefox`. */
  pair: string;
  runs: number;
  sdk: number[];
  raw: number[];
  sdkMedian: number;
  rawMedian: number;
  differenceMs: number;
  ratio: number;
  budgetMs: number;
  withinBudget: boolean;
}

const MEDIA = { audio: true, video: true };
/**
 * The raw variant uses its own two users: every subscription of a callee is alerted, so a raw
 * call to bob would also ring (and be auto-answered by) bob's SDK page.
 */
export const RAW_USERS = { caller: { username: 'dave@example.com', password: 'dave-secret' }, callee: { username: 'erin@example.com', password: 'erin-secret' } };
export const benchGateway: StartGateway = (o) =>
  startGateway({ ...o, users: [...DEMO_USERS, { ...RAW_USERS.caller, displayName: 'Dave' }, { ...RAW_USERS.callee, displayName: 'Erin' }] }) as unknown as ReturnType<StartGateway>;
const CONNECTED = '() => client.call.getAll().some((c) => c.state === client.call.states.CONNECTED)';
const NOW = 'performance.timeOrigin + performance.now()';

/** Rejects when `p` does not settle within `ms` (page.evaluate itself has no timeout). */
function within<T>(p: Promise<T>, what: string, ms = 30000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`call-setup bench: ${what} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

/** Median of a non-empty list. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

async function sdkRun(alice: E2EPage, bob: E2EPage): Promise<number> {
  const flowing = Promise.all([alice.eval<number>(`E2E.mediaFlowing(${JSON.stringify(CONNECTED)})`), bob.eval<number>(`E2E.mediaFlowing(${JSON.stringify(CONNECTED)})`)]);
  const t0 = await alice.eval<number>(`(() => { const t0 = ${NOW}; window.__call = client.call.make('sip:bob@example.com', ${JSON.stringify(MEDIA)}); return t0; })()`);
  const [a, b] = await flowing;
  const ms = Math.max(a, b) - t0;
  await alice.eval('client.call.end(window.__call)');
  const ended = "client.call.getAll().every((c) => c.state === client.call.states.ENDED || c.state === client.call.states.CANCELLED) && E2E.livePcs().length === 0";
  await Promise.all([alice.waitFor(ended, 'sdk call ended'), bob.waitFor(ended, 'sdk call ended')]);
  return ms;
}

async function rawRun(alice: E2EPage, bob: E2EPage): Promise<number> {
  await bob.eval('(window.__answered = E2E.gw.answerNext(), true)');
  const flowing = Promise.all([alice.eval<number>('E2E.mediaFlowing()'), bob.eval<number>('E2E.mediaFlowing()')]);
  const t0 = await alice.eval<number>(`(() => { const t0 = ${NOW}; window.__leg = E2E.gw.call('sip:erin@example.com'); return t0; })()`);
  const [a, b] = await flowing;
  const ms = Math.max(a, b) - t0;
  const callEnd = bob.eval("E2E.gw.next('callEnd')");
  await alice.eval('window.__leg.then((leg) => E2E.gw.hangup(leg))');
  await callEnd;
  await bob.eval('E2E.gw.hangup()');
  return ms;
}

/** Runs the benchmark and returns the timings. */
export async function runCallSetupBench(options: CallSetupOptions = {}): Promise<CallSetupResult> {
  const { runs = 20, warmup = 2, budgetMs = 50, log = () => undefined, caller = 'chromium', callee = 'chromium' } = options;
  const h = await startHarness({ sides: { alice: { browser: caller }, bob: { browser: callee } }, gateway: benchGateway });
  try {
    const port = h.gateway!.port;
    const [sdkA, sdkB, rawA, rawB] = await Promise.all([h.open('alice'), h.open('bob'), h.open('alice', 'raw'), h.open('bob', 'raw')]);
    await within(Promise.all([sdkA.login(users.alice, port), sdkB.login(users.bob, port)]), 'sdk login');
    await sdkB.eval(`(client.on('call:receive', ({ callId }) => client.call.answer(callId, ${JSON.stringify(MEDIA)})), true)`);
    await rawA.eval(`E2E.gw.subscribe(${JSON.stringify({ ...RAW_USERS.caller, port })})`);
    await rawB.eval(`E2E.gw.subscribe(${JSON.stringify({ ...RAW_USERS.callee, port })})`);
    log(`${caller} → ${callee}: gateway ${h.gateway!.url}, pages ${h.pages.url}: both variants logged in`);
    const sdk: number[] = [];
    const raw: number[] = [];
    for (let i = 0; i < warmup + runs; i++) {
      // Interleaved so that drift (caches, CPU frequency) affects both variants alike.
      const s = await within(sdkRun(sdkA, sdkB), `sdk run ${i + 1}`);
      const r = await within(rawRun(rawA, rawB), `raw run ${i + 1}`);
      if (i >= warmup) {
        sdk.push(s);
        raw.push(r);
      }
      log(`${i < warmup ? 'warm-up' : `run ${i - warmup + 1}/${runs}`}: sdk ${s.toFixed(1)} ms, raw ${r.toFixed(1)} ms`);
    }
    const sdkMedian = median(sdk);
    const rawMedian = median(raw);
    return {
      pair: `${caller}-${callee}`,
      runs,
      sdk,
      raw,
      sdkMedian,
      rawMedian,
      differenceMs: sdkMedian - rawMedian,
      ratio: sdkMedian / rawMedian,
      budgetMs,
      withinBudget: sdkMedian - rawMedian <= budgetMs,
    };
  } finally {
    await h.close();
  }
}
