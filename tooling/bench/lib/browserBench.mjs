/**
 * Plumbing shared by the browser benchmarks (callSetup, memory): bundle a TypeScript bench from
 * tooling/e2e/src/bench for Node and load it, and run a bench file as a script inside a
 * loopback-only network namespace (docs/testing.md §2) with exit code 0 within budget, 1 over, 2 on error.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const require = createRequire(import.meta.url);

/**
 * esbuild plugin: the gateway's native dependency (better-sqlite3, its history store) stays a
 * `require` of the copy installed for tooling/gateway, by absolute path (a native addon cannot be
 * bundled, and the bundle's own folder has no node_modules).
 */
const gatewayNativeDeps = {
  name: 'gateway-native-deps',
  setup(b) {
    b.onResolve({ filter: /^better-sqlite3$/ }, (args) => ({
      path: require.resolve(args.path, { paths: [join(root, 'tooling', 'gateway')] }),
      external: true,
    }));
  },
};

/**
 * Bundles `tooling/e2e/src/bench/<name>.ts` for Node (CommonJS) and loads it. The SDK its pages run
 * is bundled as a consumer bundles it, from the packed tarballs installed by tooling/consumers
 * (`SB_SDK_FROM=installed`, prepared here when missing), not from the repository's sources.
 */
export async function loadBrowserBench(name) {
  process.env.SB_SDK_FROM ??= 'installed';
  if (process.env.SB_SDK_FROM === 'installed' && !existsSync(join(root, 'node_modules', '.cache', 'consumers', 'manifest.json'))) {
    const prep = spawnSync(process.execPath, [join(root, 'tooling', 'consumers', 'prepare.mjs')], { stdio: 'inherit' });
    if (prep.status !== 0) throw new Error('could not prepare the consumer project (tooling/consumers/prepare.mjs)');
  }
  const { build } = require(require.resolve('esbuild', { paths: [root] }));
  const outdir = join(root, 'node_modules', '.cache', 'switchboard-bench');
  mkdirSync(outdir, { recursive: true });
  const outfile = join(outdir, `${name}.cjs`);
  await build({
    entryPoints: [join(root, 'tooling', 'e2e', 'src', 'bench', `${name}.ts`)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
    external: ['puppeteer-core', 'esbuild', 'bufferutil', 'utf-8-validate'],
    plugins: [gatewayNativeDeps],
  });
  delete require.cache[outfile];
  return require(outfile);
}

/**
 * When `moduleUrl` is the script node was started with: re-runs it inside `unshare --net` when
 * allowed, then runs `run()` and exits 0 when its result is `withinBudget`, 1 when over, 2 on error.
 */
export function runAsScript(moduleUrl, run) {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(process.argv[1]).href) return;
  const canUnshare = spawnSync('unshare', ['--net', 'true'], { stdio: 'ignore' }).status === 0;
  if (!process.env.SB_NETNS && canUnshare) {
    const cmd = `ip link set lo up && exec ${JSON.stringify(process.execPath)} ${JSON.stringify(fileURLToPath(moduleUrl))}`;
    const child = spawnSync('unshare', ['--net', 'sh', '-c', cmd], { stdio: 'inherit', env: { ...process.env, SB_NETNS: '1' } });
    process.exit(child.status ?? 2);
  }
  run().then(
    (r) => process.exit(r.withinBudget ? 0 : 1),
    (err) => {
      console.error(err);
      process.exit(2);
    },
  );
}
