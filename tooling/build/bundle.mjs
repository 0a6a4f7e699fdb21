#!/usr/bin/env node
/**
 * Custom bundles: one minified file with only the chosen feature plugins (tooling/build/features.mjs)
 * and the preset's `create(config, options)` over them, as `@switchboard/sdk`'s `create`. The
 * workspace packages are bundled from their sources (no prior build needed), with every
 * third-party dependency, by esbuild (ES2020, browser), with a source map. The full script-tag
 * build of `@switchboard/sdk` (`switchboard.min.js`, packages/sdk/scripts/iife.mjs) is this
 * bundle with every feature.
 *
 *   pnpm bundle --features call,connectivity --format esm|iife --out DIR
 *   node tooling/build/bundle.mjs --features all --format iife --out dist
 *
 * Writes `DIR/switchboard.min.js` (iife: the global `Switchboard`, e.g. `Switchboard.create`) or
 * `DIR/switchboard.min.mjs` (esm: `export const create`), plus its `.map`. The features a chosen
 * one requires are added (and named in the output). A wrong argument exits 1 with a message.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { BUILD_TARGET } from './target.mjs';
import { ALL_FEATURES, FEATURES, entrySource, resolveFeatures } from './features.mjs';
import { BUNDLED_SOURCES_DIR } from './plugins.mjs';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const PACKAGES = join(REPO, 'packages');
/** The bundles' global name (iife) — the Ribbon/Kandy SDK's script tag defines a global too. */
export const GLOBAL_NAME = 'Switchboard';
/** The output formats and the file each writes. */
export const FORMATS = Object.freeze({ iife: 'switchboard.min.js', esm: 'switchboard.min.mjs' });
/** The name of the generated entry module, and the folder it resolves its imports from (the sdk's, for `definePreset`). */
const ENTRY_NAME = 'switchboard-bundle.js';
const ENTRY_DIR = join(PACKAGES, 'sdk', 'src');

/** Resolves `@switchboard/<name>` to `packages/<name>/src/index.ts` (the workspace sources). */
const workspaceSources = {
  name: 'switchboard-workspace-sources',
  setup(b) {
    b.onResolve({ filter: /^@switchboard\/[a-z-]+$/ }, (args) => ({ path: join(PACKAGES, args.path.slice('@switchboard/'.length), 'src', 'index.ts') }));
  },
};

/**
 * Resolves `tsyringe` to its ES2015 build, the one core's published ESM carries in dist/vendor
 * (packages/core/rollup.config.mjs): tsyringe's `module` field names its ES5 build, 1.3 KB
 * min+gzip larger (docs/decisions.md).
 */
const tsyringeEs2015 = {
  name: 'switchboard-tsyringe-es2015',
  setup(b) {
    const file = createRequire(join(PACKAGES, 'core', 'package.json')).resolve('tsyringe/dist/esm2015/index.js');
    b.onResolve({ filter: /^tsyringe$/ }, () => ({ path: file }));
  },
};

/**
 * Builds a bundle of `features` (resolved: see resolveFeatures) into `outDir`.
 * @param {{ features: readonly string[], format: 'iife' | 'esm', outDir: string, mapRoot?: string }} options
 *   `mapRoot`: the folder whose `bundled/` the map's sources are named under (default `outDir`;
 *   the sdk passes its package folder, see renameSources)
 * @returns {Promise<{ file: string, min: number, gzip: number }>} the bundle and its sizes (bytes; gzip -9)
 */
