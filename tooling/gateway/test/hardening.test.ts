/** Regression tests for defects found in review (one describe per defect). */
import { createServer } from 'node:net';
import { connect as tcpConnect } from 'node:net';
import { startGateway, hmacToken, type Gateway } from '../src/index';
import { ALICE, api, basic, connect, delay, startTestGateway, subscribeBody, userPath } from './helpers';

let gw: Gateway;
const logs: string[] = [];
beforeAll(async () => {
  gw = await startTestGateway({ logger: (l) => logs.push(l), maxSubscriptionsPerUser: 50 });
});
afterAll(() => gw.close());

function raw(port: number, payload: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = tcpConnect(port, '127.0.0.1', () => socket.end(payload));
    let out = '';
    socket.on('data', (d) => (out += d));
    socket.on('close', () => resolve(out));
    socket.on('error', () => resolve(out));
  });
}

const subPath = `${userPath(ALICE)}/subscription`;

describe('unparsable request targets', () => {
  it('answer 400 with a JSON body (not 500) for plain requests and upgrades', async () => {
    const plain = await raw(gw.port, 'GET //[ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(plain).toMatch(/^HTTP\/1\.1 400 /);
    expect(plain).toContain('application/json');
    const upgrade = await raw(
      gw.port,
      'GET //[ HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
    );
    expect(upgrade).toMatch(/^HTTP\/1\.1 400 /);
    expect(logs.filter((l) => l.startsWith('BUG'))).toEqual([]);
  });
});

describe('services the gateway does not know (§18.2)', () => {
  it('are left out of the granted list instead of failing the subscribe', async () => {
    const res = await api(gw, 'POST', subPath, subscribeBody({ service: ['call', 'teleport', 'custom'] }), basic(ALICE));
    expect(res.status).toBe(200);
    expect(res.body.subscribeResponse.subscriptionParams.service).toEqual(['call', 'custom']);
    const refresh = await api(gw, 'PUT', res.body.subscribeResponse.subscription, subscribeBody({ service: ['call', 'voicemail'] }), basic(ALICE));
    expect(refresh.status).toBe(200);
    expect(refresh.body.subscribeResponse.subscriptionParams.service).toEqual(['call']);
    await api(gw, 'DELETE', res.body.subscribeResponse.subscription, undefined, basic(ALICE));
  });
});

describe('long subscription lifetimes', () => {
  it('do not overflow the expiry timer (> 24.8 days fires immediately in Node)', async () => {
    const local = await startTestGateway({ maxExpiresSeconds: 40 * 86_400 });
    try {
      const { sub, ws } = await connect(local, ALICE, { expires: 30 * 86_400 });
      expect(sub.subscriptionParams.expires).toBe(30 * 86_400);
      await delay(150);
      expect(ws.types()).not.toContain('gone');
      expect(local.hooks.subscriptions(ALICE)).toHaveLength(1);
      ws.close();
    } finally {
      await local.close();
    }
  });
});

describe('x-session of an ended subscription', () => {
  it('keeps answering 404 + 39 for a while, then is forgotten (401 + 61)', async () => {
    const created = await api(gw, 'POST', subPath, subscribeBody({ expires: 1 }), { 'x-token': hmacToken(ALICE, 'alice-hmac-key') });
    const { subscription, subscriptionParams } = created.body.subscribeResponse;
    const session = { 'x-session': subscriptionParams.sessionId as string };
    expect((await api(gw, 'DELETE', subscription, undefined, session)).status).toBe(204);
    const soon = await api(gw, 'PUT', subscription, subscribeBody({ expires: 1 }), session);
    expect(soon.status).toBe(404);
    expect(soon.body.subscribeResponse.statusCode).toBe(39);
    await delay(1300);
    const later = await api(gw, 'POST', subPath, subscribeBody(), session);
    expect(later.status).toBe(401);
    expect(later.body.subscribeResponse.statusCode).toBe(61);
    expect(gw.hooks.subscriptions(ALICE)).toHaveLength(0);
  });
});

describe('a failed start', () => {
  it('rejects when the port is taken and leaves no timer running', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const created: unknown[] = [];
    const cleared = new Set<unknown>();
    const every = jest.spyOn(global, 'setInterval');
    const clear = jest.spyOn(global, 'clearInterval').mockImplementation(((t: NodeJS.Timeout) => {
      cleared.add(t);
      clearTimeout(t);
    }) as typeof clearInterval);
    try {
      every.mockImplementation(((fn: () => void, ms: number) => {
        const t = setTimeout(fn, ms);
        t.unref();
        created.push(t);
        return t;
      }) as unknown as typeof setInterval);
      await expect(startGateway({ port, host: '127.0.0.1' })).rejects.toThrow(/EADDRINUSE/);
      expect(created.length).toBeGreaterThan(0);
      expect(created.filter((t) => !cleared.has(t)).length).toBe(0);
    } finally {
      every.mockRestore();
      clear.mockRestore();
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});

describe('forceLogOut / clientCorrelator replacement (§18.1: notify only after the response)', () => {
  it('sends gone to the evicted subscription after answering the subscribe, and still cancels its call', async () => {
    const lines: string[] = [];
    const local = await startTestGateway({ maxSubscriptionsPerUser: 1, logger: (l) => lines.push(l) });
    try {
      const old = await connect(local, ALICE);
      const bob = await connect(local, 'bob@example.com');
      const start = await api(local, 'POST', `${userPath(ALICE)}/callControl`, {
        callControlRequest: { type: 'callStart', to: 'bob@example.com', sdp: 'v=0\r\n' },
      }, basic(ALICE));
      expect(start.status).toBe(201);
      await bob.ws.waitFor('call');
      lines.length = 0;
      const forced = await api(local, 'POST', `${userPath(ALICE)}/subscription`, subscribeBody({ forceLogOut: 'true' }), basic(ALICE));
      expect(forced.status).toBe(200);
      await old.ws.waitFor('gone');
      await bob.ws.waitFor('callCancel');
      const answered = lines.findIndex((l) => /^POST .*\/subscription -> 200$/.test(l));
      const evicted = lines.findIndex((l) => l.includes('ended (evicted)'));
      expect(answered).toBeGreaterThanOrEqual(0);
      expect(evicted).toBeGreaterThan(answered);
      bob.ws.close();
    } finally {
      await local.close();
    }
  });
});
