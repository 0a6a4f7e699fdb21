/**
 * Security suite (issue 7 points 3 and 9): an `x-session` id stops working the moment its subscription ends (DELETE,
 * `forceLogOut` eviction, expiry) and cannot mint a new session. An ended session answers
 * 403 + statusCode 65 (expired, §1.8/§1.11) in the operation's wrapper, except on its own
 * subscription resource, where 404 + 39 tells the client the subscription is gone (§2.4).
 * The table at the end tries the ended session on every route of the gateway's route list, after
 * each way a subscription ends, with bodies that would act on the user's live resources: nothing
 * changes.
 */
import type { Gateway } from '../../src/index';
import { hmacToken } from '../../src/index';
import type { Route } from '../../src/router';
import { ALICE, BOB, CAROL, WsClient, api, basic, connect, subscribeBody, startTestGateway, userPath } from '../helpers';
import { USER_ROUTES, errorShape, expectUntouched, pathOf, routeName, send, validBody, wrapperOf, type Resources } from './fixtures';

let gw: Gateway;
const users = [
  { username: ALICE, password: 'alice-secret', hmacKey: 'alice-hmac-key', displayName: 'Alice' },
  { username: BOB, password: 'bob-secret', displayName: 'Bob' },
  { username: CAROL, password: 'carol-secret', displayName: 'Carol' },
];
beforeAll(async () => {
  gw = await startTestGateway({ users, maxSubscriptionsPerUser: 2 });
});
afterAll(() => gw.close());

async function deleteAll() {
  for (const s of gw.hooks.subscriptions()) {
    await api(gw, 'DELETE', s.subscription, undefined, basic(s.username, `${s.username.split('@')[0]}-secret`));
  }
}

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
  afterEach(deleteAll);

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

/** Ways a subscription ends; each returns the ended session (the live subscription it leaves is made by `live`). */
const ENDINGS: Array<[string, (live: (extra: Record<string, unknown>) => Promise<unknown>) => Promise<{ subscription: string; session: Record<string, string> }>]> = [
  [
    'DELETE',
    async (live) => {
      const ended = await hmacSubscribe();
      expect((await api(gw, 'DELETE', ended.subscription, undefined, ended.session)).status).toBe(204);
      await live({});
      return ended;
    },
  ],
  [
    'a forceLogOut eviction',
    async (live) => {
      const ended = await hmacSubscribe();
      await hmacSubscribe();
      await live({ forceLogOut: 'true' });
      return ended;
    },
  ],
  [
    'expiry',
    async (live) => {
      const ended = await hmacSubscribe();
      expect(gw.hooks.expireSubscription(ended.subscription.split('/').pop() as string)).toBe(true);
      await live({});
      return ended;
    },
  ],
];

/** What a route answers to an ended session: its own answer, or 403 + 65. */
const refusalOf = (route: Route) => {
  const own = route.endedSession?.();
  return own ? { status: own.status, statusCode: own.statusCode } : { status: 403, statusCode: 65 };
};

describe.each(ENDINGS)('an x-session id after %s, on every route', (_how, end) => {
  let ended: { subscription: string; session: Record<string, string> };
  let liveWs: WsClient;
  let mine: Resources;

  beforeAll(async () => {
    ended = await end(async (extra) => {
      const { ws } = await connect(gw, ALICE, { clientCorrelator: 'alice-live', service: ['call', 'custom'], ...extra });
      liveWs = ws;
    });
    const live = gw.hooks.subscriptions(ALICE).find((s) => s.clientCorrelator === 'alice-live');
    const reg = await api(gw, 'POST', `${userPath(ALICE)}/push/apple/devices`, { voipDeviceToken: 'alice-voip' }, basic(ALICE));
    const call = await api(gw, 'POST', `${userPath(CAROL)}/callControl`, { callControlRequest: { type: 'callStart', to: ALICE, sdp: 'v=0\r\n' } }, basic(CAROL));
    expect(call.status).toBe(201);
    await liveWs.waitFor('call');
    const leg = gw.hooks.calls().find((c) => c.state === 'alerting' && c.callee.username === ALICE);
    mine = {
      userId: ALICE,
      subscriptionId: live?.id ?? '',
      clientCorrelator: 'alice-live',
      legId: leg?.callee.id ?? '',
      provider: 'apple',
      registrationId: String(reg.body.appleDeviceRegistrationResponse.registration).split('/').pop() as string,
    };
  });
  afterAll(async () => {
    liveWs.close();
    await deleteAll();
  });

  it.each(USER_ROUTES.map((r) => [routeName(r), r] as const))('%s is refused and changes nothing', async (_name, route) => {
    await expectUntouched(gw, ALICE, liveWs, async () => {
      const body = route.method === 'POST' || route.method === 'PUT' ? JSON.stringify(validBody(route, mine, ALICE)) : undefined;
      const res = await send(gw, route.method, pathOf(route, mine), { headers: ended.session, body });
      const { status, statusCode } = refusalOf(route);
      expect({ status: res.status, body: res.body }).toEqual({ status, body: errorShape(wrapperOf(route, mine), statusCode) });
    });
  });
});
