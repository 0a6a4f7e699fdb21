import { createClient } from './createClient';
import { definePlugin } from './plugin';
import { BasicError } from './errors';
import { LogManager, type LogEntry } from './logger';

/** A plugin whose dispose takes a while (like a best-effort DELETE). */
const slowPlugin = (log: string[], release: Promise<void>) =>
  definePlugin({
    id: 'slow',
    version: '1.0.0',
    register() {
      return {
        api: { slow: Object.freeze({ ping: () => 'pong' }) },
        dispose: async () => {
          log.push('dispose:start');
          await release;
          log.push('dispose:end');
        },
      };
    },
  });

describe('destroy: teardown window', () => {
  it('rejects calls with SDK_DESTROYED as soon as teardown has begun, not only once plugins finished disposing', async () => {
    const log: string[] = [];
    let release!: () => void;
    const client = createClient({ plugins: [slowPlugin(log, new Promise<void>((r) => (release = r)))] });
    const done = client.destroy();
    expect(client.slow.ping()).toBe('pong'); // same tick: still usable
    await new Promise((r) => setTimeout(r, 5));
    expect(log).toEqual(['dispose:start']);
    expect(() => client.slow.ping()).toThrow(expect.objectContaining({ code: 'SDK_DESTROYED' }));
    expect(() => client.getConfig()).toThrow(expect.objectContaining({ code: 'SDK_DESTROYED' }));
    release();
    await done;
    expect(log).toEqual(['dispose:start', 'dispose:end']);
  });
});

describe('createClient: a failing plugin leaks nothing', () => {
  it('releases what a plugin registered with its disposer before its register() threw', () => {
    const cleaned: string[] = [];
    const broken = definePlugin({
      id: 'broken',
      version: '1.0.0',
      register(ctx) {
        ctx.disposer.timeout(() => cleaned.push('timer fired'), 60_000);
        ctx.disposer.add(() => void cleaned.push('cleanup'));
        throw new Error('boom');
      },
    });
    expect(() => createClient({ plugins: [broken] })).toThrow('boom');
    return new Promise<void>((r) => setTimeout(r, 5)).then(() => expect(cleaned).toEqual(['cleanup']));
  });

  it('disposes a plugin whose API collides with another one', async () => {
    const disposed: string[] = [];
    const make = (id: string) =>
      definePlugin({
        id,
        version: '1.0.0',
        register: () => ({ api: { same: Object.freeze({}) }, dispose: () => void disposed.push(id) }),
      });
    expect(() => createClient({ plugins: [make('one'), make('two')] })).toThrow(BasicError);
    await new Promise((r) => setTimeout(r, 5));
    expect(disposed.sort()).toEqual(['one', 'two']);
  });
});

describe('logger: flatten never throws into the SDK', () => {
  it('flattens circular and BigInt values without throwing', () => {
    const entries: LogEntry[] = [];
    const logs = new LogManager(() => ({ flatten: true, handler: (e) => entries.push(e), logActions: { exposePayloads: true } }));
    const circular: Record<string, unknown> = { a: 1 };
    circular.self = circular;
    expect(() => logs.create('x').info('state', circular, 10n)).not.toThrow();
    expect(entries).toHaveLength(1);
    expect(entries[0]!.messages.every((m) => typeof m === 'string')).toBe(true);
  });
});
