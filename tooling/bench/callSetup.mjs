/**
 * Call-setup benchmark: SDK `call.make()` versus a raw RTCPeerConnection offer/answer relayed
 * through the same reference gateway, 20 runs each, both measured until both sides are
 * connected with inbound audio and video bytes > 0. Budget: SDK median within 50 ms of raw.
 * It runs for each browser pair (caller-callee): Chromium↔Chromium and Chromium→Firefox by
 * default, the raw baseline always in the same two browsers as the SDK variant.
 *
 * The measuring code is TypeScript (tooling/e2e/src/bench/callSetup.ts, on the e2e harness);
 * this file bundles it for Node with esbuild and runs it.
 *
 *   node tooling/bench/callSetup.mjs            # re-runs itself in a loopback-only network namespace when possible
 *   CALL_SETUP_RUNS=5 node tooling/bench/callSetup.mjs
 *   CALL_SETUP_PAIRS=chromium-chromium,chromium-firefox,firefox-firefox node tooling/bench/callSetup.mjs
 *
 * `run()` returns `{ pairs: [{ pair, runs, sdk, raw, sdkMedian, rawMedian, differenceMs, ratio, budgetMs, withinBudget }], withinBudget }`.
 */
import { loadBrowserBench, runAsScript } from './lib/browserBench.mjs';

/** The browser pairs measured by default. */
export const DEFAULT_PAIRS = ['chromium-chromium', 'chromium-firefox'];

/**
 * Runs the benchmark for every pair and prints the medians, the difference and the ratio against the budget.
 * @param {{ runs?: number, warmup?: number, budgetMs?: number, quiet?: boolean, pairs?: string[] }} [options]
 */
export async function run(options = {}) {
  const { runCallSetupBench } = await loadBrowserBench('callSetup');
  const runs = options.runs ?? (Number(process.env.CALL_SETUP_RUNS) || 20);
  const pairs = options.pairs ?? (process.env.CALL_SETUP_PAIRS ? process.env.CALL_SETUP_PAIRS.split(',') : DEFAULT_PAIRS);
  const log = options.quiet ? undefined : (line) => console.log(`  ${line}`);
  const results = [];
  for (const pair of pairs) {
    const [caller, callee] = pair.split('-');
    results.push(await runCallSetupBench({ runs, warmup: options.warmup, budgetMs: options.budgetMs, log, caller, callee }));
  }
  console.log(`call setup (make → both sides connected, audio+video flowing), ${runs} runs each:`);
  for (const r of results) {
    console.log(`  ${r.pair.padEnd(18)} sdk median ${r.sdkMedian.toFixed(1)} ms   raw median ${r.rawMedian.toFixed(1)} ms   difference ${r.differenceMs.toFixed(1)} ms   ratio ${r.ratio.toFixed(2)}   → ${r.withinBudget ? 'PASS' : 'FAIL'}`);
  }
  const withinBudget = results.every((r) => r.withinBudget);
  console.log(`  budget: sdk within ${results[0]?.budgetMs ?? 50} ms of raw in the same browsers → ${withinBudget ? 'PASS' : 'FAIL'}`);
  if (!withinBudget) process.exitCode = 1; // run.mjs reads it
  return { pairs: results, withinBudget };
}

runAsScript(import.meta.url, run);
