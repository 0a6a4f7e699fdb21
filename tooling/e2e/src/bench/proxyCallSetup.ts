/**
 * Proxy-mode call-setup benchmark (issue 12 point 6), bundled for Node by
 * tooling/bench/proxyCallSetup.mjs: the same call set up directly and in proxy mode, interleaved,
 * in one run, through the same reference gateway, Chromium, audio only:
 *  - direct: alice's SDK page (`proxyPlugin` installed, proxy mode off: the browser environment)
 *    makes the call;
 *  - proxy: alice's app page in proxy mode makes it, her remote page (another browser instance,
 *    `createRemote` over the WebSocket relay of src/proxyRelay.ts) runs the media and the peer connection.
 * bob (a normal SDK page) answers on `call:receive`. The clock starts at `call.make()` and stops when
 * both sides are Connected with inbound audio bytes > 0 (in proxy mode alice's bytes are counted on her
 * remote page, the only one with a peer connection). Reported: the medians and the ratio
 * proxy / direct; the budget is a ratio in the same run (tooling/bench/README.md).
 */
import { users, type E2EPage } from '../e2ePage';
import { startHarness } from '../harness';
import { openProxiedApp, openRemote, PROXY_PLUGIN } from '../proxyFlow';
import { startProxyRelay } from '../proxyRelay';
import { median } from './callSetup';

/** Options of {@link runProxyCallSetupBench}. */
export interface ProxyCallSetupOptions {
  /** Measured runs per variant. @default 20 */
  runs?: number;
  /** Unmeasured warm-up runs per variant. @default 2 */
  warmup?: number;
  /** Budget: the proxy median may be at most this many times the direct median. @default 1.5 */
  maxRatio?: number;
  /** Progress output. */
  log?: (line: string) => void;
}

/** Result of {@link runProxyCallSetupBench}; times in ms. */
export interface ProxyCallSetupResult {
  runs: number;
  direct: number[];
  proxy: number[];
  directMedian: number;
  proxyMedian: number;
  /** proxyMedian / directMedian */
  ratio: number;
  maxRatio: number;
  withinBudget: boolean;
}

const AUDIO = { audio: true, video: false };
const NOW = 'performance.timeOrigin + performance.now()';
const CONNECTED = 'client.call.getAll().some((c) => c.state === client.call.states.CONNECTED)';
const AUDIO_IN = 'E2E.inbound().then((s) => !!s.audio && s.audio.bytesReceived > 0)';
const ENDED = 'client.call.getAll().every((c) => c.state === client.call.states.ENDED || c.state === client.call.states.CANCELLED)';

/** Expression: resolves to the page's clock (epoch ms) once the async condition `cond` holds (polled every 5 ms). */
const timeWhen = (cond: string) =>
  `new Promise((resolve, reject) => { const tick = () => Promise.resolve().then(async () => ${cond}).then((ok) => (ok ? resolve(${NOW}) : setTimeout(tick, 5)), reject); tick(); })`;

/** Rejects when `p` does not settle within `ms` (page.evaluate itself has no timeout). */
function within<T>(p: Promise<T>, what: string, ms = 30000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`proxy call-setup bench: ${what} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

/**
 * One call from `caller` to bob; `media` is the page whose inbound audio counts for alice (the
 * caller itself, or its remote page in proxy mode). Returns make → both connected with audio, in ms.
 */
async function oneCall(caller: E2EPage, media: E2EPage, bob: E2EPage): Promise<number> {
  const ready = Promise.all([
    caller.eval<number>(timeWhen(CONNECTED)),
    media.eval<number>(timeWhen(AUDIO_IN)),
    bob.eval<number>(timeWhen(`${CONNECTED} && (await ${AUDIO_IN})`)),
  ]);
  const t0 = await caller.eval<number>(`(() => { const t0 = ${NOW}; window.__call = client.call.make('sip:bob@example.com', ${JSON.stringify(AUDIO)}); return t0; })()`);
  const ms = Math.max(...(await ready)) - t0;
  await caller.eval('client.call.end(window.__call)');
  await Promise.all([caller.waitFor(ENDED, 'call ended'), bob.waitFor(ENDED, 'call ended'), media.waitFor('E2E.livePcs().length === 0', 'no live peer connection left')]);
  return ms;
}

/** Runs the benchmark and returns the timings. */
export async function runProxyCallSetupBench(options: ProxyCallSetupOptions = {}): Promise<ProxyCallSetupResult> {
  const { runs = 20, warmup = 2, maxRatio = 1.5, log = () => undefined } = options;
  const [h, relay] = await Promise.all([startHarness({ sides: { alice: {}, aliceRemote: { tone: 440 }, bob: {} } }), startProxyRelay()]);
  try {
    const port = h.gateway!.port;
    const [direct, bob] = await Promise.all([h.open('alice'), h.open('bob')]);
    await within(Promise.all([direct.login(users.alice, port, 'undefined', [PROXY_PLUGIN]), bob.login(users.bob, port)]), 'login');
    await bob.eval(`(client.on('call:receive', ({ callId }) => client.call.answer(callId, ${JSON.stringify(AUDIO)})), true)`);
    const remote = await openRemote(h, 'aliceRemote', relay, 'bench');
    const app = await within(openProxiedApp(h, 'alice', users.alice, relay, 'bench'), 'proxy mode on');
    log(`gateway ${h.gateway!.url}, pages ${h.pages.url}, relay ${relay.url}: direct and proxied alice logged in`);
    const times = { direct: [] as number[], proxy: [] as number[] };
    for (let i = 0; i < warmup + runs; i++) {
      // Interleaved so that drift (caches, CPU frequency) affects both variants alike.
      const d = await within(oneCall(direct, direct, bob), `direct run ${i + 1}`);
      const p = await within(oneCall(app, remote, bob), `proxy run ${i + 1}`);
      if (i >= warmup) {
        times.direct.push(d);
        times.proxy.push(p);
      }
      log(`${i < warmup ? 'warm-up' : `run ${i - warmup + 1}/${runs}`}: direct ${d.toFixed(1)} ms, proxy ${p.toFixed(1)} ms`);
    }
    const directMedian = median(times.direct);
    const proxyMedian = median(times.proxy);
    const ratio = proxyMedian / directMedian;
    return { runs, ...times, directMedian, proxyMedian, ratio, maxRatio, withinBudget: ratio <= maxRatio };
  } finally {
    await h.close();
    await relay.close();
  }
}
