#!/usr/bin/env node
/**
 * Preparation of the consumer check (needs the network; `npm test` runs it before the isolated jest):
 *   1. builds the packages and the example plugins (`corepack pnpm --filter ./packages/* --filter ./examples/* -r build`),
 *   2. packs each public package (`pnpm pack`) into node_modules/.cache/consumers/tarballs,
 *   3. lays out a fresh consumer project outside the repository (lib/paths.mjs PROJECT) from
 *      fixture/, and `npm install`s the tarballs plus the pinned tools (vite, webpack, typescript)
 *      from the default registry (`--no-audit --no-fund --prefer-offline`; npm's cache makes a
 *      second run fast),
 *   4. writes the manifest that the offline checks (check.mjs, consumers.test.ts) read.
 *
 *   node tooling/consumers/prepare.mjs [--no-build]
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CACHE, FIXTURE, MANIFEST, PROJECT, REPO, TARBALLS, TOOLS, exec, publicPackages } from './lib/paths.mjs';

const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

function step(label, fn) {
  const t0 = Date.now();
  const result = fn();
  console.log(`[consumers] ${label} (${seconds(t0)})`);
  return result;
}

function must({ status, output }, what) {
  if (status !== 0) throw new Error(`${what} failed (exit ${status}):\n${output.trim().split('\n').slice(-30).join('\n')}`);
  return output;
}

/** Packs every public package; returns `{ [name]: tarball path }`. */
function pack() {
  rmSync(TARBALLS, { recursive: true, force: true });
  mkdirSync(TARBALLS, { recursive: true });
  const tarballs = {};
  for (const { name, dir } of publicPackages()) {
    const out = must(exec('corepack', ['pnpm', 'pack', '--pack-destination', TARBALLS], { cwd: dir }), `pnpm pack of ${name}`);
    const file = out.trim().split('\n').map((line) => line.trim()).reverse().find((line) => line.endsWith('.tgz'));
    if (!file || !existsSync(file)) throw new Error(`pnpm pack of ${name} printed no tarball path:\n${out}`);
    tarballs[name] = file;
  }
  return tarballs;
}

/** Lays out the consumer project (keeps its node_modules, so a second install is incremental). */
function layout(tarballs) {
  mkdirSync(PROJECT, { recursive: true });
  for (const entry of ['src', 'web', 'node', 'node16-esm', 'node16-cjs', 'dist-vite', 'dist-webpack', 'package-lock.json']) {
    rmSync(join(PROJECT, entry), { recursive: true, force: true });
  }
  // The previously installed copies of our packages: a tarball with the same name but new content
  // must be extracted again.
  rmSync(join(PROJECT, 'node_modules', '@switchboard'), { recursive: true, force: true });
  cpSync(FIXTURE, PROJECT, { recursive: true });
  // node16-esm and node16-cjs type-check the same sources, each under its own package.json "type".
  for (const mode of ['node16-esm', 'node16-cjs']) {
    mkdirSync(join(PROJECT, mode, 'src'), { recursive: true });
    for (const file of ['app.ts', 'typing.ts']) cpSync(join(PROJECT, 'src', file), join(PROJECT, mode, 'src', file));
  }
  const dependencies = Object.fromEntries(Object.entries(tarballs).map(([name, file]) => [name, `file:${file}`]));
  const pkg = { name: 'switchboard-consumer', private: true, type: 'module', dependencies, devDependencies: TOOLS };
  writeFileSync(join(PROJECT, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
}

function install() {
  must(
    exec('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], { cwd: PROJECT }),
    `npm install in ${PROJECT}`,
  );
}

/**
 * Runs the preparation.
 * @param {{ build?: boolean }} [options]
 * @returns {{ project: string, tarballs: Record<string, string> }}
 */
export function prepare({ build = true } = {}) {
  const t0 = Date.now();
  rmSync(MANIFEST, { force: true });
  mkdirSync(CACHE, { recursive: true });
  if (build) {
    // The example plugins too: the examples jest project loads their built files (examples/*/test/dist.test.ts).
    const filters = ['--filter', './packages/*', '--filter', './examples/*'];
    step('built the packages and examples', () => must(exec('corepack', ['pnpm', ...filters, '-r', 'build'], { cwd: REPO }), 'the package build'));
  }
  const tarballs = step('packed the public packages', pack);
  step(`laid out the consumer project in ${PROJECT}`, () => layout(tarballs));
  step('npm install (tarballs + vite, webpack, typescript)', install);
  const manifest = { project: PROJECT, tarballs, tools: TOOLS, preparedAt: new Date().toISOString() };
  writeFileSync(MANIFEST, `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`[consumers] prepared in ${seconds(t0)}`);
  return manifest;
}

/** Reads the manifest written by prepare(); throws a clear error when there is none. */
export function readManifest() {
  if (!existsSync(MANIFEST)) {
    throw new Error('The consumer projects are not prepared: run `node tooling/consumers/prepare.mjs` first (`npm test` does).');
  }
  return JSON.parse(readFileSync(MANIFEST, 'utf8'));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    prepare({ build: !process.argv.includes('--no-build') });
  } catch (error) {
    console.error(`[consumers] preparation FAILED: ${error.message}`);
    process.exit(1);
  }
}
