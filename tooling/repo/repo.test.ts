/**
 * Repository checks (unit project): the jest ESM exceptions name installed dependencies, the
 * changeset config names exactly the published packages, and the repository's docs stand alone
 * (no reference to files outside it, every relative Markdown link resolves).
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..');
const SKIP_DIRS = new Set(['node_modules', 'dist', '.git', 'coverage', '.jest-cache', '.artifacts', '.cache']);
/** The lead's session brief for helpers (not documentation for the repository's readers). */
const SKIP_PATHS = new Set(['.helpers', 'docs/api']);
const TEXT = /\.(md|ts|mts|cts|mjs|cjs|js|json|yaml|yml)$/;

function files(dir = root): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (SKIP_DIRS.has(name) || SKIP_PATHS.has(relative(root, path))) continue;
    if (statSync(path).isDirectory()) out.push(...files(path));
    else if (TEXT.test(name)) out.push(path);
  }
  return out;
}

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
const manifests = (group: 'packages' | 'tooling') =>
  readdirSync(join(root, group))
    .map((d) => join(root, group, d, 'package.json'))
    .filter((p) => existsSync(p))
    .map((p) => readJson(p) as { name: string; private?: boolean; dependencies?: object; devDependencies?: object; peerDependencies?: object });

describe('jest config', () => {
  it('compiles only ESM-only dependencies that some workspace package really depends on', () => {
    const text = readFileSync(join(root, 'jest.config.cjs'), 'utf8');
    const list = /const esmOnly = \[([^\]]*)\]/.exec(text);
    expect(list).not.toBeNull();
    const names = [...list![1]!.matchAll(/'([^']+)'/g)].map((m) => m[1]!);
    const all = [...manifests('packages'), ...manifests('tooling'), readJson(join(root, 'package.json')) as { dependencies?: object; devDependencies?: object }];
    const deps = new Set(all.flatMap((m) => [...Object.keys(m.dependencies ?? {}), ...Object.keys(m.devDependencies ?? {})]));
    expect(names.filter((n) => !deps.has(n))).toEqual([]);
  });
});

describe('changeset config', () => {
  const config = readJson(join(root, '.changeset', 'config.json')) as { fixed: string[][]; linked: string[][]; ignore: string[] };
  const published = manifests('packages').filter((m) => !m.private).map((m) => m.name).sort();
  const all = new Set([...manifests('packages'), ...manifests('tooling')].map((m) => m.name));

  it('has one fixed group of exactly the published packages', () => {
    expect(config.fixed.map((g) => [...g].sort())).toEqual([published]);
  });

  it('names no package that does not exist', () => {
    const named = [...config.fixed.flat(), ...config.linked.flat(), ...config.ignore];
    expect(named.filter((n) => !all.has(n))).toEqual([]);
  });
});

describe('the docs stand alone', () => {
  const texts = files().map((path) => ({ path, rel: relative(root, path), text: readFileSync(path, 'utf8') }));

  it('no file refers to the session\'s shared folder outside the repository', () => {
    const outside = /(\.\.\/)+shared\/|\/work\/shared/;
    expect(texts.filter((f) => outside.test(f.text)).map((f) => f.rel)).toEqual([]);
  });

  it('every relative Markdown link resolves to a file of the repository', () => {
    const broken: string[] = [];
    for (const f of texts.filter((t) => t.path.endsWith('.md'))) {
      for (const [, target] of f.text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^(https?:|mailto:|#)/.test(target!)) continue;
        const path = resolve(dirname(f.path), decodeURI(target!.split('#')[0]!));
        if (!path.startsWith(root + '/') || !existsSync(path)) broken.push(`${f.rel}: ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
