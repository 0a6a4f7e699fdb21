/**
 * The plugin author guide (docs/plugins.md) and this example's README stay true to the code:
 * every ```ts block is either compiled against the current sources (strict, as an app or a plugin
 * author would), or — when preceded by `<!-- excerpt: <path> -->` — found line by line, in order,
 * in that file of the repository (`// …` lines mark elisions). `<!-- not compiled -->` opts out.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const DOCS = ['docs/plugins.md', 'examples/call-recorder/README.md'];

interface Block {
  doc: string;
  line: number;
  code: string;
  excerpt?: string;
  skip: boolean;
}

/** The ```ts blocks of a markdown file, with the directive comment before each. */
function blocksOf(doc: string): Block[] {
  const lines = fs.readFileSync(path.join(repoRoot, doc), 'utf8').split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.trim() !== '```ts') continue;
    const start = i;
    const body: string[] = [];
    while (++i < lines.length && lines[i]!.trim() !== '```') body.push(lines[i]!);
    let j = start - 1;
    while (j >= 0 && lines[j]!.trim() === '') j--;
    const directive = j >= 0 ? /^<!--\s*(excerpt:\s*(\S+)|not compiled)[^>]*-->$/.exec(lines[j]!.trim()) : null;
    blocks.push({ doc, line: start + 1, code: body.join('\n'), excerpt: directive?.[2], skip: directive?.[1] === 'not compiled' });
  }
  return blocks;
}

const all = DOCS.flatMap(blocksOf);

it('finds the code blocks', () => {
  expect(all.filter((b) => b.doc === 'docs/plugins.md').length).toBeGreaterThan(10);
  expect(all.filter((b) => b.excerpt).length).toBeGreaterThan(5);
});

it('every excerpt appears, line by line and in order, in the file it names', () => {
  const problems: string[] = [];
  for (const block of all.filter((b) => b.excerpt)) {
    const file = path.join(repoRoot, block.excerpt!);
    if (!fs.existsSync(file)) {
      problems.push(`${block.doc}:${block.line}: ${block.excerpt} does not exist`);
      continue;
    }
    const source = fs.readFileSync(file, 'utf8').split('\n').map((l) => l.trim());
    let at = 0;
    for (const raw of block.code.split('\n')) {
      const line = raw.trim();
      if (!line || /^\/\/ …/.test(line)) continue;
      const found = source.indexOf(line, at);
      if (found < 0) {
        problems.push(`${block.doc}:${block.line}: not in ${block.excerpt} (after line ${at}): ${line}`);
        break;
      }
      at = found + 1;
    }
  }
  expect(problems).toEqual([]);
});

it('every other block compiles against the current API (strict)', () => {
  const compiled = all.filter((b) => !b.excerpt && !b.skip);
  expect(compiled.length).toBeGreaterThan(5);
  const virtual = new Map(compiled.map((b, i) => [path.join(repoRoot, '.docs-check', `block${i}.ts`), b]));
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
    types: [],
    isolatedModules: true,
    baseUrl: repoRoot,
    paths: { '@switchboard/*': ['packages/*/src/index.ts'], '@switchboard-examples/*': ['examples/*/src/index.ts'] },
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (name) => virtual.get(path.resolve(name))?.code ?? readFile(name);
  host.fileExists = (name) => virtual.has(path.resolve(name)) || fileExists(name);
  // ambient declarations the packages' own tsconfigs include (e.g. media's webrtc-adapter typings)
  const ambient = ts.sys.readDirectory(path.join(repoRoot, 'packages'), ['.d.ts'], ['**/node_modules', '**/dist'], ['*/src/**/*.d.ts']);
  const program = ts.createProgram([...virtual.keys(), ...ambient], options, host);
  const problems = ts.getPreEmitDiagnostics(program).map((d) => {
    const block = d.file && virtual.get(path.resolve(d.file.fileName));
    const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line : 0;
    const origin = block ? `${block.doc}:${block.line + 1 + where}` : (d.file?.fileName ?? 'global');
    return `${origin}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
  expect(problems).toEqual([]);
});
