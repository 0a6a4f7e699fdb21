/**
 * Security suite (issue 7 point 9): secrets never reach the gateway's log, and a client abort is
 * a quiet, ordinary event. A whole session runs with a capturing logger — Basic, bearer, access
 * token and HMAC logins, x-session requests, WebSockets with tokens, push registrations with
 * device tokens, TURN credentials and the TURN shared secret (also sent as a path segment of a
 * request, which the request line logs and only the literal-value redaction catches), failed logins, a keepalive timeout, a
 * client abort with `?token=` — and no line may hold any of its secret values.
 */
import { connect as tcpConnect } from 'node:net';
import type { Gateway } from '../../src/index';
import { hmacToken } from '../../src/index';
import { ALICE, BOB, CAROL, WsClient, api, basic, eventually, startTestGateway, subscribeBody, userPath } from '../helpers';

let gw: Gateway;
const logs: string[] = [];
const TURN_SECRET = 'turn-shared-secret-4e1d';
beforeAll(async () => {
  gw = await startTestGateway({ logger: (l) => logs.push(l), socketTimeoutMs: 300, turnSecret: TURN_SECRET, turnUrls: ['turn:127.0.0.1:3478'] });
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

describe('a whole session', () => {
  const secrets = new Set<string>();
  /** Remembers a secret value (and the forms it could be logged in) and returns it. */
  const secret = (value: string): string => {
    secrets.add(value);
    secrets.add(encodeURIComponent(value));
    return value;
  };
  const keep = (headers: Record<string, string>): Record<string, string> => {
    for (const v of Object.values(headers)) secret(v.replace(/^(Basic|Bearer) /, ''));
    return headers;
  };
  const subscribed = (res: { status: number; body: any }) => {
    expect(res.status).toBe(200);
    const params = res.body.subscribeResponse.subscriptionParams;
    secret(params.sessionId);
    secret(params.turnCredentials.password);
    secret(params.notificationChannel.split('/').pop());
    return { ...params, subscription: res.body.subscribeResponse.subscription } as { sessionId: string; notificationChannel: string; subscription: string };
  };
  const sockets: WsClient[] = [];
  afterAll(() => sockets.forEach((ws) => ws.close()));

  it('logs none of its secrets', async () => {
    for (const name of ['alice', 'bob', 'carol']) {
      secret(`${name}-secret`);
      secret(`${name}-hmac-key`);
    }
    // Basic login, and a wrong password.
    const alice = subscribed(await api(gw, 'POST', `${userPath(ALICE)}/subscription`, subscribeBody(), keep(basic(ALICE))));
    sockets.push(await WsClient.open(gw.wsUrl + alice.notificationChannel));
    expect((await api(gw, 'POST', `${userPath(ALICE)}/subscription`, subscribeBody(), keep(basic(ALICE, secret('wrong-password-1'))))).status).toBe(401);

    // Bearer token login, its WebSocket with ?access_token=, an expired and an unknown bearer token.
    const bearer = secret(gw.hooks.issueToken(BOB, 'bearer'));
    const bob = subscribed(await api(gw, 'POST', `${userPath(BOB)}/subscription`, subscribeBody(), { Authorization: `Bearer ${bearer}` }));
    sockets.push(await WsClient.open(`${gw.wsUrl}${bob.notificationChannel}?access_token=${bearer}`));
    const expired = secret(gw.hooks.issueToken(BOB, 'bearer'));
    gw.hooks.expireToken(expired);
    expect((await api(gw, 'POST', `${userPath(BOB)}/subscription`, subscribeBody(), { Authorization: `Bearer ${expired}` })).status).toBe(403);
    expect((await api(gw, 'POST', `${userPath(BOB)}/subscription`, subscribeBody(), { Authorization: `Bearer ${secret('unknown-bearer-1')}` })).status).toBe(401);

    // Access token (?token=) login and its WebSocket; one socket never pings (keepalive timeout line).
    const access = secret(gw.hooks.issueToken(CAROL, 'access'));
    const carol = subscribed(await api(gw, 'POST', `${userPath(CAROL)}/subscription?token=${access}`, subscribeBody()));
    await WsClient.open(`${gw.wsUrl}${carol.notificationChannel}?token=${access}`);
    expect((await api(gw, 'GET', `${userPath(CAROL)}/voicemail?token=${secret('unknown-access-1')}`)).status).toBe(401);

    // HMAC login, then x-session requests: a call to Bob, push registrations with device tokens.
    const hmac = secret(hmacToken(ALICE, 'alice-hmac-key'));
    const hmacSub = subscribed(await api(gw, 'POST', `${userPath(ALICE)}/subscription`, subscribeBody(), { 'x-token': hmac }));
    const session = { 'x-session': hmacSub.sessionId };
    const call = await api(gw, 'POST', `${userPath(ALICE)}/callControl`, { callControlRequest: { type: 'callStart', to: BOB, sdp: 'v=0\r\n' } }, session);
    expect(call.status).toBe(201);
    const apple = { voipDeviceToken: secret('voip-device-token-5f3a'), standardDeviceToken: secret('apns-device-token-77c1'), bundleID: 'com.example' };
    expect((await api(gw, 'POST', `${userPath(ALICE)}/push/apple/devices`, apple, session)).status).toBe(201);
    const google = { deviceToken: secret('fcm-device-token-a9b2'), realm: 'r' };
    expect((await api(gw, 'POST', `${userPath(ALICE)}/push/google/devices`, google, session)).status).toBe(201);
    await api(gw, 'DELETE', `${userPath(ALICE)}/callControl/callSessions/${call.body.callControlResponse.sessionData}`, undefined, session);

    // The TURN shared secret as a path segment, which the request line logs (only the literal-value redaction catches it).
    secret(TURN_SECRET);
    await api(gw, 'GET', `/rest/version/1/user/${TURN_SECRET}/voicemail`, undefined, session);
    await eventually(() => logs.some((l) => l.includes('/user/[REDACTED]/voicemail')));

    // A client abort with ?token= in the URL.
    await abortMidBody(`${userPath(CAROL)}/subscription?token=${access}`, {});
    await eventually(() => logs.some((l) => /abort/i.test(l)) && logs.some((l) => /no client frame/.test(l)));

    // The sessions end; an ended x-session is used once more.
    expect((await api(gw, 'DELETE', hmacSub.subscription, undefined, session)).status).toBe(204);
    for (const s of gw.hooks.subscriptions()) {
      await api(gw, 'DELETE', s.subscription, undefined, basic(s.username));
    }
    expect((await api(gw, 'POST', `${userPath(ALICE)}/callControl`, {}, session)).status).toBe(403);

    expect(logs.length).toBeGreaterThan(20);
    const leaks = logs.flatMap((line) => [...secrets].filter((v) => v && line.includes(v)).map((v) => `${v} in: ${line}`));
    expect(leaks).toEqual([]);
    expect(logs.filter((l) => /BUG/.test(l))).toEqual([]);
  });
});
