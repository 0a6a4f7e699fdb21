import type { Gateway } from '../src/index';
import { hmacToken } from '../src/index';
import { ALICE, BOB, api, basic, subscribeBody, startTestGateway, userPath } from './helpers';

let gw: Gateway;
const users = [
  { username: ALICE, password: 'alice-secret', authname: 'alice-login', hmacKey: 'alice-hmac-key', displayName: 'Alice' },
  { username: BOB, password: 'bob-secret', hmacKey: 'bob-hmac-key', displayName: 'Bob' },
];

beforeAll(async () => {
  gw = await startTestGateway({ users, maxSubscriptionsPerUser: 50 });
});
afterAll(() => gw.close());

const subscribePath = (user: string) => `${userPath(user)}/subscription`;

describe('Basic', () => {
  it('accepts username:password and rejects a wrong password with 401 in the wrapper', async () => {
    const ok = await api(gw, 'POST', subscribePath(ALICE), subscribeBody(), basic(ALICE));
    expect(ok.status).toBe(200);
    const bad = await api(gw, 'POST', subscribePath(ALICE), subscribeBody(), basic(ALICE, 'wrong'));
    expect(bad.status).toBe(401);
    expect(bad.body).toEqual({ subscribeResponse: { statusCode: 4, reason: expect.any(String) } });
    expect(bad.headers.get('www-authenticate')).toBeNull();
  });

  it('rejects an unknown user and a request without credentials with 401', async () => {
    const unknown = await api(gw, 'POST', subscribePath('zed@example.com'), subscribeBody(), basic('zed@example.com', 'x'));
    expect(unknown.status).toBe(401);
    const none = await api(gw, 'GET', `${userPath(ALICE)}/callControl/callSessions/x`);
    expect(none.status).toBe(401);
    expect(none.body.callControlResponse.statusCode).toBe(4);
  });

  it('accepts authname:password with the username in the path', async () => {
    const res = await api(gw, 'POST', subscribePath(ALICE), subscribeBody(), basic('alice-login', 'alice-secret'));
    expect(res.status).toBe(200);
  });

  it('accepts a percent-encoded @ in the path', async () => {
    const res = await api(gw, 'POST', '/rest/version/1/user/alice%40example.com/subscription', subscribeBody(), basic(ALICE));
    expect(res.status).toBe(200);
    expect(res.body.subscribeResponse.subscription).toMatch(/^\/rest\/version\/1\/user\/alice@example\.com\/subscription\//);
  });

  it("refuses another user's resources with 403 + JSON content type", async () => {
    const res = await api(gw, 'POST', subscribePath(BOB), subscribeBody(), basic(ALICE));
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.body.subscribeResponse.statusCode).toBe(27);
  });
});

describe('tokens', () => {
  it('accepts a bearer token and refuses it after expiry (403 + 65) or when unknown (401)', async () => {
    const issued = await api(gw, 'POST', '/__test__/tokens', { username: ALICE, kind: 'bearer', ttlSeconds: 3600 });
    expect(issued.status).toBe(201);
    const token = issued.body.token as string;
    const headers = { Authorization: `Bearer ${token}` };
    expect((await api(gw, 'POST', subscribePath(ALICE), subscribeBody(), headers)).status).toBe(200);
    expect((await api(gw, 'POST', subscribePath(BOB), subscribeBody(), headers)).status).toBe(403);
    const unknown = await api(gw, 'POST', subscribePath(ALICE), subscribeBody(), { Authorization: 'Bearer nope' });
    expect(unknown.status).toBe(401);
    expect(gw.hooks.expireToken(token)).toBe(true);
    const expired = await api(gw, 'POST', subscribePath(ALICE), subscribeBody(), headers);
    expect(expired.status).toBe(403);
    expect(expired.body.subscribeResponse.statusCode).toBe(65);
  });

  it('accepts an access token in the token query parameter only', async () => {
    const token = gw.hooks.issueToken(ALICE, 'access', 3600);
    const q = `?token=${encodeURIComponent(token)}`;
    expect((await api(gw, 'POST', subscribePath(ALICE) + q, subscribeBody())).status).toBe(200);
    expect((await api(gw, 'POST', subscribePath(ALICE), subscribeBody(), { Authorization: `Bearer ${token}` })).status).toBe(401);
    const short = gw.hooks.issueToken(ALICE, 'access', -1);
    const expired = await api(gw, 'POST', `${subscribePath(ALICE)}?token=${short}`, subscribeBody());
    expect(expired.status).toBe(403);
    expect(expired.body.subscribeResponse.statusCode).toBe(65);
    expect((await api(gw, 'POST', `${subscribePath(ALICE)}?token=bogus`, subscribeBody())).status).toBe(401);
  });
});

describe('HMAC', () => {
  it('subscribes with x-token, then authenticates with x-session', async () => {
    const xToken = hmacToken(ALICE, 'alice-hmac-key');
    const res = await api(gw, 'POST', subscribePath(ALICE), subscribeBody(), { 'x-token': xToken });
    expect(res.status).toBe(200);
    const { subscription, subscriptionParams } = res.body.subscribeResponse;
    expect(typeof subscriptionParams.sessionId).toBe('string');
    const refresh = await api(gw, 'PUT', subscription, subscribeBody(), { 'x-session': subscriptionParams.sessionId });
    expect(refresh.status).toBe(200);
    const wrongUser = await api(gw, 'POST', subscribePath(BOB), subscribeBody(), { 'x-session': subscriptionParams.sessionId });
    expect(wrongUser.status).toBe(403);
    expect((await api(gw, 'DELETE', subscription, undefined, { 'x-session': subscriptionParams.sessionId })).status).toBe(204);
    const gone = await api(gw, 'PUT', subscription, subscribeBody(), { 'x-session': subscriptionParams.sessionId });
    expect(gone.status).toBe(404);
    expect(gone.body.subscribeResponse.statusCode).toBe(39);
  });

  it('rejects a wrong x-token or x-session', async () => {
    const wrong = await api(gw, 'POST', subscribePath(ALICE), subscribeBody(), { 'x-token': hmacToken(ALICE, 'other-key') });
    expect(wrong.status).toBe(401);
    const session = await api(gw, 'POST', subscribePath(ALICE), subscribeBody(), { 'x-session': 'ses-unknown' });
    expect(session.status).toBe(401);
  });
});

describe('CORS', () => {
  it('answers pre-flights with 204 and exposes Retry-After', async () => {
    const res = await fetch(`${gw.url}${subscribePath(ALICE)}`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://app.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://app.example');
    expect(res.headers.get('access-control-allow-methods')).toContain('PUT');
    expect(res.headers.get('access-control-allow-headers')).toContain('x-session');
    expect(res.headers.get('access-control-expose-headers')).toContain('Retry-After');
  });
});
