/**
 * Proxy-mode call-setup benchmark: the same Chromium call (audio) set up directly and in proxy mode
 * (alice's app page in proxy mode, her remote page in another browser instance running the media over
 * a WebSocket relay), 20 runs each, interleaved, from make → both sides connected with inbound audio.
 * Budget: the proxy median at most 1.5 × the direct median of the same run.
 *
 * The measuring code is TypeScript (tooling/e2e/src/bench/proxyCallSetup.ts, on the e2e harness);
 * this file bundles it for Node with esbuild and runs it.
 *
 *   node tooling/bench/proxyCallSetup.mjs            # re-runs itself in a loopback-only network namespace when possible
 *   PROXY_CALL_SETUP_RUNS=5 node tooling/bench/proxyCallSetup.mjs
 *
 * `run()` returns `{ runs, direct, proxy, directMedian, proxyMedian, ratio, maxRatio, withinBudget }`.
 */
import { loadBrowserBench, runAsScript } from './lib/browserBench.mjs';

/** The accepted ratio proxy / direct (medians of one run). */
export const MAX_RATIO = 1.5;

/**
 * Runs the benchmark and prints the medians and the ratio against the budget.
 * @param {{ runs?: number, warmup?: number, maxRatio?: number, quiet?: boolean }} [options]
 */
export async function run(options = {}) {
  const { runProxyCallSetupBench } = await loadBrowserBench('proxyCallSetup');
  const runs = options.runs ?? (Number(process.env.PROXY_CALL_SETUP_RUNS) || 20);
  const log = options.quiet ? undefined : (line) => console.log(`  ${line}`);
  const r = await runProxyCallSetupBench({ runs, warmup: options.warmup, maxRatio: options.maxRatio ?? MAX_RATIO, log });
  console.log(`proxy call setup (make → both sides connected, audio flowing), chromium, ${runs} runs each:`);
  console.log(`  direct median ${r.directMedian.toFixed(1)} ms   proxy median ${r.proxyMedian.toFixed(1)} ms   ratio ${r.ratio.toFixed(2)}`);
  console.log(`  budget: proxy median ≤ ${r.maxRatio} × direct median of the same run → ${r.withinBudget ? 'PASS' : 'FAIL'}`);
  if (!r.withinBudget) process.exitCode = 1; // run.mjs reads it
  return r;
}

runAsScript(import.meta.url, run);
