import { createClient, type LogEntry } from '@switchboard/core';
import { connectivityPlugin } from './index';

const make = (config: Record<string, unknown>) => {
  const logs: LogEntry[] = [];
  const client = createClient({ plugins: [connectivityPlugin({ fetch: async () => new Response('{}') })], config: { logs: { handler: (e: LogEntry) => logs.push(e) }, ...config } });
  return { client, logs };
};

describe('connectivity config', () => {
  it('has the seed defaults', async () => {
    const { client } = make({});
    const c = client.getConfig();
    expect(c.subscription).toEqual({
      expires: 3600, serviceUnavailableMaxRetries: 3, service: ['call', 'IM', 'Presence'], localization: 'English_US', useTurn: true,
      notificationType: 'WebSocket', websocket: { protocol: 'wss', port: 443 },
    });
    expect(c.connectivity).toEqual({
      pingInterval: 30000, reconnectLimit: 5, reconnectDelay: 5000, reconnectTimeMultiplier: 1, reconnectTimeLimit: 640000,
      autoReconnect: true, maxMissedPings: 3, checkConnectivity: true, webSocketOAuthMode: 'query',
    });
    expect(c.notifications).toEqual({ idCacheLength: 100, incomingCallNotificationMode: 'any-channel', pushRegistration: {} });
    await client.destroy();
  });

  it.each(['001', '002'] as const)('compatibility %s: checkConnectivity defaults to false (001/002); an explicit value wins', async (compatibility) => {
    const { client } = make({ compatibility });
    expect(client.getConfig().connectivity).toMatchObject({ checkConnectivity: false, pingInterval: 30000 });
    const explicit = make({ compatibility, connectivity: { checkConnectivity: true } });
    expect(explicit.client.getConfig().connectivity.checkConnectivity).toBe(true);
    await Promise.all([client.destroy(), explicit.client.destroy()]);
  });

  it('maps the 001/002 keys through logged aliases', async () => {
    const { client, logs } = make({
      authentication: {
        subscription: { server: 'gw.old', protocol: 'http', port: 8080, expires: 600, service: ['call'] },
        websocket: { server: 'ws.old', protocol: 'ws', port: 8081 },
      },
      connectivity: { method: { type: 'keepAlive', responsibleParty: 'client' } },
    });
    const c = client.getConfig();
    expect(c.authentication).toEqual({ server: { base: 'gw.old', protocol: 'http', port: 8080 } });
    expect(c.subscription).toMatchObject({ expires: 600, service: ['call'], websocket: { server: 'ws.old', protocol: 'ws', port: 8081 } });
    expect(logs.filter((l) => String(l.messages[0]).includes('compatibility key'))).toHaveLength(8);
    await client.destroy();
  });

  it('maps the 002 subscription keys localization / useTurn / notificationType to the subscription section', async () => {
    const { client, logs } = make({ authentication: { subscription: { localization: 'French_FR', useTurn: false, notificationType: 'Push' } } });
    expect(client.getConfig().subscription).toMatchObject({ localization: 'French_FR', useTurn: false, notificationType: 'Push' });
    expect(client.getConfig().authentication).not.toHaveProperty('subscription');
    expect(logs.filter((l) => String(l.messages[0]).includes('compatibility key')).map((l) => String(l.messages[0]).split('"')[1])).toEqual([
      'authentication.subscription.localization', 'authentication.subscription.useTurn', 'authentication.subscription.notificationType',
    ]);
    await client.destroy();
  });

  it('rejects invalid values naming the key, nothing changed', async () => {
    const { client } = make({});
    expect(() => client.updateConfig({ subscription: { websocket: { protocol: 'http' as never } } })).toThrow(/subscription\.websocket\.protocol/);
    expect(() => client.updateConfig({ connectivity: { reconnectLimit: -1 } })).toThrow(/connectivity\.reconnectLimit/);
    expect(() => client.updateConfig({ notifications: { incomingCallNotificationMode: 'push' as never } })).toThrow(/incomingCallNotificationMode/);
    expect(client.getConfig().connectivity?.reconnectLimit).toBe(5);
    await client.destroy();
  });
});
