/**
 * Custom bundles (tooling/build/bundle.mjs, `pnpm bundle`), for every entry of the feature table
 * (tooling/build/features.mjs), so that a plugin added to the table is covered without a new test:
 * each bundle holds exactly its features' packages (source map), one whose features are a strict
 * subset of another's is smaller, and each runs in a vm context, creating a client with exactly
 * its features' namespaces. Plus the command line: dependencies added and named, wrong arguments
 * exit 1 with a message.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createContext, runInContext } from 'node:vm';
import { gzipSync } from 'node:zlib';
import { createClient } from '@switchboard/core';
import { create } from '@switchboard/sdk';

const BUNDLE = join(__dirname, 'bundle.mjs');
const FEATURES_URL = `file://${join(__dirname, 'features.mjs')}`;

interface Feature {
  package: string;
  plugin: string;
  requires: string[];
  namespaces: string[];
  exports?: string[];
}

/** Runs a command; rejects (with its output) when it fails. */
const run = promisify(execFile);

/** Runs Node with `args`; resolves with its exit status and output (never rejects). */
async function nodeAsync(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, args);
    return { status: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { status: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

function node(args: string[]) {
  return spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
}

/** The feature table, read from features.mjs (an ES module) by a child Node. */
function readTable(): Record<string, Feature> {
  const r = node(['--input-type=module', '-e', `const m = await import(${JSON.stringify(FEATURES_URL)}); console.log(JSON.stringify(m.FEATURES));`]);
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as Record<string, Feature>;
}

const TABLE = readTable();
const NAMES = Object.keys(TABLE);

/** A feature with everything it requires, transitively. */
function closure(name: string, into = new Set<string>()): Set<string> {
  if (!into.has(name)) {
    into.add(name);
    for (const dependency of TABLE[name].requires) closure(dependency, into);
  }
  return into;
}

/** The workspace package folder of a feature (`@switchboard/call` → `call`). */
const folderOf = (name: string) => TABLE[name].package.replace('@switchboard/', '');

/** The object-valued members of a client (its namespaces and constant tables). */
function objectMembers(client: object): string[] {
  return Object.entries(client)
    .filter(([, value]) => typeof value === 'object' && value !== null)
    .map(([key]) => key)
    .sort();
}

interface Built {
  features: Set<string>;
  code: string;
  gzip: number;
  /** The workspace packages whose sources the map lists (`core`, `sdk`, `media`, …). */
  packages: string[];
  stdout: string;
}

describe('pnpm bundle (tooling/build/bundle.mjs)', () => {
  let dir: string;
  const built = new Map<string, Built>();
  /** The bundles: one per feature (its closure), and "all". */
  const requests = [...NAMES, 'all'];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'switchboard-bundles-'));
    const outputs = await Promise.all(requests.map((request) => run(process.execPath, [BUNDLE, '--features', request, '--format', 'iife', '--out', join(dir, request)])));
    requests.forEach((request, i) => {
      const out = join(dir, request);
      const code = readFileSync(join(out, 'switchboard.min.js'), 'utf8');
      const map = JSON.parse(readFileSync(join(out, 'switchboard.min.js.map'), 'utf8')) as { sources: string[] };
      const packages = [...new Set(map.sources.map((s) => /(?:^|\/)packages\/([a-z-]+)\//.exec(s)?.[1]).filter((p): p is string => !!p))].sort();
      const features = request === 'all' ? new Set(NAMES) : closure(request);
      built.set(request, { features, code, gzip: gzipSync(code, { level: 9 }).length, packages, stdout: outputs[i].stdout });
    });
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the feature table requires what each plugin declares in dependsOn', () => {
    for (const name of NAMES) {
      const factory = (jest.requireActual(TABLE[name].package) as Record<string, () => { dependsOn: readonly string[] }>)[TABLE[name].plugin];
      expect(typeof factory).toBe('function');
      // a feature is named after its plugin's id in camelCase (call-history → callHistory)
      const feature = (id: string) => id.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
      expect(factory().dependsOn.map(feature).sort()).toEqual([...TABLE[name].requires].sort());
    }
  });

  it('@switchboard/sdk create() has the plugins and namespaces of the whole table (the full preset = every feature)', async () => {
    const quiet = { logs: { logLevel: 'silent' } } as const;
    const full = create(quiet);
    const core = createClient({ plugins: [], config: quiet });
    expect(objectMembers(full)).toEqual([...objectMembers(core), ...NAMES.flatMap((f) => TABLE[f].namespaces)].sort());
    expect(full.getPlugins()).toHaveLength(NAMES.length);
    await Promise.all([full.destroy(), core.destroy()]);
  });

  it.each(requests)('--features %s holds the code of its features and of nothing else', (request) => {
    const { features, packages } = built.get(request)!;
    const expected = ['core', 'sdk', ...[...features].map(folderOf)].sort();
    expect(packages).toEqual([...new Set(expected)].sort());
  });

  it('a bundle whose features are a strict subset of another bundle\'s is smaller', () => {
    let compared = 0;
    for (const [a, small] of built) {
      for (const [b, large] of built) {
        const subset = [...small.features].every((f) => large.features.has(f)) && small.features.size < large.features.size;
        if (!subset) continue;
        compared++;
        expect({ a, b, smaller: small.gzip < large.gzip }).toEqual({ a, b, smaller: true });
      }
    }
    // today: connectivity < call, media < call, connectivity < all, media < all
    expect(compared).toBeGreaterThanOrEqual(2);
  });

  it('the calling-only bundle is no larger than the full one, and smaller once the table has more features', () => {
    const calling = built.get('call')!;
    const full = built.get('all')!;
    if (calling.features.size < full.features.size) expect(calling.gzip).toBeLessThan(full.gzip);
    else expect(calling.gzip).toBe(full.gzip);
  });

  it.each(requests)('--features %s runs in a vm context: Switchboard.create makes a client with exactly its namespaces', async (request) => {
    const { features, code } = built.get(request)!;
    const context = createContext({ setTimeout, clearTimeout, setInterval, clearInterval, queueMicrotask });
    runInContext(code, context);
    // the config is built inside the context: core accepts only plain objects of its own realm
    const members = runInContext(
      `globalThis.client = Switchboard.create({ logs: { logLevel: 'silent' } });
       Object.keys(client).filter((k) => typeof client[k] === 'object' && client[k] !== null).sort()`,
      context,
    ) as string[];
    const core = createClient({ plugins: [], config: { logs: { logLevel: 'silent' } } });
    const expected = [...objectMembers(core), ...[...features].flatMap((f) => TABLE[f].namespaces)].sort();
    await core.destroy();
    expect([...members]).toEqual(expected);
    const globals = runInContext('Object.keys(Switchboard).sort()', context) as string[];
    expect([...globals]).toEqual(['create', ...[...features].flatMap((f) => TABLE[f].exports ?? [])].sort());
    await (runInContext('client.destroy()', context) as Promise<void>);
  });

  it('says which features it added as dependencies', () => {
    const dependencies = TABLE.call.requires;
    expect(built.get('call')!.stdout).toContain(`added the features they require: ${dependencies.map((d) => `${d} (required by call)`).join(', ')}`);
    expect(built.get('connectivity')!.stdout).not.toContain('added the features');
  });

  it('--format esm writes a module exporting create (and the features\' exports) that creates a client', () => {
    const out = join(dir, 'esm');
    const r = node([BUNDLE, '--features', 'call', '--format', 'esm', '--out', out]);
    expect(r.status).toBe(0);
    const file = join(out, 'switchboard.min.mjs');
    const run = node([
      '--input-type=module',
      '-e',
      `const m = await import(${JSON.stringify(`file://${file}`)});
       const client = m.create({ logs: { logLevel: 'silent' } });
       console.log(JSON.stringify([Object.keys(m).sort(), typeof client.call.make]));
       await client.destroy();`,
    ]);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual([['create', ...(TABLE.call.exports ?? [])].sort(), 'function']);
  });

  it('--help prints the usage with every feature of the table and exits 0', () => {
    const r = node([BUNDLE, '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`--features  comma-separated: ${NAMES.join(', ')}, or "all"`);
  });

  describe('wrong arguments', () => {
    const cases: Array<[string[], RegExp]> = [
      [['--features', 'call,fax', '--out', 'x'], /unknown feature: fax \(known: /],
      [['--features', 'call', '--format', 'cjs', '--out', 'x'], /unknown format "cjs"/],
      [['--features', 'call'], /missing --out/],
      [['--out', 'x'], /missing --features/],
      [['--features', ',', '--out', 'x'], /names no feature/],
      [['--features', 'call', '--out', 'x', '--minify'], /Unknown option '--minify'/],
    ];
    let results: Array<{ status: number; stderr: string }>;
    // all at once: each is a Node start-up, nothing is written
    beforeAll(async () => {
      results = await Promise.all(cases.map(([args]) => nodeAsync([BUNDLE, ...args])));
    });

    it.each(cases.map(([args, message], i) => [args, message, i] as const))('%j exits 1 with a clear message and the usage', (_args, message, i) => {
      expect(results[i].status).toBe(1);
      expect(results[i].stderr).toMatch(message);
      expect(results[i].stderr).toContain('usage: pnpm bundle');
    });
  });
});
