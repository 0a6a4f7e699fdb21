/** Secrets never reach the gateway's log, and a client abort is a quiet, ordinary event (issue 7). */
import { connect as tcpConnect } from 'node:net';
import type { Gateway } from '../src/index';
import { ALICE, api, basic, eventually, startTestGateway, subscribeBody, userPath } from './helpers';

let gw: Gateway;
const logs: string[] = [];
beforeAll(async () => {
  gw = await startTestGateway({ logger: (l) => logs.push(l) });
});
afterAll(() => gw.close());

/** Sends the head and part of a body, then destroys the socket once the gateway has read it. */
function abortMidBody(path: string, headers: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = tcpConnect(gw.port, '127.0.0.1', () => {
      const head = Object.entries({ Host: '127.0.0.1', 'Content-Type': 'application/json', 'Content-Length': '1000', ...headers })
        .map(([k, v]) => `${k}: ${v}\r\n`)
        .join('');
      socket.write(`POST ${path} HTTP/1.1\r\n${head}\r\n{"subscribeRequest":`, () => {
        socket.destroy();
        resolve();
      });
    });
    socket.on('error', reject);
  });
}

describe('a POST with ?token=… whose body is aborted', () => {
  it('is logged without the token and not as a BUG', async () => {
    await abortMidBody(`${userPath(ALICE)}/subscription?token=secret123&access_token=secret456&x_token_id=secret789`, basic(ALICE));
    await eventually(() => logs.some((l) => /abort/i.test(l)));
    const joined = logs.join('\n');
    for (const secret of ['secret123', 'secret456', 'secret789']) expect(joined).not.toContain(secret);
    expect(logs.filter((l) => /BUG/.test(l))).toEqual([]);
    expect(logs.filter((l) => /abort/i.test(l)).every((l) => l.startsWith('debug: '))).toBe(true);
  });

  it('leaves the gateway serving, with nothing of the aborted request left behind', async () => {
    await abortMidBody(`${userPath(ALICE)}/subscription?token=secret123`, basic(ALICE));
    const res = await api(gw, 'POST', `${userPath(ALICE)}/subscription?token=secret123`, subscribeBody(), basic(ALICE));
    expect(res.status).toBe(200);
    await api(gw, 'DELETE', res.body.subscribeResponse.subscription, undefined, basic(ALICE));
    await eventually(() => logs.filter((l) => /abort/i.test(l)).length >= 2);
    expect(logs.join('\n')).not.toMatch(/secret123|BUG|Basic [A-Za-z0-9+/=]{8,}/);
  });
});
