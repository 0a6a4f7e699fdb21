/**
 * The size gate of the test command: the size bench's apps and budgets (budgets.mjs, one
 * definition for both) measured like the bench — esbuild over the packed tarballs npm-installed
 * into the consumer project (tooling/consumers prepare.mjs, which the test command runs before
 * jest), minified, gzip -9, each bundle executed — and one test per budget: core, core +
 * connectivity, the calling app, the full preset (`@switchboard/sdk` create; the Kandy Link JS SDK
 * is printed next to it) and each feature plugin's added cost. Sizes are deterministic for given
 * sources and lockfile, and nothing here needs the network. Runs in the `consumers` jest project.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

interface Row {
  label: string;
  min: number | null;
  gzip: number;
  budget: number | null;
  status: string;
  problems: string[];
}

const r = spawnSync(process.execPath, [join(__dirname, 'size.mjs'), '--offline', '--json'], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
const json = r.stdout.trim().split('\n').pop() ?? '';
if (!json.startsWith('{')) throw new Error(`node tooling/bench/size.mjs --offline --json failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
const { rows, table } = JSON.parse(json) as { rows: Row[]; table: string };
process.stdout.write(`\n${table}\n\n`);

const kb = (bytes: number | null) => (bytes === null ? 'no budget' : `${(bytes / 1000).toFixed(2)} KB`);

describe('size gates (min+gzip -9, KB = 1,000 B; tooling/bench/budgets.mjs)', () => {
  const gated = rows.filter((row) => row.status !== 'ref');

  it('measures every app and every feature plugin\'s added cost', () => {
    expect(gated.length).toBeGreaterThanOrEqual(5);
    expect(gated.some((row) => row.label.startsWith('full preset'))).toBe(true);
  });

  gated.forEach((row) => {
    test(`${row.label} ≤ ${kb(row.budget)}`, () => {
      expect({ status: row.status, problems: row.problems }).toEqual({ status: 'ok', problems: [] });
      expect(row.gzip).toBeLessThanOrEqual(row.budget!);
    });
  });
});
