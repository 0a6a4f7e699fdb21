/**
 * Proxy-mode steps shared by proxy.test.ts, the demo test and the proxy call-setup bench: the
 * remote page (static/remote.html running `createRemote` over the relay of src/proxyRelay.ts) and
 * an app page whose SDK runs in proxy mode over the same room (setChannel → initializeRemote →
 * setProxyMode(true), each step waited for on `client.proxy.getInfo()`).
 */
import type { E2EPage, DemoUser, PluginEntry } from './e2ePage';
import type { Harness } from './harness';
import type { ProxyRelay } from './proxyRelay';

const js = (v: unknown) => JSON.stringify(v);

/** The plugin the app page adds for proxy mode (a factory of the SDK bundle). */
export const PROXY_PLUGIN = 'proxyPlugin';

/**
 * Heartbeats of the tests: a lost channel is declared after 2 s without anything from the remote
 * (the defaults, 2 s / 6 s, would only make the lost-channel test slower).
 */
export const PROXY_TEST_CONFIG = { proxy: { heartbeatInterval: 500, heartbeatTimeout: 2000 } };

/** Opens `side`'s remote page and starts `createRemote` (with JSON `options`, e.g. `{ version }`) on the `remote` end of `room`. */
export async function openRemote(h: Harness, side: string, relay: ProxyRelay, room: string, options: Record<string, unknown> = {}): Promise<E2EPage> {
  const remote = await h.open(side, 'remote');
  await remote.eval(`E2EProxy.startRemote(${js(relay.urlFor(room, 'remote'))}, ${js(options)})`);
  return remote;
}

/** Expression: the app page's `client.proxy.getInfo()`. */
export const proxyInfo = '(client.proxy ? client.proxy.getInfo() : null)';

/**
 * On a logged-in app page: opens the `app` end of `room`, then `setChannel`, `initializeRemote`
 * and `setProxyMode(true)`, waiting after each for its effect in `getInfo()`.
 */
export async function enableProxyMode(app: E2EPage, relay: ProxyRelay, room: string): Promise<void> {
  await app.page.addScriptTag({ url: '/proxy.js' });
  await app.eval(`E2EProxy.connect(${js(relay.urlFor(room, 'app'))}).then((channel) => { client.proxy.setChannel(channel); return true; })`);
  await app.waitFor(`${proxyInfo}.hasChannel`, 'proxy channel set');
  await app.eval('(client.proxy.initializeRemote(), true)');
  await app.waitFor(`${proxyInfo}.remoteInitialized`, 'remote initialised');
  await app.eval('(client.proxy.setProxyMode(true), true)');
  await app.waitFor('client.proxy.getProxyMode() === true', 'proxy mode on');
}

/** Options of {@link openProxiedApp}. */
export interface ProxiedAppOptions {
  /** Plugins besides `proxyPlugin` (e.g. `callControlsPlugin`). */
  plugins?: readonly PluginEntry[];
  /** Extra config (a JS expression) merged over {@link PROXY_TEST_CONFIG}. */
  config?: string;
}

/** Opens `side`'s app page, logs `user` in with `proxyPlugin`, and turns proxy mode on over `room`. */
export async function openProxiedApp(h: Harness, side: string, user: DemoUser, relay: ProxyRelay, room: string, options: ProxiedAppOptions = {}): Promise<E2EPage> {
  const app = await h.open(side);
  const config = options.config ? `Object.assign(${js(PROXY_TEST_CONFIG)}, ${options.config})` : js(PROXY_TEST_CONFIG);
  await app.login(user, h.gateway!.port, config, [...(options.plugins ?? []), PROXY_PLUGIN]);
  await enableProxyMode(app, relay, room);
  return app;
}

/** What a page's init script counted (static/init.js): peer connections made, getUserMedia / getDisplayMedia calls. */
export interface WebRtcCounts {
  peerConnections: number;
  getUserMedia: number;
  getDisplayMedia: number;
}

/** The page's {@link WebRtcCounts}. */
export function webRtcCounts(page: E2EPage): Promise<WebRtcCounts> {
  return page.eval('({ peerConnections: __e2e.pcs.length, getUserMedia: __e2e.gumCalls, getDisplayMedia: __e2e.displayCalls })');
}

/** The `proxy:error` codes the app page has logged so far, in order. */
export async function proxyErrorCodes(app: E2EPage): Promise<string[]> {
  const errors = await app.events<{ error?: { code?: string } }>('proxy:error');
  return errors.map((e) => String(e.error?.code));
}
