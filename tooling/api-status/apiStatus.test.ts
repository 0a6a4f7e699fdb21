/**
 * The API data cannot drift (unit project): api-items.json agrees with docs/api-checklist.md (each
 * item's checklist line exists, its tick state and reason match, and every method/event/constant
 * line of the checklist has an item), and the generated blocks are what `npm run api:status`
 * would write. The conformance test itself is packages/sdk/test/conformance.test.ts.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..');
const script = join(__dirname, 'apiStatus.mjs');

interface ApiItem {
  path: string;
  kind: 'method' | 'event' | 'constant' | 'property';
  root?: 'module';
  status: 'built' | 'partial' | 'not-implemented-throws' | 'not-built';
  reason?: string;
  package: string;
  section: string;
  seeds: string[];
  tag?: 'compatibility' | 'ref-only' | 'proposed';
  checklist: string;
  value?: string;
}
interface Bullet {
  section: string;
  checked: boolean;
  /** The text after the tick, tag included. */
  text: string;
  /** The note after the last " — " (empty when there is none). */
  note: string;
}

const items = (JSON.parse(readFileSync(join(__dirname, 'api-items.json'), 'utf8')) as { items: ApiItem[] }).items;

/** The checklist's bullets with the section ("4.3", or "7" for a section without subsections) each is in. */
function bullets(): Bullet[] {
  const out: Bullet[] = [];
  let section = '';
  for (const line of readFileSync(join(root, 'docs', 'api-checklist.md'), 'utf8').split('\n')) {
    const heading = /^## (\d+)\. |^### (\d+\.\d+) /.exec(line);
    if (heading) section = heading[2] ?? heading[1]!;
    const bullet = /^- \[( |x)\] (.*)$/.exec(line);
    if (!bullet) continue;
    const text = bullet[2]!;
    const dash = text.lastIndexOf(' — ');
    out.push({ section, checked: bullet[1] === 'x', text, note: dash >= 0 ? text.slice(dash + 3) : '' });
  }
  return out;
}
const all = bullets();
/**
 * An item's checklist line: among the bullets of its section that contain its `checklist` text,
 * the first that has it before its description (the first ": "), else the first.
 */
function lineOf(item: ApiItem): Bullet | undefined {
  const candidates = all.filter((b) => b.section === item.section && b.text.includes(item.checklist));
  return candidates.find((b) => b.text.split(': ')[0]!.includes(item.checklist)) ?? candidates[0];
}

/** The status a checklist line stands for. */
function statusOf(b: Bullet): ApiItem['status'] {
  if (b.checked) return 'built';
  if (b.note.includes('NOT_IMPLEMENTED (throws)')) return 'not-implemented-throws';
  if (!b.note || b.note.startsWith('not built')) return 'not-built';
  return 'partial';
}

