/**
 * Bundle-size benchmark (docs/architecture.md "Budgets"). Builds tiny apps with esbuild from the packages'
 * PUBLISHED entry points (package.json `exports` → dist; a package without a build is built first),
 * minified (ES2020, browser), gzip -9, and checks them against the budgets (KB = 1,000 bytes).
 *
 *   node tooling/bench/size.mjs [--rebuild] [--analyze]
 *
 * `--rebuild` rebuilds every package first; `--analyze` lists what each app's bytes are made of
 * (minified bytes per package and the largest modules). Exits 1 when an app is over budget.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createScratch, ensureBuilt, measureApp, packageDir } from './lib/bundle.mjs';

/**
 * Dependencies only, for reference: what core's third-party code costs by itself. The Reflect
 * metadata provider is `reflect-metadata/lite` while core depends on it, else core's own
 * published polyfill entry (`@switchboard/core/polyfill`).
 */
function baselineApp() {
  const pkg = JSON.parse(readFileSync(join(packageDir('core'), 'package.json'), 'utf8'));
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

/** The measured apps and their budgets (bytes, min+gzip -9). */
export const APPS = [
  {
    label: '@switchboard/core',
    packages: ['core'],
    budget: 12_000,
    code: `import { createClient } from '@switchboard/core';
export const client = createClient({ plugins: [] });
`,
  },
  {
    label: 'core + connectivity',
    packages: ['core', 'connectivity'],
    budget: 22_000,
    code: `import { createClient } from '@switchboard/core';
import { connectivityPlugin } from '@switchboard/connectivity';
export const client = createClient({ plugins: [connectivityPlugin()] });
`,
  },
  {
    label: 'calling app: core + connectivity + media + call',
    packages: ['core', 'connectivity', 'media', 'call'],
    budget: 46_000,
    code: `import { createClient } from '@switchboard/core';
import { connectivityPlugin } from '@switchboard/connectivity';
import { mediaPlugin } from '@switchboard/media';
import { callPlugin } from '@switchboard/call';
export const client = createClient({ plugins: [connectivityPlugin(), mediaPlugin(), callPlugin()] });
`,
  },
];

const kb = (bytes) => (bytes / 1000).toFixed(2);

/** The package a bundled module belongs to (`tsyringe`, `@switchboard/core`, …). */
function ownerOf(path) {
  const nm = path.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = path.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const own = /packages\/([^/]+)\//.exec(path);
  return own ? `@switchboard/${own[1]}` : path;
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
  const widths = [50, 10, 10, 9, 9, 8];
  return cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join(' ');
}

/**
 * Runs the size benchmark and prints its table.
 * @param {string[]} [argv]
 * @returns {Promise<{ over: string[], skipped: string[] }>} apps over budget, apps skipped
 */
export async function run(argv = []) {
  const rebuild = argv.includes('--rebuild');
  const analyze = argv.includes('--analyze');
  const names = ['core', 'connectivity', 'media', 'call'];
  const built = new Map(names.map((name) => [name, ensureBuilt(name, { rebuild })]));
  const scratch = createScratch(names);
  const over = [];
  const skipped = [];
  const analyses = [];
  try {
    console.log('\nBundle sizes (esbuild, minified, ES2020, browser; gzip -9; KB = 1,000 bytes)\n');
    console.log(row(['app', 'min B', 'gzip B', 'gzip KB', 'budget', 'status']));
    console.log('-'.repeat(99));
    const BASELINE = baselineApp();
    const base = await measureApp(scratch.dir, BASELINE.code, { nodePaths: [`${packageDir('core')}/node_modules`] });
    console.log(row([BASELINE.label, base.min, base.gzip, kb(base.gzip), '—', 'ref']));
    if (analyze) analyses.push([BASELINE.label, base.inputs]);
    for (const app of APPS) {
      const missing = app.packages.map((name) => built.get(name)).filter((state) => !state.ok);
      if (missing.length > 0) {
        skipped.push(`${app.label}: skipped (no build) — ${missing.map((state) => state.reason).join('; ')}`);
        console.log(row([app.label, '—', '—', '—', kb(app.budget), 'SKIPPED']));
        continue;
      }
      const size = await measureApp(scratch.dir, app.code);
      const ok = size.gzip <= app.budget;
      if (!ok) over.push(`${app.label}: ${kb(size.gzip)} KB > ${kb(app.budget)} KB`);
      console.log(row([app.label, size.min, size.gzip, kb(size.gzip), kb(app.budget), ok ? 'ok' : 'OVER']));
      if (analyze) analyses.push([app.label, size.inputs]);
    }
  } finally {
    scratch.dispose();
  }
  for (const [label, inputs] of analyses) printAnalysis(label, inputs);
  for (const line of skipped) console.log(`\n${line}`);
  for (const line of over) console.log(`\nOVER BUDGET: ${line}`);
  return { over, skipped };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { over } = await run(process.argv.slice(2));
  process.exitCode = over.length > 0 ? 1 : 0;
}
