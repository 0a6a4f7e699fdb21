/**
 * The notification websocket (protocol §3) on reconnecting-websocket: reconnect delays from
 * `config.connectivity`, the URL rebuilt on every attempt (fresh tokens), the `ping` keepalive,
 * and the close-code rules of §3.6 (server 1000 = lost for good; other codes reconnect until
 * `reconnectLimit` attempts have failed).
 */
import ReconnectingWebSocket from 'reconnecting-websocket';
import type { Logger } from '@switchboard/core';
import type { ConnectivityConfig } from '../config';

/** Why the channel gave up: the server closed it normally, or reconnecting failed. @internal */
export type LostCause = 'closed' | 'exhausted';

/** What the channel reports. @internal */
export interface ChannelListener {
  /** The socket opened (after a reconnection; the first open resolves `open()` instead). */
  open(): void;
  /** An open socket closed; reconnection follows. */
  drop(): void;
  /** The channel gave up after having been open (not called when the first open fails). */
  lost(cause: LostCause): void;
  /** A frame arrived. */
  message(data: unknown): void;
}

/** What the channel needs. @internal */
export interface ChannelDeps {
  WebSocket: unknown;
  config(): ConnectivityConfig;
  /** Builds the URL; called for every attempt. */
  url(): string;
  logger: Logger;
  listener: ChannelListener;
}

/** @internal */
export interface WebSocketChannel {
  /** Runtime override of `checkConnectivity` (`enableConnectivityChecking`). */
  checking: boolean | undefined;
  /** Last frame received or last open (ms since epoch). */
  lastContact: number;
  /** The URL of the current/last attempt. */
  lastUrl: string;
  /** Whether the socket is open. */
  isConnected(): boolean;
  /** Opens the channel; resolves on the first open, rejects when every attempt failed or it was closed first. */
  open(): Promise<void>;
  /** Closes the channel for good (no events). */
  close(): void;
  /** Drops the socket and reconnects right away (`connection.resetConnection`). No-op without an open socket. */
  reset(): void;
  /** Starts or stops the keepalive now, after `checking`/config changed. */
  refreshKeepalive(): void;
}

/** Time a socket must stay open before the retry count resets (mirrors reconnecting-websocket's minUptime). */
const MIN_UPTIME_MS = 1000;
const PING = '{"message_type":"ping"}';

/**
 * Wraps a WebSocket constructor so that Node's `ws` sockets always keep an `error` listener:
 * reconnecting-websocket removes its listeners before closing a connecting socket, and `ws`
 * would otherwise raise the abort error as an uncaught exception.
 * @internal
 */
export function guardWebSocket(Ctor: unknown): unknown {
  const Base = Ctor as new (...args: unknown[]) => { on?: (e: string, l: () => void) => void };
  return Object.assign(
    function Guarded(...args: unknown[]) {
      const ws = new Base(...args.filter((a) => a !== undefined));
      ws.on?.('error', () => undefined);
      return ws;
    },
    { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 },
  );
}

/** Creates the channel. @internal */
export function createWebSocketChannel(deps: ChannelDeps): WebSocketChannel {
  const { logger, listener } = deps;
  let rws: ReconnectingWebSocket | undefined;
  let connected = false;
  let opened = false;
  let retries = 0;
  let maxRetries = Infinity;
  let uptimeTimer: ReturnType<typeof setTimeout> | undefined;
  let pingTimer: ReturnType<typeof setInterval> | undefined;
  let waiter: { resolve(): void; reject(error: Error): void } | undefined;

  const send = () => {
    try {
      if (connected) rws?.send(PING);
    } catch (error) {
      logger.warn('websocket send failed', error);
    }
  };
  const stopTimers = () => {
    clearInterval(pingTimer);
    clearTimeout(uptimeTimer);
    pingTimer = uptimeTimer = undefined;
  };
  /** Settles the pending `open()` (rejects with `error` when given); returns whether there was one. */
  const settle = (error?: Error) => {
    const w = waiter;
    waiter = undefined;
    if (error) w?.reject(error);
    else w?.resolve();
    return !!w;
  };

  function onClose(r: ReconnectingWebSocket, event: { code?: number; reason?: string; target?: unknown }) {
    const wasConnected = connected;
    connected = false;
    stopTimers();
    // Events synthesised by reconnecting-websocket (errors, timeouts) target it and always say 1000.
    const serverNormalClose = wasConnected && event.target !== r && event.code === 1000;
    logger.info(`websocket closed [code:${event.code}]`, event.reason);
    // reconnecting-websocket has already scheduled the next attempt unless its retries ran out.
    const exhausted = retries >= maxRetries;
    if (!exhausted) retries++;
    const final = serverNormalClose || exhausted || (wasConnected && !deps.config().autoReconnect);
    if (final) {
      rws = undefined;
      r.close();
      if (settle(new Error('websocket could not be opened')) || !opened) return;
    }
    if (wasConnected) listener.drop();
    if (final) listener.lost(serverNormalClose ? 'closed' : 'exhausted');
  }

  const ch: WebSocketChannel = {
    checking: undefined,
    lastContact: 0,
    lastUrl: '',
    isConnected: () => connected,
    open() {
      ch.close();
      const c = deps.config();
      maxRetries = c.reconnectLimit || Infinity;
      retries = 0;
      opened = false;
      const promise = new Promise<void>((resolve, reject) => (waiter = { resolve, reject }));
      const url = () => {
        try {
          ch.lastUrl = deps.url();
        } catch (error) {
          // NOTE: reconnecting-websocket would turn a throw into an unhandled rejection; reuse the last URL.
          logger.warn('websocket URL not rebuilt; reusing the previous one', error);
        }
        return ch.lastUrl;
      };
      const r = (rws = new ReconnectingWebSocket(url, undefined, {
        WebSocket: guardWebSocket(deps.WebSocket),
        minReconnectionDelay: c.reconnectDelay,
        reconnectionDelayGrowFactor: c.reconnectTimeMultiplier,
        maxReconnectionDelay: c.reconnectTimeLimit,
        maxRetries,
        connectionTimeout: Math.max(c.reconnectDelay, 2000),
        minUptime: MIN_UPTIME_MS,
        maxEnqueuedMessages: 0,
      }));
      r.addEventListener('open', () => {
        if (rws !== r) return;
        connected = opened = true;
        ch.lastContact = Date.now();
        uptimeTimer = setTimeout(() => (retries = 0), MIN_UPTIME_MS);
        logger.info('websocket connected');
        ch.refreshKeepalive();
        if (!settle()) listener.open();
      });
      r.addEventListener('message', (event) => {
        if (rws !== r) return;
        ch.lastContact = Date.now();
        listener.message(event.data);
      });
      r.addEventListener('close', (event) => {
        if (rws === r) onClose(r, event);
      });
      return promise;
    },
    close() {
      const r = rws;
      rws = undefined;
      connected = false;
      stopTimers();
      settle(new Error('websocket closed before it opened'));
      r?.close();
    },
    reset() {
      if (!rws || !connected) return;
      logger.info('resetConnection(): reconnecting the websocket');
      retries = -1; // reconnect() restarts reconnecting-websocket's count the same way
      rws.reconnect();
    },
    refreshKeepalive() {
      clearInterval(pingTimer);
      pingTimer = undefined;
      const c = deps.config();
      if (!connected || !(ch.checking ?? c.checkConnectivity)) return;
      send();
      pingTimer = setInterval(send, c.pingInterval);
    },
  };
  return ch;
}
