/**
 * Security suite (issue 7 point 9): user A's credentials, in every auth mode, never reach user B.
 * Generated from the gateway's own route list: on B's path every route answers the protocol's
 * 403 + 27 (401 + 4 for an HMAC token, which is checked against the path user's key); on A's own
 * path with B's ids (subscription, clientCorrelator, leg, push registration) every route answers
 * "not found" (501 where the operation is not implemented). Neither answer carries B's data, and
 * B's state and notification channel are the same afterwards. A cannot attach to B's channel.
 */
import { WebSocket } from 'ws';
import type { Gateway } from '../../src/index';
import { hmacToken } from '../../src/index';
import { NOT_IMPLEMENTED_REASON, notImplementedRoutes } from '../../src/not-implemented';
import { ALICE, BOB, CAROL, WsClient, api, basic, connect, startTestGateway, subscribeBody, userPath } from '../helpers';
import {
  BODY_NAMES_RESOURCE,
  MODES,
  USER_ROUTES,
  credentials,
  errorShape,
  expectUntouched,
  pathNamesResource,
  pathOf,
  routeName,
  send,
  validBody,
  wrapperOf,
  type Mode,
  type Resources,
} from './fixtures';

let gw: Gateway;
let bobWs: WsClient;
let bob: Resources;
let alice: Resources;
let aliceSession: string;
/** Values of B's that must never appear in an answer to A. */
let bobSecrets: string[];

beforeAll(async () => {
  // Hundreds of deliberately failed logins from one address: login throttling (429, test/security/throttling.test.ts) is lifted here.
  gw = await startTestGateway({ loginFailuresPerUser: 1e6, loginFailuresPerAddress: 1e6 });
  const { sub, ws } = await connect(gw, BOB, { clientCorrelator: 'bob-corr', service: ['call', 'custom'] });
  bobWs = ws;
  const reg = await api(gw, 'POST', `${userPath(BOB)}/push/apple/devices`, { voipDeviceToken: 'bob-voip-token' }, basic(BOB));
  expect(reg.status).toBe(201);
  const registration: string = reg.body.appleDeviceRegistrationResponse.registration;
  const call = await api(gw, 'POST', `${userPath(CAROL)}/callControl`, { callControlRequest: { type: 'callStart', to: BOB, sdp: 'v=0 carol-offer' } }, basic(CAROL));
  expect(call.status).toBe(201);
  await bobWs.waitFor('call');
  const bobLeg = gw.hooks.calls()[0].callee.id;
  bob = {
    userId: BOB,
    subscriptionId: sub.subscription.split('/').pop(),
    clientCorrelator: 'bob-corr',
    legId: bobLeg,
    provider: 'apple',
    registrationId: registration.split('/').pop() as string,
  };
  const params = sub.subscriptionParams;
  bobSecrets = [params.sessionId, params.notificationChannel, params.turnCredentials.password, 'bob-voip-token', 'carol-offer'];

  const own = await api(gw, 'POST', `${userPath(ALICE)}/subscription`, subscribeBody({ clientCorrelator: 'alice-corr' }), {
    'x-token': hmacToken(ALICE, 'alice-hmac-key'),
  });
  expect(own.status).toBe(200);
  aliceSession = own.body.subscribeResponse.subscriptionParams.sessionId;
  alice = { ...bob, userId: ALICE };
});
afterAll(async () => {
  bobWs.close();
  await gw.close();
});

/** Runs `attempt` and checks that B's state and B's notifications did not change. */
const expectBobUntouched = (attempt: () => Promise<void>) => expectUntouched(gw, BOB, bobWs, attempt);

const NOT_IMPLEMENTED = new Set(notImplementedRoutes().map(routeName));

describe.each(MODES)("A's %s credentials on B's path", (mode: Mode) => {
  it.each(USER_ROUTES.map((r) => [routeName(r), r] as const))('%s answers the protocol refusal', async (_name, route) => {
    await expectBobUntouched(async () => {
      const creds = credentials(gw, ALICE, mode, aliceSession);
      const body = route.method === 'POST' || route.method === 'PUT' ? JSON.stringify(validBody(route, bob, BOB)) : undefined;
      const res = await send(gw, route.method, pathOf(route, bob), { ...creds, body });
      const [status, statusCode] = mode === 'hmac' ? [401, 4] : [403, 27];
      expect({ status: res.status, body: res.body }).toEqual({ status, body: errorShape(wrapperOf(route, bob), statusCode) });
      for (const secret of bobSecrets) expect(res.text).not.toContain(secret);
    });
  });
});

