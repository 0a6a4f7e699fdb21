/** The `connection` namespace (seed 000 `connection`). */
import type { ConnectivityConfig, SubscriptionConfig } from '../config';
import { check, need } from './validate';
import type { WebSocketChannel } from '../internal/WebSocketChannel';
import type { ReportedConnectivitySettings, WSConnectionObject } from '../types';

/** The `connection` namespace. @public */
export interface ConnectionApi {
  /**
   * The state and settings of the websocket.
   * @param platform the backend platform; only `'link'`. @default 'link'
   */
  getSocketState(platform?: string): WSConnectionObject;
  /** Turns keepalive checking on or off at runtime (overrides `connectivity.checkConnectivity`). */
  enableConnectivityChecking(enable: boolean): void;
  /** Drops the websocket and reconnects (normal lifecycle events); no effect without an open socket. */
  resetConnection(): void;
}

/** What the namespace reads. @internal */
export interface ConnectionApiDeps {
  channel: WebSocketChannel;
  connectivity(): ConnectivityConfig;
  subscription(): SubscriptionConfig;
  /** Websocket host actually used (config, or the REST host). */
  wsServer(): string | undefined;
  channelPath(): string | undefined;
}

/** The connectivity settings `getSocketState` reports (the keys of ReportedConnectivitySettings). */
const REPORTED = [
  'pingInterval', 'reconnectLimit', 'reconnectDelay', 'reconnectTimeMultiplier', 'reconnectTimeLimit', 'autoReconnect', 'maxMissedPings',
  'webSocketOAuthMode',
] as const satisfies ReadonlyArray<keyof ReportedConnectivitySettings>;

/** Builds the `connection` namespace. @internal */
export function createConnectionApi(d: ConnectionApiDeps): ConnectionApi {
  const m = 'connection.getSocketState()';
  return {
    getSocketState(platform = 'link') {
      need(typeof platform === 'string', m, 'platform must be a string');
      check(platform.toLowerCase() === 'link', m, `unknown platform "${platform}"`);
      const c = d.connectivity();
      const { protocol, port } = d.subscription().websocket;
      const { lastUrl, lastContact } = d.channel;
      return {
        ...(Object.fromEntries(REPORTED.map((k) => [k, c[k]])) as ReportedConnectivitySettings),
        connected: d.channel.isConnected(),
        pinging: false,
        method: { type: 'keepAlive', responsibleParty: 'client' },
        platform: 'link',
        wsInfo: { protocol, server: d.wsServer(), port, url: d.channelPath(), params: lastUrl.split('?')[1] ?? '' },
        lastContact,
      };
    },
    enableConnectivityChecking(enable) {
      need(typeof enable === 'boolean', 'connection.enableConnectivityChecking()', 'enable must be a boolean');
      d.channel.checking = enable;
      d.channel.refreshKeepalive();
    },
    resetConnection: () => d.channel.reset(),
  };
}
