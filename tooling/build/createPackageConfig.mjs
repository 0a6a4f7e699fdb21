/**
 * The shared rollup config factory (STYLE §15). A package's `rollup.config.mjs` is
 * `export default packageConfigAt(import.meta.url)`, which reads its package.json and calls
 * `createPackageConfig(pkg, { root })`. Per entry `<name>` (default `{ index: 'src/index.ts' }`):
 * - ESM with `preserveModules` into `dist/` (`dist/<name>.js` plus one file per source module), so
 *   bundlers tree-shake per module and `package.json#sideEffects` can name single files;
 * - CJS into `dist/<name>.cjs` (shared code goes to `dist/chunks/`);
 * - a source map next to every JS file, whose `sources` are the shipped `src/` files; code bundled
 *   from outside the package (test-utils' copy of tooling/gateway) has its sources embedded instead;
 * - bundled declarations `dist/<name>.d.ts` (ESM) and `dist/<name>.d.cts` (CJS), rolled up by
 *   rollup-plugin-dts from the `tsc -b` output in `dist/types` (project references, type-checked).
 * All `dependencies` and `peerDependencies` (and their subpaths) stay external. Target: ES2020.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import esbuild from 'rollup-plugin-esbuild';
import { dts } from 'rollup-plugin-dts';
import { checkExports, cleanDist, declarations, foreignSources, inlineForEsm, sideEffectful } from './plugins.mjs';
import { BUILD_TARGET } from './target.mjs';

/** The repository root (this file is tooling/build/createPackageConfig.mjs). */
const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

// The compile target (target.mjs, which the bundler imports without loading rollup's plugins).
export { BUILD_TARGET };

/**
 * Reads `package.json` of a package directory.
 * @param {string} root the package directory
 * @returns {Record<string, any>}
 */
export function readPackageJson(root) {
  return JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
}

/**
 * A rollup `external` predicate: every dependency and peer dependency, including subpaths
 * (`reflect-metadata/lite`), and Node built-ins.
 * @param {Record<string, any>} pkg
 * @returns {(id: string) => boolean}
 */
export function externalsOf(pkg) {
  const names = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})];
  return (id) => id.startsWith('node:') || names.some((name) => id === name || id.startsWith(`${name}/`));
}

/**
 * Creates the rollup configuration of one package.
 * @param {Record<string, any>} pkg the package's `package.json`
 * @param {{ input?: Record<string, string>, root?: string, esmInline?: Record<string, string>, cjsPaths?: Record<string, string> }} [options]
 *   `input` maps an entry name to its source file (relative to the package); `root` is the package
 *   directory (default: cwd, which is the package when run as `rollup -c` from its `build` script);
 *   `esmInline` maps a dependency to the ES module file to bundle into the ESM output instead of
 *   importing it (e.g. tsyringe's ES2015 build, see docs/decisions.md); `cjsPaths` maps an
 *   imported path to the one the CJS build requires (a dependency's CommonJS file for an ESM-only one)
 * @returns {import('rollup').RollupOptions[]}
 */