const ROUTES_WITH_IDS = USER_ROUTES.filter((r) => pathNamesResource(r) || BODY_NAMES_RESOURCE.has(routeName(r)));

describe.each(MODES)("A's %s credentials on A's path with B's resource ids", (mode: Mode) => {
  it('covers every route that names a resource', () => {
    expect(ROUTES_WITH_IDS.length).toBeGreaterThanOrEqual(8);
  });

  it.each(ROUTES_WITH_IDS.map((r) => [routeName(r), r] as const))('%s answers not found', async (name, route) => {
    await expectBobUntouched(async () => {
      const creds = credentials(gw, ALICE, mode, aliceSession);
      const body = route.method === 'POST' || route.method === 'PUT' ? JSON.stringify(validBody(route, bob, ALICE)) : undefined;
      const res = await send(gw, route.method, pathOf(route, alice), { ...creds, body });
      const wrapper = wrapperOf(route, alice);
      if (NOT_IMPLEMENTED.has(name)) {
        expect({ status: res.status, body: res.body }).toEqual({ status: 501, body: errorShape(wrapper, 1004) });
        expect(JSON.stringify(res.body)).toContain(NOT_IMPLEMENTED_REASON);
      } else {
        expect({ status: res.status, body: res.body }).toEqual({ status: 404, body: errorShape(wrapper, expect.any(Number)) });
        const inner = (wrapper ? res.body[wrapper] : res.body) as { statusCode: number };
        expect([39, 42, 47]).toContain(inner.statusCode);
      }
      for (const secret of bobSecrets) expect(res.text).not.toContain(secret);
    });
  });
});

/** Tries a WebSocket upgrade; resolves with the HTTP status of a refusal, or 101 once open (then closes). */
function upgrade(path: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(gw.wsUrl + path, { headers });
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('error', reject);
  });
}

describe("A's credentials on B's notification channel", () => {
  const channel = () => `${userPath(BOB)}/websocket/${gw.hooks.subscriptions(BOB)[0].channelId}`;
  const attempts: Array<[string, () => [string, Record<string, string>], number]> = [
    ['an access token (?token=)', () => [`${channel()}?token=${gw.hooks.issueToken(ALICE, 'access')}`, {}], 403],
    ['a bearer token (?access_token=)', () => [`${channel()}?access_token=${gw.hooks.issueToken(ALICE, 'bearer')}`, {}], 403],
    ['Basic credentials (header)', () => [channel(), basic(ALICE)], 403],
    ['a bearer token (header)', () => [channel(), { Authorization: `Bearer ${gw.hooks.issueToken(ALICE, 'bearer')}` }], 403],
    ['an x-session id (header)', () => [channel(), { 'x-session': aliceSession }], 403],
    ['an HMAC token (x-token header)', () => [channel(), { 'x-token': hmacToken(ALICE, 'alice-hmac-key') }], 401],
    ["B's channel id under A's path", () => [channel().replace(userPath(BOB), userPath(ALICE)), basic(ALICE)], 404],
  ];

  it.each(attempts)('%s is refused; B stays attached and is not overridden', async (_name, make, status) => {
    await expectBobUntouched(async () => {
      const [path, headers] = make();
      expect(await upgrade(path, headers)).toBe(status);
    });
    expect(gw.hooks.subscriptions(BOB)[0].connected).toBe(true);
    expect(bobWs.types()).not.toContain('websocketOverridden');
  });

  it("B's own credentials attach (the refusals above are about the user, not the path)", async () => {
    const own = await upgrade(`${channel()}?token=${gw.hooks.issueToken(BOB, 'access')}`);
    expect(own).toBe(101);
    // The attach overrode B's socket: reconnect B for any later test.
    await bobWs.waitFor('websocketOverridden');
  });
});
