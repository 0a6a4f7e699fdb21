/**
 * call.history over the Link adapter (protocol §10): the exact requests, the cache and its
 * events, failures (coded, in the rejection and `callHistory:error`), and the plugin contract
 * (a member of `client.call`, a backend extension point with Link as the fallback).
 */
import { BasicError, createClient, contribute, definePlugin } from '@switchboard/core';
import { connectivityPlugin } from '@switchboard/connectivity';
import {
  FakeLinkTransport, asWebSocket, errorResponse, fakeConnectivityPlugin, fakeFetch, fakeMediaPlugin, fakeWebSockets, linkGateway,
} from '@switchboard/test-utils';
import { callPlugin } from '../plugin';
import { callHistoryBackendExtensionPoint, type CallHistoryBackend } from './backend';
import { callHistoryPlugin } from './plugin';

const U = '/rest/version/1/user/alice@example.com';
const log = (params: Record<string, unknown>) => ({ type: 'CallLog', params });
const page = (...items: unknown[]) => ({ ok: true, status: 200, body: { logHistory: { statusCode: 0, logItems: items } } });

function setup(transport = new FakeLinkTransport(), compatibility?: '001' | '002') {
  const connectivity = fakeConnectivityPlugin({ transport });
  const client = createClient({
    plugins: [connectivity.plugin, fakeMediaPlugin().plugin, callPlugin(), callHistoryPlugin()],
    config: { logs: { logLevel: 'silent' }, compatibility },
  });
  const events: Array<[string, unknown]> = [];
  client.subscribe((type, ...args) => void (type.startsWith('callHistory') && events.push([type, args[0]])));
  return { client, transport, events, types: () => events.map(([t]) => t) };
}

let env: ReturnType<typeof setup>;
beforeEach(() => {
  env = setup();
});
afterEach(() => env.client.destroy());

