/**
 * Login throttling (issue 7: "1,600 wrong passwords a second, then the right one accepted"):
 * failed logins per login name and per client address are answered 429 + Retry-After in the
 * operation's wrapper once over the limit, and the right password is refused until the window passes.
 */
import type { Gateway } from '../../src/index';
import { ALICE, BOB, api, basic, eventually, startTestGateway, subscribeBody, userPath } from '../helpers';

const subscribeAs = (gw: Gateway, user: string, headers: Record<string, string>) =>
  api(gw, 'POST', `${userPath(user)}/subscription`, subscribeBody(), headers);

async function wrongPasswords(gw: Gateway, user: string, count: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) statuses.push((await subscribeAs(gw, user, basic(user, `wrong-${i}`))).status);
  return statuses;
}

describe('per login name', () => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startTestGateway({ loginFailuresPerUser: 5, loginFailuresPerAddress: 1000, loginWindowMs: 60_000 });
  });
  afterAll(() => gw.close());

  it('answers 429 + Retry-After after the limit, and then refuses the right password too', async () => {
    expect(await wrongPasswords(gw, ALICE, 5)).toEqual([401, 401, 401, 401, 401]);
    const throttled = await subscribeAs(gw, ALICE, basic(ALICE, 'wrong-again'));
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(throttled.body.subscribeResponse).toEqual({ statusCode: 63, reason: expect.stringMatching(/^Too many failed logins/) });
    const right = await subscribeAs(gw, ALICE, basic(ALICE));
    expect(right.status).toBe(429);
    // The login name is matched case-insensitively (Basic user names are).
    expect((await subscribeAs(gw, ALICE, basic(ALICE.toUpperCase(), 'alice-secret'))).status).toBe(429);
  });

  it('leaves other users and token logins alone', async () => {
    expect((await subscribeAs(gw, BOB, basic(BOB))).status).toBe(200);
    const token = gw.hooks.issueToken(ALICE, 'bearer');
    expect((await subscribeAs(gw, ALICE, { Authorization: `Bearer ${token}` })).status).toBe(200);
  });
});

describe('one user under several login spellings', () => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startTestGateway({ loginFailuresPerUser: 4, loginFailuresPerAddress: 1000, loginWindowMs: 60_000 });
  });
  afterAll(() => gw.close());

  it('the bare name and the full id (Basic and x-token) count as one login name', async () => {
    expect(await wrongPasswords(gw, 'alice', 2)).toEqual([401, 401]);
    expect(await wrongPasswords(gw, 'Alice@Example.com', 1)).toEqual([401]);
    expect((await subscribeAs(gw, 'alice', { 'x-token': 'not-the-hmac' })).status).toBe(401);
    expect((await subscribeAs(gw, ALICE, basic(ALICE))).status).toBe(429);
    expect((await subscribeAs(gw, 'alice', basic('alice', 'alice-secret'))).status).toBe(429);
  });
});

describe('per client address', () => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startTestGateway({ loginFailuresPerUser: 1000, loginFailuresPerAddress: 4, loginWindowMs: 60_000 });
  });
  afterAll(() => gw.close());

  it('throttles every login from an address that failed too often, whatever the user', async () => {
    expect(await wrongPasswords(gw, ALICE, 2)).toEqual([401, 401]);
    expect(await wrongPasswords(gw, BOB, 2)).toEqual([401, 401]);
    expect((await subscribeAs(gw, 'carol@example.com', basic('carol@example.com'))).status).toBe(429);
  });
});

describe('the window', () => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startTestGateway({ loginFailuresPerUser: 3, loginWindowMs: 1000, maxSubscriptionsPerUser: 100 });
  });
  afterAll(() => gw.close());

  it('accepts the right password again once it has passed', async () => {
    // The window opens at the first failure. On a loaded machine the right password can arrive after
    // it has closed (then it is accepted, and the count starts again): so the failures are repeated
    // until the right password is refused inside one window, then the test waits for the window's end.
    expect(await wrongPasswords(gw, ALICE, 3)).toEqual([401, 401, 401]);
    await eventually(async () => {
      if ((await subscribeAs(gw, ALICE, basic(ALICE))).status === 429) return true;
      await wrongPasswords(gw, ALICE, 3);
      return false;
    }, 30_000);
    await eventually(async () => (await subscribeAs(gw, ALICE, basic(ALICE))).status === 200, 10_000);
  });
});