export function createPackageConfig(pkg, options = {}) {
  const root = resolve(options.root ?? process.cwd());
  const input = options.input ?? { index: 'src/index.ts' };
  const external = externalsOf(pkg);
  const dist = join(root, 'dist');
  const srcRoot = join(root, 'src');
  const absInput = Object.fromEntries(Object.entries(input).map(([name, file]) => [name, join(root, file)]));

  for (const [name, file] of Object.entries(absInput)) {
    if (!existsSync(file)) throw new Error(`${pkg.name}: entry "${name}" (${relative(root, file)}) does not exist`);
  }

  // Declarations are rolled up from the `tsc -b` output when the package has a tsconfig.json,
  // otherwise straight from the sources (rollup-plugin-dts compiles them itself).
  const hasTsconfig = existsSync(join(root, 'tsconfig.json'));
  const typesInput = Object.fromEntries(
    Object.entries(absInput).map(([name, file]) => [
      name,
      hasTsconfig ? join(dist, 'types', relative(srcRoot, file)).replace(/\.tsx?$/, '.d.ts') : file,
    ]),
  );

  const onwarn = (warning, warn) => {
    // A circular import between our own modules is legal ESM and harmless here; everything else is shown.
    if (warning.code === 'CIRCULAR_DEPENDENCY' && !warning.ids?.some((id) => id.includes('node_modules'))) return;
    // A side-effect-only entry (core's polyfill) has an empty declaration bundle by design.
    if (warning.code === 'EMPTY_BUNDLE') return;
    warn(warning);
  };

  // Source maps point at `../src/….ts`: the tarball ships `src/` (without tests and fixtures,
  // package.json#files), which is smaller than embedding `sourcesContent` in both the ESM and CJS maps.
  // Sources from outside the package are embedded under `bundled/…` names (foreignSources).
  const sourcemap = { sourcemap: true, sourcemapExcludeSources: true };

  const compile = esbuild({ target: BUILD_TARGET, tsconfig: hasTsconfig ? join(root, 'tsconfig.json') : undefined, sourceMap: true });
  // Our modules have no side effects except those package.json#sideEffects names (core's polyfill);
  // inlined third-party modules keep theirs.
  const moduleSideEffects = (id, isExternal) => isExternal || id.includes('node_modules') || sideEffectful(pkg, root, id);
  const esmOutput = {
    dir: dist,
    format: 'es',
    preserveModules: true,
    preserveModulesRoot: srcRoot,
    entryFileNames: '[name].js',
    ...sourcemap,
  };
  const cjsOutput = {
    dir: dist,
    format: 'cjs',
    exports: 'named',
    entryFileNames: '[name].cjs',
    chunkFileNames: 'chunks/[name]-[hash].cjs',
    // e.g. media: an ES-module-only file of a dependency is required from its CommonJS build instead
    paths: options.cjsPaths,
    ...sourcemap,
  };
  const inline = options.esmInline ?? {};

  /** @type {import('rollup').RollupOptions[]} */
  const js = Object.keys(inline).length
    ? [
        // ESM with the `esmInline` dependencies bundled from their given ES module build (into
        // dist/vendor/, licence files beside them); CJS keeps requiring them.
        {
          input: absInput,
          external: (id) => !Object.keys(inline).includes(id) && id !== 'tslib' && external(id),
          onwarn,
          treeshake: { moduleSideEffects },
          plugins: [cleanDist(dist), inlineForEsm(root, inline), compile, foreignSources(root, REPO)],
          output: { ...esmOutput, entryFileNames: (chunk) => vendorName(chunk.name) ?? '[name].js' },
        },
        { input: absInput, external, onwarn, treeshake: { moduleSideEffects }, plugins: [compile, foreignSources(root, REPO)], output: cjsOutput },
      ]
    : [{ input: absInput, external, onwarn, treeshake: { moduleSideEffects }, plugins: [cleanDist(dist), compile, foreignSources(root, REPO)], output: [esmOutput, cjsOutput] }];

  /** @type {import('rollup').RollupOptions} */
  const types = {
    input: typesInput,
    external,
    onwarn,
    plugins: [hasTsconfig ? declarations(root) : undefined, dts({ respectExternal: false }), checkExports(pkg, root)].filter(Boolean),
    output: [
      { dir: dist, format: 'es', entryFileNames: '[name].d.ts', chunkFileNames: 'chunks/[name]-[hash].d.ts' },
      { dir: dist, format: 'es', entryFileNames: '[name].d.cts', chunkFileNames: 'chunks/[name]-[hash].d.cts' },
    ],
  };

  return [...js, types];
}

/** `vendor/<package>/<path>.js` for a module preserved from node_modules (npm never packs a `node_modules` folder). */
function vendorName(name) {
  const at = name.lastIndexOf('node_modules/');
  return at < 0 ? undefined : `vendor/${name.slice(at + 'node_modules/'.length)}.js`;
}

/**
 * Shorthand for a package's `rollup.config.mjs`: reads `package.json` next to the config file.
 * @param {string} configUrl `import.meta.url` of the config file
 * @param {{ input?: Record<string, string>, esmInline?: Record<string, string>, cjsPaths?: Record<string, string> }} [options]
 */
export function packageConfigAt(configUrl, options = {}) {
  const root = dirname(fileURLToPath(configUrl));
  return createPackageConfig(readPackageJson(root), { ...options, root });
}
