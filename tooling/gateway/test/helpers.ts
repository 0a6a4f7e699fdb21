/** Shared helpers for the gateway tests: HTTP calls, subscriptions and a WebSocket client that records frames. */
import { WebSocket } from 'ws';
import { startGateway, type Gateway, type GatewayOptions } from '../src/index';

export const ALICE = 'alice@example.com';
export const BOB = 'bob@example.com';
export const CAROL = 'carol@example.com';

/** Basic credentials of a demo user. */
export function basic(user: string, password = `${user.split('@')[0]}-secret`): Record<string, string> {
  return { Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` };
}

/** A JSON HTTP response. */
export interface ApiResponse {
  status: number;
  headers: Headers;
  body: any;
}

/** Sends a request with a JSON body (a string body is sent as is). */
export async function api(
  gw: Gateway,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<ApiResponse> {
  const res = await fetch(gw.url + path, {
    method,
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = text;
  }
  return { status: res.status, headers: res.headers, body: parsed };
}

/** `/rest/version/1/user/{user}` */
export const userPath = (user: string) => `/rest/version/1/user/${user}`;

/** A subscribe request body. */
export function subscribeBody(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    subscribeRequest: {
      expires: 3600,
      service: ['call', 'IM', 'Presence'],
      localization: 'English_US',
      useTurn: true,
      notificationType: 'WebSocket',
      supported: ['RingingFeedback'],
      forceLogOut: 'false',
      ...extra,
    },
  };
}

/** Subscribes with Basic auth; returns the subscribeResponse. */
export async function subscribe(gw: Gateway, user: string, extra: Record<string, unknown> = {}): Promise<any> {
  const res = await api(gw, 'POST', `${userPath(user)}/subscription`, subscribeBody(extra), basic(user));
  if (res.status !== 200) throw new Error(`subscribe failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.subscribeResponse;
}

/** A WebSocket client that records every frame. */
export class WsClient {
  readonly frames: any[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private waiters: Array<() => void> = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.frames.push(JSON.parse(String(data)));
      this.waiters.splice(0).forEach((w) => w());
    });
    this.closed = new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
  }

  /** Opens a socket; rejects with the HTTP status when the upgrade is refused. */
  static open(url: string): Promise<WsClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      const client = new WsClient(ws);
      ws.once('open', () => resolve(client));
      ws.once('unexpected-response', (_req, res) => {
        reject(new Error(`HTTP ${res.statusCode}`));
        ws.terminate();
      });
      ws.once('error', reject);
    });
  }

  /** Sends the keepalive. */
  ping(): void {
    this.ws.send(JSON.stringify({ message_type: 'ping' }));
  }

  /** Waits for the first recorded frame (from index `from`) whose eventType matches. */
  async waitFor(eventType: string, from = 0, timeoutMs = 5000): Promise<any> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.frames.slice(from).find((f) => f.notificationMessage?.eventType === eventType);
      if (hit) return hit.notificationMessage;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${eventType}; got ${JSON.stringify(this.frames)}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** Event types received so far. */
  types(): string[] {
    return this.frames.map((f) => f.notificationMessage?.eventType);
  }

  close(): void {
    this.ws.close();
  }
}

/** Subscribes and opens the channel. */
export async function connect(gw: Gateway, user: string, extra: Record<string, unknown> = {}) {
  const sub = await subscribe(gw, user, extra);
  const ws = await WsClient.open(gw.wsUrl + sub.subscriptionParams.notificationChannel);
  ws.ping();
  return { sub, ws };
}

/** Starts a gateway with quick timers suitable for tests. */
export function startTestGateway(options: GatewayOptions = {}): Promise<Gateway> {
  return startGateway({ port: 0, goneGraceMs: 100, ...options });
}

/** Resolves after `ms`. */
export const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` until it returns truthy. */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await delay(20);
  }
}
