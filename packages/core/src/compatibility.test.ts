/**
 * The legacy-compatibility profile in core (`config.compatibility: '001' | '002'`): chosen once by
 * `createClient`, it swaps each section's `legacyDefaults` in under the user's values, is visible to
 * plugins as `ctx.config.compatibility`, is refused by `updateConfig`, and switches the 001/002
 * defaults of `logs.logActions` (`actionOnly: true`, `exposePayloads: false`).
 */
import { BasicError } from './errors';
import { createClient } from './createClient';
import { is, type CompatibilityProfile, type ConfigSection } from './config';
import type { LogEntry } from './logger';
import { definePlugin } from './plugin';

const section: ConfigSection<{ check: boolean; delay: number; tags: string[] }, 'probe'> = {
  name: 'probe',
  defaults: { check: true, delay: 5, tags: ['a'] },
  schema: { check: is.boolean(), delay: is.number(), tags: is.arrayOf(is.string()) },
  legacyDefaults: { check: false, tags: ['legacy'] },
};

function probe() {
  const seen: { compatibility?: CompatibilityProfile } = {};
  const plugin = definePlugin({
    id: 'probe',
    version: '1.0.0',
    config: [section],
    register(ctx) {
      seen.compatibility = ctx.config.compatibility;
      return { api: { probe: Object.freeze({ act: () => ctx.logger.action('probe:act', { secret: 's3' }, () => ({ after: { state: 'on' } })) }) } };
    },
  });
  return { plugin, seen };
}

const clients: Array<{ destroy(): Promise<void> }> = [];
afterEach(async () => {
  for (const c of clients.splice(0)) await c.destroy();
});

function make(config: Record<string, unknown>) {
  const { plugin, seen } = probe();
  const client = createClient({ plugins: [plugin], config: { logs: { logLevel: 'silent' }, ...config } as never });
  clients.push(client);
  return { client, seen };
}

describe('config.compatibility (the legacy-compatibility profile)', () => {
  test('without it: the section defaults, ctx.config.compatibility undefined', () => {
    const { client, seen } = make({});
    expect(client.getConfig().probe).toEqual({ check: true, delay: 5, tags: ['a'] });
    expect(seen.compatibility).toBeUndefined();
    expect(client.getConfig()).not.toHaveProperty('compatibility');
  });

  test.each(['001', '002'] as const)('"%s": the legacyDefaults replace the defaults; user values still win; plugins see the profile', (profile) => {
    const { client, seen } = make({ compatibility: profile });
    expect(client.getConfig().probe).toEqual({ check: false, delay: 5, tags: ['legacy'] });
    expect(seen.compatibility).toBe(profile);
    const explicit = make({ compatibility: profile, probe: { check: true } });
    expect(explicit.client.getConfig().probe).toMatchObject({ check: true, tags: ['legacy'] });
  });

  test('the legacy defaults are copies: changing the config does not change the section', () => {
    const { client } = make({ compatibility: '002' });
    client.updateConfig({ probe: { tags: ['x'] } } as never);
    expect(section.legacyDefaults!.tags).toEqual(['legacy']);
    expect(make({ compatibility: '002' }).client.getConfig().probe.tags).toEqual(['legacy']);
  });

  test('an unknown profile is INVALID_CONFIG from createClient; updateConfig refuses the key (nothing changes)', () => {
    const { plugin } = probe();
    expect(() => createClient({ plugins: [plugin], config: { logs: { logLevel: 'silent' }, compatibility: '003' } as never })).toThrow(
      expect.objectContaining({ code: 'INVALID_CONFIG', message: expect.stringContaining('"compatibility"') }),
    );
    const { client } = make({ compatibility: '001' });
    let error: unknown;
    try {
      client.updateConfig({ compatibility: '002', probe: { delay: 9 } } as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BasicError);
    expect(error).toMatchObject({ code: 'INVALID_CONFIG' });
    expect(client.getConfig().probe.delay).toBe(5);
  });

  test('logs.enableGrouping: true under the profile (001/002), absent (off) without it', () => {
    expect(make({ compatibility: '001' }).client.getConfig().logs.enableGrouping).toBe(true);
    expect(make({ compatibility: '002', logs: { enableGrouping: false } }).client.getConfig().logs.enableGrouping).toBe(false);
    expect(make({}).client.getConfig().logs.enableGrouping).toBeUndefined();
  });

  test('logs.logActions: 001/002 default to actionOnly true and exposePayloads false; explicit values win', () => {
    const run = (config: Record<string, unknown>, logActions: Record<string, unknown> = {}) => {
      const entries: LogEntry[] = [];
      const { client } = make({ ...config, logs: { logLevel: 'debug', handler: () => {}, logActions: { handler: (e: LogEntry) => entries.push(e), ...logActions } } });
      (client as unknown as { probe: { act(): void } }).probe.act();
      return entries[0]!.messages;
    };
    expect(run({})).toEqual(['action probe:act', { type: 'probe:act', payload: { secret: 's3' } }, { context: { state: 'on' } }]);
    expect(run({ compatibility: '002' })).toEqual(['action probe:act', { type: 'probe:act', payload: '[payload hidden]' }]);
    expect(run({ compatibility: '001' }, { actionOnly: false, exposePayloads: true })).toEqual([
      'action probe:act', { type: 'probe:act', payload: { secret: 's3' } }, { context: { state: 'on' } },
    ]);
  });
});
