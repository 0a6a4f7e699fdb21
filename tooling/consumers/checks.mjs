/**
 * The consumer checks. Each runs offline against the project prepare.mjs laid out and installed
 * (manifest: `{ project, tarballs }`), throws an Error saying what is wrong, or returns a one-line
 * summary. check.mjs runs them; consumers.test.ts runs each as a jest test.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exec } from './lib/paths.mjs';

/** The calling app's own marker, found in any bundle that really contains the app. */
const APP_MARKER = 'sip:bob@example.com';

function run(project, cmd, args, what) {
  const { status, output } = exec(cmd, args, { cwd: project });
  if (status !== 0) throw new Error(`${what} failed (exit ${status}):\n${output.trim().split('\n').slice(-40).join('\n')}`);
  return output;
}

/** The `ok …` lines of a node script's output, joined. */
const okLines = (output) => output.split('\n').filter((line) => line.startsWith('ok ')).map((line) => line.slice(5)).join('; ');

const bin = (project, name) => join(project, 'node_modules', '.bin', name);

/** JS files (recursive) of a build output directory. */
function jsFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.js'))
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name));
}

function assertBundle(dir, tool) {
  const files = jsFiles(dir);
  if (files.length === 0) throw new Error(`${tool} wrote no JavaScript into ${dir}`);
  const code = files.map((file) => readFileSync(file, 'utf8')).join('\n');
  if (!code.includes(APP_MARKER)) throw new Error(`${tool}'s output does not contain the calling app`);
  return `${files.length} file(s), ${(code.length / 1000).toFixed(1)} kB`;
}

function tsc(project, tsconfig) {
  run(project, process.execPath, [join(project, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', tsconfig, '--pretty', 'false'], `tsc -p ${tsconfig}`);
  return `tsc -p ${tsconfig}: no errors (strict, skipLibCheck false)`;
}

/** Lists a tarball. */
function tarList(file) {
  const { status, output } = exec('tar', ['tzf', file]);
  if (status !== 0) throw new Error(`tar tzf ${file} failed: ${output}`);
  return output.split('\n').filter(Boolean);
}

function tarRead(file, path) {
  const { status, output } = exec('tar', ['xzf', file, '-O', path]);
  if (status !== 0) throw new Error(`cannot read ${path} from ${file}`);
  return output;
}

/** What one tarball must (not) contain. Returns the problems. */
function tarballProblems(name, file) {
  const problems = [];
  const list = tarList(file).map((path) => path.replace(/^package\//, ''));
  const has = new Set(list);
  for (const required of ['LICENSE', 'README.md', 'package.json']) if (!has.has(required)) problems.push(`no ${required}`);
  if (has.has('LICENSE') && !/MIT License/.test(tarRead(file, 'package/LICENSE'))) problems.push('LICENSE is not the MIT license');
  const pkg = JSON.parse(tarRead(file, 'package/package.json'));
  if (pkg.repository?.type !== 'git' || typeof pkg.repository?.url !== 'string' || !pkg.repository?.directory) {
    problems.push('package.json#repository needs type git, url and directory');
  }
  if (typeof pkg.homepage !== 'string') problems.push('no package.json#homepage');
  if (typeof (pkg.bugs?.url ?? pkg.bugs) !== 'string') problems.push('no package.json#bugs');
  if (JSON.stringify(pkg).includes('workspace:')) problems.push('package.json still names a workspace: version');
  const leftovers = list.filter((path) => path.startsWith('dist/types/') || path.endsWith('.tsbuildinfo') || /\.test(-d)?\.ts$/.test(path) || /(^|\/)__[a-z]+__\//.test(path));
  if (leftovers.length) problems.push(`build leftovers: ${leftovers.slice(0, 5).join(', ')}${leftovers.length > 5 ? ` (+${leftovers.length - 5})` : ''}`);
  const js = list.filter((path) => path.startsWith('dist/') && /\.c?js$/.test(path));
  const unmapped = js.filter((path) => !has.has(`${path}.map`));
  if (unmapped.length) problems.push(`JS without a source map: ${unmapped.slice(0, 5).join(', ')}`);
  // Every map's `sources` must stay inside the package and name a file shipped in the tarball (or
  // embed its content: test-utils' bundled gateway).
  for (const map of list.filter((path) => path.endsWith('.map'))) {
    const parsed = JSON.parse(tarRead(file, `package/${map}`));
    const base = map.split('/').slice(0, -1);
    parsed.sources.forEach((source, i) => {
      const parts = [...base];
      let outside = false;
      for (const part of source.split('/')) {
        if (part === '..') outside ||= parts.pop() === undefined;
        else if (part !== '.') parts.push(part);
      }
      if (outside) problems.push(`${map}: source ${source} is outside the package`);
      else if (parsed.sourcesContent?.[i] == null && !has.has(parts.join('/'))) problems.push(`${map}: source ${source} is not in the tarball`);
    });
  }
  return problems.map((problem) => `${name}: ${problem}`);
}

/** @type {Array<{ name: string, run: (manifest: { project: string, tarballs: Record<string, string> }) => string }>} */
export const CHECKS = [
  {
    name: 'tarball contents (LICENSE, README, repository/homepage/bugs, source maps, no build leftovers)',
    run: ({ tarballs }) => {
      const problems = Object.entries(tarballs).flatMap(([name, file]) => tarballProblems(name, file));
      if (problems.length) throw new Error(problems.join('\n'));
      return Object.entries(tarballs).map(([name, file]) => `${name} ${tarList(file).length} files`).join(', ');
    },
  },
  {
    name: 'Vite build of the calling app',
    run: ({ project }) => {
      run(project, bin(project, 'vite'), ['build', '--config', 'vite.config.mjs'], 'vite build');
      return assertBundle(join(project, 'dist-vite'), 'vite');
    },
  },
  {
    name: 'webpack build of the calling app',
    run: ({ project }) => {
      run(project, bin(project, 'webpack'), ['--config', 'webpack.config.mjs'], 'webpack');
      return assertBundle(join(project, 'dist-webpack'), 'webpack');
    },
  },
  { name: 'tsc --strict, skipLibCheck false, moduleResolution bundler', run: ({ project }) => tsc(project, 'tsconfig.bundler.json') },
  { name: 'tsc --strict, skipLibCheck false, node16 ESM (type: module)', run: ({ project }) => tsc(project, 'node16-esm') },
  { name: 'tsc --strict, skipLibCheck false, node16 CJS (type: commonjs)', run: ({ project }) => tsc(project, 'node16-cjs') },
  { name: 'typed config: a misspelled key and a wrong value type fail tsc', run: ({ project }) => tsc(project, 'tsconfig.typed-config.json') },
  {
    name: 'Node ESM import of every entry point (no DOM)',
    run: ({ project }) => okLines(run(project, process.execPath, ['node/load-esm.mjs'], 'node node/load-esm.mjs')),
  },
  {
    // --no-experimental-require-module: a CommonJS loader that cannot require ES modules (older Node,
    // jest's module runtime), so a CJS build that requires an ESM-only file fails here.
    name: 'Node CJS require of every entry point (no DOM, no require(esm))',
    run: ({ project }) =>
      okLines(run(project, process.execPath, ['--no-experimental-require-module', 'node/load-cjs.cjs'], 'node --no-experimental-require-module node/load-cjs.cjs')),
  },
  {
    name: 'ESM copy of connectivity + CJS copy of call in one process',
    run: ({ project }) => run(project, process.execPath, ['node/cross-copy.mjs'], 'node node/cross-copy.mjs').trim().split('\n').pop().replace(/^ok\s+/, ''),
  },
];

