/**
 * The plugin contract: unknown config keys (warned once, `sdk:warning`), DI visibility (only
 * exported services, only to dependents; core's through the same containers) and extension points.
 */
import { createClient } from './createClient';
import { contribute, defineExtensionPoint } from './extensions';
import { definePlugin } from './plugin';
import { createToken } from './tokens';
import { is, type ConfigSection } from './config';
import { coreTokens } from './coreTokens';
import type { LogEntry } from './logger';
import type { SdkWarning } from './events';

const section: ConfigSection<{ iceCollectionIdealTimeout: number }, 'media2'> = {
  name: 'media2',
  defaults: { iceCollectionIdealTimeout: 1 },
  schema: { iceCollectionIdealTimeout: is.number() },
};
const configured = definePlugin({ id: 'configured', version: '1.0.0', config: [section], register: () => ({ api: {} }) });

describe('unknown config keys', () => {
  it('are kept, logged once with the closest known key, and reported as sdk:warning after createClient returns', async () => {
    const entries: LogEntry[] = [];
    const client = createClient({
      plugins: [configured],
      config: {
        logs: { logLevel: 'warn', handler: (e: LogEntry) => void entries.push(e) },
        media2: { iceCollectionIdealTimeot: 5 } as never,
        authentcation: {} as never,
      } as never,
    });
    const warnings: SdkWarning[] = [];
    client.on('sdk:warning', (w) => void warnings.push(w));
    await Promise.resolve();
    expect(warnings).toEqual([
      expect.objectContaining({ code: 'CONFIG_UNKNOWN_KEY', key: 'media2.iceCollectionIdealTimeot', suggestion: 'media2.iceCollectionIdealTimeout' }),
      expect.objectContaining({ code: 'CONFIG_UNKNOWN_KEY', key: 'authentcation', suggestion: 'authentication' }),
    ]);
    expect(warnings[0]!.message).toContain('closest known key: "media2.iceCollectionIdealTimeout"');
    // the same key again: no second log, no second event; a new unknown key is reported at once
    client.updateConfig({ media2: { iceCollectionIdealTimeot: 6 } } as never);
    client.updateConfig({ media2: { other: 1 } } as never);
    await Promise.resolve();
    expect(warnings.map((w) => w.key)).toEqual(['media2.iceCollectionIdealTimeot', 'authentcation', 'media2.other']);
    expect(entries.filter((e) => e.method === 'warn').map((e) => String(e.messages[0]))).toEqual([
      expect.stringContaining('"media2.iceCollectionIdealTimeot"'),
      expect.stringContaining('"authentcation"'),
      expect.stringContaining('"media2.other"'),
    ]);
    expect((client.getConfig() as unknown as Record<string, Record<string, unknown>>).media2!.iceCollectionIdealTimeot).toBe(6);
    await client.destroy();
  });
});

const secret = createToken<{ value: number }>('owner.secret');
const shared = createToken<{ value: number }>('owner.shared');
const owner = definePlugin({
  id: 'owner',
  version: '1.0.0',
  exports: [shared],
  register(ctx) {
    ctx.provide(secret, { value: 1 });
    ctx.provide(shared, { value: 2 });
    return { api: {} };
  },
});
const quiet = { logs: { logLevel: 'silent' as const } };

describe('DI', () => {
  it('gives a dependent the exported services and core services through tokens', async () => {
    let seen: unknown[] = [];
    const user = definePlugin({
      id: 'user',
      version: '1.0.0',
      dependsOn: ['owner'],
      deps: { shared, events: coreTokens.events, auth: coreTokens.auth },
      register(ctx) {
        seen = [ctx.deps.shared.value, ctx.deps.events === ctx.events, ctx.deps.auth === ctx.auth];
        return { api: {} };
      },
    });
    const client = createClient({ plugins: [owner, user], config: quiet });
    expect(seen).toEqual([2, true, true]);
    await client.destroy();
  });

  it('keeps a service private unless exported, and visible only to plugins that depend on its owner', () => {
    const wantsSecret = definePlugin({ id: 'nosy', version: '1.0.0', dependsOn: ['owner'], deps: { secret }, register: () => ({ api: {} }) });
    expect(() => createClient({ plugins: [owner, wantsSecret], config: quiet })).toThrow(
      expect.objectContaining({ code: 'SDK_PLUGIN_DEPENDENCY_MISSING', message: expect.stringContaining('nothing installed exports it') }),
    );
    const undeclared = definePlugin({ id: 'sneaky', version: '1.0.0', deps: { shared }, register: () => ({ api: {} }) });
    expect(() => createClient({ plugins: [owner, undeclared], config: quiet })).toThrow(
      expect.objectContaining({ code: 'SDK_PLUGIN_DEPENDENCY_MISSING', message: expect.stringContaining('add "owner" to dependsOn') }),
    );
  });

  it('rejects a plugin that exports a token it never provides', () => {
    const liar = definePlugin({ id: 'liar', version: '1.0.0', exports: [secret], register: () => ({ api: {} }) });
    expect(() => createClient({ plugins: [liar], config: quiet })).toThrow(expect.objectContaining({ code: 'SDK_PLUGIN_INVALID' }));
  });
});

