/** An early rejection (401, 413) reaches a client that is still sending a large body (issue 7). */
import { request } from 'node:http';
import type { Gateway } from '../src/index';
import { ALICE, basic, startTestGateway, userPath } from './helpers';

let gw: Gateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw.close());

const BODY = Buffer.alloc(10 * 1024 * 1024, 'a');
const TRIES = 20;

/** One POST with a 10 MB body; the status the client read and any error it saw before the socket closed. */
function post(path: string, headers: Record<string, string>): Promise<{ status?: number; error?: string }> {
  return new Promise((resolve) => {
    const outcome: { status?: number; error?: string } = {};
    const req = request(`${gw.url}${path}`, { method: 'POST', agent: false, headers: { 'Content-Type': 'application/json', ...headers } }, (res) => {
      outcome.status = res.statusCode;
      res.resume();
    });
    req.on('error', (err: NodeJS.ErrnoException) => (outcome.error ??= err.code ?? err.message));
    req.on('close', () => resolve(outcome));
    req.end(BODY);
  });
}

async function repeat(path: string, headers: Record<string, string>): Promise<Array<{ status?: number; error?: string }>> {
  const outcomes = [];
  for (let i = 0; i < TRIES; i++) outcomes.push(await post(path, headers));
  return outcomes;
}

describe('a 10 MB body to a route that rejects it at once', () => {
  it('every client reads the 401 (no EPIPE / ECONNRESET)', async () => {
    const outcomes = await repeat(`${userPath(ALICE)}/subscription`, {});
    expect(outcomes).toEqual(Array.from({ length: TRIES }, () => ({ status: 401 })));
  });

  it('every client reads the 400 of a malformed path', async () => {
    const outcomes = await repeat('/rest/version/1/user/%ZZ/subscription', basic(ALICE));
    expect(outcomes).toEqual(Array.from({ length: TRIES }, () => ({ status: 400 })));
  });

  it('every client reads the 413 of an authenticated oversized body', async () => {
    const outcomes = await repeat(`${userPath(ALICE)}/subscription`, basic(ALICE));
    expect(outcomes).toEqual(Array.from({ length: TRIES }, () => ({ status: 413 })));
  });
});
