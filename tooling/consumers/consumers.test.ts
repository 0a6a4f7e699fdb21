/**
 * The consumer check as jest tests, one per check (tooling/consumers/checks.mjs), so that each
 * counts in the test command's "N passed, N failed" line. Offline: it uses the project that
 * `node tooling/consumers/prepare.mjs` built, packed and npm-installed (scripts/run.mjs `test` runs
 * it before the network-isolated jest). Each check runs as `node check.mjs --offline --only <n>`.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const CHECK = join(__dirname, 'check.mjs');
const node = (args: string[]) => spawnSync(process.execPath, [CHECK, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

const listed = node(['--list']);
if (listed.status !== 0) throw new Error(`node check.mjs --list failed:\n${listed.stdout}${listed.stderr}`);
const checks = JSON.parse(listed.stdout) as Array<{ name: string }>;

describe('consumers of the packed packages', () => {
  checks.forEach(({ name }, index) => {
    test(name, () => {
      const r = node(['--offline', '--only', String(index)]);
      if (r.status !== 0) throw new Error(`${r.stdout}${r.stderr}`.trim());
      expect(r.stdout).toContain('✔');
    }, 240_000);
  });
});
