/**
 * Bundle-size benchmark (docs/architecture.md "Budgets"). Builds tiny apps as a consumer builds them: with
 * esbuild from the packed tarballs npm-installed into the consumer project (tooling/consumers
 * prepare.mjs; prepared first when missing or older than the sources), minified (ES2020, browser),
 * gzip -9, and checks them against the budgets (KB = 1,000 bytes). Each bundle must hold every
 * package once (no duplicate package modules) and must run: it is executed in Node and has to
 * create its client. A bundle that is duplicated or throws fails the bench like one over budget.
 *
 *   node tooling/bench/size.mjs [--rebuild] [--analyze]
 *
 * `--rebuild` rebuilds, packs and reinstalls every package first; `--analyze` lists what each
 * app's bytes are made of (minified bytes per package and the largest modules). Exits 1 when an
 * app is over budget, duplicated or broken.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
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

/** The measured apps and their budgets (bytes, min+gzip -9). */
export const APPS = [
  {
    label: '@switchboard/core',
    packages: ['core'],
    expects: [],
    budget: 12_000,
    code: `import { createClient } from '@switchboard/core';
export const client = createClient({ plugins: [] });
`,
  },
  {
    label: 'core + connectivity',
    packages: ['core', 'connectivity'],
    expects: ['services', 'connection'],
    budget: 22_000,
    code: `import { createClient } from '@switchboard/core';
import { connectivityPlugin } from '@switchboard/connectivity';
export const client = createClient({ plugins: [connectivityPlugin()] });
`,
  },
  {
    label: 'calling app: core + connectivity + media + call',
    packages: ['core', 'connectivity', 'media', 'call'],
    expects: ['services', 'media', 'call'],
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
  const project = consumerProject({ rebuild });
  const scratch = createScratch(project);
  const over = [];
  const broken = [];
  const analyses = [];
  try {
    console.log('\nBundle sizes (esbuild from the installed tarballs, minified, ES2020, browser; gzip -9; KB = 1,000 bytes; each bundle executed)\n');
    console.log(row(['app', 'min B', 'gzip B', 'gzip KB', 'budget', 'status']));
    console.log('-'.repeat(99));
    const BASELINE = baselineApp(project);
    const base = await measureApp(scratch.dir, BASELINE.code);
    console.log(row([BASELINE.label, base.min, base.gzip, kb(base.gzip), '—', base.problems.length ? 'BROKEN' : 'ref']));
    for (const problem of base.problems) broken.push(`${BASELINE.label}: ${problem}`);
    if (analyze) analyses.push([BASELINE.label, base.inputs]);
    for (const app of APPS) {
      const size = await measureApp(scratch.dir, app.code, { expects: app.expects });
      const ok = size.gzip <= app.budget;
      if (!ok) over.push(`${app.label}: ${kb(size.gzip)} KB > ${kb(app.budget)} KB`);
      for (const problem of size.problems) broken.push(`${app.label}: ${problem}`);
      const status = size.problems.length ? 'BROKEN' : ok ? 'ok' : 'OVER';
      console.log(row([app.label, size.min, size.gzip, kb(size.gzip), kb(app.budget), status]));
      if (analyze) analyses.push([app.label, size.inputs]);
    }
  } finally {
    scratch.dispose();
  }
  for (const [label, inputs] of analyses) printAnalysis(label, inputs);
  for (const line of over) console.log(`\nOVER BUDGET: ${line}`);
  for (const line of broken) console.log(`\nBROKEN BUNDLE: ${line}`);
  return { over: [...over, ...broken], skipped: [] };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { over } = await run(process.argv.slice(2));
  process.exitCode = over.length > 0 ? 1 : 0;
}
