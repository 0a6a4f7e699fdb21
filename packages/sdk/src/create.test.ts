import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createContext, runInContext } from 'node:vm';
import { BasicError, createClient } from '@switchboard/core';
import { connectivityPlugin } from '@switchboard/connectivity';
import { mediaPlugin } from '@switchboard/media';
import { callPlugin, sdpHandlers as callSdpHandlers } from '@switchboard/call';
import { asWebSocket, fakeFetch, fakeMediaEnvironment, fakePeerConnections, fakeWebSockets, linkGateway } from '@switchboard/test-utils';
import { create, definePreset, sdpHandlers, type SdkClient, type SdkOptions } from '@switchboard/sdk';

const quiet = { logs: { logLevel: 'silent' } } as const;

/** Plugin options over the fakes, so that nothing touches the network or a device. */
function fakes(): SdkOptions {
  return {
    connectivity: { fetch: fakeFetch(linkGateway()).fetch, WebSocket: asWebSocket(fakeWebSockets()) },
    media: { environment: fakeMediaEnvironment().environment },
    call: { peerConnectionFactory: fakePeerConnections().factory },
  };
}

/** The error `fn` throws (fails the test when it throws none). */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

describe('create', () => {
  const clients: SdkClient[] = [];
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.destroy()));
  });
  const track = (client: SdkClient) => (clients.push(client), client);

  it('installs the proxy plugin; media.environment and call.peerConnectionFactory become its local (proxy mode off) parts', async () => {
    const media = fakeMediaEnvironment();
    const client = track(create(quiet, { ...fakes(), media: { environment: media.environment } }));
    expect(client.proxy.getInfo()).toMatchObject({ proxyMode: false, hasChannel: false });
    client.media.initializeDevices();
    await new Promise<void>((resolve) => client.on('devices:change', () => resolve()));
    expect(media.mediaDevices.userMediaCalls).toHaveLength(1);
  });

  it('returns a client with the call, media and connection namespaces', () => {
    const client = track(create(quiet, fakes()));
    expect(typeof client.call.make).toBe('function');
    expect(typeof client.call.answer).toBe('function');
    expect(typeof client.media.getById).toBe('function');
    expect(typeof client.connection.getSocketState).toBe('function');
    expect(typeof client.services.subscribe).toBe('function');
    expect(typeof client.sip.subscribe).toBe('function');
    expect(client.sip.getDetails()).toEqual({});
    expect(typeof client.getVersion()).toBe('string');
  });

  it('applies the config of core and of every plugin', () => {
    const client = track(
      create(
        {
          ...quiet,
          authentication: { server: { base: '127.0.0.1', protocol: 'http', port: 8080 } },
          connectivity: { pingInterval: 12345 },
          call: { iceCollectionMaxTimeout: 4321 },
        },
        fakes(),
      ),
    );
    const config = client.getConfig();
    expect(config.authentication.server).toEqual(expect.objectContaining({ base: '127.0.0.1', protocol: 'http', port: 8080 }));
    expect(config.connectivity.pingInterval).toBe(12345);
    expect(config.call.iceCollectionMaxTimeout).toBe(4321);
  });

  it('throws the same INVALID_CONFIG error as createClient for a bad value', () => {
    const bad = { ...quiet, call: { iceCollectionMaxTimeout: -1 } };
    const ours = thrown(() => create(bad, fakes()));
    const core = thrown(() => createClient({ plugins: [connectivityPlugin(), mediaPlugin(), callPlugin()], config: bad }));
    expect(ours).toBeInstanceOf(BasicError);
    expect((ours as BasicError).code).toBe('INVALID_CONFIG');
    expect((ours as BasicError).code).toBe((core as BasicError).code);
    expect((ours as BasicError).message).toBe((core as BasicError).message);
  });

  it('throws a TypeError for a config or options that is not an object', () => {
    expect(() => create('nope' as never)).toThrow(TypeError);
    expect(() => create(null as never)).toThrow(TypeError);
    expect(() => create(quiet, 42 as never)).toThrow(TypeError);
  });

  it('refuses an options key that names no plugin with INVALID_ARGUMENT, before any plugin is created', () => {
    expect(() => create(quiet, { calll: {} } as never)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('options.calll') }));
    const factory = jest.fn(connectivityPlugin);
    const createOne = definePreset({ connectivity: factory });
    expect(() => createOne(quiet, { connectivity: {}, media: {} })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(factory).not.toHaveBeenCalled();
  });

  it('re-exports the call package sdpHandlers', () => {
    expect(sdpHandlers).toBe(callSdpHandlers);
    expect(typeof sdpHandlers.createCodecRemover).toBe('function');
  });
});

describe('definePreset', () => {
  it('builds a create over the given factories, each called with its options', async () => {
    const createConnectivity = definePreset({ connectivity: connectivityPlugin });
    const client = createConnectivity(quiet, { connectivity: fakes().connectivity });
    expect(client.getPlugins().map((p) => p.id)).toEqual(['connectivity']);
    expect('call' in client).toBe(false);
    await client.destroy();
  });

  it('throws a TypeError for factories that are not plugin factories', () => {
    expect(() => definePreset(null as never)).toThrow(TypeError);
    expect(() => definePreset({ call: 'callPlugin' as never })).toThrow(/factories.call must be a plugin factory/);
  });
});

describe('switchboard.min.js', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'switchboard-iife-'));
    execFileSync(process.execPath, [join(__dirname, '..', 'scripts', 'iife.mjs'), '--out', dir], { stdio: 'pipe' });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is a minified IIFE that defines the global Switchboard.create and Switchboard.sdpHandlers', () => {
    const code = readFileSync(join(dir, 'switchboard.min.js'), 'utf8');
    expect(code.split('\n').length).toBeLessThan(50);
    const context = createContext({});
    runInContext(code, context);
    const global = context as { Switchboard?: { create?: unknown; sdpHandlers?: { createCodecRemover?: unknown } } };
    expect(typeof global.Switchboard?.create).toBe('function');
    expect(typeof global.Switchboard?.sdpHandlers?.createCodecRemover).toBe('function');
  });

  it('creates a working client inside the context (config applied, namespaces present)', async () => {
    const context = createContext({ setTimeout, clearTimeout, setInterval, clearInterval, queueMicrotask });
    runInContext(readFileSync(join(dir, 'switchboard.min.js'), 'utf8'), context);
    // the config is built inside the context: core accepts only plain objects of its own realm
    const summary: unknown = runInContext(
      `globalThis.client = Switchboard.create({ logs: { logLevel: 'silent' }, call: { iceCollectionMaxTimeout: 4321 } });
       [typeof client.call.make, typeof client.media.getById, typeof client.connection.getSocketState, client.getConfig().call.iceCollectionMaxTimeout]`,
      context,
    );
    expect(summary).toEqual(['function', 'function', 'function', 4321]);
    await (runInContext('client.destroy()', context) as Promise<void>);
  });
});
