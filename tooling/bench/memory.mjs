/**
 * Memory benchmark: 200 SDK calls in a row between two pages (alice calls, bob auto-answers audio
 * only; in each call alice holds and unholds, starts and stops video, then ends); each page is
 * probed after a forced GC before and after (heap, live objects, listeners, timers).
 * Budget (docs/architecture.md): heap growth < 2 MB per page (1 MB = 1,000,000 bytes); and after
 * the run no open RTCPeerConnection, no live MediaStreamTrack, the same listeners and timers.
 *
 * The measuring code is TypeScript (tooling/e2e/src/bench/memory.ts, on the e2e harness); this
 * file bundles it for Node with esbuild and runs it.
 *
 *   node tooling/bench/memory.mjs            # re-runs itself in a loopback-only network namespace when possible
 *   CALLS=20 node tooling/bench/memory.mjs
 *
 * Exit code: 0 within budget, 1 over, 2 on error. `run()` returns
 * `{ calls, warmup, budgetBytes, elapsedMs, alice, bob, withinBudget }` (per page: before, after,
 * growth in bytes, probeBefore, probeAfter, leaks).
 */
import { loadBrowserBench, runAsScript } from './lib/browserBench.mjs';
const MB = 1_000_000;

const mb = (bytes) => (bytes / MB).toFixed(3);
const sum = (o) => Object.values(o).reduce((a, b) => a + b, 0);
const objects = (p) =>
  `pc ${p.objects.RTCPeerConnection} (open ${p.openPeerConnections}), tracks ${p.objects.MediaStreamTrack} (live ${p.liveTracks}), streams ${p.objects.MediaStream}, media elements ${p.objects.HTMLMediaElement}, calls listed ${p.objects.calls}`;
const listeners = (p) =>
  `bus ${sum(p.listeners.bus)} (${Object.entries(p.listeners.bus).map(([k, v]) => `${k} ${v}`).join(', ')}); ` +
  `emitters ${p.listeners.emitters.instances} with ${p.listeners.emitters.listeners} listeners; ` +
  `DOM ${sum(p.listeners.dom)} (${Object.entries(p.listeners.dom).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}); ` +
  `timers: ${p.timers.timeouts} pending timeouts, ${p.timers.intervals} intervals`;

/**
 * Runs the benchmark and prints both pages' heap before/after/growth and the leak checks against the budget.
 * @param {{ calls?: number, warmup?: number, budgetBytes?: number, quiet?: boolean }} [options]
 */
export async function run(options = {}) {
  const { runMemoryBench } = await loadBrowserBench('memory');
  const calls = options.calls ?? (Number(process.env.CALLS) || 200);
  const log = options.quiet ? undefined : (line) => console.log(`  ${line}`);
  const r = await runMemoryBench({ calls, warmup: options.warmup, budgetBytes: options.budgetBytes, log });
  console.log(`memory (${r.calls} calls in a row, each: hold/unhold + startVideo/stopVideo, after ${r.warmup} warm-up calls; JS heap after forced GC; ${(r.elapsedMs / 1000).toFixed(1)} s, ${(r.elapsedMs / r.calls).toFixed(0)} ms per call):`);
  for (const side of ['alice', 'bob']) {
    const p = r[side];
    const ok = p.growth < r.budgetBytes;
    console.log(`  ${side.padEnd(5)} before ${mb(p.before)} MB   after ${mb(p.after)} MB   growth ${mb(p.growth)} MB → ${ok ? 'PASS' : 'FAIL'}`);
    console.log(`        live before: ${objects(p.probeBefore)}`);
    console.log(`        live after:  ${objects(p.probeAfter)}`);
    console.log(`        listeners before: ${listeners(p.probeBefore)}`);
    console.log(`        listeners after:  ${listeners(p.probeAfter)}`);
    console.log(`        peer connections closed, no live track, listeners and timers unchanged → ${p.leaks.length ? `FAIL: ${p.leaks.join('; ')}` : 'PASS'}`);
  }
  console.log(`  budget: growth < ${mb(r.budgetBytes)} MB per page, nothing left open → ${r.withinBudget ? 'PASS' : 'FAIL'}`);
  if (!r.withinBudget) process.exitCode = 1;
  return r;
}

runAsScript(import.meta.url, run);
