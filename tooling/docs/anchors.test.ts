/**
 * The newcomer docs link to each other's sections: every `#anchor` in a link of README.md,
 * docs/getting-started.md and docs/migration.md names a heading of its target file (GitHub's slug
 * rule). The repository check (tooling/repo) already proves that the linked files exist.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { root } from './readme';

const DOCS = ['README.md', 'docs/getting-started.md', 'docs/migration.md'];

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
const slug = (heading: string) => heading.trim().toLowerCase().replace(/`/g, '').replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-');

function anchorsOf(file: string): Set<string> {
  const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1]!)));
}

describe('links between the newcomer docs', () => {
  it.each(DOCS)('every anchor linked from %s exists', (doc) => {
    const path = join(root, doc);
    const text = readFileSync(path, 'utf8').replace(/```[\s\S]*?```/g, '');
    const broken = [...text.matchAll(/\]\(([^)\s]*)#([^)\s]+)\)/g)]
      .map(([, target, anchor]) => ({ file: target ? resolve(dirname(path), target) : path, anchor: anchor! }))
      .filter(({ file, anchor }) => file.endsWith('.md') && !anchorsOf(file).has(anchor))
      .map(({ file, anchor }) => `${file.slice(root.length + 1)}#${anchor}`);
    expect(broken).toEqual([]);
  });
});
