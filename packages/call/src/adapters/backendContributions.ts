/**
 * The backend contributions every backend-owning plugin of this package makes (call, call history,
 * click-to-call): the Link adapter as the fallback, and the `options.backend` shorthand (a backend
 * or a factory) as a named contribution that wins over it. The shorthand is checked here, once.
 */
import { contribute, type Contribution, type ExtensionPoint } from '@switchboard/core';

/**
 * Returns the contributions of `point`: `link` (fallback) and, when given, `chosen` as `option`.
 * @param owner the factory's name for the TypeError, e.g. `callPlugin`
 * @throws TypeError when `chosen` is neither undefined, a function nor an object
 * @internal
 */
export function backendContributions<F extends (context: never) => object>(
  point: ExtensionPoint<F>,
  link: F,
  chosen: unknown,
  owner: string,
): Contribution<F>[] {
  if (chosen !== undefined && typeof chosen !== 'function' && (typeof chosen !== 'object' || chosen === null)) {
    throw new TypeError(`${owner}(options): options.backend must be a backend or a backend factory`);
  }
  const contributions = [contribute(point, 'link', link, { fallback: true })];
  if (chosen !== undefined) contributions.push(contribute(point, 'option', (typeof chosen === 'function' ? chosen : () => chosen) as F));
  return contributions;
}
