/**
 * Test fakes for the connectivity unit tests: a scripted fetch and a WebSocket class whose
 * server side is driven by the test.
 */
import { createClient, type AnyPlugin } from '@switchboard/core';
import { connectivityPlugin } from '../src/index';

/** One request seen by the fake fetch. */
export interface SeenRequest {
  method: string;
  url: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

/** A scripted reply. */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Raw text body (overrides `body`). */
  text?: string;
}

/** A fetch that records requests and answers with `handler` (network error when it throws). */
export function fakeFetch(handler: (req: SeenRequest) => Reply | Promise<Reply>) {
  const requests: SeenRequest[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : new Request(input, init);
    const text = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
    const headers: Record<string, string> = {};
    request.headers.forEach((v, k) => (headers[k] = v));
    const url = new URL(request.url);
    const seen: SeenRequest = { method: request.method, url: request.url, path: url.pathname, headers, body: text ? JSON.parse(text) : undefined };
    requests.push(seen);
    const reply = await handler(seen);
    const body = reply.text ?? (reply.body === undefined ? null : JSON.stringify(reply.body));
    const contentType = reply.text !== undefined ? 'text/plain' : 'application/json';
    return new Response(reply.status === 204 ? null : body, { status: reply.status, headers: { 'content-type': contentType, ...reply.headers } });
  };
  return { fetch: fetch as typeof globalThis.fetch, requests };
}

type Listener = (event: Record<string, unknown>) => void;

/** A WebSocket whose server side the test drives. Instances are recorded on `FakeWebSocket.instances`. */
export class FakeWebSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  static instances: FakeWebSocket[] = [];
  /** When set, new sockets open (or fail) by themselves on the next tick. */
  static autoOpen: boolean | 'fail' = true;

  readyState = FakeWebSocket.CONNECTING;
  binaryType = 'blob';
  bufferedAmount = 0;
  extensions = '';
  protocol = '';
  readonly sent: string[] = [];
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(readonly url: string) {
    FakeWebSocket.instances.push(this);
    const mode = FakeWebSocket.autoOpen;
    if (mode) setTimeout(() => (mode === 'fail' ? this.serverFail() : this.serverOpen()), 0);
  }

  static reset(): void {
    FakeWebSocket.instances = [];
    FakeWebSocket.autoOpen = true;
  }

  static last(): FakeWebSocket {
    return FakeWebSocket.instances[FakeWebSocket.instances.length - 1]!;
  }

  addEventListener(type: string, l: Listener): void {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)!.add(l);
  }

  removeEventListener(type: string, l: Listener): void {
    this.listeners.get(type)?.delete(l);
  }

  send(data: string): void {
    if (this.readyState !== FakeWebSocket.OPEN) throw new Error('not open');
    this.sent.push(data);
  }

  close(code = 1005, reason = ''): void {
    if (this.readyState === FakeWebSocket.CLOSED) return;
    this.readyState = FakeWebSocket.CLOSED;
    setTimeout(() => this.emit('close', { code, reason, wasClean: true }), 0);
  }

  serverOpen(): void {
    if (this.readyState !== FakeWebSocket.CONNECTING) return;
    this.readyState = FakeWebSocket.OPEN;
    this.emit('open', {});
  }

  serverMessage(data: unknown): void {
    this.emit('message', { data: typeof data === 'string' ? data : JSON.stringify(data) });
  }

  serverClose(code: number): void {
    if (this.readyState === FakeWebSocket.CLOSED) return;
    this.readyState = FakeWebSocket.CLOSED;
    this.emit('close', { code, reason: '', wasClean: code === 1000 });
  }

  serverFail(): void {
    if (this.readyState === FakeWebSocket.CLOSED) return;
    this.readyState = FakeWebSocket.CLOSED;
    this.emit('error', { message: 'failed' });
    this.emit('close', { code: 1006, reason: '' });
  }

  private emit(type: string, fields: Record<string, unknown>): void {
    const event = { type, target: this, ...fields };
    for (const l of [...(this.listeners.get(type) ?? [])]) l(event);
  }
}

/** A create (POST) response of the gateway. */
export function subscribeResponse(services: string[], extra: Record<string, unknown> = {}) {
  return {
    subscribeResponse: {
      statusCode: 0,
      subscription: '/rest/version/1/user/alice@example.com/subscription/sub-1',
      subscriptionParams: {
        service: services,
        notificationChannel: '/rest/version/1/user/alice@example.com/websocket/ch-1',
        expires: 3600,
        turnCredentials: { username: 'tu', password: 'tp' },
        ...extra,
      },
    },
  };
}

/** A client with the fakes (plus `plugins`) and fast timers; everything is logged nowhere. */
export function testClient(fetch: typeof globalThis.fetch, config: Record<string, unknown> = {}, plugins: AnyPlugin[] = []) {
  const client = createClient({
    plugins: [connectivityPlugin({ fetch, WebSocket: FakeWebSocket as unknown as typeof WebSocket }), ...plugins],
    config: {
      logs: { logLevel: 'silent' },
      authentication: { server: { base: 'gw.test', protocol: 'https', port: 8443 } },
      subscription: { websocket: { server: 'ws.test', protocol: 'wss', port: 9443 } },
      connectivity: { reconnectDelay: 10, reconnectLimit: 2, reconnectTimeLimit: 50, pingInterval: 1000 },
      ...config,
    },
  });
  const events: Array<{ type: string; args: unknown[] }> = [];
  client.subscribe((type, ...args) => events.push({ type, args }));
  return { client, events, of: (type: string) => events.filter((e) => e.type === type).map((e) => e.args[0]) };
}

/** Waits until `check()` is true (real timers). */
export async function until(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 2));
  }
}
