/**
 * The package's shape stays findable: every `client.call` method has a row in the README's
 * "How the package is organised" tables naming the module it lives in (or will live in, for the
 * `NOT_IMPLEMENTED` ones), and that module is the one `createCallApi` (or the plugin that adds the
 * method, `controls/plugin.ts`; the extras and report plugins keep their modules in `extras/` and `report/`) imports for it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createTestEnv, destroyTestEnvs } from '../src/__fakes__/env';
import { NOT_IMPLEMENTED_METHODS } from '../src/api/callApi';
import { callControlsPlugin } from '../src/controls/plugin';
import { callExtrasPlugin } from '../src/extras/plugin';
import { callReportPlugin } from '../src/report/plugin';
import { callTransferPlugin } from '../src/transfer/plugin';

const root = path.join(__dirname, '..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
const callApiSource = fs.readFileSync(path.join(root, 'src', 'api', 'callApi.ts'), 'utf8');
/** The files that wire operation modules into `client.call`: the call plugin's namespace and the plugins that extend it. */
const wiringSources = [callApiSource, ...['controls/plugin.ts', 'transfer/plugin.ts'].map((f) => fs.readFileSync(path.join(root, 'src', f), 'utf8'))];

/**
 * The rows of the README tables headed "API method": the backticked names of the first cell → the
 * first backticked `*.ts` path of the second.
 */
function readmeRows(): Map<string, string> {
  const rows = new Map<string, string>();
  let header = '';
  for (const line of readme.split('\n')) {
    const cells = line.split('|').slice(1, -1);
    if (cells.length < 2) {
      header = '';
      continue;
    }
    if (!header) header = cells[0]!.trim();
    if (header !== 'API method') continue;
    const module = /`([\w/]+\.ts)`/.exec(cells[1]!)?.[1];
    if (!module) continue;
    for (const [, name] of cells[0]!.matchAll(/`(\w+)`/g)) rows.set(name!, module);
  }
  return rows;
}

afterEach(destroyTestEnvs);

describe('the call package shape', () => {
  test('every call method (the extension plugins\' included) has a README row naming its module', () => {
    const { client } = createTestEnv({ extra: [callControlsPlugin(), callExtrasPlugin(), callReportPlugin(), callTransferPlugin()] });
    const methods = Object.entries(client.call).filter(([, v]) => typeof v === 'function').map(([k]) => k);
    expect(methods.length).toBeGreaterThan(30);
    const rows = readmeRows();
    expect(methods.filter((m) => !rows.has(m))).toEqual([]);
  });

  test('the module of a built method exists and is what createCallApi imports for it', () => {
    const rows = readmeRows();
    const problems: string[] = [];
    for (const [method, module] of rows) {
      if ((NOT_IMPLEMENTED_METHODS as readonly string[]).includes(method)) continue;
      const file = path.join(root, 'src', module.replace(/^src\//, ''));
      if (!fs.existsSync(file)) problems.push(`${method}: ${module} does not exist`);
      if (!module.startsWith('operations/')) continue;
      const specifier = `'../${module.replace(/\.ts$/, '')}'`;
      if (!wiringSources.some((src) => src.includes(specifier))) problems.push(`${method}: neither callApi.ts nor a plugin extending client.call imports ${specifier}`);
    }
    expect(problems).toEqual([]);
  });

  test('a method that is not built names the operations module it will live in, in README and callApi.ts', () => {
    const rows = readmeRows();
    const problems: string[] = [];
    for (const method of NOT_IMPLEMENTED_METHODS) {
      const module = rows.get(method);
      if (!module?.startsWith('operations/')) problems.push(`${method}: README names ${String(module)}`);
      const line = callApiSource.split('\n').find((l) => l.includes(`'${method}'`) && l.includes('//'));
      if (!module || !line?.includes(module)) problems.push(`${method}: the NOT_IMPLEMENTED_METHODS comment does not name ${String(module)}`);
    }
    expect(problems).toEqual([]);
  });
});
