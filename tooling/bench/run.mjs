/**
 * Benchmark entry: runs every registered bench in order and exits 1 if any fails.
 *
 *   node tooling/bench/run.mjs [--only size,callSetup,proxyCallSetup,memory,hold,gateway,presence,messaging,messagingSdk] [bench flags, e.g. --analyze]
 *
 * A bench is a module in this directory exporting `async function run(argv)`. It prints its own
 * figures; it fails by returning `{ over: [...] }` with entries, by setting `process.exitCode`, or
 * by throwing. Benches whose file does not exist yet are listed as skipped.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** The registered benches, in run order. Add new ones here. */
export const BENCHES = [
  { name: 'size', file: 'size.mjs' },
  { name: 'callSetup', file: 'callSetup.mjs' },
  { name: 'proxyCallSetup', file: 'proxyCallSetup.mjs' },
  { name: 'memory', file: 'memory.mjs' },
  { name: 'hold', file: 'hold.mjs' },
  { name: 'gateway', file: 'gateway.mjs' },
  { name: 'presence', file: 'presence.mjs' },
  { name: 'messaging', file: 'messaging.mjs' },
  { name: 'messagingSdk', file: 'messagingSdk.mjs' },
];

const argv = process.argv.slice(2);
const onlyAt = argv.indexOf('--only');
const only = onlyAt >= 0 ? new Set((argv[onlyAt + 1] ?? '').split(',')) : undefined;
const rest = onlyAt >= 0 ? argv.filter((_, i) => i !== onlyAt && i !== onlyAt + 1) : argv;

const failed = [];
for (const bench of BENCHES) {
  if (only && !only.has(bench.name)) continue;
  const file = join(here, bench.file);
  if (!existsSync(file)) {
    console.log(`\n[bench] ${bench.name}: skipped (${bench.file} does not exist yet)`);
    continue;
  }
  console.log(`\n[bench] ${bench.name}`);
  const before = process.exitCode;
  process.exitCode = 0;
  try {
    const { run } = await import(pathToFileURL(file).href);
    const result = await run(rest);
    if (process.exitCode || (Array.isArray(result?.over) && result.over.length > 0)) failed.push(bench.name);
  } catch (error) {
    console.error(`[bench] ${bench.name} threw:`, error);
    failed.push(bench.name);
  }
  process.exitCode = before;
}

console.log(failed.length ? `\n[bench] FAILED: ${failed.join(', ')}` : '\n[bench] all benches passed');
process.exitCode = failed.length ? 1 : 0;
