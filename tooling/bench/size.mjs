/**
 * Bundle-size benchmark (docs/architecture.md "Budgets"). Builds tiny apps as a consumer builds them: with
 * esbuild from the packed tarballs npm-installed into the consumer project (tooling/consumers
 * prepare.mjs; prepared first when missing or older than the sources), minified (ES2020, browser),
 * gzip -9, and checks them against the budgets (KB = 1,000 bytes). Each bundle must hold every
 * package once (no duplicate package modules) and must run: it is executed in Node and has to
 * create its client. A bundle that is duplicated or throws fails the bench like one over budget.
 *
 *   node tooling/bench/size.mjs [--rebuild] [--analyze] [--offline] [--json]
 *
 * The apps and budgets are defined once, in budgets.mjs (shared with the size gate of the test
 * command, size.test.ts): core, core + connectivity, the calling app, the full preset
 * (`@switchboard/sdk` create, printed next to the Kandy Link JS SDK) and each feature plugin's added
 * cost (its app minus the app of what it requires).
 *
 * `--rebuild` rebuilds, packs and reinstalls every package first; `--offline` never prepares
 * (uses the consumer project tooling/consumers prepared, or fails); `--analyze` lists what each
 * app's bytes are made of (minified bytes per package and the largest modules); `--json` prints
 * `{ rows, table }` instead of the table (what the gate reads). Exits 1 when an app is over
 * budget, has no budget, is duplicated or broken.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readManifest } from '../consumers/prepare.mjs';
import { APPS, KANDY_LINK_SDK, SCRIPT_TAG, addedCosts } from './budgets.mjs';
import { consumerProject, createScratch, measureApp } from './lib/bundle.mjs';

/**
 * Dependencies only, for reference: what core's third-party code costs by itself. The Reflect
 * metadata provider is `reflect-metadata/lite` while core depends on it, else core's own
 * published polyfill entry (`@switchboard/core/polyfill`).
 */
function baselineApp(project) {
  const pkg = JSON.parse(readFileSync(join(project, 'node_modules', '@switchboard', 'core', 'package.json'), 'utf8'));
  const lite = 'reflect-metadata' in (pkg.dependencies ?? {});
  const reflect = lite ? 'reflect-metadata/lite' : '@switchboard/core/polyfill';
  return {
    label: `deps only: tsyringe + ${lite ? 'reflect-metadata/lite' : 'core/polyfill'} + ee3`,
    code: `import '${reflect}';
import { container } from 'tsyringe';
import EventEmitter from 'eventemitter3';
export const c = container.createChildContainer();
export const e = new EventEmitter();
`,
  };
}

const kb = (bytes) => (bytes / 1000).toFixed(2);

/** The package a bundled module belongs to (`tsyringe`, `@switchboard/core`, …). */
function ownerOf(path) {
  const nm = path.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = path.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  return path;
}

function printAnalysis(label, inputs) {
  const byOwner = new Map();
  for (const { path, bytes } of inputs) byOwner.set(ownerOf(path), (byOwner.get(ownerOf(path)) ?? 0) + bytes);
  console.log(`\n  ${label} — minified bytes by package (before gzip):`);
  for (const [owner, bytes] of [...byOwner].sort((a, b) => b[1] - a[1])) console.log(`    ${String(bytes).padStart(7)}  ${owner}`);
  console.log('    largest modules:');
  for (const { path, bytes } of inputs.slice(0, 8)) console.log(`    ${String(bytes).padStart(7)}  ${path.replace(/^.*node_modules\//, '')}`);
}

function row(cells) {
  const widths = [50, 10, 10, 9, 9, 9];
  return cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join(' ');
}

/** @typedef {{ label: string, min: number | null, gzip: number, budget: number | null, status: 'ok' | 'OVER' | 'BROKEN' | 'NO BUDGET' | 'ref', problems: string[] }} Row */

/** The status of a measured row against its budget (`undefined`: none defined, `null`: a reference). */
function statusOf(gzip, budget, problems) {
  if (problems.length) return 'BROKEN';
  if (budget === null) return 'ref';
  if (budget === undefined) return 'NO BUDGET';
  return gzip <= budget ? 'ok' : 'OVER';
}

