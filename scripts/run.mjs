#!/usr/bin/env node
/**
 * The README's entry points, runnable on a fresh machine with only Node 20 and npm:
 *   npm start   → install, build the gateway and the demo softphone, start the gateway serving the demo; prints its URL
 *   npm test    → install (incl. Debian's chromium, firefox-esr and coturn when missing), prepare the consumer check, run every test, print "N passed, N failed"
 *   npm run bench / npm run build
 *   npm run docs → install, `tsc -b`, then the TypeDoc API reference of every public package in docs/api (no warning allowed)
 * pnpm comes through corepack (with a fallback to `npx pnpm` when corepack cannot verify it).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PNPM_VERSION = '10.34.8';
// NOTE: corepack 0.34 (bundled with Node 20) cannot verify the signatures of current pnpm releases
// ("No compatible signature found"); the version is pinned in package.json#packageManager instead.
const env = { ...process.env, COREPACK_ENABLE_DOWNLOAD_PROMPT: '0', COREPACK_INTEGRITY_KEYS: '0' };

function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env, ...options });
  return r.status ?? 1;
}
function must(cmd, args, options) {
  const status = run(cmd, args, options);
  if (status !== 0) {
    console.error(`\n✖ ${cmd} ${args.join(' ')} exited with ${status}`);
    process.exit(status);
  }
}

let pnpm = ['corepack', ['pnpm']];
function pnpmCmd(args, options) {
  return run(pnpm[0], [...pnpm[1], ...args], options);
}
function ensurePnpm() {
  if (run('corepack', ['pnpm', '--version'], { stdio: 'ignore' }) === 0) return;
  pnpm = ['npx', ['--yes', `pnpm@${PNPM_VERSION}`]];
  if (run(pnpm[0], [...pnpm[1], '--version'], { stdio: 'ignore' }) !== 0) {
    console.error('✖ pnpm is not available through corepack or npx');
    process.exit(1);
  }
}
function install() {
  ensurePnpm();
  const status = pnpmCmd(['install', '--frozen-lockfile', '--reporter=append-only']);
  if (status !== 0) process.exit(status);
}
/**
 * The Debian programs the e2e layer runs and their packages: the browsers (tooling/e2e/src/browsers.ts)
 * and coturn's turnserver (tooling/e2e/src/coturn.ts).
 */
