/**
 * The API reference (`npm run docs`, root typedoc.json) builds with no warning: TypeDoc runs with
 * `treatWarningsAsErrors` and the `notExported`, `invalidLink` and `notDocumented` validations, so
 * an exported symbol without TSDoc, a broken `{@link}` or a public type that references an
 * unexported one fails this test. Offline; ~30–45 s on 2 cores (tsc -b is a no-op after the test
 * command's own `tsc -b`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const node = (args: string[]) => spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });

const config = JSON.parse(readFileSync(join(root, 'typedoc.json'), 'utf8')) as { entryPoints: string[] };

describe('TypeDoc API reference', () => {
  let out: string;
  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), 'switchboard-typedoc-'));
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('builds every public package with no warning and no error', () => {
    const tsc = node([join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b']);
    expect(tsc.stdout + tsc.stderr).toBe('');
    const r = node([join(root, 'node_modules', 'typedoc', 'bin', 'typedoc'), '--out', out]);
    const output = r.stdout + r.stderr; // colour codes, if any, surround the [warning] tag
    const problems = output.split('\n').filter((line) => /\[(warning|error)\]|error TS\d+/.test(line));
    expect(problems).toEqual([]);
    expect(r.status).toBe(0);
    for (const entry of config.entryPoints) {
      const name = (JSON.parse(readFileSync(join(root, entry, 'package.json'), 'utf8')) as { name: string }).name;
      expect([name, existsSync(join(out, 'modules', `${name.replace('@', '_').replace('/', '_')}.html`))]).toEqual([name, true]);
    }
  }, 180000);

  it('covers every public package of the workspace', () => {
    const workspace = readdirSync(join(root, 'packages')).map((dir) => `packages/${dir}`);
    const publicOnes = workspace.filter((dir) => !(JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) as { private?: boolean }).private);
    expect([...config.entryPoints].sort()).toEqual(publicOnes.sort());
  });
});
