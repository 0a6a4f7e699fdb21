/**
 * Security suite (issue 7 point 9): an oversized body on every route that reads one (every
 * POST/PUT of the gateway's route list) answers 413 in the route's protocol error shape, and the
 * client reads that answer while it is still sending (no EPIPE / ECONNRESET), with a declared
 * length and chunked alike. The gateway keeps serving afterwards.
 */
import { request } from 'node:http';
import type { Gateway } from '../../src/index';
import { ALICE, api, basic, startTestGateway, subscribeBody, userPath } from '../helpers';
import { BODY_ROUTES, errorShape, pathOf, routeName, wrapperOf, type Resources } from './fixtures';

let gw: Gateway;
const logs: string[] = [];
let subscriptionId: string;
beforeAll(async () => {
  gw = await startTestGateway({ logger: (l) => logs.push(l) });
  const res = await api(gw, 'POST', `${userPath(ALICE)}/subscription`, subscribeBody(), basic(ALICE));
  subscriptionId = String(res.body.subscribeResponse.subscription).split('/').pop() as string;
});
afterAll(() => gw.close());

const BODY = Buffer.alloc(10 * 1024 * 1024, 'a');
const TRIES = 3;

interface Outcome {
  status?: number;
  body?: unknown;
  error?: string;
}

/** One request with a 10 MB body (declared length, or chunked); what the client read before the socket closed. */
function post(method: string, path: string, chunked: boolean): Promise<Outcome> {
  return new Promise((resolve) => {
    const outcome: Outcome = {};
    const headers: Record<string, string> = { 'Content-Type': 'application/json', ...basic(ALICE) };
    if (!chunked) headers['Content-Length'] = String(BODY.length);
    const req = request(`${gw.url}${path}`, { method, agent: false, headers }, (res) => {
      outcome.status = res.statusCode;
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => {
        outcome.body = text ? (JSON.parse(text) as unknown) : undefined;
      });
    });
    req.on('error', (err: NodeJS.ErrnoException) => (outcome.error ??= err.code ?? err.message));
    req.on('close', () => resolve(outcome));
    if (chunked) {
      // Several writes, so the body goes out in chunks of the chunked encoding.
      for (let i = 0; i < 10; i++) req.write(BODY.subarray(i * (BODY.length / 10), (i + 1) * (BODY.length / 10)));
      req.end();
    } else req.end(BODY);
  });
}

describe('an oversized body on every route that reads one', () => {
  const mine = (): Resources => ({
    userId: ALICE,
    subscriptionId,
    clientCorrelator: 'c-1',
    legId: 'leg-1',
    provider: 'google',
    registrationId: 'reg-1',
  });

  it.each(BODY_ROUTES.map((r) => [routeName(r), r] as const))('%s answers 413 that the client reads', async (_name, route) => {
    const expected: Outcome = { status: 413, body: errorShape(wrapperOf(route, mine()), 5) };
    const outcomes: Outcome[] = [];
    for (let i = 0; i < TRIES; i++) outcomes.push(await post(route.method, pathOf(route, mine()), false));
    outcomes.push(await post(route.method, pathOf(route, mine()), true));
    expect(outcomes).toEqual(Array.from({ length: TRIES + 1 }, () => expected));
  });

  it('leaves the gateway serving, with no BUG logged', async () => {
    const res = await api(gw, 'PUT', `${userPath(ALICE)}/subscription/${subscriptionId}`, subscribeBody(), basic(ALICE));
    expect(res.status).toBe(200);
    expect(logs.filter((l) => /BUG/.test(l))).toEqual([]);
  });
});
