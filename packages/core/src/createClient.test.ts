import { createClient } from './createClient';
import { definePlugin } from './plugin';
import { createToken } from './tokens';
import { BasicError } from './errors';
import { is, type ConfigSection } from './config';
import type { LogEntry } from './logger';

const counterToken = createToken<{ count(): number }>('counter.service');

const counterSection: ConfigSection<{ step: number; labels: string[] }, 'counter'> = {
  name: 'counter',
  defaults: { step: 1, labels: ['a', 'b'] },
  schema: { step: is.number({ min: 1 }), labels: is.arrayOf(is.string()) },
};

const counterPlugin = (order: string[] = []) =>
  definePlugin({
    id: 'counter',
    version: '1.0.0',
    events: ['counter:tick'],
    services: ['counting'],
    config: [counterSection],
    exports: [counterToken],
    register(ctx) {
      order.push('register:counter');
      let n = 0;
      ctx.provide(counterToken, { count: () => n });
      ctx.disposer.add(() => void order.push('dispose:counter'));
      return {
        api: {
          counter: Object.freeze({
            tick: () => {
              n += ctx.config.section('counter').step;
              (ctx.events.emit as (t: string, ...a: unknown[]) => boolean)('counter:tick', { n });
              return n;
            },
            LABEL: 'counter',
          }),
        },
      };
    },
  });

const readerPlugin = (order: string[] = []) =>
  definePlugin({
    id: 'reader',
    version: '1.0.0',
    dependsOn: ['counter'],
    deps: { counter: counterToken },
    services: ['reading'],
    register(ctx) {
      order.push('register:reader');
      expect(ctx.services).toEqual(['counting', 'reading']);
      return { api: { read: () => ctx.deps.counter.count() }, dispose: () => void order.push('dispose:reader') };
    },
  });

const quiet = { logs: { logLevel: 'silent' as const } };

describe('createClient: plugin host', () => {
  it('registers plugins in dependsOn order and disposes them in reverse', async () => {
    const order: string[] = [];
    const client = createClient({ plugins: [readerPlugin(order), counterPlugin(order)], config: quiet });
    expect(order).toEqual(['register:counter', 'register:reader']);
    client.counter.tick();
    expect(client.read()).toBe(1);
    await client.destroy();
    expect(order).toEqual(['register:counter', 'register:reader', 'dispose:reader', 'dispose:counter']);
  });

  it('rejects duplicate ids, missing dependencies and version mismatches with codes', () => {
    expect(() => createClient({ plugins: [counterPlugin(), counterPlugin()] })).toThrow(
      expect.objectContaining({ code: 'SDK_PLUGIN_DUPLICATE' }),
    );
    expect(() => createClient({ plugins: [readerPlugin()] })).toThrow(expect.objectContaining({ code: 'SDK_PLUGIN_DEPENDENCY_MISSING' }));
    const future = definePlugin({ id: 'future', version: '1.0.0', sdkRange: '^9.0.0', register: () => ({ api: {} }) });
    expect(() => createClient({ plugins: [future] })).toThrow(expect.objectContaining({ code: 'SDK_PLUGIN_VERSION_MISMATCH' }));
    const ok = definePlugin({ id: 'ok', version: '1.0.0', sdkRange: '>=0.1.0 <1', register: () => ({ api: {} }) });
    expect(() => createClient({ plugins: [ok], config: quiet })).not.toThrow();
  });

  it('fails when a declared dependency token is provided by nobody', () => {
    const needy = definePlugin({ id: 'needy', version: '1.0.0', deps: { c: counterToken }, register: () => ({ api: {} }) });
    expect(() => createClient({ plugins: [needy] })).toThrow(expect.objectContaining({ code: 'SDK_PLUGIN_DEPENDENCY_MISSING' }));
  });

  it('rejects malformed plugin definitions and options', () => {
    expect(() => definePlugin({ id: 'Bad Id', version: '1.0.0', register: () => ({ api: {} }) })).toThrow(BasicError);
    expect(() => definePlugin({ id: 'x', version: 'one', register: () => ({ api: {} }) })).toThrow(BasicError);
    // wrong types are TypeErrors (wrong values above are coded BasicErrors)
    expect(() => definePlugin({ id: 5 as never, version: '1.0.0', register: () => ({ api: {} }) })).toThrow(TypeError);
    expect(() => definePlugin({ id: 'x', version: '1.0.0', register: 'x' as never })).toThrow(TypeError);
    expect(() => definePlugin({ id: 'x', version: '1.0.0', sdkRange: 1 as never, register: () => ({ api: {} }) })).toThrow(TypeError);
    expect(() => createClient(undefined as never)).toThrow(TypeError);
    expect(() => createClient({ plugins: [{} as never] })).toThrow(expect.objectContaining({ code: 'SDK_PLUGIN_INVALID' }));
    const clash = definePlugin({ id: 'clash', version: '1.0.0', register: () => ({ api: { getConfig: () => 1 } }) });
    expect(() => createClient({ plugins: [clash] })).toThrow(expect.objectContaining({ code: 'SDK_PLUGIN_INVALID' }));
  });

  it('keeps namespaces frozen and constants readable', () => {
    const client = createClient({ plugins: [counterPlugin()], config: quiet });
    expect(Object.isFrozen(client.counter)).toBe(true);
    expect(Object.isFrozen(client.logger)).toBe(true);
    expect(client.counter.LABEL).toBe('counter');
    expect(client.getPlugins()).toEqual([{ id: 'counter', version: '1.0.0' }]);
  });
});

