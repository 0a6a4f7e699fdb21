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
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const require = createRequire(import.meta.url);

/** Bundles the TS benchmark for Node (CommonJS) and loads it. */
async function load() {
  const { build } = require(require.resolve('esbuild', { paths: [root] }));
  const outdir = join(root, 'node_modules', '.cache', 'switchboard-bench');
  mkdirSync(outdir, { recursive: true });
  const outfile = join(outdir, 'callSetup.cjs');
  await build({
    entryPoints: [join(root, 'tooling', 'e2e', 'src', 'bench', 'callSetup.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
    external: ['playwright-core', 'esbuild', 'bufferutil', 'utf-8-validate'],
  });
  delete require.cache[outfile];
  return require(outfile);
}

/**
 * Runs the benchmark and prints the medians, the difference and the ratio against the budget.
 * @param {{ runs?: number, warmup?: number, budgetMs?: number, quiet?: boolean }} [options]
 */
export async function run(options = {}) {
  const { runCallSetupBench } = await load();
  const runs = options.runs ?? (Number(process.env.CALL_SETUP_RUNS) || 20);
  const log = options.quiet ? undefined : (line) => console.log(`  ${line}`);
  const r = await runCallSetupBench({ runs, warmup: options.warmup, budgetMs: options.budgetMs, log });
  console.log(`call setup (make → both sides connected, audio+video flowing), ${r.runs} runs each:`);
  console.log(`  sdk median ${r.sdkMedian.toFixed(1)} ms   raw median ${r.rawMedian.toFixed(1)} ms`);
  console.log(`  difference ${r.differenceMs.toFixed(1)} ms   ratio ${r.ratio.toFixed(2)}`);
  console.log(`  budget: sdk within ${r.budgetMs} ms of raw → ${r.withinBudget ? 'PASS' : 'FAIL'}`);
  return r;
}

/** Whether this process may create a loopback-only network namespace (TESTING.md §2). */
function canUnshare() {
  return spawnSync('unshare', ['--net', 'true'], { stdio: 'ignore' }).status === 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (!process.env.SB_NETNS && canUnshare()) {
    const cmd = `ip link set lo up && exec ${JSON.stringify(process.execPath)} ${JSON.stringify(fileURLToPath(import.meta.url))}`;
    const child = spawnSync('unshare', ['--net', 'sh', '-c', cmd], { stdio: 'inherit', env: { ...process.env, SB_NETNS: '1' } });
    process.exit(child.status ?? 1);
  }
  run().then(
    (r) => process.exit(r.withinBudget ? 0 : 1),
    (err) => {
      console.error(err);
      process.exit(2);
    },
  );
}
