/**
 * The proxy state and its failures: the steps (setChannel → initializeRemote → setProxyMode) with
 * `proxy:change`, the version check, the refusals (no channel, not initialised, a call in progress)
 * with the state unchanged, TypeErrors, a silent remote (timeout), garbage on the channel in both
 * directions, and a lost channel mid-call (the call ends at the gateway; the remote closes
 * everything).
 */
import { until } from '@switchboard/test-utils';
import { PROXY_VERSION, proxyPlugin } from './index';
import { createRemote } from './remote';
import { type Rig, connectedCall, errorCodes, rig } from './__fakes__/pair';

let r: Rig | undefined;
afterEach(async () => {
  await r?.destroy();
  r = undefined;
});

const info = (x: Rig) => x.client.proxy.getInfo();

describe('proxy state', () => {
  test('setChannel, initializeRemote, setProxyMode: each emits proxy:change; getInfo and getProxyDetails follow', async () => {
    r = rig();
    expect(info(r)).toEqual({ proxyMode: false, hasChannel: false, remoteInitialized: false, browser: {} });
    expect(r.client.proxy.getProxyDetails()).toEqual({});
    r.client.proxy.setChannel(r.pair.main);
    expect(info(r)).toMatchObject({ hasChannel: true, remoteInitialized: false });
    expect(typeof r.pair.main.receive).toBe('function');
    r.client.proxy.initializeRemote({ tag: 'vdi-1' });
    await until(() => info(r!).remoteInitialized);
    const [init] = r.pair.of('remote', 'init');
    expect(init).toMatchObject({ sb: 'proxy', v: 1, version: PROXY_VERSION, config: { tag: 'vdi-1', heartbeatTimeout: 200 } });
    expect(r.far.remote.info()).toMatchObject({ initialized: true, config: { tag: 'vdi-1' } });
    // Node has no window: the remote's details are webrtc-adapter's answer for "no browser"
    expect(r.client.proxy.getProxyDetails()).toEqual(info(r).browser);
    r.client.proxy.setProxyMode(true);
    expect(r.client.proxy.getProxyMode()).toBe(true);
    expect(r.t.of('proxy:change')).toHaveLength(3);
    expect(errorCodes(r)).toEqual([]);
    r.client.proxy.setProxyMode(false);
    expect(info(r)).toMatchObject({ proxyMode: false, remoteInitialized: true });
  });

  test('a version mismatch: proxy:error PROXY_VERSION_MISMATCH, remoteInitialized stays false', async () => {
    r = rig({ remoteVersion: '9.9.9' });
    await r.initialize();
    expect(errorCodes(r)).toEqual(['PROXY_VERSION_MISMATCH']);
    expect(r.t.of('proxy:error')[0]!.error.message).toContain('9.9.9');
    expect(info(r)).toMatchObject({ hasChannel: true, remoteInitialized: false });
    r.client.proxy.setProxyMode(true);
    expect(errorCodes(r)).toEqual(['PROXY_VERSION_MISMATCH', 'PROXY_NOT_INITIALIZED']);
    expect(r.client.proxy.getProxyMode()).toBe(false);
  });

  test('refusals without a channel or an initialised remote: proxy:error, state unchanged, nothing sent', async () => {
    r = rig();
    r.client.proxy.initializeRemote();
    r.client.proxy.setProxyMode(true);
    expect(errorCodes(r)).toEqual(['PROXY_NO_CHANNEL', 'PROXY_NO_CHANNEL']);
    r.client.proxy.setChannel(r.pair.main);
    r.client.proxy.setProxyMode(true);
    expect(errorCodes(r)).toEqual(['PROXY_NO_CHANNEL', 'PROXY_NO_CHANNEL', 'PROXY_NOT_INITIALIZED']);
    expect(info(r)).toEqual({ proxyMode: false, hasChannel: true, remoteInitialized: false, browser: {} });
    expect(r.t.of('proxy:change')).toHaveLength(1); // setChannel only
    await new Promise((resolve) => setImmediate(resolve)); // the pair delivers one macrotask later
    expect(r.pair.log).toEqual([]);
  });

  test('with a compatibility profile (001), setProxyMode(true) needs only a channel', () => {
    r = rig({ compatibility: '001' });
    r.client.proxy.setChannel(r.pair.main);
    r.client.proxy.setProxyMode(true);
    expect(errorCodes(r)).toEqual([]);
    expect(info(r)).toMatchObject({ proxyMode: true, hasChannel: true, remoteInitialized: false });
  });

  test('wrong argument types: synchronous TypeErrors, nothing changed', () => {
    r = rig();
    const p = r.client.proxy;
    expect(() => p.setChannel(undefined as never)).toThrow(TypeError);
    expect(() => p.setChannel({} as never)).toThrow(TypeError);
    expect(() => p.setChannel({ send: 'x' } as never)).toThrow(TypeError);
    expect(() => p.initializeRemote('x' as never)).toThrow(TypeError);
    expect(() => p.initializeRemote([] as never)).toThrow(TypeError);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => p.initializeRemote(cyclic)).toThrow(TypeError);
    expect(() => p.setProxyMode('yes' as never)).toThrow(TypeError);
    expect(() => p.setProxyMode(undefined as never)).toThrow(TypeError);
    expect(() => p.setChannel({ send: () => undefined, receive: 5 } as never)).toThrow(TypeError);
    expect(() => p.initializeRemote({ big: 1n })).toThrow(TypeError);
    expect(info(r)).toEqual({ proxyMode: false, hasChannel: false, remoteInitialized: false, browser: {} });
    expect(r.t.of('proxy:change')).toHaveLength(0);
    expect(r.t.of('proxy:error')).toHaveLength(0);
  });

  test('setProxyMode(true) while initializeRemote is pending: PROXY_NOT_INITIALIZED, nothing more sent; it works once initialised', async () => {
    r = rig();
    r.client.proxy.setChannel(r.pair.main);
    r.client.proxy.initializeRemote();
    r.client.proxy.setProxyMode(true); // the pair delivers one macrotask later: init is unanswered
    expect(errorCodes(r)).toEqual(['PROXY_NOT_INITIALIZED']);
    expect(info(r)).toEqual({ proxyMode: false, hasChannel: true, remoteInitialized: false, browser: {} });
    expect(r.t.of('proxy:change')).toHaveLength(1); // setChannel only
    await until(() => info(r!).remoteInitialized);
    expect(r.pair.of('remote', 'init')).toHaveLength(1);
    expect(r.pair.log).toHaveLength(2); // init and its answer
    r.client.proxy.setProxyMode(true);
    expect(r.client.proxy.getProxyMode()).toBe(true);
  });

  test("setChannel with a channel another client's proxy listens to: PROXY_CHANNEL_IN_USE, both unchanged", async () => {
    r = rig();
    const other = rig();
    try {
      other.client.proxy.setChannel(r.pair.main);
      const theirs = r.pair.main.receive;
      r.client.proxy.setChannel(r.pair.main);
      expect(errorCodes(r)).toEqual(['PROXY_CHANNEL_IN_USE']);
      expect(info(r)).toEqual({ proxyMode: false, hasChannel: false, remoteInitialized: false, browser: {} });
      expect(r.t.of('proxy:change')).toHaveLength(0);
      expect(r.pair.main.receive).toBe(theirs);
      // the owner may set it again; once it lets go (destroy), the channel is free
      other.client.proxy.setChannel(r.pair.main);
      expect(errorCodes(other)).toEqual([]);
      await other.destroy();
      r.client.proxy.setChannel(r.pair.main);
      expect(info(r)).toMatchObject({ hasChannel: true });
    } finally {
      await other.destroy();
    }
  });

  test('proxyPlugin(options) and createRemote(options) with wrong types: TypeErrors', () => {
    expect(() => proxyPlugin(5 as never)).toThrow(TypeError);
    expect(() => proxyPlugin(null as never)).toThrow(TypeError);
    expect(() => proxyPlugin({ environment: 5 as never })).toThrow(TypeError);
    expect(() => proxyPlugin({ peerConnectionFactory: 'x' as never })).toThrow(TypeError);
    expect(() => createRemote(undefined as never)).toThrow(TypeError);
    expect(() => createRemote({} as never)).toThrow(/options.channel/);
    expect(() => createRemote({ channel: {} } as never)).toThrow(/options.channel/);
    expect(() => createRemote({ channel: { send: 'x' } } as never)).toThrow(/options.channel/);
    expect(() => createRemote({ channel: { send: () => undefined, receive: 5 } } as never)).toThrow(/options.channel.receive/);
    const channel = { send: jest.fn() };
    expect(() => createRemote({ channel, container: 5 } as never)).toThrow(/options.container/);
    expect(channel).toEqual({ send: expect.any(Function) }); // receive not assigned
    expect(channel.send).not.toHaveBeenCalled();
  });

  test('a remote that never answers init: PROXY_TIMEOUT after heartbeatTimeout', async () => {
    r = rig({ proxy: { heartbeatTimeout: 50 } });
    r.client.proxy.setChannel({ send: () => undefined });
    r.client.proxy.initializeRemote();
    await until(() => errorCodes(r!).length > 0);
    expect(errorCodes(r)).toEqual(['PROXY_TIMEOUT']);
    expect(info(r).remoteInitialized).toBe(false);
  });
});