describe('destroy', () => {
  it('happens on the next tick, then every method fails with SDK_DESTROYED', async () => {
    const client = createClient({ plugins: [counterPlugin()], config: quiet });
    const done = client.destroy();
    expect(client.getVersion()).toBe('0.1.0'); // still usable in the current tick
    await done;
    for (const call of [
      () => client.getVersion(),
      () => client.getConfig(),
      () => client.updateConfig({}),
      () => client.on('auth:change', () => {}),
      () => client.counter.tick(),
      () => client.destroy(),
      () => client.setCredentials({ username: 'a@b', password: 'p' }),
    ]) {
      expect(call).toThrow(expect.objectContaining({ code: 'SDK_DESTROYED' }));
    }
  });
});

describe('config', () => {
  it('merges defaults, deep-merges updates, replaces arrays and never mutates the caller', () => {
    const input = { counter: { step: 2 }, ...quiet };
    const client = createClient({ plugins: [counterPlugin()], config: input });
    expect(client.getConfig().counter).toEqual({ step: 2, labels: ['a', 'b'] });
    const patch = { counter: { labels: ['z'] } };
    client.updateConfig(patch);
    expect(client.getConfig().counter).toEqual({ step: 2, labels: ['z'] });
    expect(patch).toEqual({ counter: { labels: ['z'] } });
    expect(input).toEqual({ counter: { step: 2 }, logs: { logLevel: 'silent' } });
    const copy = client.getConfig();
    (copy.counter as { step: number }).step = 99;
    expect(client.getConfig().counter!.step).toBe(2);
    expect(client.counter.tick()).toBe(2);
  });

  it('rejects invalid values with a BasicError naming the key and changes nothing', () => {
    const client = createClient({ plugins: [counterPlugin()], config: quiet });
    const before = client.getConfig();
    let error: unknown;
    try {
      client.updateConfig({ counter: { labels: ['ok'], step: -1 } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BasicError);
    expect((error as BasicError).code).toBe('INVALID_CONFIG');
    expect((error as BasicError).message).toContain('counter.step');
    expect(client.getConfig()).toEqual(before);
    expect(() => client.updateConfig('nope' as never)).toThrow(TypeError);
    const warnings: LogEntry[] = [];
    client.updateConfig({ logs: { logLevel: 'warn', handler: (e: LogEntry) => warnings.push(e) } });
    expect(() => client.updateConfig({ counter: { step: 0 } })).toThrow(/counter\.step/);
    expect(warnings).toEqual([expect.objectContaining({ level: 'warn', messages: [expect.stringContaining('updateConfig()'), expect.objectContaining({ code: 'INVALID_CONFIG' })] })]);
    expect(() => createClient({ plugins: [counterPlugin()], config: { counter: { step: 'x' as never }, ...quiet } })).toThrow(
      expect.objectContaining({ code: 'INVALID_CONFIG' }),
    );
  });

  it('validates core sections and accepts case-insensitive log levels', () => {
    const client = createClient({ plugins: [], config: { logs: { logLevel: 'WARN' } } });
    expect(client.getConfig().logs!.logLevel).toBe('WARN');
    expect(() => client.updateConfig({ authentication: { server: { port: 'x' as never } } })).toThrow(/authentication\.server\.port/);
    expect(() => client.updateConfig({ logs: { logActions: 'yes' as never } })).toThrow(/logs\.logActions/);
    client.updateConfig({ authentication: { server: { base: 'gw.example.com' } } });
    expect(client.getConfig().authentication).toEqual({ server: { base: 'gw.example.com', protocol: 'https', port: 443 } });
  });

  it('maps the lower-case logs.loglevel alias explicitly', () => {
    const entries: LogEntry[] = [];
    const client = createClient({ plugins: [], config: { logs: { loglevel: 'INFO', handler: (e: LogEntry) => entries.push(e) } } });
    expect(client.getConfig().logs!.logLevel).toBe('INFO');
    expect(entries.some((e) => String(e.messages[0]).includes('"logs.loglevel" is a compatibility key'))).toBe(true);
  });
});

describe('events', () => {
  it('on/off/subscribe/unsubscribe validate their arguments', () => {
    const client = createClient({ plugins: [counterPlugin()], config: quiet });
    expect(() => client.on('nope:event' as never, () => {})).toThrow('Invalid event type');
    expect(() => client.off('nope:event' as never, () => {})).toThrow('Invalid event type');
    expect(() => client.on('auth:change', 'x' as never)).toThrow(TypeError);
    expect(() => client.subscribe('x' as never)).toThrow('Listener not a function');
    expect(() => client.unsubscribe(undefined as never)).toThrow('Listener not a function');
  });

  it('delivers to typed and global listeners; a throwing listener is logged and changes nothing', () => {
    const entries: LogEntry[] = [];
    const client = createClient({ plugins: [counterPlugin()], config: { logs: { logLevel: 'error', handler: (e: LogEntry) => entries.push(e) } } });
    const seen: unknown[] = [];
    const global: unknown[] = [];
    client.on('counter:tick' as never, (() => {
      throw new Error('app bug');
    }) as never);
    client.on('counter:tick' as never, ((p: unknown) => seen.push(p)) as never);
    client.subscribe((type, ...args) => global.push([type, ...args]));
    expect(client.counter.tick()).toBe(1);
    expect(client.counter.tick()).toBe(2);
    expect(seen).toEqual([{ n: 1 }, { n: 2 }]);
    expect(global).toEqual([['counter:tick', { n: 1 }], ['counter:tick', { n: 2 }]]);
    expect(entries.filter((e) => e.level === 'error')).toHaveLength(2);
  });
});

describe('auth', () => {
  it('supports the four setCredentials variants and both updateToken variants', () => {
    const client = createClient({ plugins: [], config: quiet });
    const changes: unknown[] = [];
    client.on('auth:change', (p) => changes.push(p));
    client.setCredentials({ username: 'alice@example.com', password: 'pw' });
    expect(client.getUserInfo()).toEqual({ username: 'alice@example.com', token: undefined });
    client.setCredentials({ username: 'alice@example.com', hmacToken: 'h' });
    expect(client.getUserInfo().token).toBe('h');
    client.setCredentials({ username: 'alice', bearerAccessToken: 'b1' });
    client.updateToken({ username: 'alice', bearerAccessToken: 'b2' });
    expect(client.getUserInfo()).toEqual({ username: 'alice', token: 'b2' });
    client.setCredentials({ username: 'alice', accessToken: 'a1' });
    client.updateToken({ username: 'alice', accessToken: 'a2' });
    expect(client.getUserInfo().token).toBe('a2');
    expect(changes).toHaveLength(6);
  });

  it('rejects bad credentials without changing state', () => {
    const client = createClient({ plugins: [], config: quiet });
    client.setCredentials({ username: 'alice@example.com', password: 'pw' });
    expect(() => client.setCredentials(null as never)).toThrow(TypeError);
    expect(() => client.setCredentials({ username: '', password: 'x' })).toThrow(expect.objectContaining({ code: 'INVALID_CREDENTIALS' }));
    expect(() => client.setCredentials({ username: 'bob' } as never)).toThrow(expect.objectContaining({ code: 'INVALID_CREDENTIALS' }));
    expect(() => client.setCredentials({ username: 'bob', password: 5 } as never)).toThrow(TypeError);
    expect(() => client.updateToken({ username: 'bob' } as never)).toThrow(expect.objectContaining({ code: 'INVALID_CREDENTIALS' }));
    // a password login has no token to update: no silent switch to bearer
    expect(() => client.updateToken({ username: 'alice@example.com', bearerAccessToken: 't' })).toThrow(expect.objectContaining({ code: 'INVALID_CREDENTIALS' }));
    expect(client.getUserInfo().username).toBe('alice@example.com');
  });
});

describe('config change listeners', () => {
  it('a plugin listener that throws does not make a successful updateConfig look refused', () => {
    const touchy = definePlugin({
      id: 'touchy',
      version: '1.0.0',
      register(ctx) {
        ctx.disposer.add(ctx.config.onChange(() => {
          throw new Error('plugin bug');
        }));
        return { api: {} };
      },
    });
    const client = createClient({ plugins: [touchy, counterPlugin()], config: quiet });
    expect(() => client.updateConfig({ counter: { step: 3 } })).not.toThrow();
    expect(client.getConfig().counter!.step).toBe(3);
  });
});
