/** The `connection` namespace (seed 000 `connection`). */
import type { ConnectivityConfig, SubscriptionConfig } from '../config';
import { invalidArgument } from '../errors';
import type { WebSocketChannel } from '../internal/WebSocketChannel';
import type { WSConnectionObject } from '../types';

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

/** Builds the `connection` namespace. @internal */
export function createConnectionApi(d: ConnectionApiDeps): ConnectionApi {
  return {
    getSocketState(platform = 'link') {
      if (typeof platform !== 'string') throw new TypeError('connection.getSocketState(platform): platform must be a string');
      if (platform.toLowerCase() !== 'link') throw invalidArgument('connection.getSocketState()', `unknown platform "${platform}"; only 'link' exists.`);
      const c = d.connectivity();
      const ws = d.subscription().websocket;
      const url = d.channel.lastUrl;
      const q = url.indexOf('?');
      return {
        connected: d.channel.isConnected(),
        pinging: false,
        method: { type: 'keepAlive', responsibleParty: 'client' },
        platform: 'link',
        pingInterval: c.pingInterval,
        reconnectLimit: c.reconnectLimit,
        reconnectDelay: c.reconnectDelay,
        reconnectTimeMultiplier: c.reconnectTimeMultiplier,
        reconnectTimeLimit: c.reconnectTimeLimit,
        autoReconnect: c.autoReconnect,
        maxMissedPings: c.maxMissedPings,
        webSocketOAuthMode: c.webSocketOAuthMode,
        wsInfo: { protocol: ws.protocol, server: d.wsServer(), port: ws.port, url: d.channelPath(), params: q >= 0 ? url.slice(q + 1) : '' },
        lastContact: d.channel.lastContact,
      };
    },
    enableConnectivityChecking(enable) {
      if (typeof enable !== 'boolean') throw new TypeError('connection.enableConnectivityChecking(enable): enable must be a boolean');
      d.channel.checking = enable;
      d.channel.refreshKeepalive();
    },
    resetConnection() {
      d.channel.reset();
    },
  };
}
