/** A fake `WebSocket` class whose server side the test drives. */

type Listener = (event: Record<string, unknown>) => void;

/**
 * A fake `WebSocket`. Each class records its instances on the static `instances` (per class: use
 * {@link fakeWebSockets} for an isolated class per test). With `autoOpen` (the default) a new
 * socket opens by itself on the next macrotask (`'fail'`: errors and closes with 1006; `false`:
 * stays CONNECTING until `serverOpen()`). The `server*` methods play the server.
 * @public
 */
export class FakeWebSocket {
  /** `readyState` while connecting (as `WebSocket.CONNECTING`). */
  static readonly CONNECTING = 0;
  /** `readyState` when open. */
  static readonly OPEN = 1;
  /** `readyState` while closing. */
  static readonly CLOSING = 2;
  /** `readyState` when closed. */
  static readonly CLOSED = 3;
  /** Every socket of this class, oldest first. */
  static instances: FakeWebSocket[] = [];
  /** How new sockets open (see the class doc). */
  static autoOpen: boolean | 'fail' = true;

  /** `readyState` while connecting (instance copy, as on `WebSocket`). */
  readonly CONNECTING = 0;
  /** `readyState` when open. */
  readonly OPEN = 1;
  /** `readyState` while closing. */
  readonly CLOSING = 2;
  /** `readyState` when closed. */
  readonly CLOSED = 3;
  /** The connection state (`CONNECTING` until the test opens it). */
  readyState = FakeWebSocket.CONNECTING;
  /** As `WebSocket.binaryType` (not used by the fake). */
  binaryType = 'blob';
  /** As `WebSocket.bufferedAmount`: always 0. */
  bufferedAmount = 0;
  /** As `WebSocket.extensions`: always empty. */
  extensions = '';
  /** As `WebSocket.protocol`: always empty. */
  protocol = '';
  /** Every frame the client sent. */
  readonly sent: string[] = [];
  /** The client's `close(code, reason)` call, when it made one. */
  closedWith:
    | {
        /** The close code. */
        code: number;
        /** The close reason. */
        reason: string;
      }
    | undefined;
  /** Called when the socket opens. */
  onopen: Listener | null = null;
  /** Called for each message the test delivers. */
  onmessage: Listener | null = null;
  /** Called when the socket closes. */
  onclose: Listener | null = null;
  /** Called when the test fails the socket. */
  onerror: Listener | null = null;
  private readonly listeners = new Map<string, Set<Listener>>();

  /** @param url the URL the client connects to */
  constructor(readonly url: string, _protocols?: string | string[]) {
    const cls = this.constructor as typeof FakeWebSocket;
    cls.instances.push(this);
    const mode = cls.autoOpen;
    if (mode) setTimeout(() => (mode === 'fail' ? this.serverFail() : this.serverOpen()), 0);
  }

  /** Forgets the instances and restores `autoOpen = true`. */
  static reset(): void {
    this.instances = [];
    this.autoOpen = true;
  }

  /** The newest socket; throws when none was created. */
  static last(): FakeWebSocket {
    const socket = this.instances[this.instances.length - 1];
    if (!socket) throw new Error('no WebSocket was created');
    return socket;
  }

  /** Adds listener `l` for `type` (`open`, `message`, `close`, `error`). */
  addEventListener(type: string, l: Listener): void {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)!.add(l);
  }

  /** Removes listener `l` for `type`. */
  removeEventListener(type: string, l: Listener): void {
    this.listeners.get(type)?.delete(l);
  }

  /** How many listeners are registered for `type`. */
  listenerCount(type: string): number {
    return this.listeners.get(type)?.size ?? 0;
  }

  /** Records a frame; throws like the browser while the socket is not open. */
  send(data: string): void {
    if (this.readyState !== FakeWebSocket.OPEN) throw Object.assign(new Error('InvalidStateError: not open'), { name: 'InvalidStateError' });
    this.sent.push(data);
  }

  /** The frames sent, parsed as JSON. */
  sentJson(): unknown[] {
    return this.sent.map((s) => JSON.parse(s));
  }

  /** The client closes: `close` fires on the next macrotask. */
  close(code = 1005, reason = ''): void {
    if (this.readyState === FakeWebSocket.CLOSED) return;
    this.closedWith = { code, reason };
    this.readyState = FakeWebSocket.CLOSED;
    setTimeout(() => this.emit('close', { code, reason, wasClean: true }), 0);
  }

  /** The server accepts the connection (`open`). */
  serverOpen(): void {
    if (this.readyState !== FakeWebSocket.CONNECTING) return;
    this.readyState = FakeWebSocket.OPEN;
    this.emit('open', {});
  }

  /** The server sends a frame (objects are JSON-encoded). */
  serverMessage(data: unknown): void {
    this.emit('message', { data: typeof data === 'string' ? data : JSON.stringify(data) });
  }

  /** The server closes with `code`. */
  serverClose(code: number, reason = ''): void {
    if (this.readyState === FakeWebSocket.CLOSED) return;
    this.readyState = FakeWebSocket.CLOSED;
    this.emit('close', { code, reason, wasClean: code === 1000 });
  }

  /** The connection fails (`error`, then `close` with 1006). */
  serverFail(): void {
    if (this.readyState === FakeWebSocket.CLOSED) return;
    this.readyState = FakeWebSocket.CLOSED;
    this.emit('error', { message: 'failed' });
    this.emit('close', { code: 1006, reason: '', wasClean: false });
  }

  private emit(type: string, fields: Record<string, unknown>): void {
    const event = { type, target: this, ...fields };
    for (const l of [...(this.listeners.get(type) ?? [])]) l(event);
    const handler = (this as unknown as Record<string, unknown>)[`on${type}`];
    if (typeof handler === 'function') (handler as Listener).call(this, event);
  }
}

/**
 * A new {@link FakeWebSocket} subclass with its own `instances` and `autoOpen`, so tests do not
 * share sockets. Pass it as `connectivityPlugin({ WebSocket: asWebSocket(Socket) })`.
 * @public
 */
export function fakeWebSockets(): typeof FakeWebSocket {
  return class IsolatedFakeWebSocket extends FakeWebSocket {
    static override instances: FakeWebSocket[] = [];
    static override autoOpen: boolean | 'fail' = true;
  };
}

/**
 * Types a fake WebSocket class as the DOM constructor `connectivityPlugin({ WebSocket })` takes.
 * @public
 */
export function asWebSocket(cls: typeof FakeWebSocket): typeof WebSocket {
  return cls as unknown as typeof WebSocket;
}
