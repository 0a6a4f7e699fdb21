/**
 * Memory benchmark: 200 audio-only SDK calls in a row between two pages (alice calls, bob
 * auto-answers, alice ends); each page's JS heap is read after a forced GC before and after.
 * Budget (docs/architecture.md): heap growth < 2 MB per page (1 MB = 1,000,000 bytes).
 *
 * The measuring code is TypeScript (tooling/e2e/src/bench/memory.ts, on the e2e harness); this
 * file bundles it for Node with esbuild and runs it.
 *
 *   node tooling/bench/memory.mjs            # re-runs itself in a loopback-only network namespace when possible
 *   CALLS=20 node tooling/bench/memory.mjs
 *
 * Exit code: 0 within budget, 1 over, 2 on error. `run()` returns
 * `{ calls, warmup, budgetBytes, alice, bob, withinBudget }` (per page: before, after, growth in bytes).
 */
import { loadBrowserBench, runAsScript } from './lib/browserBench.mjs';
const MB = 1_000_000;

const mb = (bytes) => (bytes / MB).toFixed(3);
const objects = (o) => `pc ${o.RTCPeerConnection}, tracks ${o.MediaStreamTrack}, streams ${o.MediaStream}, media elements ${o.HTMLMediaElement}, calls listed ${o.calls}`;

/**
 * Runs the benchmark and prints both pages' heap before/after/growth against the budget.
 * @param {{ calls?: number, warmup?: number, budgetBytes?: number, quiet?: boolean }} [options]
 */
export async function run(options = {}) {
  const { runMemoryBench } = await loadBrowserBench('memory');
  const calls = options.calls ?? (Number(process.env.CALLS) || 200);
  const log = options.quiet ? undefined : (line) => console.log(`  ${line}`);
  const r = await runMemoryBench({ calls, warmup: options.warmup, budgetBytes: options.budgetBytes, log });
  console.log(`memory (${r.calls} audio-only calls in a row after ${r.warmup} warm-up calls; JS heap after forced GC):`);
  for (const side of ['alice', 'bob']) {
    const p = r[side];
    const ok = p.growth < r.budgetBytes;
    console.log(`  ${side.padEnd(5)} before ${mb(p.before)} MB   after ${mb(p.after)} MB   growth ${mb(p.growth)} MB → ${ok ? 'PASS' : 'FAIL'}`);
    console.log(`        live before: ${objects(p.objectsBefore)}`);
    console.log(`        live after:  ${objects(p.objectsAfter)}`);
  }
  console.log(`  budget: growth < ${mb(r.budgetBytes)} MB per page → ${r.withinBudget ? 'PASS' : 'FAIL'}`);
  if (!r.withinBudget) process.exitCode = 1;
  return r;
}

runAsScript(import.meta.url, run);