/** Whether a checklist line names a method, event or constant (the kinds the data must hold). */
function namesAnItem(b: Bullet, constantSection: boolean): boolean {
  const text = b.text.replace(/^\((compatibility|ref-only|proposed|architecture)\) /, '');
  return /^(Event|event|events) `/.test(text) || /^(Constant|constant|constants) `/.test(text) || /^`[a-z][A-Za-z0-9.]*\(/.test(text) || (constantSection && /^`[A-Z_]+`/.test(text));
}

describe('api-items.json', () => {
  it('is well-formed: known kinds, statuses, packages and seeds; unique kind + path; a reason for what is not built', () => {
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const i of items) {
      const key = `${i.kind} ${i.path}`;
      if (seen.has(key)) problems.push(`${key}: twice`);
      seen.add(key);
      if (!['method', 'event', 'constant', 'property'].includes(i.kind)) problems.push(`${key}: kind`);
      if (!['built', 'partial', 'not-implemented-throws', 'not-built'].includes(i.status)) problems.push(`${key}: status`);
      if (!['core', 'connectivity', 'media', 'call', 'messaging', 'presence', 'sip-events', 'proxy'].includes(i.package)) problems.push(`${key}: package`);
      if (!i.seeds.length || i.seeds.some((s) => !/^00[0-4]$/.test(s))) problems.push(`${key}: seeds`);
      if ((i.status === 'built') === Boolean(i.reason)) problems.push(`${key}: a reason exactly when not built`);
      if (i.kind === 'event' ? !/^[a-zA-Z0-9]+:[a-zA-Z0-9]+$/.test(i.path) : !/^[a-zA-Z][A-Za-z0-9]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/.test(i.path)) problems.push(`${key}: path`);
    }
    expect(problems).toEqual([]);
  });

  it('agrees with docs/api-checklist.md: each item has its line there, with the same tick state and reason', () => {
    const problems: string[] = [];
    for (const item of items) {
      const line = lineOf(item);
      const key = `${item.kind} ${item.path}`;
      if (!line) {
        problems.push(`${key}: no line of checklist section ${item.section} contains ${item.checklist}`);
        continue;
      }
      if (statusOf(line) !== item.status) problems.push(`${key}: ${item.status} here, ${statusOf(line)} in the checklist (${line.text.slice(0, 80)}…)`);
      // A line without a note is an item of a package not created yet (sections 5–8) or a proposed one (9).
      const reason = line.note || (Number(item.section.split('.')[0]) === 9 ? 'proposed, not built' : 'package not created yet');
      if (item.status !== 'built' && item.reason !== reason) problems.push(`${key}: reason "${item.reason}" here, "${reason}" from the checklist`);
      if (item.tag === 'proposed' ? !line.text.startsWith('(proposed)') : line.text.startsWith('(proposed)')) problems.push(`${key}: tag`);
    }
    expect(problems).toEqual([]);
  });

  it('has an item for every method, event and constant line of the checklist', () => {
    const linked = new Set(items.map(lineOf));
    const constantSections = new Set<string>();
    for (const line of readFileSync(join(root, 'docs', 'api-checklist.md'), 'utf8').split('\n')) {
      const m = /^### (\d+\.\d+) Constants: /.exec(line);
      if (m) constantSections.add(m[1]!);
    }
    const missing = all.filter((b) => namesAnItem(b, constantSections.has(b.section)) && !linked.has(b)).map((b) => `${b.section}: ${b.text.slice(0, 100)}`);
    // A line may name an item that an earlier line already holds (the same method with another
    // argument shape, or the 002 meaning of `auth:change`): the data has one item per name.
    const known = new Set(items.map((i) => i.path));
    const nameOfLine = (text: string) => /`(?:api\.)?([A-Za-z0-9.:]+)/.exec(text.replace(/^(Event|event|events|Constant|constant|constants) /, ''))?.[1];
    expect(missing.filter((m) => !known.has(nameOfLine(m.slice(m.indexOf(': ') + 2).replace(/^\([a-z-]+\) /, '')) ?? ''))).toEqual([]);
  });
});

describe('npm run api:status', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'api-status-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (...args: string[]) => execFileSync(process.execPath, [script, ...args], { cwd: root, encoding: 'utf8', stdio: 'pipe' });

  it('finds every target block up to date (README.md, and docs/migration.md once it has the markers)', () => {
    expect(() => run('--check')).not.toThrow();
  });

  it('fails --check for a stale block and rewrites it in place', () => {
    const file = join(dir, 'stale.md');
    writeFileSync(file, 'before\n<!-- api-status:start -->\nold list\n<!-- api-status:end -->\nafter\n');
    const target = relative(root, file);
    expect(() => run('--check', target)).toThrow();
    run(target);
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith('before\n<!-- api-status:start -->\n')).toBe(true);
    expect(text.endsWith('<!-- api-status:end -->\nafter\n')).toBe(true);
    expect(text).toContain('| **total** |');
    expect(() => run('--check', target)).not.toThrow();
  });

  it('gives every list of the block at least one bullet (`- none` when it is empty)', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const block = readme.slice(readme.indexOf('<!-- api-status:start -->'), readme.indexOf('<!-- api-status:end -->')).split('\n');
    const headings = block.map((line, i) => [line, i] as const).filter(([line, i]) => line.endsWith(':') && !line.startsWith('- ') && !block[i + 2]?.startsWith('|'));
    expect(headings.length).toBeGreaterThanOrEqual(4);
    for (const [line, i] of headings) expect([line, block[i + 2]?.startsWith('- ')]).toEqual([line, true]);
  });

  it('refuses a named target without the markers', () => {
    const file = join(dir, 'plain.md');
    writeFileSync(file, 'no markers\n');
    expect(() => run(relative(root, file))).toThrow();
    expect(readFileSync(file, 'utf8')).toBe('no markers\n');
  });
});
