/**
 * HTTP-layer findings of issue 7: idle sockets locking out new clients, slow headers and stalled
 * bodies held open (and answered 400 instead of 408), connections beyond any cap. (The 401 on a
 * 10 MB body without EPIPE is test/early-reject.test.ts; 413 over 1 MB is test/robustness.test.ts.)
 */
import { connect as tcpConnect, type Socket } from 'node:net';
import type { Gateway } from '../../src/index';
import { ALICE, BOB, api, basic, connect, eventually, startTestGateway, userPath } from '../helpers';

/** A guard for "the gateway closes it": far above the configured bounds (a few hundred ms), never a timing assertion. */
const GUARD_MS = 10_000;
const REQUEST_TIMEOUT_MS = 300;

/** A raw TCP client recording what the gateway sends and when it closes. */
class RawClient {
  data = '';
  closed = false;
  readonly done: Promise<string>;

  private constructor(readonly socket: Socket) {
    socket.on('data', (d) => (this.data += d));
    socket.on('error', () => undefined);
    this.done = new Promise((resolve) => socket.on('close', () => {
      this.closed = true;
      resolve(this.data);
    }));
  }

  static open(port: number): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const socket = tcpConnect(port, '127.0.0.1');
      socket.once('connect', () => resolve(new RawClient(socket)));
      socket.once('error', reject);
    });
  }

  /** What the gateway sent before closing (rejects after {@link GUARD_MS} if it never closes). */
  whenClosed(): Promise<string> {
    let timer: NodeJS.Timeout | undefined;
    const guard = new Promise<string>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`the gateway kept the connection open; got ${JSON.stringify(this.data)}`)), GUARD_MS);
    });
    return Promise.race([this.done, guard]).finally(() => clearTimeout(timer));
  }
}

describe('connection cap (maxConnections)', () => {
  let gw: Gateway;
  afterEach(() => gw?.close());

  it('200 idle sockets do not lock out a new client, and an existing WebSocket keeps working', async () => {
    gw = await startTestGateway({ maxConnections: 10 });
    const { ws } = await connect(gw, ALICE);
    const idle: RawClient[] = [];
    for (let i = 0; i < 200; i++) idle.push(await RawClient.open(gw.port));
    // Idle connections are reclaimed: at most the cap stays open.
    await eventually(() => idle.filter((c) => !c.closed).length <= 10, GUARD_MS);
    const health = await api(gw, 'GET', '/__test__/health');
    expect(health.status).toBe(200);
    expect(gw.hooks.sendNotification(ALICE, { eventType: 'custom', customParams: { still: 'here' } })).toBe(1);
    await ws.waitFor('custom');
    ws.close();
    for (const c of idle) c.socket.destroy();
  });

  it('refuses a connection beyond the cap with 503 when none is idle, and serves again once one ends', async () => {
    gw = await startTestGateway({ maxConnections: 2 });
    const alice = await connect(gw, ALICE);
    const bob = await connect(gw, BOB);
    // Both slots are held by WebSockets (never idle): a new connection is answered at once and closed.
    const refused = await RawClient.open(gw.port);
    const answer = await refused.whenClosed();
    expect(answer).toMatch(/^HTTP\/1\.1 503 /);
    expect(answer).toContain('Retry-After: 1');
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toEqual({ statusCode: 503, reason: 'Too many connections' });
    // The existing clients keep working.
    gw.hooks.sendNotification(BOB, { eventType: 'custom', customParams: {} });
    await bob.ws.waitFor('custom');
    alice.ws.close();
    await alice.ws.closed;
    await eventually(async () => (await api(gw, 'GET', '/__test__/health').catch(() => ({ status: 0 }))).status === 200, GUARD_MS);
    bob.ws.close();
  });
});

describe(`request timeouts (requestTimeoutMs ${REQUEST_TIMEOUT_MS})`, () => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startTestGateway({ requestTimeoutMs: REQUEST_TIMEOUT_MS });
  });
  afterAll(() => gw.close());

  it('answers slow headers (one byte at a time, never finished) with 408 and closes the connection', async () => {
    const client = await RawClient.open(gw.port);
    client.socket.write('GET /__test__/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
    const trickle = setInterval(() => client.socket.writable && client.socket.write('a'), 50);
    try {
      const answer = await client.whenClosed();
      expect(answer).toMatch(/^HTTP\/1\.1 408 /);
      expect(answer).toContain('{"statusCode":408,"reason":"Request timeout"}');
    } finally {
      clearInterval(trickle);
    }
  });

  it('answers a stalled body with 408 and closes the connection', async () => {
    const client = await RawClient.open(gw.port);
    const head = Object.entries({ Host: '127.0.0.1', 'Content-Type': 'application/json', 'Content-Length': '100', ...basic(ALICE) })
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('');
    client.socket.write(`POST ${userPath(ALICE)}/subscription HTTP/1.1\r\n${head}\r\n{"subscribe`);
    const answer = await client.whenClosed();
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('answers a connection that never sends anything with 408 and closes it', async () => {
    const client = await RawClient.open(gw.port);
    expect(await client.whenClosed()).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('still serves ordinary requests', async () => {
    expect((await api(gw, 'GET', '/__test__/health')).status).toBe(200);
  });
});
