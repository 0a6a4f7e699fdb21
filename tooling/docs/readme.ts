/**
 * Reads the README's copy-paste example (the ```js block between `<!-- readme-example:start -->`
 * and `<!-- readme-example:end -->`) so that a test can run exactly what a reader copies.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The repository's root folder. */
export const root = join(__dirname, '..', '..');

/** The one import line the example starts with; the test provides `create` itself. */
export const EXAMPLE_IMPORT = "import { create } from '@switchboard/sdk';";

/** The code of the README example between its markers (throws when the markers or the fence are missing). */
export function readmeExample(readme = readFileSync(join(root, 'README.md'), 'utf8')): string {
  const block = /<!-- readme-example:start -->\s*```js\n([\s\S]*?)```\s*<!-- readme-example:end -->/.exec(readme);
  if (!block) throw new Error('README.md has no ```js block between <!-- readme-example:start --> and <!-- readme-example:end -->');
  return block[1]!;
}

/** The example without its import line, as the body of an async function (top-level `await` stays valid). */
export function exampleBody(code: string): string {
  const [first, ...rest] = code.split('\n');
  if (first !== EXAMPLE_IMPORT) throw new Error(`the README example must start with ${EXAMPLE_IMPORT}`);
  if (/^\s*import\b/m.test(rest.join('\n'))) throw new Error('the README example may import only create from @switchboard/sdk');
  return rest.join('\n');
}

/** The README's `index.html` of the example (the ```html block after "`index.html`:"). */
export function readmeExampleHtml(readme = readFileSync(join(root, 'README.md'), 'utf8')): string {
  const block = /`index\.html`:\n\n```html\n([\s\S]*?)```/.exec(readme);
  if (!block) throw new Error('README.md has no ```html block after "`index.html`:"');
  return block[1]!;
}
