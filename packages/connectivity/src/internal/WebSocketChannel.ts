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
  /** The socket opened (first time or after a reconnection). */
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

/** Time a socket must stay open before the retry count resets (mirrors reconnecting-websocket's minUptime). */
const MIN_UPTIME_MS = 1000;
const PING = JSON.stringify({ message_type: 'ping' });

/**
 * Wraps a WebSocket constructor so that Node's `ws` sockets always keep an `error` listener:
 * reconnecting-websocket removes its listeners before closing a connecting socket, and `ws`
 * would otherwise raise the abort error as an uncaught exception.
 * @internal
 */
export function guardWebSocket(Ctor: unknown): unknown {
  const Base = Ctor as new (url: string, protocols?: string | string[]) => { on?: (e: string, l: () => void) => void };
  function Guarded(url: string, protocols?: string | string[]) {
    const ws = protocols === undefined ? new Base(url) : new Base(url, protocols);
    if (typeof ws.on === 'function') ws.on('error', () => undefined);
    return ws;
  }
  return Object.assign(Guarded, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 });
}

/** @internal */
export class WebSocketChannel {
  private rws: ReconnectingWebSocket | undefined;
  private connected = false;
  private opened = false;
  private retries = 0;
  private maxRetries = Infinity;
  private uptimeTimer: ReturnType<typeof setTimeout> | undefined;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private waiter: { resolve(): void; reject(error: Error): void } | undefined;
  /** Runtime override of `checkConnectivity` (`enableConnectivityChecking`). */
  checking: boolean | undefined;
  /** Last frame received or last open (ms since epoch). */
  lastContact = 0;
  /** The URL of the current/last attempt. */
  lastUrl = '';

  constructor(private readonly deps: ChannelDeps) {}

  /** Whether the socket is open. */
  isConnected(): boolean {
    return this.connected;
  }

  /** Whether a socket (open or reconnecting) exists. */
  isActive(): boolean {
    return this.rws !== undefined;
  }

  /** Opens the channel; resolves on the first open, rejects when every attempt failed or it was closed first. */
  open(): Promise<void> {
    this.close();
    const c = this.deps.config();
    this.maxRetries = c.reconnectLimit === 0 ? Infinity : c.reconnectLimit;
    this.retries = 0;
    this.opened = false;
    const promise = new Promise<void>((resolve, reject) => (this.waiter = { resolve, reject }));
    const rws = new ReconnectingWebSocket(() => this.buildUrl(), undefined, {
      WebSocket: guardWebSocket(this.deps.WebSocket),
      minReconnectionDelay: c.reconnectDelay,
      reconnectionDelayGrowFactor: c.reconnectTimeMultiplier,
      maxReconnectionDelay: c.reconnectTimeLimit,
      maxRetries: this.maxRetries,
      connectionTimeout: Math.max(c.reconnectDelay, 2000),
      minUptime: MIN_UPTIME_MS,
      maxEnqueuedMessages: 0,
    });
    this.rws = rws;
    rws.addEventListener('open', () => {
      if (this.rws === rws) this.onOpen();
    });
    rws.addEventListener('message', (event) => {
      if (this.rws === rws) this.onMessage(event.data);
    });
    rws.addEventListener('close', (event) => {
      if (this.rws === rws) this.onClose(rws, event);
    });
    return promise;
  }

  /** Closes the channel for good (no events). */
  close(): void {
    const rws = this.rws;
    this.rws = undefined;
    this.connected = false;
    this.stopTimers();
    this.waiter?.reject(new Error('websocket closed before it opened'));
    this.waiter = undefined;
    if (rws) rws.close();
  }

  /** Drops the socket and reconnects right away (`connection.resetConnection`). No-op without an open socket. */
  reset(): boolean {
    if (!this.rws || !this.connected) return false;
    this.deps.logger.info('resetConnection() | dropping the websocket and reconnecting');
    this.retries = -1; // reconnect() restarts reconnecting-websocket's count the same way
    this.rws.reconnect();
    return true;
  }

  /** Starts or stops the keepalive now, after `checking`/config changed. */
  refreshKeepalive(): void {
    if (this.pingTimer !== undefined) clearInterval(this.pingTimer);
    this.pingTimer = undefined;
    const c = this.deps.config();
    if (!this.connected || !(this.checking ?? c.checkConnectivity)) return;
    this.send(PING);
    this.pingTimer = setInterval(() => this.send(PING), c.pingInterval);
  }

  private buildUrl(): string {
    try {
      this.lastUrl = this.deps.url();
    } catch (error) {
      // NOTE: reconnecting-websocket would turn a throw into an unhandled rejection; reuse the last URL.
      this.deps.logger.warn('websocket URL could not be rebuilt; reusing the previous one', error);
    }
    return this.lastUrl;
  }

  private send(frame: string): void {
    try {
      if (this.connected) this.rws?.send(frame);
    } catch (error) {
      this.deps.logger.warn('websocket send failed', error);
    }
  }

  private onOpen(): void {
    this.connected = true;
    this.opened = true;
    this.lastContact = Date.now();
    this.uptimeTimer = setTimeout(() => (this.retries = 0), MIN_UPTIME_MS);
    this.deps.logger.info('websocket connected');
    this.refreshKeepalive();
    const waiter = this.waiter;
    this.waiter = undefined;
    if (waiter) waiter.resolve();
    else this.deps.listener.open();
  }

  private onMessage(data: unknown): void {
    this.lastContact = Date.now();
    this.deps.listener.message(data);
  }

  private onClose(rws: ReconnectingWebSocket, event: { code?: number; reason?: string; target?: unknown }): void {
    const wasConnected = this.connected;
    this.connected = false;
    this.stopTimers();
    // Events synthesised by reconnecting-websocket (errors, timeouts) target it and always say 1000.
    const serverNormalClose = wasConnected && event.target !== rws && event.code === 1000;
    const autoReconnect = this.deps.config().autoReconnect;
    this.deps.logger.info(`websocket closed [code:${event.code}] [reason:${event.reason ?? ''}]`);
    // reconnecting-websocket has already scheduled the next attempt unless its retries ran out.
    const exhausted = this.retries >= this.maxRetries;
    if (!exhausted) this.retries++;
    if (serverNormalClose || exhausted || (wasConnected && !autoReconnect)) {
      const cause: LostCause = serverNormalClose ? 'closed' : 'exhausted';
      this.rws = undefined;
      rws.close();
      const waiter = this.waiter;
      this.waiter = undefined;
      if (waiter) waiter.reject(new Error('websocket could not be opened'));
      else if (this.opened) {
        if (wasConnected) this.deps.listener.drop();
        this.deps.listener.lost(cause);
      }
      return;
    }
    if (wasConnected) this.deps.listener.drop();
  }

  private stopTimers(): void {
    if (this.pingTimer !== undefined) clearInterval(this.pingTimer);
    if (this.uptimeTimer !== undefined) clearTimeout(this.uptimeTimer);
    this.pingTimer = undefined;
    this.uptimeTimer = undefined;
  }
}