describe('during a call', () => {
  test('setChannel and setProxyMode are refused (PROXY_CALL_IN_PROGRESS), the state is unchanged; allowed again once the call ended', async () => {
    r = rig();
    const callId = await connectedCall(r);
    const before = info(r);
    const changes = r.t.of('proxy:change').length;
    r.client.proxy.setProxyMode(false);
    r.client.proxy.setChannel({ send: () => undefined });
    expect(errorCodes(r)).toEqual(['PROXY_CALL_IN_PROGRESS', 'PROXY_CALL_IN_PROGRESS']);
    expect(info(r)).toEqual(before);
    expect(r.t.of('proxy:change')).toHaveLength(changes);
    expect(r.client.call.getById(callId)?.state).toBe('Connected');
    r.client.call.end(callId);
    await until(() => r!.client.call.getById(callId)?.state === 'Ended');
    r.client.proxy.setProxyMode(false);
    expect(r.client.proxy.getProxyMode()).toBe(false);
  });

  test('garbage from the remote: proxy:error PROXY_INVALID_MESSAGE per message, dropped; the call is unaffected', async () => {
    r = rig();
    const callId = await connectedCall(r);
    const garbage: unknown[] = [
      'text', 42, null, [], {}, { sb: 'other', v: 1, type: 'heartbeat' }, { sb: 'proxy', v: 2, type: 'heartbeat' },
      { sb: 'proxy', v: 1, type: 'nope' }, { sb: 'proxy', v: 1, type: 'pc.event', pcId: 'pc-1', event: 'track', state: {}, data: {} },
      { sb: 'proxy', v: 1, type: 'result', id: 'r-1', ok: false, error: 'x' }, { sb: 'proxy', v: 1, type: 'toString' },
    ];
    for (const g of garbage) r.pair.main.receive!(g as object);
    expect(errorCodes(r)).toEqual(garbage.map(() => 'PROXY_INVALID_MESSAGE'));
    // still working: DTMF reaches the remote
    r.client.call.sendDTMF(callId, '7');
    await until(() => r!.far.peers.last().senders[0]!.dtmf!.inserted.length === 1);
    expect(r.client.call.getById(callId)?.state).toBe('Connected');
  });

  test('garbage to the remote: logged, answered with an error when it has an id, never a crash', async () => {
    r = rig();
    await r.ready();
    const before = r.far.warnings.length;
    r.pair.remote.receive!({ sb: 'proxy', v: 1, type: 'media.get', id: 'x-1', source: 'camera', constraints: {} });
    r.pair.remote.receive!({ nonsense: true });
    r.pair.remote.receive!({ sb: 'proxy', v: 1, type: 'pc.call', id: 'x-2', pcId: 'nope', method: 'close', args: [] });
    await until(() => r!.pair.of('main', 'result').some((m) => m.id === 'x-2'));
    expect(r.far.warnings.length - before).toBe(2);
    expect(r.pair.of('main', 'error')).toEqual([expect.objectContaining({ id: 'x-1', error: expect.objectContaining({ code: 'PROXY_INVALID_MESSAGE' }) })]);
    expect(r.pair.of('main', 'result').find((m) => m.id === 'x-2')).toMatchObject({ ok: false, error: { name: 'NotFoundError' } });
    // the main side reports the remote's error message (it has no request x-1 waiting)
    await until(() => errorCodes(r!).includes('PROXY_REMOTE_ERROR'));
    expect(r.far.remote.info().initialized).toBe(true);
  });

  test('a lost channel mid-call: PROXY_CHANNEL_LOST, the call ends at the gateway; the remote closes everything', async () => {
    r = rig({ proxy: { heartbeatInterval: 10, heartbeatTimeout: 60 } });
    const callId = await connectedCall(r);
    const remotePc = r.far.peers.last();
    const mic = r.far.media.mediaDevices.granted[0]!;
    r.pair.cut();
    await until(() => r!.client.call.getById(callId)?.state === 'Ended');
    expect(errorCodes(r)).toContain('PROXY_CHANNEL_LOST');
    const ended = r.t.of('call:stateChange').find((e) => e.callId === callId && e.state === 'Ended')!;
    expect(ended.error?.code).toBe('PROXY_CHANNEL_LOST');
    await until(() => r!.t.fetch.requests.some((q) => q.method === 'DELETE' && q.path.includes('leg-1')));
    expect(info(r)).toMatchObject({ remoteInitialized: false, proxyMode: true });
    expect(r.t.of('proxy:change').length).toBeGreaterThanOrEqual(4);
    // the remote noticed the silence too
    await until(() => remotePc.closed && mic.readyState === 'ended');
    expect(r.far.remote.info()).toMatchObject({ initialized: false, peerConnections: 0, tracks: 0 });
    // a new call fails at once (no hanging request) until the remote is initialised again
    const next = r.client.call.make('bob@example.com', { audio: true });
    await until(() => r!.client.call.getById(next)?.state === 'Ended');
  });
});
