/**
 * Memory benchmark: 200 audio-only SDK calls in a row between two pages (alice calls, bob
 * auto-answers, alice ends); each page's JS heap is read after a forced GC before and after.
 * Budget (ARCHITECTURE.md): heap growth < 2 MB per page (1 MB = 1,000,000 bytes).
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
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const require = createRequire(import.meta.url);
const MB = 1_000_000;

/** Bundles the TS benchmark for Node (CommonJS) and loads it. */
async function load() {
  const { build } = require(require.resolve('esbuild', { paths: [root] }));
  const outdir = join(root, 'node_modules', '.cache', 'switchboard-bench');
  mkdirSync(outdir, { recursive: true });
  const outfile = join(outdir, 'memory.cjs');
  await build({
    entryPoints: [join(root, 'tooling', 'e2e', 'src', 'bench', 'memory.ts')],
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

const mb = (bytes) => (bytes / MB).toFixed(3);
const objects = (o) => `pc ${o.RTCPeerConnection}, tracks ${o.MediaStreamTrack}, streams ${o.MediaStream}, media elements ${o.HTMLMediaElement}, calls listed ${o.calls}`;

/**
 * Runs the benchmark and prints both pages' heap before/after/growth against the budget.
 * @param {{ calls?: number, warmup?: number, budgetBytes?: number, quiet?: boolean }} [options]
 */
export async function run(options = {}) {
  const { runMemoryBench } = await load();
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

/** Whether this process may create a loopback-only network namespace (TESTING.md §2). */
function canUnshare() {
  return spawnSync('unshare', ['--net', 'true'], { stdio: 'ignore' }).status === 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (!process.env.SB_NETNS && canUnshare()) {
    const cmd = `ip link set lo up && exec ${JSON.stringify(process.execPath)} ${JSON.stringify(fileURLToPath(import.meta.url))}`;
    const child = spawnSync('unshare', ['--net', 'sh', '-c', cmd], { stdio: 'inherit', env: { ...process.env, SB_NETNS: '1' } });
    process.exit(child.status ?? 2);
  }
  run().then(
    (r) => process.exit(r.withinBudget ? 0 : 1),
    (err) => {
      console.error(err);
      process.exit(2);
    },
  );
}
