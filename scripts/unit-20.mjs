#!/usr/bin/env node
/**
 * Flake check: runs the whole unit suite N times in a row (default 20) with `--runInBand` and
 * stops at the first failing run, printing the run count. Not part of `npm test`.
 *   node scripts/unit-20.mjs            # 20 runs
 *   node scripts/unit-20.mjs 50         # another count
 *   node scripts/unit-20.mjs 20 -- packages/call   # extra jest arguments after `--`
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const sep = argv.indexOf('--');
const own = sep < 0 ? argv : argv.slice(0, sep);
const extra = sep < 0 ? [] : argv.slice(sep + 1);
const runs = own[0] === undefined ? 20 : Number(own[0]);
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`usage: node scripts/unit-20.mjs [runs] [-- jest args]; got runs=${own[0]}`);
  process.exit(2);
}
const jest = join(root, 'node_modules', 'jest', 'bin', 'jest.js');

for (let i = 1; i <= runs; i++) {
  const r = spawnSync(process.execPath, [jest, '--ci', '--selectProjects', 'unit', '--runInBand', '--silent', ...extra], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (r.status !== 0) {
    console.error(`\n✖ unit suite failed on run ${i} of ${runs} (${i - 1} passed before it)`);
    process.exit(r.status ?? 1);
  }
  console.log(`✔ run ${i}/${runs} passed`);
}
console.log(`\n✔ unit suite passed ${runs} times in a row`);
