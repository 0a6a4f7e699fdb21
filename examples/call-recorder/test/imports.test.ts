/**
 * The examples use only public exports: every import of their TypeScript files is a relative path that
 * stays inside its example, a bare `@switchboard/<pkg>` (no subpath such as `/src`), or a package
 * the example's package.json lists. Anything else (`packages/…`, `@switchboard/call/src/…`,
 * `../../packages/…`) fails this test.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

const examplesDir = path.resolve(__dirname, '..', '..');

/** Every module specifier of a TypeScript source (import/export … from, side-effect imports, import(), require()), as the compiler sees them. */
export function specifiersOf(source: string): string[] {
  return ts.preProcessFile(source, true, true).importedFiles.map((f) => f.fileName);
}

/** Why `specifier` in `file` of the example at `root` is not allowed, or undefined. */
export function violation(specifier: string, file: string, root: string, allowedPackages: ReadonlySet<string>): string | undefined {
  if (specifier.startsWith('.')) {
    const target = path.resolve(path.dirname(file), specifier);
    return target === root || target.startsWith(root + path.sep) ? undefined : 'a relative path that leaves the example';
  }
  if (specifier.startsWith('node:')) return undefined;
  if (specifier.startsWith('@switchboard/')) {
    if (!/^@switchboard\/[a-z-]+$/.test(specifier)) return 'a path inside a @switchboard package (only the bare package is public)';
    return allowedPackages.has(specifier) ? undefined : 'a @switchboard package missing from package.json';
  }
  const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
  return allowedPackages.has(name) ? undefined : 'a package missing from package.json (or a path)';
}

function sourcesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'node_modules' || entry.name === 'dist') return [];
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourcesUnder(full) : /\.(ts|tsx|mts|cts)$/.test(entry.name) ? [full] : [];
  });
}

it('every example imports only public entry points and its own files', () => {
  const examples = fs.readdirSync(examplesDir).filter((d) => fs.existsSync(path.join(examplesDir, d, 'package.json')));
  expect(examples).toContain('call-recorder');
  const problems: string[] = [];
  let checked = 0;
  for (const example of examples) {
    const root = path.join(examplesDir, example);
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
    const allowed = new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})]);
    for (const file of sourcesUnder(root)) {
      for (const specifier of specifiersOf(fs.readFileSync(file, 'utf8'))) {
        checked++;
        const why = violation(specifier, file, root, allowed);
        if (why) problems.push(`${path.relative(examplesDir, file)}: "${specifier}" is ${why}`);
      }
    }
  }
  expect(checked).toBeGreaterThan(20);
  expect(problems).toEqual([]);
});

it('the check catches imports of another package\'s insides', () => {
  const root = path.join(examplesDir, 'call-recorder');
  const file = path.join(root, 'src', 'plugin.ts');
  const allowed = new Set(['@switchboard/core', '@switchboard/call']);
  const source = [
    "import { CallManager } from '@switchboard/call/src/internal/CallManager';",
    "import type { X } from '../../../packages/media/src/tokens';",
    "export { y } from 'packages/core/src/index';",
    "const z = require('@switchboard/connectivity');",
    "import('../../other-example/src');",
    "import '@switchboard/core';",
    "import { ok } from './storage';",
  ].join('\n');
  expect(specifiersOf(source).map((s) => [s, violation(s, file, root, allowed) !== undefined])).toEqual([
    ['@switchboard/call/src/internal/CallManager', true],
    ['../../../packages/media/src/tokens', true],
    ['packages/core/src/index', true],
    ['@switchboard/connectivity', true],
    ['../../other-example/src', true],
    ['@switchboard/core', false],
    ['./storage', false],
  ]);
});
