/**
 * The script-tag build: `dist/switchboard.min.js`, one minified IIFE (ES2020) that defines the
 * global `Switchboard` (`Switchboard.create`, `Switchboard.sdpHandlers`) with every first-party
 * plugin and all dependencies bundled, plus its source map. The workspace packages are bundled
 * from their sources, so it needs no prior build. `rollup -c` runs it after the JS outputs are written
 * (rollup.config.mjs); alone: `node scripts/iife.mjs [--out DIR]`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { BUILD_TARGET } from '../../../tooling/build/createPackageConfig.mjs';
import { BUNDLED_SOURCES_DIR } from '../../../tooling/build/plugins.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const packages = resolve(root, '..');
const repo = resolve(packages, '..');

/** Resolves `@switchboard/<name>` to `packages/<name>/src/index.ts`. */
const workspaceSources = {
  name: 'switchboard-workspace-sources',
  setup(b) {
    b.onResolve({ filter: /^@switchboard\/[a-z-]+$/ }, (args) => ({ path: join(packages, args.path.slice('@switchboard/'.length), 'src', 'index.ts') }));
  },
};

/**
 * Writes `switchboard.min.js` and its map into `outDir`.
 * @param {string} [outDir] default: the package's `dist/`
 */
export async function buildIife(outDir = join(root, 'dist')) {
  await build({
    entryPoints: [join(root, 'src', 'index.ts')],
    outfile: join(outDir, 'switchboard.min.js'),
    bundle: true,
    format: 'iife',
    globalName: 'Switchboard',
    platform: 'browser',
    target: BUILD_TARGET,
    minify: true,
    sourcemap: true,
    legalComments: 'eof',
    tsconfig: join(root, 'tsconfig.json'),
    plugins: [workspaceSources],
    logLevel: 'warning',
  });
  renameForeignSources(join(outDir, 'switchboard.min.js.map'));
}

/**
 * Every source of the map lies outside the package (the other packages, node_modules): as the
 * shared build's foreignSources does, each is renamed to `bundled/<its path from the repository
 * root>` (a name, not a shipped file); esbuild already embeds their content in `sourcesContent`.
 * @param {string} file the map
 */
function renameForeignSources(file) {
  const map = JSON.parse(readFileSync(file, 'utf8'));
  const mapDir = dirname(file);
  map.sources = map.sources.map((source) => {
    const abs = resolve(mapDir, source);
    if (abs.startsWith(`${root}${sep}`)) return source;
    return relative(mapDir, join(root, BUNDLED_SOURCES_DIR, relative(repo, abs))).split(sep).join('/');
  });
  writeFileSync(file, JSON.stringify(map));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--out');
  await buildIife(at > 0 ? resolve(process.argv[at + 1]) : undefined);
}
