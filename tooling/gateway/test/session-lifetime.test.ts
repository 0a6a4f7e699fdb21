/**
 * Issue 7, point 3: an `x-session` id stops working the moment its subscription ends (DELETE,
 * `forceLogOut` eviction, expiry) and cannot mint a new session. An ended session answers
 * 403 + statusCode 65 (expired, §1.8/§1.11) in the operation's wrapper, except on its own
 * subscription resource, where 404 + 39 tells the client the subscription is gone (§2.4).
 */
import type { Gateway } from '../src/index';
import { hmacToken } from '../src/index';
import { ALICE, BOB, api, basic, subscribeBody, startTestGateway, userPath } from './helpers';

let gw: Gateway;
const users = [
  { username: ALICE, password: 'alice-secret', hmacKey: 'alice-hmac-key', displayName: 'Alice' },
  { username: BOB, password: 'bob-secret', displayName: 'Bob' },
];
beforeAll(async () => {
  gw = await startTestGateway({ users, maxSubscriptionsPerUser: 2 });
});
afterAll(() => gw.close());
afterEach(async () => {
  for (const s of gw.hooks.subscriptions()) {
    await api(gw, 'DELETE', s.subscription, undefined, basic(s.username, `${s.username.split('@')[0]}-secret`));
  }
});

const subscribePath = `${userPath(ALICE)}/subscription`;

async function hmacSubscribe(extra: Record<string, unknown> = {}) {
  const res = await api(gw, 'POST', subscribePath, subscribeBody(extra), { 'x-token': hmacToken(ALICE, 'alice-hmac-key') });
  expect(res.status).toBe(200);
  const { subscription, subscriptionParams } = res.body.subscribeResponse;
  return { subscription: subscription as string, session: { 'x-session': subscriptionParams.sessionId as string } };
}

const callStart = { callControlRequest: { type: 'callStart', to: BOB, sdp: 'v=0\r\n' } };

async function expectDead(ended: { subscription: string; session: Record<string, string> }) {
  const calls = gw.hooks.calls().length;
  const mint = await api(gw, 'POST', subscribePath, subscribeBody(), ended.session);
  expect(mint.status).toBe(403);
  expect(mint.body).toEqual({ subscribeResponse: { statusCode: 65, reason: expect.any(String) } });
  const call = await api(gw, 'POST', `${userPath(ALICE)}/callControl`, callStart, ended.session);
  expect(call.status).toBe(403);
  expect(call.body).toEqual({ callControlResponse: { statusCode: 65, reason: expect.any(String) } });
  const refresh = await api(gw, 'PUT', ended.subscription, subscribeBody(), ended.session);
  expect(refresh.status).toBe(404);
  expect(refresh.body.subscribeResponse.statusCode).toBe(39);
  expect(gw.hooks.calls()).toHaveLength(calls);
}

describe('an x-session id after its subscription ended', () => {
  it('works while the subscription lives', async () => {
    const live = await hmacSubscribe();
    const call = await api(gw, 'POST', `${userPath(ALICE)}/callControl`, callStart, live.session);
    expect(call.status).toBe(201);
    await api(gw, 'DELETE', `${userPath(ALICE)}/callControl/${call.body.callControlResponse.sessionData}`, undefined, live.session);
  });

  it('is refused after DELETE', async () => {
    const ended = await hmacSubscribe();
    expect((await api(gw, 'DELETE', ended.subscription, undefined, ended.session)).status).toBe(204);
    await expectDead(ended);
  });

  it('is refused after a forceLogOut eviction', async () => {
    const ended = await hmacSubscribe();
    await hmacSubscribe();
    await hmacSubscribe({ forceLogOut: 'true' });
    expect(gw.hooks.subscriptions(ALICE).map((s) => s.subscription)).not.toContain(ended.subscription);
    await expectDead(ended);
  });

  it('is refused after expiry', async () => {
    const ended = await hmacSubscribe();
    const id = ended.subscription.slice(ended.subscription.lastIndexOf('/') + 1);
    expect(gw.hooks.expireSubscription(id)).toBe(true);
    await expectDead(ended);
  });

  it('cannot touch another live subscription of the same user', async () => {
    const ended = await hmacSubscribe();
    const other = await hmacSubscribe();
    await api(gw, 'DELETE', ended.subscription, undefined, ended.session);
    const refresh = await api(gw, 'PUT', other.subscription, subscribeBody(), ended.session);
    expect(refresh.status).toBe(404);
    const remove = await api(gw, 'DELETE', other.subscription, undefined, ended.session);
    expect(remove.status).toBe(404);
    expect(gw.hooks.subscriptions(ALICE).map((s) => s.subscription)).toEqual([other.subscription]);
  });
});
