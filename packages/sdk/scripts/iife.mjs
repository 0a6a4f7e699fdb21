/**
 * The script-tag build: `dist/switchboard.min.js`, one minified IIFE (ES2020) that defines the
 * global `Switchboard` (`Switchboard.create`, `Switchboard.sdpHandlers`) with every first-party
 * plugin and all dependencies bundled, plus its source map. It is the custom bundle of every
 * feature (tooling/build/bundle.mjs, `pnpm bundle --features all --format iife`); the map names
 * its sources `bundled/<repo path>`. The workspace packages are bundled from their sources, so it
 * needs no prior build. `rollup -c` runs it after the JS outputs are written (rollup.config.mjs);
 * alone: `node scripts/iife.mjs [--out DIR]`.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBundle } from '../../../tooling/build/bundle.mjs';
import { ALL_FEATURES } from '../../../tooling/build/features.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Writes `switchboard.min.js` and its map into `outDir`.
 * @param {string} [outDir] default: the package's `dist/`
 */
export async function buildIife(outDir = join(root, 'dist')) {
  await buildBundle({ features: ALL_FEATURES, format: 'iife', outDir, mapRoot: root });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--out');
  await buildIife(at > 0 ? resolve(process.argv[at + 1]) : undefined);
}