describe('extension points', () => {
  type Greeter = (name: string) => string;
  const greeterPoint = defineExtensionPoint<Greeter>('greeting.greeter');
  const greeting = (options: { greeter?: Greeter } = {}) =>
    definePlugin({
      id: 'greeting',
      version: '1.0.0',
      extensionPoints: [greeterPoint],
      contributes: [
        contribute(greeterPoint, 'plain', (n: string) => `hello ${n}`, { fallback: true }),
        ...(options.greeter ? [contribute(greeterPoint, 'option', options.greeter)] : []),
      ],
      register(ctx) {
        const chosen = ctx.extension(greeterPoint);
        return { api: { greeting: Object.freeze({ greet: (n: string) => chosen.value(n), adapter: chosen.name }) } };
      },
    });
  const adapter = (name: string) =>
    definePlugin({
      id: `greeter-${name}`,
      version: '1.0.0',
      dependsOn: ['greeting'],
      contributes: [contribute(greeterPoint, name, (n: string) => `${name} ${n}`)],
      register: () => ({ api: {} }),
    });

  it('uses the fallback when nothing else contributes', async () => {
    const client = createClient({ plugins: [greeting()], config: quiet });
    expect(client.greeting.greet('bob')).toBe('hello bob');
    await client.destroy();
  });

  it('hands the owner an adapter plugin\'s contribution, whatever the install order', async () => {
    const client = createClient({ plugins: [adapter('howdy'), greeting()], config: quiet });
    expect([client.greeting.adapter, client.greeting.greet('bob')]).toEqual(['howdy', 'howdy bob']);
    await client.destroy();
  });

  it('fails with SDK_EXTENSION_CONFLICT for two contributions, naming both', () => {
    expect(() => createClient({ plugins: [greeting(), adapter('howdy'), adapter('hi')], config: quiet })).toThrow(
      expect.objectContaining({ code: 'SDK_EXTENSION_CONFLICT', message: expect.stringMatching(/howdy, hi/) }),
    );
    expect(() => createClient({ plugins: [greeting({ greeter: (n) => n }), adapter('hi')], config: quiet })).toThrow(
      expect.objectContaining({ code: 'SDK_EXTENSION_CONFLICT' }),
    );
  });

  it('fails with SDK_EXTENSION_MISSING when a point has no contribution at all', () => {
    const bare = definePlugin({
      id: 'bare',
      version: '1.0.0',
      extensionPoints: [greeterPoint],
      register: (ctx) => (ctx.extension(greeterPoint), { api: {} }),
    });
    expect(() => createClient({ plugins: [bare], config: quiet })).toThrow(expect.objectContaining({ code: 'SDK_EXTENSION_MISSING' }));
  });

  it('rejects a contribution to a point no installed plugin declares', () => {
    expect(() => createClient({ plugins: [adapter('howdy')].map((p) => ({ ...p, dependsOn: [] })) as never, config: quiet })).toThrow(
      expect.objectContaining({ code: 'SDK_PLUGIN_DEPENDENCY_MISSING', message: expect.stringContaining('greeting.greeter') }),
    );
  });

  it('matches points by id, so a second copy of the owner package meets the adapters', async () => {
    const copy = defineExtensionPoint<Greeter>('greeting.greeter');
    const other = definePlugin({ id: 'greeter-copy', version: '1.0.0', contributes: [contribute(copy, 'copy', (n: string) => `copy ${n}`)], register: () => ({ api: {} }) });
    const client = createClient({ plugins: [greeting(), other], config: quiet });
    expect(client.greeting.greet('bob')).toBe('copy bob');
    await client.destroy();
  });
});

