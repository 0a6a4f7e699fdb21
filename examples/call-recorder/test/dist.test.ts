/**
 * The built example (`dist/`, by its rollup build; the test command builds it first, see
 * tooling/consumers/prepare.mjs) works in Node as a consumer would load it: its ESM and its
 * CommonJS entry, resolved by package name from the example's directory together with the
 * packages' built files (not the sources jest maps `@switchboard/*` to), export
 * `callRecorderPlugin`, and `createClient` with connectivity, media, call and the recorder gives
 * a client with `client.recorder`.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';

const exampleDir = path.resolve(__dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(exampleDir, 'package.json'), 'utf8')) as { name: string };
const run = promisify(execFile);

/** The script each module system runs; it prints what it found as one JSON line. */
const body = (load: string) => `${load}
const plugin = callRecorderPlugin();
const client = createClient({
  plugins: [connectivityPlugin(), mediaPlugin(), callPlugin(), plugin],
  config: { logs: { logLevel: 'silent' } },
});
const report = {
  exported: typeof callRecorderPlugin,
  pluginId: plugin.id,
  recorder: Object.keys(client.recorder ?? {}).sort(),
  storage: client.recorder?.storage,
  resolved: Object.fromEntries(names.map((name) => [name, resolve(name)])),
};
Promise.resolve(client.destroy()).then(() => console.log(JSON.stringify(report)));
`;
const names = ['@switchboard/core', '@switchboard/connectivity', '@switchboard/media', '@switchboard/call', pkg.name];
const namesLiteral = JSON.stringify(names);

const scripts = {
  esm: body(`import { createClient } from '@switchboard/core';
import { connectivityPlugin } from '@switchboard/connectivity';
import { mediaPlugin } from '@switchboard/media';
import { callPlugin } from '@switchboard/call';
import { callRecorderPlugin } from '${pkg.name}';
const names = ${namesLiteral};
const resolve = (name) => import.meta.resolve(name);`),
  cjs: body(`const { createClient } = require('@switchboard/core');
const { connectivityPlugin } = require('@switchboard/connectivity');
const { mediaPlugin } = require('@switchboard/media');
const { callPlugin } = require('@switchboard/call');
const { callRecorderPlugin } = require('${pkg.name}');
const names = ${namesLiteral};
const resolve = (name) => require.resolve(name);`),
};

const built = ['dist/index.js', 'dist/index.cjs', 'dist/index.d.ts', 'dist/index.d.cts'];

it('was built (the test command runs its rollup build)', () => {
  const missing = built.filter((file) => !fs.existsSync(path.join(exampleDir, file)));
  if (missing.length) {
    throw new Error(`examples/call-recorder is not built (${missing.join(', ')} missing): run \`npm run build\` or \`node tooling/consumers/prepare.mjs\` (npm test does).`);
  }
});

describe.each(Object.entries(scripts))('the built %s entry', (kind, source) => {
  it('exports callRecorderPlugin, and a client with it has client.recorder', async () => {
    // `--input-type` makes Node run the source as that module system, from the example's directory
    const { stdout } = await run(process.execPath, [`--input-type=${kind === 'esm' ? 'module' : 'commonjs'}`, '-e', source], { cwd: exampleDir });
    const report = JSON.parse(stdout.trim().split('\n').pop()!) as { exported: string; pluginId: string; recorder: string[]; storage: string; resolved: Record<string, string> };
    expect(report).toMatchObject({ exported: 'function', pluginId: 'call-recorder', storage: 'memory' });
    expect(report.recorder).toEqual(['get', 'getAll', 'isRecording', 'remove', 'start', 'stop', 'storage']);
    // every module came from a build, the example's from its own dist, in this module system's format
    const file = (url: string) => (url.startsWith('file:') ? new URL(url).pathname : url);
    const ext = kind === 'esm' ? '.js' : '.cjs';
    for (const [name, where] of Object.entries(report.resolved)) {
      expect([name, path.basename(path.dirname(file(where))), path.extname(file(where))]).toEqual([name, 'dist', ext]);
    }
    expect(fs.realpathSync(file(report.resolved[pkg.name]!))).toBe(path.join(exampleDir, 'dist', `index${ext}`));
  });
});
