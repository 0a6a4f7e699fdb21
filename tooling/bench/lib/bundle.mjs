/**
 * Helpers of the size benchmark. Apps are bundled as a consumer bundles them: from the packed
 * tarballs npm-installed into the consumer project outside the repository (tooling/consumers
 * prepare.mjs), with esbuild (minified, ES2020, browser) and no tsconfig (`tsconfigRaw: {}`), so
 * nothing of the repository (its tsconfig `paths` to `src`, its node_modules) takes part. Every
 * bundle is checked for duplicate package modules and executed (it must create its client).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { MANIFEST } from '../../consumers/lib/paths.mjs';
import { prepare, readManifest } from '../../consumers/prepare.mjs';

/** The repository root. */
export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

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
 * The consumer project with the current packages installed: the one prepare.mjs left when it is
 * newer than every package source (and `rebuild` is not set), else prepares it now (build, pack,
 * npm install: needs the network unless npm's cache has everything).
 * @returns {string} the project directory
 */
export function consumerProject({ rebuild = false } = {}) {
  const packages = join(REPO, 'packages');
  const newest = Math.max(
    ...readdirSync(packages).map((name) => {
      try {
        return newestSource(join(packages, name, 'src'));
      } catch {
        return 0;
      }
    }),
  );
  let fresh = false;
  try {
    fresh = statSync(MANIFEST).mtimeMs >= newest;
  } catch {
    fresh = false;
  }
  if (rebuild || !fresh) {
    process.stderr.write('preparing the consumer project (build, pack, npm install) …\n');
    return prepare().project;
  }
  return readManifest().project;
}

/**
 * A scratch directory inside the consumer project (so that esbuild resolves `@switchboard/x` from
 * its node_modules, through package.json `exports`, as an app would).
 * @returns {{ dir: string, dispose: () => void }}
 */
export function createScratch(project) {
  mkdirSync(join(project, 'bench'), { recursive: true });
  const dir = mkdtempSync(join(project, 'bench', 'size-'));
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The installed package a bundled module belongs to: `{ name, root }`, or undefined for the app itself. */
function packageOf(path) {
  const nm = path.lastIndexOf('node_modules/');
  if (nm < 0) return undefined;
  const rest = path.slice(nm + 'node_modules/'.length).split('/');
  const name = rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  return { name, root: path.slice(0, nm + 'node_modules/'.length + name.length) };
}

/**
 * What is wrong with a bundle's module list: a package bundled from two places (two copies), a
 * package bundled in two formats (its ESM and CJS files), or a module that is not from an
 * installed package (e.g. repository sources).
 * @param {Array<{ path: string }>} inputs
 * @param {string} entry the app's entry file name
 * @returns {string[]}
 */
export function duplicateProblems(inputs, entry) {
  const roots = new Map();
  const formats = new Map();
  const problems = [];
  for (const { path } of inputs) {
    const owner = packageOf(path);
    if (!owner) {
      if (!path.endsWith(entry)) problems.push(`${path} is not from an installed package`);
      continue;
    }
    if (!roots.has(owner.name)) roots.set(owner.name, new Set());
    roots.get(owner.name).add(owner.root);
    if (owner.name.startsWith('@switchboard/')) {
      if (!formats.has(owner.name)) formats.set(owner.name, new Set());
      formats.get(owner.name).add(path.endsWith('.cjs') ? 'CJS' : 'ESM');
    }
  }
  for (const [name, set] of roots) if (set.size > 1) problems.push(`${name} is bundled twice: ${[...set].join(', ')}`);
  for (const [name, set] of formats) if (set.size > 1) problems.push(`${name} is bundled in two formats (${[...set].join(' + ')})`);
  return problems;
}

/**
 * Executes a bundle in a plain Node process (no DOM): it must load, export `client` when
 * `expects` is given, have every namespace of `expects`, and `destroy()` cleanly.
 * @param {string} file the bundle (ESM)
 * @param {string[] | undefined} expects namespaces the client must have (undefined: no client)
 * @returns {{ ok: true } | { ok: false, error: string }}
 */
export function executeBundle(file, expects) {
  const script = `
    const m = await import(${JSON.stringify(pathToFileURL(file).href)});
    const expects = ${JSON.stringify(expects ?? null)};
    if (expects) {
      const client = m.client;
      if (!client || typeof client.destroy !== 'function') throw new Error('the bundle did not create a client');
      for (const ns of expects) if (typeof client[ns] !== 'object' || client[ns] === null) throw new Error('client.' + ns + ' is missing');
      await client.destroy();
    }
  `;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
  if (r.status === 0) return { ok: true };
  const lines = `${r.stderr}`.split('\n').filter((line) => /Error|throw/.test(line));
  return { ok: false, error: (lines.slice(0, 3).join(' | ') || r.stderr || `exit ${r.status}`).trim() };
}

/**
 * Bundles `code` as an app entry, checks it for duplicate modules and executes it.
 * @param {string} scratch the scratch directory (see createScratch)
 * @param {string} code the app's source (ESM)
 * @param {{ expects?: string[] }} [options] namespaces the app's client must have
 * @returns {Promise<{ min: number, gzip: number, inputs: Array<{ path: string, bytes: number }>, problems: string[] }>}
 */
export async function measureApp(scratch, code, options = {}) {
  const name = `app-${Math.random().toString(36).slice(2)}`;
  const entry = join(scratch, `${name}.mjs`);
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
    // As a consumer's bundler: no tsconfig of ours applies (no `paths` to the packages' sources).
    tsconfigRaw: {},
  });
  const out = result.outputFiles[0].contents;
  const meta = Object.values(result.metafile.outputs)[0];
  const inputs = Object.entries(meta.inputs)
    .map(([path, info]) => ({ path, bytes: info.bytesInOutput }))
    .sort((a, b) => b.bytes - a.bytes);
  const problems = duplicateProblems(Object.keys(result.metafile.inputs).map((path) => ({ path })), `${name}.mjs`);
  const bundle = join(scratch, `${name}.bundle.mjs`);
  writeFileSync(bundle, out);
  const executed = executeBundle(bundle, options.expects);
  if (!executed.ok) problems.push(`the bundle throws: ${executed.error}`);
  return { min: out.length, gzip: gzipSync(out, { level: 9 }).length, inputs, problems };
}
