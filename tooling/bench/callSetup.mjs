/**
 * Call-setup benchmark: SDK `call.make()` versus a raw RTCPeerConnection offer/answer relayed
 * through the same reference gateway, 20 runs each, both measured until both sides are
 * connected with inbound audio and video bytes > 0. Budget: SDK median within 50 ms of raw.
 *
 * The measuring code is TypeScript (tooling/e2e/src/bench/callSetup.ts, on the e2e harness);
 * this file bundles it for Node with esbuild and runs it.
 *
 *   node tooling/bench/callSetup.mjs            # re-runs itself in a loopback-only network namespace when possible
 *   CALL_SETUP_RUNS=5 node tooling/bench/callSetup.mjs
 *
 * `run()` returns `{ runs, sdk, raw, sdkMedian, rawMedian, differenceMs, ratio, budgetMs, withinBudget }`.
 */
import { loadBrowserBench, runAsScript } from './lib/browserBench.mjs';

/**
 * Runs the benchmark and prints the medians, the difference and the ratio against the budget.
 * @param {{ runs?: number, warmup?: number, budgetMs?: number, quiet?: boolean }} [options]
 */
export async function run(options = {}) {
  const { runCallSetupBench } = await loadBrowserBench('callSetup');
  const runs = options.runs ?? (Number(process.env.CALL_SETUP_RUNS) || 20);
  const log = options.quiet ? undefined : (line) => console.log(`  ${line}`);
  const r = await runCallSetupBench({ runs, warmup: options.warmup, budgetMs: options.budgetMs, log });
  console.log(`call setup (make → both sides connected, audio+video flowing), ${r.runs} runs each:`);
  console.log(`  sdk median ${r.sdkMedian.toFixed(1)} ms   raw median ${r.rawMedian.toFixed(1)} ms`);
  console.log(`  difference ${r.differenceMs.toFixed(1)} ms   ratio ${r.ratio.toFixed(2)}`);
  console.log(`  budget: sdk within ${r.budgetMs} ms of raw → ${r.withinBudget ? 'PASS' : 'FAIL'}`);
  if (!r.withinBudget) process.exitCode = 1; // run.mjs reads it
  return r;
}

runAsScript(import.meta.url, run);
