import { connect as tcpConnect } from 'node:net';
import type { Gateway } from '../src/index';
import { ALICE, api, basic, startTestGateway, subscribeBody, userPath } from './helpers';

let gw: Gateway;
const logs: string[] = [];
beforeAll(async () => {
  gw = await startTestGateway({ logger: (l) => logs.push(l) });
});
afterAll(() => gw.close());

function raw(payload: string | Buffer): Promise<string> {
  return new Promise((resolve) => {
    const socket = tcpConnect(gw.port, '127.0.0.1', () => socket.end(payload));
    let out = '';
    socket.on('data', (d) => (out += d));
    socket.on('close', () => resolve(out));
    socket.on('error', () => resolve(out));
  });
}

describe('robustness', () => {
  it('answers unknown paths and methods with JSON 404 / 405', async () => {
    const unknown = await api(gw, 'GET', '/definitely/not/here');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/json');
    expect(unknown.body.statusCode).toBe(42);
    const wrongVersion = await api(gw, 'POST', '/rest/version/2/user/alice@example.com/subscription', subscribeBody(), basic(ALICE));
    expect(wrongVersion.status).toBe(404);
    const method = await api(gw, 'GET', `${userPath(ALICE)}/subscription`, undefined, basic(ALICE));
    expect(method.status).toBe(405);
    expect(method.body.subscribeResponse.statusCode).toBe(1004);
  });

  it('survives garbage: bad encodings, binary bodies, raw junk, bogus upgrades', async () => {
    expect((await api(gw, 'GET', '/rest/version/1/user/%E0%A4%A/subscription')).status).toBe(400);
    const binary = await fetch(`${gw.url}${userPath(ALICE)}/subscription`, {
      method: 'POST',
      headers: basic(ALICE),
      body: Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x7b]),
    });
    expect(binary.status).toBe(400);
    expect(await raw('this is not http\r\n\r\n')).toContain('400');
    await raw(Buffer.alloc(2048, 0xff));
    await raw(`GET ${userPath(ALICE)}/websocket/ch-x HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n`);
    await raw('GET /rest/version/1/user/alice@example.com/websocket/%ZZ HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: bad\r\nSec-WebSocket-Version: 13\r\n\r\n');
    for (const body of ['null', '[]', '"text"', '{"subscribeRequest":null}', '{"subscribeRequest":{"expires":"soon","service":"call"}}']) {
      const res = await api(gw, 'POST', `${userPath(ALICE)}/subscription`, body, basic(ALICE));
      expect(res.status).toBe(400);
      expect(res.body.subscribeResponse.statusCode).toBe(5);
    }
    const health = await api(gw, 'GET', '/__test__/health');
    expect(health.body).toEqual({ statusCode: 0, ok: true });
    expect(logs.filter((l) => l.startsWith('BUG'))).toEqual([]);
  });

  it('rejects oversized bodies with 413 in the wrapper', async () => {
    const res = await api(gw, 'POST', `${userPath(ALICE)}/subscription`, 'x'.repeat(1_100_000), basic(ALICE));
    expect(res.status).toBe(413);
    expect(res.body.subscribeResponse.statusCode).toBe(5);
  });
});