describe('review regressions', () => {
  it('destroy() runs every cleanup of a plugin even when its dispose() or one cleanup fails', async () => {
    let ticks = 0;
    const ran: string[] = [];
    const flaky = definePlugin({
      id: 'flaky',
      version: '1.0.0',
      register(ctx) {
        ctx.disposer.interval(() => void ticks++, 1);
        ctx.disposer.add(() => void ran.push('first'));
        ctx.disposer.add(() => {
          throw new Error('cleanup bug');
        });
        return {
          api: {},
          dispose: () => {
            throw new Error('dispose bug');
          },
        };
      },
    });
    const client = createClient({ plugins: [flaky], config: quiet });
    await client.destroy().catch(() => undefined);
    expect(ran).toEqual(['first']);
    const after = ticks;
    await new Promise((r) => setTimeout(r, 20));
    expect(ticks).toBe(after); // the interval was cleared
  });

  it('a JSON config naming inherited properties (valueOf, constructor) warns about unknown keys instead of breaking', async () => {
    const client = createClient({ plugins: [configured], config: quiet });
    const warnings: SdkWarning[] = [];
    client.on('sdk:warning', (w) => void warnings.push(w));
    expect(() => client.updateConfig(JSON.parse('{"media2":{"valueOf":1,"constructor":2}}'))).not.toThrow();
    await Promise.resolve();
    expect(warnings.map((w) => w.key)).toEqual(['media2.valueOf', 'media2.constructor']);
    await client.destroy();
  });

  it('a refused update reports no unknown key (the later valid one does)', async () => {
    const client = createClient({ plugins: [configured], config: quiet });
    const warnings: SdkWarning[] = [];
    client.on('sdk:warning', (w) => void warnings.push(w));
    expect(() => client.updateConfig({ media2: { extra: 1, iceCollectionIdealTimeout: 'x' } } as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_CONFIG' }),
    );
    await Promise.resolve();
    expect(warnings).toEqual([]);
    client.updateConfig({ media2: { extra: 1 } } as never);
    await Promise.resolve();
    expect(warnings.map((w) => w.key)).toEqual(['media2.extra']);
    await client.destroy();
  });

  it('two plugins exporting one token, or declaring one extension point, fail with SDK_PLUGIN_INVALID', () => {
    const twin = definePlugin({ id: 'twin', version: '1.0.0', exports: [shared], register: (ctx) => (ctx.provide(shared, { value: 3 }), { api: {} }) });
    expect(() => createClient({ plugins: [owner, twin], config: quiet })).toThrow(
      expect.objectContaining({ code: 'SDK_PLUGIN_INVALID', message: expect.stringContaining('both export "owner.shared"') }),
    );
    const point = defineExtensionPoint<number>('one.point');
    const a = definePlugin({ id: 'a', version: '1.0.0', extensionPoints: [point], register: () => ({ api: {} }) });
    const b = definePlugin({ id: 'b', version: '1.0.0', extensionPoints: [point], register: () => ({ api: {} }) });
    expect(() => createClient({ plugins: [a, b], config: quiet })).toThrow(
      expect.objectContaining({ code: 'SDK_PLUGIN_INVALID', message: expect.stringContaining('both declare "one.point"') }),
    );
  });
});

describe('review regressions II', () => {
  const point = defineExtensionPoint<string>('dual.point');
  it('two fallbacks and nothing else conflict instead of the first silently winning', () => {
    const owner2 = definePlugin({
      id: 'dual',
      version: '1.0.0',
      extensionPoints: [point],
      contributes: [contribute(point, 'one', 'a', { fallback: true })],
      register: (ctx) => (ctx.extension(point), { api: {} }),
    });
    const second = definePlugin({ id: 'dual-b', version: '1.0.0', contributes: [contribute(point, 'two', 'b', { fallback: true })], register: () => ({ api: {} }) });
    expect(() => createClient({ plugins: [owner2, second], config: quiet })).toThrow(
      expect.objectContaining({ code: 'SDK_EXTENSION_CONFLICT', message: expect.stringContaining('one, two') }),
    );
  });

  it('a register() that returns no { api } fails with SDK_PLUGIN_INVALID naming the plugin', () => {
    const broken = definePlugin({ id: 'broken', version: '1.0.0', register: () => undefined as never });
    expect(() => createClient({ plugins: [broken], config: quiet })).toThrow(
      expect.objectContaining({ code: 'SDK_PLUGIN_INVALID', message: expect.stringContaining('"broken"') }),
    );
  });
});
