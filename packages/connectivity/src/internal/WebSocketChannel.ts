/**
 * The notification websocket (protocol §3) with its own reconnect loop: attempt n waits
 * `min(reconnectDelay × reconnectTimeMultiplier^(n-1), reconnectTimeLimit)`, each attempt may take
 * `max(reconnectDelay, 2000)` ms to open, at most `reconnectLimit` attempts in a row (0 = unlimited);
 * the URL is rebuilt for every attempt (fresh tokens); `ping` keepalive; and the close-code rules of
 * §3.6 (server 1000 = lost for good, other codes reconnect).
 *
 * NOTE: not reconnecting-websocket. Its model fought these rules: it synthesises close events with
 * code 1000 for its own timeouts, removes listeners before closing a connecting socket (Node's `ws`
 * then throws), keeps its own retry counter, and cannot cancel a pending retry timer, so `destroy()`
 * could leave a timer behind. This loop is ~80 lines and saves ~2.8 KB min+gzip.
 */
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

const PING = '{"message_type":"ping"}';
const noop = () => undefined;

interface Socket {
  addEventListener(type: string, listener: (event: { code?: number; reason?: string; data?: unknown }) => void): void;
  send(data: string): void;
  close(code?: number): void;
}

/** Creates the channel. @internal */
export function createWebSocketChannel(deps: ChannelDeps): WebSocketChannel {
  const { logger, listener } = deps;
  let socket: Socket | undefined;
  let connected = false;
  let opened = false;
  let attempts = 0; // attempts made in the current series (since the last open)
  let waits = 0; // delays scheduled in the current series
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let openTimer: ReturnType<typeof setTimeout> | undefined;
  let pingTimer: ReturnType<typeof setInterval> | undefined;
  let waiter: { resolve(): void; reject(error: Error): void } | undefined;

  const send = () => {
    try {
      if (connected) socket?.send(PING);
    } catch (error) {
      logger.warn('websocket send failed', error);
    }
  };
  /** Detaches and closes the current socket, and clears every timer. */
  const drop = () => {
    clearInterval(pingTimer);
    clearTimeout(openTimer);
    clearTimeout(retryTimer);
    pingTimer = openTimer = retryTimer = undefined;
    const s = socket;
    socket = undefined;
    connected = false;
    if (!s) return;
    try {
      s.close();
    } catch {
      // already closed
    }
  };
  /** Settles the pending `open()` (rejects with `error` when given); returns whether there was one. */
  const settle = (error?: Error) => {
    const w = waiter;
    waiter = undefined;
    if (error) w?.reject(error);
    else w?.resolve();
    return !!w;
  };
  /** Gives up: rejects a pending open, or reports the loss of an opened channel. */
  const giveUp = (cause: LostCause) => {
    drop();
    if (!settle(new Error('websocket could not be opened')) && opened) listener.lost(cause);
  };
  /** Schedules the next attempt, or gives up once `reconnectLimit` attempts have failed. */
  const retry = () => {
    drop();
    const c = deps.config();
    if (c.reconnectLimit && attempts >= c.reconnectLimit) return giveUp('exhausted');
    const delay = Math.min(c.reconnectDelay * c.reconnectTimeMultiplier ** waits++, c.reconnectTimeLimit, 2 ** 31 - 1); // setTimeout overflows above 2^31-1 ms
    logger.info(`websocket reconnecting [attempt:${attempts + 1}] [delayMs:${delay}]`);
    retryTimer = setTimeout(connect, delay);
  };

  function connect() {
    const c = deps.config();
    attempts++;
    try {
      ch.lastUrl = deps.url();
    } catch (error) {
      logger.warn('websocket URL not rebuilt; reusing the previous one', error);
    }
    let s: Socket;
    try {
      s = socket = new (deps.WebSocket as new (url: string) => Socket)(ch.lastUrl);
    } catch (error) {
      logger.warn('websocket could not be created', error);
      return retry();
    }
    openTimer = setTimeout(retry, Math.max(c.reconnectDelay, 2000));
    // A failed socket also closes and the close handler decides; the permanent error listener
    // also keeps Node's `ws` from throwing when a connecting socket is closed.
    s.addEventListener('error', noop);
    // Events of a socket that was dropped or replaced are ignored.
    s.addEventListener('open', () => {
      if (socket !== s) return;
      clearTimeout(openTimer);
      connected = opened = true;
      attempts = waits = 0;
      ch.lastContact = Date.now();
      logger.info('websocket connected');
      ch.refreshKeepalive();
      if (!settle()) listener.open();
    });
    s.addEventListener('message', (event) => {
      if (socket !== s) return;
      ch.lastContact = Date.now();
      listener.message(event.data);
    });
    s.addEventListener('close', (event) => {
      if (socket !== s) return;
      const wasConnected = connected;
      logger.info(`websocket closed [code:${event.code}]`, event.reason);
      if (!wasConnected) return retry();
      drop();
      listener.drop();
      if (event.code === 1000) giveUp('closed');
      else if (!deps.config().autoReconnect) giveUp('exhausted');
      else retry();
    });
  }

  const ch: WebSocketChannel = {
    checking: undefined,
    lastContact: 0,
    lastUrl: '',
    isConnected: () => connected,
    open() {
      ch.close();
      attempts = waits = 0;
      opened = false;
      const promise = new Promise<void>((resolve, reject) => (waiter = { resolve, reject }));
      connect();
      return promise;
    },
    close() {
      drop();
      settle(new Error('websocket closed before it opened'));
    },
    reset() {
      if (!connected) return;
      logger.info('resetConnection(): reconnecting the websocket');
      drop();
      listener.drop();
      connect();
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
