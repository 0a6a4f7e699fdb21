/**
 * The Switchboard reference gateway: Kandy Link REST v1 + WebSocket notifications
 * (protocol `link-rest-v1.md` §18) for local development and tests.
 */
import { AddressBook } from './address-book';
import { adminRoutes } from './admin-routes';
import { buildApp } from './app';
import { Authenticator } from './auth';
import { CallManager } from './calls';
import { ChannelRegistry } from './channel-registry';
import { resolveSettings } from './config';
import { CallHistory } from './history';
import { ChatGroups } from './groups';
import { createHooks, hookRoutes } from './hooks';
import { fileRoutes } from './file-routes';
import { FileService } from './files';
import { MessageService } from './messages';
import { PresenceService } from './presence';
import { PushStore } from './push';
import { apiRoutes } from './routes';
import { SipEvents } from './sip-events';
import { closeServer, listen, urlHost } from './server';
import { openStore } from './store';
import { SubscriptionManager } from './subscriptions';
import { TimerSet } from './timers';
import { TokenStore } from './tokens';
import type { Gateway, GatewayOptions } from './types';
import { DEMO_USERS, UserDirectory, loadUsersFile } from './users';
import { Voicemail } from './voicemail';

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
  MwiCounts,
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
  const removed: { calls?: CallManager; presence?: PresenceService } = {};
  const subs = new SubscriptionManager(settings, timers, channels, (sub, _reason, defer) => {
    removed.calls?.onSubscriptionRemoved(sub, defer);
    removed.presence?.onSubscriptionRemoved(sub);
  }, store);
  const history = new CallHistory(store, settings.maxHistoryRecordsPerUser);
  const calls = new CallManager(settings, timers, users, subs, store, history);
  removed.calls = calls;
  const push = new PushStore(settings, timers, store);
  const messages = new MessageService(settings, store, subs, users, new ChatGroups(settings, store));
  const presence = new PresenceService(settings, store, subs, users);
  removed.presence = presence;
  subs.onServicesChanged = (sub, before) => presence.onServicesChanged(sub, before);
  const contacts = new AddressBook(settings, store);
  const voicemail = new Voicemail(store, subs);
  const sipEvents = new SipEvents(store, subs, users, settings.maxSipEventSubscriptionsPerUser);
  calls.onCallActivity = (leg, onThePhone, defer) => sipEvents.callActivity(leg, onThePhone, defer);
  const authenticator = new Authenticator(users, tokens, (id) => subs.session(id));
  const hooks = createHooks({ users, tokens, subs, calls, push, channels, messages, voicemail, sipEvents });

  const routes = apiRoutes({ subs, calls, push, users, history, messages, presence, contacts, voicemail, sipEvents });
  routes.push(...fileRoutes(new FileService(settings, users, messages.groups)));
  if (settings.testEndpoints) routes.push(...hookRoutes(hooks));
  if (settings.adminToken !== undefined) routes.push(...adminRoutes(hooks, settings.adminToken));

  let built: Awaited<ReturnType<typeof buildApp>> | undefined;
  let port: number;
  let httpsPort: number | undefined;
  try {
    built = await buildApp(settings, options.tls, { routes, deps: { authenticator, channels, users } });
    await built.app.ready();
    port = await listen(built.servers.http, settings.port, settings.host);
    if (built.servers.https) httpsPort = await listen(built.servers.https, settings.httpsPort, settings.host);
  } catch (err) {
    // Bad TLS material or a port in use: release what was already set up (the sweep timer, a listener).
    timers.clear();
    if (built) {
      await Promise.all([closeServer(built.servers.http), built.servers.https && closeServer(built.servers.https)]);
      await built.app.close();
    }
    store.close();
    throw err;
  }
  const { app, servers } = built;
  const host = urlHost(settings.host);
  settings.log(`listening on ${settings.host}:${port}${httpsPort === undefined ? '' : ` (https ${httpsPort})`}`);

  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    wsUrl: `ws://${host}:${port}`,
    httpsUrl: httpsPort === undefined ? undefined : `https://${host}:${httpsPort}`,
    wssUrl: httpsPort === undefined ? undefined : `wss://${host}:${httpsPort}`,
    host: settings.host,
    port,
    httpsPort,
    hooks,
    close: () => {
      closing ??= (async () => {
        timers.clear();
        subs.dispose();
        channels.dispose();
        for (const client of app.websocketServer.clients) client.terminate();
        await Promise.all([closeServer(servers.http), servers.https && closeServer(servers.https)]);
        await app.close().finally(() => store.close());
      })();
      return closing;
    },
  };
}