/**
 * Measures every app of budgets.mjs and the added cost of every feature plugin.
 * @param {string} project the consumer project
 * @param {{ analyze?: boolean }} [options]
 * @returns {Promise<{ rows: Row[], analyses: Array<[string, Array<{ path: string, bytes: number }>]> }>}
 */
export async function measureAll(project, { analyze = false } = {}) {
  const scratch = createScratch(project);
  const cache = new Map();
  /** Each distinct app is bundled and executed once. */
  const measure = (code, expects) => {
    if (!cache.has(code)) cache.set(code, measureApp(scratch.dir, code, { expects }));
    return cache.get(code);
  };
  const rows = [];
  const analyses = [];
  const add = (label, min, gzip, budget, problems) => rows.push({ label, min, gzip, budget: budget ?? null, status: statusOf(gzip, budget, problems), problems });
  try {
    const baseline = baselineApp(project);
    const base = await measure(baseline.code);
    add(baseline.label, base.min, base.gzip, null, base.problems);
    if (analyze) analyses.push([baseline.label, base.inputs]);
    for (const app of APPS) {
      const size = await measure(app.code, app.expects);
      add(app.label, size.min, size.gzip, app.budget, size.problems);
      if (analyze) analyses.push([app.label, size.inputs]);
    }
    const script = readFileSync(join(project, SCRIPT_TAG.file));
    add(SCRIPT_TAG.label, script.length, gzipSync(script, { level: 9 }).length, SCRIPT_TAG.budget, []);
    rows.push({ label: KANDY_LINK_SDK.label, min: null, gzip: KANDY_LINK_SDK.gzip, budget: null, status: 'ref', problems: [] });
    for (const cost of addedCosts()) {
      const withIt = await measure(cost.with.code, cost.with.expects);
      const without = await measure(cost.without.code, cost.without.expects);
      const problems = [...withIt.problems.map((p) => `${cost.with.label}: ${p}`), ...without.problems.map((p) => `${cost.without.label}: ${p}`)];
      add(cost.label, withIt.min - without.min, withIt.gzip - without.gzip, cost.budget, problems);
    }
  } finally {
    scratch.dispose();
  }
  return { rows, analyses };
}

/** The printed table of `rows`, with the lines that explain each failing row. */
export function formatTable(rows) {
  const lines = [
    'Bundle sizes (esbuild from the installed tarballs, minified, ES2020, browser; gzip -9; KB = 1,000 bytes; each app bundle executed, the script tag measured as shipped)',
    '',
    row(['app', 'min B', 'gzip B', 'gzip KB', 'budget', 'status']),
    '-'.repeat(101),
  ];
  for (const r of rows) lines.push(row([r.label, r.min ?? '—', r.gzip, kb(r.gzip), r.budget === null ? '—' : kb(r.budget), r.status]));
  for (const r of rows) {
    if (r.status === 'OVER') lines.push(`OVER BUDGET: ${r.label}: ${kb(r.gzip)} KB > ${kb(r.budget)} KB`);
    if (r.status === 'NO BUDGET') lines.push(`NO BUDGET: ${r.label}: add it to ADDED_BUDGETS in tooling/bench/budgets.mjs`);
    for (const problem of r.problems) lines.push(`BROKEN BUNDLE: ${r.label}: ${problem}`);
  }
  return lines.join('\n');
}

/** Whether a row fails the bench and the gate. */
export const failing = (r) => r.status !== 'ok' && r.status !== 'ref';

/**
 * Runs the size benchmark and prints its table (or, with `--json`, `{ rows, table }`).
 * @param {string[]} [argv]
 * @returns {Promise<{ over: string[], skipped: string[] }>} the rows that fail
 */
export async function run(argv = []) {
  const project = argv.includes('--offline') ? readManifest().project : consumerProject({ rebuild: argv.includes('--rebuild') });
  const { rows, analyses } = await measureAll(project, { analyze: argv.includes('--analyze') });
  const table = formatTable(rows);
  if (argv.includes('--json')) console.log(JSON.stringify({ rows, table }));
  else console.log(`\n${table}`);
  for (const [label, inputs] of analyses) printAnalysis(label, inputs);
  return { over: rows.filter(failing).map((r) => r.label), skipped: [] };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { over } = await run(process.argv.slice(2));
  process.exitCode = over.length > 0 ? 1 : 0;
}
