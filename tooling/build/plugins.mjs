/**
 * The small rollup plugins and helpers behind createPackageConfig.mjs.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';

const require = createRequire(import.meta.url);

/**
 * Runs `tsc -b` for the package (and, through project references, the packages it depends on), so
 * that `dist/types` holds up-to-date declarations. Incremental: a second run is cheap.
 * @param {string} root
 */
function buildDeclarations(root) {
  const tsc = require.resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-b', join(root, 'tsconfig.json')], { stdio: 'inherit' });
}

/**
 * Whether a source module has side effects per `package.json#sideEffects` (false, or a file list).
 * @param {Record<string, any>} pkg
 * @param {string} root
 * @param {string} id
 */
export function sideEffectful(pkg, root, id) {
  const list = pkg.sideEffects;
  if (list === undefined || list === true) return true;
  if (list === false) return false;
  const rel = `./${relative(root, id).split('\\').join('/')}`;
  return list.includes(rel);
}

/**
 * Removes stale JS and declaration bundles from `dist/` (keeps `dist/types`, the incremental
 * `tsc -b` output) before the JS build writes.
 * @param {string} dist
 * @returns {import('rollup').Plugin}
 */
export function cleanDist(dist) {
  return {
    name: 'switchboard:clean-dist',
    buildStart() {
      // In watch mode a JS rebuild must not delete the declaration bundles of the previous run.
      if (this.meta.watchMode || !existsSync(dist)) return;
      for (const entry of readdirSync(dist)) {
        if (entry !== 'types') rmSync(join(dist, entry), { recursive: true, force: true });
      }
    },
  };
}

/**
 * Runs `tsc -b` once before the declaration bundle reads `dist/types`.
 * @param {string} root
 * @returns {import('rollup').Plugin}
 */
export function declarations(root) {
  return {
    name: 'switchboard:tsc-build',
    buildStart() {
      buildDeclarations(root);
    },
  };
}

/**
 * After the last output is written: fails the build when `main`, `module`, `types` or any
 * `exports` target names a file the build did not produce, or when a condition object does not
 * list `types` first.
 * @param {Record<string, any>} pkg
 * @param {string} root
 * @returns {import('rollup').Plugin}
 */
export function checkExports(pkg, root) {
  const targets = [pkg.main, pkg.module, pkg.types].filter((t) => typeof t === 'string');
  const problems = [];
  const walk = (node, where) => {
    if (typeof node === 'string') targets.push(node);
    else if (node && typeof node === 'object') {
      const keys = Object.keys(node);
      if (keys.includes('types') && keys[0] !== 'types') problems.push(`${where}: "types" must be the first condition`);
      for (const key of keys) walk(node[key], `${where}[${JSON.stringify(key)}]`);
    }
  };
  walk(pkg.exports, 'exports');
  return {
    name: 'switchboard:check-exports',
    closeBundle() {
      for (const target of targets) {
        if (!target.includes('*') && !existsSync(join(root, target))) problems.push(`${target} is not produced by the build`);
      }
      if (problems.length > 0) this.error(`${pkg.name} package.json:\n  ${problems.join('\n  ')}`);
    },
  };
}

/**
 * Resolves the `inline` dependencies (name → ES module file, e.g. `{ tsyringe: 'tsyringe/dist/esm2015/index.js' }`)
 * to files so that rollup bundles them, resolves `tslib` (which tsyringe's ES build imports) to its
 * ES module, maps their source maps onto the emitted files, and emits each inlined package's
 * LICENSE beside its files in dist/vendor/.
 * @param {string} root the package directory
 * @param {Record<string, string>} inline
 * @returns {import('rollup').Plugin}
 */
export function inlineForEsm(root, inline) {
  const require = createRequire(join(root, 'package.json'));
  const files = Object.fromEntries(Object.entries(inline).map(([name, file]) => [name, require.resolve(file)]));
  const licences = new Map();
  const remember = (file, name) => {
    const dir = file.slice(0, file.lastIndexOf(`/node_modules/${name}/`) + `/node_modules/${name}/`.length);
    if (existsSync(join(dir, 'LICENSE'))) licences.set(name, join(dir, 'LICENSE'));
    else if (existsSync(join(dir, 'LICENSE.txt'))) licences.set(name, join(dir, 'LICENSE.txt'));
  };
  return {
    name: 'switchboard-inline-esm',
    resolveId(source, importer) {
      if (files[source]) return remember(files[source], source), files[source];
      if (source === 'tslib' && importer?.includes('node_modules')) {
        // tslib's `exports` hides its ES module file, which lies next to its main file
        const file = join(dirname(createRequire(importer).resolve('tslib')), 'tslib.es6.js');
        return remember(file, 'tslib'), file;
      }
      return null;
    },
    outputOptions(output) {
      // a vendored file is its own source: point its map at the emitted file next to it
      return { ...output, sourcemapPathTransform: (source) => (source.includes('node_modules/') ? source.slice(source.lastIndexOf('/') + 1) : source) };
    },
    generateBundle() {
      for (const [name, file] of licences) this.emitFile({ type: 'asset', fileName: `vendor/${name}/LICENSE`, source: readFileSync(file) });
    },
  };
}

/** Where a source map names a source that was bundled from outside the package (see foreignSources). */
export const BUNDLED_SOURCES_DIR = 'bundled';

/**
 * Source maps of code bundled from outside the package (test-utils bundles the private
 * `tooling/gateway`): a map's `sources` must not point out of the package, and such a file is not
 * shipped. So, per map, every source outside the package directory is renamed to
 * `<package>/bundled/<its path from the repository root>` (a name, not a shipped file) and its
 * content is embedded in `sourcesContent`. Sources inside the package (`../src/….ts`, shipped in
 * the tarball) are left as they are, without content. A map without foreign sources is unchanged.
 * @param {string} root the package directory
 * @param {string} repo the repository root (foreign sources must be inside it)
 * @returns {import('rollup').Plugin}
 */
export function foreignSources(root, repo) {
  const inside = (dir, file) => file === dir || file.startsWith(`${dir}${sep}`);
  return {
    name: 'switchboard:foreign-sources',
    generateBundle(options, bundle) {
      const outDir = resolve(options.dir ?? dirname(options.file ?? ''));
      for (const file of Object.values(bundle)) {
        if (file.type !== 'asset' || !file.fileName.endsWith('.map')) continue;
        const mapDir = dirname(join(outDir, file.fileName));
        const map = JSON.parse(String(file.source));
        let changed = false;
        const contents = map.sources.map((source, i) => {
          const abs = resolve(mapDir, source);
          if (inside(root, abs)) return map.sourcesContent?.[i] ?? null;
          if (!inside(repo, abs)) this.error(`${file.fileName}: source ${source} is outside the repository`);
          changed = true;
          const name = join(root, BUNDLED_SOURCES_DIR, relative(repo, abs));
          map.sources[i] = relative(mapDir, name).split(sep).join('/');
          return map.sourcesContent?.[i] ?? readFileSync(abs, 'utf8');
        });
        if (!changed) continue;
        map.sourcesContent = contents;
        file.source = JSON.stringify(map);
      }
    },
  };
}
