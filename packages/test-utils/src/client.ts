/** `createTestClient`: a real client with the first-party plugins wired to the fakes. */
import { createClient, type AnyPlugin, type ConfigInput, type SdkEventMap } from '@switchboard/core';
import { connectivityPlugin } from '@switchboard/connectivity';
import { mediaPlugin } from '@switchboard/media';
import { callPlugin } from '@switchboard/call';
import { DEFAULT_DEVICES } from './media/devices';
import { fakeMediaEnvironment, type FakeMediaEnvironment } from './media/environment';
import { fakeFetch, type FakeFetch, type FetchHandler } from './network/fetch';
import { linkGateway } from './network/linkGateway';
import { asWebSocket, fakeWebSockets, type FakeWebSocket } from './network/webSocket';
import { fakePeerConnections, type FakePeerConnectionOptions, type FakePeerConnections } from './webrtc/peerConnection';

/** A first-party plugin that {@link createTestClient} can install, wired to the fakes. @public */
export type BuiltinPlugin = 'connectivity' | 'media' | 'call';

/** The plugins of a test client: the three built-ins, then yours. @public */
export type TestClientPlugins<P extends readonly AnyPlugin[]> = readonly [
  ReturnType<typeof connectivityPlugin>, ReturnType<typeof mediaPlugin>, ReturnType<typeof callPlugin>, ...P,
];

/** Options of {@link createTestClient}. @public */
export interface TestClientOptions<P extends readonly AnyPlugin[]> {
  /** Your plugins, installed after the built-in ones. */
  plugins?: P;
  /**
   * Config over the test defaults (silent logs, REST `https://gw.test:8443`, WebSocket
   * `wss://ws.test:9443`, fast reconnect timers); a section you pass replaces that default section.
   * Typed like `createClient`'s config for the installed plugins (a misspelled key is a compile error).
   */
  config?: ConfigInput<TestClientPlugins<P>>;
  /** Which first-party plugins to install. @default ['connectivity', 'media', 'call'] */
  builtins?: readonly BuiltinPlugin[];
  /** Credentials set on the client; `null` for none. @default alice@example.com / alice-secret */
  credentials?: {
    /** The username. */
    username: string;
    /** The password. */
    password: string;
  } | null;
  /** Answers the client's HTTP requests: a handler, or a {@link fakeFetch} you keep. @default {@link linkGateway} */
  fetch?: FetchHandler | FakeFetch;
  /** The fake WebSocket class to use. @default a new isolated class ({@link fakeWebSockets}) */
  sockets?: typeof FakeWebSocket;
  /** Options of every fake peer connection. */
  peerConnection?: FakePeerConnectionOptions;
}

/** Every recorded event of the client. @public */
export interface RecordedEvent {
  /** The event's name. */
  type: string;
  /** Its listener arguments. */
  args: unknown[];
}

/** What {@link createTestClient} returns. @public */
export interface TestClient<C> {
  /** The client. */
  client: C;
  /** The fake fetch: `requests`, and `handler` to script replies. */
  fetch: FakeFetch;
  /** The fake WebSocket class: `sockets.last().serverMessage(...)`, `sockets.instances`, `sockets.autoOpen`. */
  sockets: typeof FakeWebSocket;
  /** The fake media environment: devices, getUserMedia/getDisplayMedia calls, granted tracks, the document. */
  media: FakeMediaEnvironment;
  /** Every fake peer connection the call plugin created. */
  peers: FakePeerConnections;
  /** Every event the client emitted, in order. */
  events: RecordedEvent[];
  /** The first payloads of the events of `type`, typed by the event map. */
  of<K extends keyof SdkEventMap & string>(type: K): Array<SdkEventMap[K][0]>;
  /**
   * Resolves with the first payload of the next event of `type` (emitted after this call) that
   * `predicate` accepts. It waits for the event itself: pair it with jest's test timeout.
   */
  next<K extends keyof SdkEventMap & string>(type: K, predicate?: (payload: SdkEventMap[K][0]) => boolean): Promise<SdkEventMap[K][0]>;
  /** Destroys the client (idempotent; call it in afterEach). */
  destroy(): Promise<void>;
}

