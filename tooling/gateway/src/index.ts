/**
 * The Switchboard reference gateway: Kandy Link REST v1 + WebSocket notifications
 * (protocol `link-rest-v1.md` §18) for local development and tests.
 */
import { WebSocketServer } from 'ws';
import { Authenticator } from './auth';
import { CallManager } from './calls';
import { ChannelRegistry } from './channel-registry';
import { resolveSettings } from './config';
import { createHooks, hookRoutes } from './hooks';
import { PushStore } from './push';
import { Router } from './router';
import { apiRoutes } from './routes';
import { createServer, listen, urlHost } from './server';
import { staticFallback } from './static';
import { openStore } from './store';
import { SubscriptionManager } from './subscriptions';
import { TimerSet } from './timers';
import { TokenStore } from './tokens';
import type { Gateway, GatewayOptions } from './types';
import { DEMO_USERS, UserDirectory, loadUsersFile } from './users';
import { handleUpgrade } from './websocket';

export type {
  Gateway,
  GatewayHooks,
  GatewayOptions,
  UserRecord,
  TlsOptions,
  TokenKind,
  SubscriptionSnapshot,
  CallSnapshot,
  LegSnapshot,
  NotificationOrder,
  NotificationTimingEvent,
} from './types';
export { DEMO_USERS } from './users';
export { hmacToken } from './auth';

/**
 * Starts a gateway. Resolves once it is listening.
 * @public
 */
export async function startGateway(options: GatewayOptions = {}): Promise<Gateway> {
  const settings = resolveSettings(options);
  const list = typeof options.users === 'string' ? loadUsersFile(options.users) : (options.users ?? DEMO_USERS);
  const users = new UserDirectory(list);
  const store = openStore(settings.data, settings.log);
  const timers = new TimerSet();
  const tokens = new TokenStore(store);
  const channels = new ChannelRegistry(settings, timers, store);
  const removed: { calls?: CallManager } = {};
  const subs = new SubscriptionManager(settings, timers, channels, (sub, _reason, defer) => removed.calls?.onSubscriptionRemoved(sub, defer), store);
  const calls = new CallManager(settings, timers, users, subs, store);
  removed.calls = calls;
  const push = new PushStore(settings, timers, store);
  const authenticator = new Authenticator(users, tokens, (id) => subs.session(id));
  const hooks = createHooks({ users, tokens, subs, calls, push });

  const router = new Router(authenticator, settings.log, settings.staticDir ? staticFallback(settings.staticDir) : undefined);
  router.add(apiRoutes({ subs, calls, push, users }));
  if (settings.testEndpoints) router.add(hookRoutes(hooks));

  let server: ReturnType<typeof createServer> | undefined;
  let port: number;
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  try {
    server = createServer((req, res) => void router.handle(req, res), options.tls);
    server.on('upgrade', (req, socket, head) =>
      handleUpgrade({ channels, authenticator, users, wss, log: settings.log }, req, socket, head),
    );
    port = await listen(server, settings.port, settings.host);
  } catch (err) {
    // Bad TLS material or a port in use: release what was already set up (the sweep timer).
    timers.clear();
    wss.close();
    store.close();
    throw err;
  }
  const listening = server;
  const host = urlHost(settings.host);
  const secure = !!options.tls;
  settings.log(`listening on ${settings.host}:${port}`);

  let closing: Promise<void> | undefined;
  return {
    url: `${secure ? 'https' : 'http'}://${host}:${port}`,
    wsUrl: `${secure ? 'wss' : 'ws'}://${host}:${port}`,
    host: settings.host,
    port,
    hooks,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        timers.clear();
        subs.dispose();
        channels.dispose();
        for (const client of wss.clients) client.terminate();
        wss.close();
        listening.close(() => resolve());
        listening.closeAllConnections();
        store.close();
      });
      return closing;
    },
  };
}
