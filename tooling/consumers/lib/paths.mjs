/**
 * Where the consumer check keeps its files. Tarballs and the manifest live in the repository's
 * node_modules/.cache/consumers; the consumer project lives OUTSIDE the repository (in the OS temp
 * dir), so that neither Node nor TypeScript can find anything in the repository's node_modules
 * (e.g. the root's @types/*) while resolving from it — exactly like an app that installed the tarballs.
 */
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
/** The check's cache inside the repository. */
export const CACHE = join(REPO, 'node_modules', '.cache', 'consumers');
/** The packed tarballs. */
export const TARBALLS = join(CACHE, 'tarballs');
/** Written by prepare.mjs when the consumer project is ready; read by the checks. */
export const MANIFEST = join(CACHE, 'manifest.json');
/** The consumer project (outside the repository; one per checkout). */
export const PROJECT = join(tmpdir(), `switchboard-consumers-${createHash('sha1').update(REPO).digest('hex').slice(0, 10)}`);
/** The fixture files copied into the project. */
export const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixture');

/** Tools the consumer project installs from the npm registry (pinned). */
export const TOOLS = { vite: '8.3.8', webpack: '^5', 'webpack-cli': '^6', typescript: '~5.9' };

/** The public (non-private) packages under packages/: `{ name, dir }`. */
export function publicPackages() {
  return readdirSync(join(REPO, 'packages'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(REPO, 'packages', entry.name))
    .filter((dir) => {
      try {
        return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).private !== true;
      } catch {
        return false;
      }
    })
    .map((dir) => ({ name: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name, dir }));
}

/** The environment for corepack-run pnpm (no download prompt; see scripts/run.mjs). */
export const ENV = { ...process.env, COREPACK_ENABLE_DOWNLOAD_PROMPT: '0', COREPACK_INTEGRITY_KEYS: '0' };

/**
 * Runs a command; returns `{ status, output }` (stdout + stderr). Never throws.
 * @param {string} cmd
 * @param {string[]} args
 * @param {import('node:child_process').SpawnSyncOptions} [options]
 */
export function exec(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: ENV, maxBuffer: 64 * 1024 * 1024, ...options });
  return { status: r.status ?? 1, output: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}` };
}
