/**
 * Type tests: compiled by ts-jest with type checking, so a `@ts-expect-error` that is not an
 * error fails this file. Proves that a namespace is absent without its plugin and that plugin
 * APIs and config sections are typed from the `plugins` tuple.
 */
import { createClient, definePlugin } from '../src';

const alpha = () => definePlugin({ id: 'alpha', version: '1.0.0', register: () => ({ api: { alpha: Object.freeze({ ping: (): 'pong' => 'pong' }) } }) });
const beta = () => definePlugin({ id: 'beta', version: '1.0.0', register: () => ({ api: { beta: Object.freeze({ n: 1 }) } }) });

it('infers the client type from the plugins tuple', async () => {
  const withAlpha = createClient({ plugins: [alpha()], config: { logs: { logLevel: 'silent' } } });
  const pong: 'pong' = withAlpha.alpha.ping();
  expect(pong).toBe('pong');
  // @ts-expect-error beta is not installed, so its namespace does not exist on the type
  expect(withAlpha.beta).toBeUndefined();

  const both = createClient({ plugins: [alpha(), beta()], config: { logs: { logLevel: 'silent' } } });
  const n: number = both.beta.n;
  expect(n).toBe(1);

  const bare = createClient({ plugins: [], config: { logs: { logLevel: 'silent' } } });
  // @ts-expect-error no plugin, no namespace
  expect(bare.alpha).toBeUndefined();
  // @ts-expect-error unknown event names do not type-check
  expect(() => bare.on('alpha:nothing', () => {})).toThrow('Invalid event type');
  await Promise.all([withAlpha.destroy(), both.destroy(), bare.destroy()]);
});