export async function buildBundle({ features, format, outDir, mapRoot = outDir }) {
  if (!Object.hasOwn(FORMATS, format)) throw new Error(`unknown format "${format}" (known: ${Object.keys(FORMATS).join(', ')})`);
  const file = join(outDir, FORMATS[format]);
  mkdirSync(outDir, { recursive: true });
  await build({
    stdin: { contents: entrySource(features), resolveDir: ENTRY_DIR, sourcefile: ENTRY_NAME, loader: 'js' },
    outfile: file,
    bundle: true,
    format,
    globalName: format === 'iife' ? GLOBAL_NAME : undefined,
    platform: 'browser',
    target: BUILD_TARGET,
    minify: true,
    sourcemap: true,
    legalComments: 'eof',
    tsconfig: join(PACKAGES, 'sdk', 'tsconfig.json'),
    plugins: [workspaceSources, tsyringeEs2015],
    logLevel: 'warning',
  });
  renameSources(`${file}.map`, resolve(mapRoot));
  const code = readFileSync(file);
  return { file, min: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

/**
 * The map's sources outside `mapRoot` (the packages, node_modules) are renamed to
 * `bundled/<path from the repository root>` under `mapRoot` (the generated entry: `bundled/switchboard-bundle.js`) (a name, not a shipped file; as the
 * shared build's foreignSources does); esbuild already embeds their content in `sourcesContent`.
 * @param {string} file the map
 * @param {string} mapRoot
 */
function renameSources(file, mapRoot) {
  const map = JSON.parse(readFileSync(file, 'utf8'));
  const mapDir = dirname(file);
  map.sources = map.sources.map((source) => {
    const abs = resolve(mapDir, source);
    // the generated entry (stdin, named as if in ENTRY_DIR) is no file of the repository
    if (abs === join(ENTRY_DIR, ENTRY_NAME)) return relative(mapDir, join(mapRoot, BUNDLED_SOURCES_DIR, ENTRY_NAME)).split(sep).join('/');
    if (abs.startsWith(`${mapRoot}${sep}`)) return source;
    return relative(mapDir, join(mapRoot, BUNDLED_SOURCES_DIR, relative(REPO, abs))).split(sep).join('/');
  });
  writeFileSync(file, JSON.stringify(map));
}

const USAGE = `usage: pnpm bundle --features <list> [--format esm|iife] --out DIR
  --features  comma-separated: ${ALL_FEATURES.join(', ')}, or "all"; required features are added
  --format    esm (default: DIR/${FORMATS.esm}) or iife (DIR/${FORMATS.iife}, global ${GLOBAL_NAME})
  --out       the output folder (created when missing)`;

/**
 * Parses the command line; throws an Error with a message for the user on a wrong argument.
 * @param {string[]} argv
 * @returns {{ requested: string[], features: string[], added: string[], format: 'iife' | 'esm', outDir: string } | { help: true }}
 */
export function parseCommandLine(argv) {
  const { values } = parseArgs({
    args: argv,
    options: { features: { type: 'string' }, format: { type: 'string', default: 'esm' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return { help: true };
  if (values.features === undefined) throw new Error('missing --features');
  const requested = values.features === 'all' ? [...ALL_FEATURES] : [...new Set(values.features.split(',').map((name) => name.trim()).filter(Boolean))];
  if (requested.length === 0) throw new Error('--features names no feature');
  if (!Object.hasOwn(FORMATS, values.format)) throw new Error(`unknown format "${values.format}" (known: ${Object.keys(FORMATS).join(', ')})`);
  if (!values.out) throw new Error('missing --out DIR');
  const { features, added } = resolveFeatures(requested);
  return { requested, features, added, format: /** @type {'iife' | 'esm'} */ (values.format), outDir: resolve(values.out) };
}

/** Who requires each added feature, for the message: `media (required by call)`. */
function describeAdded(added, features) {
  return added.map((name) => `${name} (required by ${features.filter((f) => FEATURES[f].requires.includes(name)).join(', ')})`).join(', ');
}

async function main(argv) {
  let command;
  try {
    command = parseCommandLine(argv);
  } catch (error) {
    console.error(`✖ ${error.message}\n${USAGE}`);
    return 1;
  }
  if ('help' in command) {
    console.log(USAGE);
    return 0;
  }
  const { features, added, format, outDir } = command;
  if (added.length > 0) console.log(`added the features they require: ${describeAdded(added, features)}`);
  const { file, min, gzip } = await buildBundle({ features, format, outDir });
  const shown = file.startsWith(`${process.cwd()}${sep}`) ? relative(process.cwd(), file) : file;
  console.log(`${shown} (${format}; ${features.join(', ')}): ${min} B minified, ${(gzip / 1000).toFixed(2)} KB min+gzip`);
  return 0;
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) {
  process.exitCode = await main(process.argv.slice(2));
}
