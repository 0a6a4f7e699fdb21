/**
 * Hold round-trip benchmark: SDK `hold()` → both sides On Hold (and `unhold()` → both Connected)
 * over 30 holds of one Chromium↔Chromium audio+video call, against a raw RTCPeerConnection
 * renegotiation (every transceiver `inactive`, then `sendrecv`) relayed through the same reference
 * gateway, interleaved in the same run. Prints medians, p90s and the sdk/raw ratio; no wall-clock
 * budget is asserted (it fails only on an error).
 *
 * The measuring code is TypeScript (tooling/e2e/src/bench/holdRoundTrip.ts, on the e2e harness);
 * this file bundles it for Node with esbuild and runs it.
 *
 *   node tooling/bench/hold.mjs              # re-runs itself in a loopback-only network namespace when possible
 *   HOLD_RUNS=5 node tooling/bench/hold.mjs
 *
 * `run()` returns `{ runs, sdk, raw, summary, ratio, withinBudget: true }` (times in ms).
 */
import { loadBrowserBench, runAsScript } from './lib/browserBench.mjs';

const ms = (x) => `${x.toFixed(1)} ms`;

/**
 * Runs the benchmark and prints the figures.
 * @param {{ runs?: number, warmup?: number, quiet?: boolean }} [options]
 */
export async function run(options = {}) {
  const { runHoldBench } = await loadBrowserBench('holdRoundTrip');
  const runs = options.runs ?? (Number(process.env.HOLD_RUNS) || 30);
  const log = options.quiet ? undefined : (line) => console.log(`  ${line}`);
  const r = await runHoldBench({ runs, warmup: options.warmup, log });
  const { sdk, raw } = r.summary;
  console.log(`hold round trip (chromium-chromium, audio+video, ${r.runs} holds and unholds each, through the reference gateway):`);
  console.log(`  sdk  hold → both On Hold: median ${ms(sdk.holdMedian)}, p90 ${ms(sdk.holdP90)} (alice's own On Hold: median ${ms(sdk.holdLocalMedian)});   unhold → both Connected: median ${ms(sdk.unholdMedian)}, p90 ${ms(sdk.unholdP90)}`);
  console.log(`  raw  renegotiation (inactive): median ${ms(raw.holdMedian)}, p90 ${ms(raw.holdP90)} (caller's answer applied: median ${ms(raw.holdLocalMedian)});   back to sendrecv: median ${ms(raw.unholdMedian)}, p90 ${ms(raw.unholdP90)}`);
  console.log(`  ratio sdk/raw (medians): hold ${r.ratio.hold.toFixed(2)}, unhold ${r.ratio.unhold.toFixed(2)} (printed, not a budget)`);
  return r;
}

runAsScript(import.meta.url, run);