const BUILTINS: readonly BuiltinPlugin[] = ['connectivity', 'media', 'call'];

const BASE_CONFIG = {
  logs: { logLevel: 'silent' },
  authentication: { server: { base: 'gw.test', protocol: 'https', port: 8443 } },
  subscription: { websocket: { server: 'ws.test', protocol: 'wss', port: 9443 } },
  connectivity: { reconnectDelay: 10, reconnectLimit: 2, reconnectTimeLimit: 50, pingInterval: 1000 },
};

/**
 * Creates a real client whose first-party plugins (`connectivity`, `media`, `call` by default) run
 * on the fakes — fake fetch answered by {@link linkGateway}, fake WebSockets, a fake media
 * environment with {@link DEFAULT_DEVICES}, fake peer connections — plus your `plugins`, with
 * credentials set and every event recorded. Nothing touches the network or a device. The client is
 * typed as if all three built-ins were installed, whatever `builtins` says.
 * @throws TypeError when `options` is not an object or `builtins` names an unknown plugin
 * @example
 * ```ts
 * const t = createTestClient({ plugins: [myPlugin()] })
 * t.client.services.subscribe(['call'])
 * await until(() => t.of('subscription:change').length > 0)
 * await t.destroy()
 * ```
 * @public
 */
export function createTestClient<const P extends readonly AnyPlugin[] = []>(options: TestClientOptions<P> = {}) {
  if (typeof options !== 'object' || options === null) throw new TypeError('createTestClient(options): options must be an object');
  const builtins = options.builtins ?? ['connectivity', 'media', 'call'];
  if (!Array.isArray(builtins) || builtins.some((b) => !BUILTINS.includes(b))) {
    throw new TypeError(`createTestClient(options): builtins must be an array of ${BUILTINS.map((b) => `'${b}'`).join(', ')}`);
  }
  const fetch = typeof options.fetch === 'object' ? options.fetch : fakeFetch(options.fetch ?? linkGateway());
  const sockets = options.sockets ?? fakeWebSockets();
  const media = fakeMediaEnvironment({ devices: DEFAULT_DEVICES });
  const peers = fakePeerConnections(options.peerConnection);
  const plugins: AnyPlugin[] = [];
  if (builtins.includes('connectivity')) plugins.push(connectivityPlugin({ fetch: fetch.fetch, WebSocket: asWebSocket(sockets) }));
  if (builtins.includes('media')) plugins.push(mediaPlugin({ environment: media.environment }));
  if (builtins.includes('call')) plugins.push(callPlugin({ peerConnectionFactory: peers.factory }));
  const client = createClient({
    plugins: [...plugins, ...(options.plugins ?? [])] as unknown as TestClientPlugins<P>,
    // options.config is untyped here (a plain record): the client's own checks apply at run time
    config: { ...BASE_CONFIG, ...options.config } as never,
  });
  const credentials = options.credentials === undefined ? { username: 'alice@example.com', password: 'alice-secret' } : options.credentials;
  if (credentials) client.setCredentials(credentials);
  const events: RecordedEvent[] = [];
  const waiters = new Set<{ type: string; accept(payload: unknown): boolean; resolve(payload: unknown): void }>();
  client.subscribe((type, ...args) => {
    events.push({ type, args });
    for (const w of [...waiters]) {
      if (w.type === type && w.accept(args[0])) {
        waiters.delete(w);
        w.resolve(args[0]);
      }
    }
  });
  let destroying: Promise<void> | undefined;
  const result: TestClient<typeof client> = {
    client,
    fetch,
    sockets,
    media,
    peers,
    events,
    of: (type) => events.filter((e) => e.type === type).map((e) => e.args[0] as never),
    next: (type, predicate = () => true) =>
      new Promise((resolve) => void waiters.add({ type, accept: predicate as (payload: unknown) => boolean, resolve: resolve as (payload: unknown) => void })),
    destroy: () => (destroying ??= client.destroy()),
  };
  return result;
}