describe('call.history (protocol §10)', () => {
  test('is a member of client.call, next to the call methods', () => {
    expect(typeof env.client.call.make).toBe('function');
    expect(Object.keys(env.client.call.history).sort()).toEqual(['clear', 'fetch', 'get', 'getCache', 'remove', 'setCache']);
    expect(env.client.call.history.get()).toEqual([]);
  });

  test('fetch(): GET logHistory with count/startIndex (defaults 50, 0); the records replace the cache, newest first', async () => {
    env.transport.responder = () =>
      page(
        log({ recordId: '1', direction: 'incoming', callerName: 'Bob', callerDisplayNumber: 'bob@x', startTime: '1000', duration: '5000' }),
        log({ recordId: 2, direction: 'outgoing', callerName: 'Carol', callerDisplayNumber: 'carol@x', startTime: '3000', duration: '0', extra: 'kept' }),
      );
    await env.client.call.history.fetch();
    expect(env.transport.sent.map((s) => [s.method, s.path, s.options.query])).toEqual([['GET', `${U}/logHistory`, { count: '50', startIndex: '0' }]]);
    expect(env.client.call.history.get()).toEqual([
      { recordId: '2', direction: 'outgoing', callerName: 'Carol', callerDisplayNumber: 'carol@x', calleeName: 'Carol', calleeDisplayNumber: 'carol@x', startTime: '3000', duration: '0', extra: 'kept' },
      { recordId: '1', direction: 'incoming', callerName: 'Bob', callerDisplayNumber: 'bob@x', startTime: '1000', duration: '5000' },
    ]);
    expect(env.types()).toEqual(['callHistory:change', 'callHistoryCache:change']);
    await env.client.call.history.fetch(10, 20);
    expect(env.transport.sent[1]!.options.query).toEqual({ count: '10', startIndex: '20' });
  });

  test('fetch(): malformed entries are dropped (not a CallLog, no recordId); a body without logItems fails', async () => {
    env.transport.responder = () => page({ type: 'Other', params: { recordId: 'x' } }, log({ direction: 'incoming' }), 'junk', log({ recordId: '7', direction: 'missed' }));
    await env.client.call.history.fetch();
    expect(env.client.call.history.get().map((r) => r.recordId)).toEqual(['7']);
    env.transport.responder = () => ({ ok: true, status: 200, body: {} });
    await expect(env.client.call.history.fetch()).rejects.toMatchObject({ code: 'CALL_HISTORY_REQUEST_FAILED' });
    expect(env.client.call.history.get().map((r) => r.recordId)).toEqual(['7']);
  });

  test('remove(recordId): DELETE logRecord/{id} without expecting a body, then the record leaves the cache', async () => {
    env.transport.responder = (req) => (req.method === 'GET' ? page(log({ recordId: 'a b', direction: 'incoming' }), log({ recordId: '9', direction: 'missed' })) : undefined);
    await env.client.call.history.fetch();
    env.events.length = 0;
    await env.client.call.history.remove('a b');
    await env.client.call.history.remove(9);
    expect(env.transport.sent.slice(1).map((s) => [s.method, s.path, s.body, s.options.expectBody])).toEqual([
      ['DELETE', `${U}/logRecord/a%20b`, undefined, false],
      ['DELETE', `${U}/logRecord/9`, undefined, false],
    ]);
    expect(env.client.call.history.get()).toEqual([]);
    expect(env.types()).toEqual(['callHistory:change', 'callHistoryCache:change', 'callHistory:change', 'callHistoryCache:change']);
  });

  test('clear(): DELETE logHistory, then the cache is empty', async () => {
    env.client.call.history.setCache(JSON.stringify([{ recordId: '1', direction: 'incoming' }]));
    await env.client.call.history.clear();
    expect(env.transport.sent.map((s) => [s.method, s.path, s.options.expectBody])).toEqual([['DELETE', `${U}/logHistory`, false]]);
    expect(env.client.call.history.get()).toEqual([]);
  });

  test('a refusal (statusCode 42) rejects with CALL_HISTORY_REQUEST_FAILED, emits callHistory:error and keeps the cache', async () => {
    env.client.call.history.setCache([{ recordId: '1', direction: 'incoming' }]);
    env.events.length = 0;
    env.transport.responder = () => ({ ...errorResponse(404, 42, 'not found'), body: { logRecord: { statusCode: 42 } } });
    const failure = env.client.call.history.remove('1');
    await expect(failure).rejects.toBeInstanceOf(BasicError);
    await expect(failure).rejects.toMatchObject({ code: 'CALL_HISTORY_REQUEST_FAILED', message: expect.stringContaining('statusCode 42') });
    expect(env.events).toEqual([['callHistory:error', { error: expect.objectContaining({ code: 'CALL_HISTORY_REQUEST_FAILED' }) }]]);
    expect(env.client.call.history.get().map((r) => r.recordId)).toEqual(['1']);
    env.transport.responder = () => Promise.reject(new BasicError('NETWORK_ERROR', 'offline'));
    await expect(env.client.call.history.clear()).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
    expect(env.types()).toEqual(['callHistory:error', 'callHistory:error']);
  });

  test('getCache()/setCache(): a string round trip (000) and an array (001/002); bad data throws INVALID_ARGUMENT, cache unchanged', () => {
    const h = env.client.call.history;
    h.setCache([{ recordId: '1', direction: 'outgoing', startTime: '5' }]);
    const cache = h.getCache();
    expect(typeof cache).toBe('string');
    const other = setup();
    other.client.call.history.setCache(cache);
    expect(other.client.call.history.get()).toEqual(h.get());
    expect(other.types()).toEqual(['callHistory:change', 'callHistoryCache:change']);
    void other.client.destroy();
    for (const bad of ['not json', '{}', '[{"direction":"x"}]', '[1]', [{ recordId: 3 }]]) {
      expect(() => h.setCache(bad as string)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    }
    expect(h.get()).toEqual([{ recordId: '1', direction: 'outgoing', startTime: '5' }]);
    expect(env.transport.sent).toEqual([]);
  });

  test.each(['001', '002'] as const)('compatibility %s: getCache() returns the 001/002 array (copies, as get()); setCache takes it back', async (profile) => {
    const legacy = setup(new FakeLinkTransport(), profile);
    const h = legacy.client.call.history;
    h.setCache([{ recordId: '1', direction: 'outgoing', startTime: '5' }, { recordId: '2', direction: 'incoming', startTime: '9' }]);
    const cache = h.getCache() as unknown as Array<{ recordId: string }>;
    expect(Array.isArray(cache)).toBe(true);
    expect(cache).toEqual(h.get());
    cache[0]!.recordId = 'changed';
    expect(h.get().map((r) => r.recordId)).not.toContain('changed');
    const other = setup(new FakeLinkTransport(), profile);
    other.client.call.history.setCache(h.getCache());
    expect(other.client.call.history.get()).toEqual(h.get());
    await Promise.all([legacy.client.destroy(), other.client.destroy()]);
  });

  test('get() hands out copies', () => {
    env.client.call.history.setCache([{ recordId: '1', direction: 'incoming' }]);
    env.client.call.history.get()[0]!.recordId = 'changed';
    expect(env.client.call.history.get()[0]!.recordId).toBe('1');
  });

  test('the seed typos callHistory:changed and getCallLogs are not offered', () => {
    expect(() => env.client.on('callHistory:changed' as 'callHistory:change', () => {})).toThrow('Invalid event type');
    expect((env.client.call.history as unknown as Record<string, unknown>).getCallLogs).toBeUndefined();
  });

  test('the exact URL over the real connectivity plugin: …/logHistory?count=5&startIndex=1', async () => {
    const net = fakeFetch((req) => (req.path.endsWith('/logHistory') && req.method === 'GET' ? { status: 200, body: { logHistory: { logItems: [] } } } : linkGateway()(req)));
    const client = createClient({
      plugins: [
        connectivityPlugin({ fetch: net.fetch, WebSocket: asWebSocket(fakeWebSockets()) }),
        fakeMediaPlugin().plugin,
        callPlugin(),
        callHistoryPlugin(),
      ],
      config: { logs: { logLevel: 'silent' }, authentication: { server: { base: 'gw.test', protocol: 'https', port: 443 } } },
    });
    client.setCredentials({ username: 'alice@example.com', password: 'secret' });
    await client.call.history.fetch(5, 1);
    const url = new URL(net.requests[0]!.url);
    expect([net.requests[0]!.method, url.pathname, url.searchParams.get('count'), url.searchParams.get('startIndex')]).toEqual(['GET', `${U}/logHistory`, '5', '1']);
    await client.destroy();
  });
});

describe('the call-history backend extension point', () => {
  const memory = (): CallHistoryBackend & { calls: string[] } => {
    const calls: string[] = [];
    return {
      name: 'memory',
      calls,
      fetch: async (amount, offset) => (calls.push(`fetch ${amount} ${offset}`), [{ recordId: 'm1', direction: 'incoming' }]),
      remove: async (id) => void calls.push(`remove ${id}`),
      clear: async () => void calls.push('clear'),
    };
  };

  test('an adapter plugin replaces the Link fallback; so does callHistoryPlugin({ backend })', async () => {
    const backend = memory();
    const adapter = definePlugin({
      id: 'memory-history',
      version: '1.0.0',
      dependsOn: ['call-history'],
      contributes: [contribute(callHistoryBackendExtensionPoint, 'memory', () => backend)],
      register: () => ({ api: {} }),
    });
    const transport = new FakeLinkTransport();
    const client = createClient({
      plugins: [fakeConnectivityPlugin({ transport }).plugin, fakeMediaPlugin().plugin, callPlugin(), callHistoryPlugin(), adapter],
      config: { logs: { logLevel: 'silent' } },
    });
    await client.call.history.fetch();
    expect(backend.calls).toEqual(['fetch 50 0']);
    expect(client.call.history.get()).toEqual([{ recordId: 'm1', direction: 'incoming' }]);
    expect(transport.sent).toEqual([]);
    await client.destroy();

    const other = memory();
    const viaOption = createClient({
      plugins: [fakeConnectivityPlugin().plugin, fakeMediaPlugin().plugin, callPlugin(), callHistoryPlugin({ backend: other })],
      config: { logs: { logLevel: 'silent' } },
    });
    await viaOption.call.history.clear();
    expect(other.calls).toEqual(['clear']);
    await viaOption.destroy();
  });

  test('needs the call plugin (its namespace owner), and checks its options', () => {
    expect(() => createClient({ plugins: [fakeConnectivityPlugin().plugin, callHistoryPlugin()] })).toThrow(expect.objectContaining({ code: 'SDK_PLUGIN_DEPENDENCY_MISSING' }));
    expect(() => callHistoryPlugin(null as never)).toThrow(TypeError);
    expect(() => callHistoryPlugin({ backend: 5 as never })).toThrow(TypeError);
  });
});
