/**
 * Helpers of the size benchmark: make sure a package is built, and measure a tiny app bundled by
 * esbuild (minified, ES2020, browser) against the packages' PUBLISHED entry points, gzip -9.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const require = createRequire(import.meta.url);

/** The repository root. */
export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Directory of a first-party package (`core` → packages/core). */
export const packageDir = (name) => join(REPO, 'packages', name);

/** The files a package's `exports["."]` promises for `import` (ESM), read from its package.json. */
function publishedEsmEntry(name) {
  const pkg = JSON.parse(readFileSync(join(packageDir(name), 'package.json'), 'utf8'));
  const dot = pkg.exports?.['.'];
  const target = typeof dot === 'string' ? dot : (dot?.import?.default ?? dot?.import ?? dot?.default ?? pkg.module);
  return join(packageDir(name), typeof target === 'string' ? target : 'dist/index.js');
}

/** The newest modification time of a non-test source file under `dir` (0 if none). */
function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (!/\.test(-d)?\.ts$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Makes sure `packages/<name>` has a current build: builds it with its rollup config when the
 * published ESM entry is missing or older than a source file (or when `rebuild` is set).
 * @returns {{ ok: true } | { ok: false, reason: string }}
 */
export function ensureBuilt(name, { rebuild = false } = {}) {
  const dir = packageDir(name);
  if (!existsSync(join(dir, 'package.json'))) return { ok: false, reason: `packages/${name} does not exist` };
  const entry = publishedEsmEntry(name);
  if (!existsSync(join(dir, 'src/index.ts'))) {
    if (existsSync(entry)) return { ok: true }; // a build without sources: measure what is published
    return { ok: false, reason: `packages/${name}/src/index.ts does not exist yet` };
  }
  if (!rebuild && existsSync(entry) && statSync(entry).mtimeMs >= newestSource(join(dir, 'src'))) return { ok: true };
  if (!existsSync(join(dir, 'rollup.config.mjs'))) return { ok: false, reason: `packages/${name}/rollup.config.mjs is missing` };
  process.stderr.write(`building @switchboard/${name} …\n`);
  const rollup = require.resolve('rollup/dist/bin/rollup');
  const res = spawnSync(process.execPath, [rollup, '-c', '--silent'], { cwd: dir, encoding: 'utf8' });
  if (res.status !== 0) {
    const tail = `${res.stdout}\n${res.stderr}`.trim().split('\n').slice(-8).join('\n');
    return { ok: false, reason: `build of @switchboard/${name} failed:\n${tail}` };
  }
  if (!existsSync(publishedEsmEntry(name))) return { ok: false, reason: `build of @switchboard/${name} did not produce its exports["."]` };
  return { ok: true };
}

/**
 * A scratch directory whose node_modules/@switchboard/* link to the workspace packages, so that
 * esbuild resolves `@switchboard/x` exactly as an app would: through package.json `exports`.
 * @returns {{ dir: string, dispose: () => void }}
 */
export function createScratch(names) {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-size-'));
  const scope = join(dir, 'node_modules', '@switchboard');
  mkdirSync(scope, { recursive: true });
  for (const name of names) symlinkSync(packageDir(name), join(scope, name), 'dir');
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Bundles `code` as an app entry and measures it.
 * @param {string} scratch the scratch directory (see createScratch)
 * @param {string} code the app's source (ESM)
 * @param {{ nodePaths?: string[] }} [options] extra module lookup dirs (for dependency-only apps)
 * @returns {Promise<{ min: number, gzip: number, inputs: Array<{ path: string, bytes: number }> }>}
 */
export async function measureApp(scratch, code, options = {}) {
  const entry = join(scratch, `app-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(entry, code);
  const result = await build({
    entryPoints: [entry],
    absWorkingDir: scratch,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    write: false,
    metafile: true,
    legalComments: 'none',
    logLevel: 'silent',
    nodePaths: options.nodePaths ?? [],
  });
  const out = result.outputFiles[0].contents;
  const meta = Object.values(result.metafile.outputs)[0];
  const inputs = Object.entries(meta.inputs)
    .map(([path, info]) => ({ path, bytes: info.bytesInOutput }))
    .sort((a, b) => b.bytes - a.bytes);
  return { min: out.length, gzip: gzipSync(out, { level: 9 }).length, inputs };
}
