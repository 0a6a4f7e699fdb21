/**
 * Type tests: compiled by ts-jest with type checking, so a `@ts-expect-error` that is not an
 * error fails this file. Proves that a namespace is absent without its plugin and that plugin
 * APIs and config sections are typed from the `plugins` tuple.
 */
import { createClient, definePlugin, is, type ConfigAliases, type ConfigSection } from '../src';

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

it('types the config from the installed plugins', async () => {
  const section: ConfigSection<{ step: number; nested: { on: boolean } }, 'counter'> = {
    name: 'counter',
    defaults: { step: 1, nested: { on: true } },
    schema: { step: is.number(), nested: { on: is.boolean() } },
  };
  const legacy = [{ from: 'counter.increment', to: 'counter.step' }] as ConfigAliases<{ counter: { increment: number } }>;
  const counter = () =>
    definePlugin({
      id: 'counter',
      version: '1.0.0',
      config: [section],
      configAliases: legacy,
      register: (ctx) => {
        const step: number = ctx.config.section('counter').step;
        const base: string | undefined = ctx.config.section('authentication').server?.base;
        // @ts-expect-error a plugin reads only its own sections and core's
        ctx.config.section('call');
        return { api: { counter: Object.freeze({ step: () => step + (base ? 0 : 0) }) } };
      },
    });
  const client = createClient({
    plugins: [counter()],
    config: { logs: { logLevel: 'silent' }, counter: { step: 2, nested: { on: false } } },
  });
  const step: number = client.getConfig().counter.step;
  expect(step).toBe(2);
  client.updateConfig({ counter: { increment: 3 } });
  expect(client.getConfig().counter.step).toBe(3);
  // @ts-expect-error a misspelled key is a compile error
  client.updateConfig({ counter: { stpe: 4 } });
  // @ts-expect-error a wrong value type is a compile error (and INVALID_CONFIG at run time)
  expect(() => client.updateConfig({ counter: { step: 'four' } })).toThrow('counter.step');
  // @ts-expect-error a misspelled section is a compile error
  expect(() => createClient({ plugins: [counter()], config: { logs: { logLevel: 'silent' }, countr: {} } }).destroy()).not.toThrow();
  // @ts-expect-error nested keys are checked too
  client.updateConfig({ counter: { nested: { of: true } } });
  // @ts-expect-error core's sections are typed as well
  expect(() => client.updateConfig({ logs: { logLevel: 'loud' } })).toThrow('logs.logLevel');
  expect(client.getConfig().counter.step).toBe(3);
  await client.destroy();
});

it('types the config also when the plugins come as an array variable', async () => {
  const a: ConfigSection<{ one: number }, 'a'> = { name: 'a', defaults: { one: 1 }, schema: { one: is.number() } };
  const b: ConfigSection<{ two: string }, 'b'> = { name: 'b', defaults: { two: 'x' }, schema: { two: is.string() } };
  const pa = definePlugin({ id: 'pa', version: '1.0.0', config: [a], register: () => ({ api: {} }) });
  const pb = definePlugin({ id: 'pb', version: '1.0.0', config: [b], register: () => ({ api: {} }) });
  const bare = definePlugin({ id: 'bare', version: '1.0.0', register: () => ({ api: {} }) });
  const plugins = [pa, pb, bare];
  const client = createClient({ plugins, config: { logs: { logLevel: 'silent' }, a: { one: 2 }, b: { two: 'y' } } });
  // @ts-expect-error a misspelled key is a compile error with an array of plugins too
  client.updateConfig({ a: { onee: 3 } });
  expect(client.getConfig().b.two).toBe('y');
  await client.destroy();
});