const BROWSERS = [
  { bin: '/usr/bin/chromium', pkg: 'chromium' },
  { bin: '/usr/bin/firefox-esr', pkg: 'firefox-esr' },
  { bin: '/usr/bin/turnserver', pkg: 'coturn' },
];
/** Installs (apt-get, as root) the Debian package of every program of BROWSERS whose binary is missing. */
function ensureBrowsers() {
  const missing = BROWSERS.filter((b) => !existsSync(b.bin)).map((b) => b.pkg);
  if (!missing.length) return;
  if (process.getuid?.() !== 0) {
    console.error(`✖ ${missing.join(', ')} missing and this is not root: install Debian's ${missing.join(' and ')} package(s) first.`);
    process.exit(1);
  }
  console.log(`Installing Debian ${missing.join(', ')} (apt-get)…`);
  const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
  must('apt-get', ['update', '-qq'], { env: aptEnv });
  must('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { env: aptEnv });
}
/** Runs `cmd` inside a private network namespace whose only interface is `lo` (docs/testing.md §2), when allowed. */
function isolated(command) {
  if (run('unshare', ['--net', 'true'], { stdio: 'ignore' }) === 0) {
    return run('unshare', ['--net', 'sh', '-c', `ip link set lo up && exec ${command}`]);
  }
  console.log('(unshare --net is not permitted here; running on the host network)');
  return run('sh', ['-c', command]);
}
/** Builds the packages and the example plugins (examples/*, whose dist the examples project loads). */
function buildPackages() {
  must(pnpm[0], [...pnpm[1], '--filter', './packages/*', '--filter', './examples/*', '-r', 'build']);
}

/** Whether jest arguments select `project` (no `--selectProjects` selects every project). */
function selectsProject(args, project) {
  const inline = args.find((arg) => arg.startsWith('--selectProjects='));
  if (inline) return inline.slice('--selectProjects='.length).split(',').includes(project);
  const at = args.indexOf('--selectProjects');
  if (at < 0) return true;
  const names = [];
  for (let i = at + 1; i < args.length && !args[i].startsWith('-'); i++) names.push(args[i]);
  return names.includes(project);
}

/** Prints the plain closing line CI records; suites that failed to run count as failures. */
function printCounts(file) {
  let passed = 0;
  let failed = 1;
  let skipped = 0;
  if (existsSync(file)) {
    const r = JSON.parse(readFileSync(file, 'utf8'));
    const broken = r.testResults.filter((t) => t.status === 'failed' && t.assertionResults.every((a) => a.status !== 'failed')).length;
    [passed, failed, skipped] = [r.numPassedTests, r.numFailedTests + broken, r.numPendingTests + r.numTodoTests];
  }
  console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
}

const task = process.argv[2];
switch (task) {
  case 'test': {
    install();
    ensureBrowsers();
    const results = join(root, 'node_modules', '.cache', 'jest-results.json');
    rmSync(results, { force: true });
    mkdirSync(dirname(results), { recursive: true });
    // NOTE: --forceExit is a safety net against a leaked handle hanging CI for 90 minutes.
    const jestArgs = ['--ci', '--forceExit', '--json', `--outputFile=${results}`, ...process.argv.slice(3)];
    // Static checks first; jest runs either way so that its counts are always recorded.
    const types = run('node', ['node_modules/typescript/bin/tsc', '-b']);
    const lint = run('node', ['node_modules/eslint/bin/eslint.js', '.']);
    if (types || lint) console.error(`\n✖ static checks failed (tsc -b: ${types}, eslint: ${lint})`);
    // The consumer check installs the packed packages from the npm registry, which the isolated
    // jest cannot reach: prepare it here (build, pack, npm install); its jest project runs offline.
    if (selectsProject(process.argv.slice(3), 'consumers')) {
      const t0 = Date.now();
      const prep = run('node', ['tooling/consumers/prepare.mjs']);
      console.log(`consumer check preparation: ${prep === 0 ? 'done' : `FAILED (exit ${prep}); the consumers tests will fail`} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    } else if (selectsProject(process.argv.slice(3), 'examples')) {
      buildPackages(); // the examples project loads the built example (the preparation above builds it too)
    }
    const status = isolated(`node node_modules/jest/bin/jest.js ${jestArgs.map((a) => `'${a}'`).join(' ')}`);
    printCounts(results);
    process.exit(status || types || lint);
  }
  case 'start': {
    install();
    // The demo softphone (tooling/demo) bundles the SDK packages from their sources with Vite.
    must(pnpm[0], [...pnpm[1], '--filter', '@switchboard/gateway', '--filter', '@switchboard/demo', 'build']);
    const args = process.argv.slice(3);
    // The gateway serves the demo at `/` unless another --static folder is given.
    const demo = args.includes('--static') ? [] : ['--static', 'tooling/demo/dist'];
    process.exit(run('node', ['tooling/gateway/dist/cli.js', ...demo, ...args]));
  }
  case 'bench': {
    install();
    ensureBrowsers();
    buildPackages();
    // The size bench bundles the packed packages installed from the npm registry: install them
    // here, before the network-isolated bench.
    must('node', ['tooling/consumers/prepare.mjs', '--no-build']);
    process.exit(isolated('node tooling/bench/run.mjs'));
  }
  case 'build': {
    install();
    buildPackages();
    break;
  }
  case 'docs': {
    install();
    must('node', ['node_modules/typescript/bin/tsc', '-b']);
    must('node', ['node_modules/typedoc/bin/typedoc', ...process.argv.slice(3)]);
    console.log(`API reference: ${join(root, 'docs', 'api', 'index.html')}`);
    break;
  }
  default:
    console.error('usage: node scripts/run.mjs test|start|bench|build|docs');
    process.exit(2);
}
