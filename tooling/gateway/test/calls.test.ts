import type { Gateway } from '../src/index';
import { hmacToken } from '../src/index';
import { ALICE, BOB, CAROL, api, basic, connect, delay, startTestGateway, subscribeBody, userPath, WsClient } from './helpers';

let gw: Gateway;
beforeAll(async () => {
  gw = await startTestGateway({ maxSubscriptionsPerUser: 50 });
});
afterAll(() => gw.close());
afterEach(async () => {
  for (const s of gw.hooks.subscriptions()) await api(gw, 'DELETE', s.subscription, undefined, basic(s.username));
});

const sdp = (tag: string, dir = 'sendrecv') =>
  `v=0\r\no=- ${tag.length}000 2 IN IP4 127.0.0.1\r\ns=${tag}\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=${dir}\r\n`;
const calls = (user: string) => `${userPath(user)}/callControl`;
const leg = (user: string, id: string) => `${calls(user)}/callSessions/${id}`;
const control = (body: Record<string, unknown>) => ({ callControlRequest: body });

async function startCall(from: string, to: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await api(gw, 'POST', calls(from), control({ type: 'callStart', from: `sip:${from}`, to: `sip:${to}`, sdp: sdp('offer'), ...extra }), basic(from));
  expect(res.status).toBe(201);
  expect(res.body.callControlResponse.statusCode).toBe(0);
  return res.body.callControlResponse.sessionData;
}

describe('a full call between two users', () => {
  it('relays offer, ringing, answer, hold/unhold renegotiation and the hang-up', async () => {
    const a = await connect(gw, ALICE);
    const b = await connect(gw, BOB);
    const aleg = await startCall(ALICE, BOB, { customParameters: [{ name: 'X-Ticket', value: '42' }] });

    const call = await b.ws.waitFor('call');
    const bleg = call.sessionParams.sessionData as string;
    expect(bleg).not.toBe(aleg);
    expect(call.sessionParams.sdp).toBe(sdp('offer'));
    expect(call.callNotificationParams).toEqual({
      callerName: 'Alice',
      callerDisplayNumber: ALICE,
      calleeDisplayNumber: BOB,
      remoteName: 'Alice',
      remoteDisplayNumber: ALICE,
    });
    expect(call.customParameters).toEqual([{ name: 'X-Ticket', value: '42' }]);

    expect((await api(gw, 'PUT', leg(BOB, bleg), control({ type: 'ringing' }), basic(BOB))).status).toBe(200);
    const ringing = await a.ws.waitFor('ringing');
    expect(ringing.sessionParams.sessionData).toBe(aleg);
    expect(ringing.callNotificationParams).toMatchObject({ remoteName: 'Bob', remoteDisplayNumber: BOB, callerDisplayNumber: ALICE });
    expect((await api(gw, 'GET', leg(ALICE, aleg), undefined, basic(ALICE))).body.callControlResponse.state).toBe('RINGING');

    const answered = await api(gw, 'PUT', leg(BOB, bleg), control({ type: 'callAnswer', sdp: sdp('answer') }), basic(BOB));
    expect(answered.body).toEqual({ callControlResponse: { statusCode: 0 } });
    const answer = await a.ws.waitFor('respondCallUpdate');
    expect(answer.sessionParams).toEqual({ sessionData: aleg, sdp: sdp('answer') });
    for (const [user, id] of [[ALICE, aleg], [BOB, bleg]]) {
      const state = await api(gw, 'GET', leg(user, id), undefined, basic(user));
      expect(state.body.callControlResponse).toEqual({ statusCode: 0, state: 'ANSWERED' });
      expect((await api(gw, 'PUT', leg(user, id), control({ type: 'audit' }), basic(user))).status).toBe(200);
    }

    // A holds: offer relayed to B; a concurrent offer from B is refused (glare); B's answer relayed to A.
    const seenA = a.ws.frames.length;
    expect((await api(gw, 'PUT', leg(ALICE, aleg), control({ type: 'startCallUpdate', sdp: sdp('hold', 'inactive') }), basic(ALICE))).status).toBe(200);
    const update = await b.ws.waitFor('startCallUpdate');
    expect(update.sessionParams).toEqual({ sessionData: bleg, sdp: sdp('hold', 'inactive') });
    const glare = await api(gw, 'PUT', leg(BOB, bleg), control({ type: 'startCallUpdate', sdp: sdp('x') }), basic(BOB));
    expect(glare.status).toBe(409);
    expect(glare.body.callControlResponse.statusCode).toBe(1004);
    await api(gw, 'PUT', leg(BOB, bleg), control({ type: 'respondCallUpdate', sdp: sdp('held', 'inactive') }), basic(BOB));
    const held = await a.ws.waitFor('respondCallUpdate', seenA);
    expect(held.sessionParams.sdp).toBe(sdp('held', 'inactive'));

    // Custom headers ride on the next notification to the peer.
    await api(gw, 'PUT', leg(ALICE, aleg), control({ type: 'sendCustomHeaders', customParameters: [{ name: 'X-Rec', value: 'on' }] }), basic(ALICE));
    const seenB = b.ws.frames.length;
    await api(gw, 'PUT', leg(ALICE, aleg), control({ type: 'startCallUpdate', sdp: sdp('unhold') }), basic(ALICE));
    const unhold = await b.ws.waitFor('startCallUpdate', seenB);
    expect(unhold.customParameters).toEqual([{ name: 'X-Rec', value: 'on' }]);
    await api(gw, 'PUT', leg(BOB, bleg), control({ type: 'respondCallUpdate', sdp: sdp('unheld') }), basic(BOB));

    expect((await api(gw, 'DELETE', leg(BOB, bleg), undefined, basic(BOB))).status).toBe(204);
    const end = await a.ws.waitFor('callEnd');
    expect(end.sessionParams).toMatchObject({ sessionData: aleg, statusCode: 0 });
    const audit = await api(gw, 'PUT', leg(ALICE, aleg), control({ type: 'audit' }), basic(ALICE));
    expect(audit.status).toBe(404);
    expect(audit.body.callControlResponse.statusCode).toBe(42);
    const get = await api(gw, 'GET', leg(ALICE, aleg), undefined, basic(ALICE));
    expect(get.status).toBe(404);
    expect(get.body.callControlResponse.statusCode).toBe(47);
    expect((await api(gw, 'DELETE', leg(ALICE, aleg), undefined, basic(ALICE))).status).toBe(204);
    expect(b.ws.types()).not.toContain('callEnd');
    const ids = [...a.ws.frames, ...b.ws.frames].map((f) => f.notificationMessage.eventId);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('ending before answer', () => {
  it('caller cancel → callCancel to the callee; the callee leg is gone', async () => {
    const a = await connect(gw, ALICE);
    const b = await connect(gw, BOB);
    const aleg = await startCall(ALICE, BOB);
    const bleg = (await b.ws.waitFor('call')).sessionParams.sessionData;
    expect((await api(gw, 'DELETE', leg(ALICE, aleg), undefined, basic(ALICE))).status).toBe(204);
    const cancel = await b.ws.waitFor('callCancel');
    expect(cancel.sessionParams.sessionData).toBe(bleg);
    const audit = await api(gw, 'PUT', leg(BOB, bleg), control({ type: 'audit' }), basic(BOB));
    expect(audit.body.callControlResponse.statusCode).toBe(42);
    const late = await api(gw, 'PUT', leg(BOB, bleg), control({ type: 'callAnswer', sdp: sdp('a') }), basic(BOB));
    expect(late.status).toBe(404);
    expect(a.ws.types()).not.toContain('callEnd');
  });

  it('reject → callEnd 603 to the caller', async () => {
    const a = await connect(gw, ALICE);
    const b = await connect(gw, BOB);
    const aleg = await startCall(ALICE, BOB);
    const bleg = (await b.ws.waitFor('call')).sessionParams.sessionData;
    const res = await api(gw, 'POST', `${userPath(BOB)}/calldisposition`, { callDispositionRequest: { action: 'reject', sessionData: bleg } }, basic(BOB));
    expect(res.body).toEqual({ callControlResponse: { statusCode: 0 } });
    const end = await a.ws.waitFor('callEnd');
    expect(end.sessionParams).toMatchObject({ sessionData: aleg, statusCode: 603 });
  });

  it('unanswered calls end after the alerting timeout', async () => {
    const quick = await startTestGateway({ alertingTimeoutMs: 200 });
    try {
      const a = await connect(quick, ALICE);
      const b = await connect(quick, BOB);
      await api(quick, 'POST', calls(ALICE), control({ type: 'callStart', to: BOB, sdp: sdp('o') }), basic(ALICE));
      await b.ws.waitFor('call');
      expect((await a.ws.waitFor('callEnd')).sessionParams.statusCode).toBe(408);
      await b.ws.waitFor('callCancel');
      a.ws.close();
      b.ws.close();
    } finally {
      await quick.close();
    }
  });

  it('unknown or unreachable destinations end the caller leg with callEnd 404 / 480', async () => {
    const a = await connect(gw, ALICE);
    await startCall(ALICE, 'nobody@example.com');
    expect((await a.ws.waitFor('callEnd')).sessionParams.statusCode).toBe(404);
    const seen = a.ws.frames.length;
    await startCall(ALICE, CAROL);
    expect((await a.ws.waitFor('callEnd', seen)).sessionParams.statusCode).toBe(480);
  });
});

describe('isolation and validation', () => {
  it("a user can never act on another user's call", async () => {
    const a = await connect(gw, ALICE);
    const b = await connect(gw, BOB);
    const aleg = await startCall(ALICE, BOB);
    const bleg = (await b.ws.waitFor('call')).sessionParams.sessionData;
    const viaOwnPath = await api(gw, 'PUT', leg(CAROL, bleg), control({ type: 'callAnswer', sdp: sdp('x') }), basic(CAROL));
    expect(viaOwnPath.status).toBe(404);
    expect(viaOwnPath.body.callControlResponse.statusCode).toBe(42);
    const viaTheirPath = await api(gw, 'PUT', leg(BOB, bleg), control({ type: 'callAnswer', sdp: sdp('x') }), basic(CAROL));
    expect(viaTheirPath.status).toBe(403);
    expect(viaTheirPath.headers.get('content-type')).toContain('application/json');
    expect((await api(gw, 'DELETE', leg(ALICE, bleg), undefined, basic(ALICE))).status).toBe(404);
    expect((await api(gw, 'GET', leg(BOB, aleg), undefined, basic(BOB))).body.callControlResponse.statusCode).toBe(47);
    const reject = await api(gw, 'POST', `${userPath(CAROL)}/calldisposition`, { callDispositionRequest: { action: 'reject', sessionData: bleg } }, basic(CAROL));
    expect(reject.status).toBe(404);
    expect(gw.hooks.calls().find((c) => c.caller.id === aleg)?.state).toBe('alerting');
    await delay(50);
    expect(a.ws.types()).toEqual([]);
  });

  it('validates call bodies', async () => {
    const malformed = await api(gw, 'POST', calls(ALICE), '{"callControlRequest": {', basic(ALICE));
    expect(malformed.status).toBe(400);
    expect(malformed.body.callControlResponse.statusCode).toBe(5);
    const missing = await api(gw, 'POST', calls(ALICE), control({ type: 'callStart', to: BOB }), basic(ALICE));
    expect(missing.status).toBe(400);
    const badType = await api(gw, 'POST', calls(ALICE), control({ type: 'teleport' }), basic(ALICE));
    expect(badType.body.callControlResponse.statusCode).toBe(1004);
    const join = await api(gw, 'POST', calls(ALICE), control({ type: 'join' }), basic(ALICE));
    expect(join.status).toBe(400);
    expect(join.body.callControlResponse.statusCode).toBe(5);
    const badCustom = await api(gw, 'POST', calls(ALICE), control({ type: 'callStart', to: BOB, sdp: 'v=0', customParameters: [{ name: 1 }] }), basic(ALICE));
    expect(badCustom.status).toBe(400);
  });
});

describe('several devices', () => {
  it('Basic auth names no device: the answer is bound to the only alerted subscription with a socket; no callCancel to it', async () => {
    const stale = await api(gw, 'POST', `${userPath(BOB)}/subscription`, subscribeBody(), basic(BOB)); // a closed tab's: no socket
    expect(stale.status).toBe(200);
    const b = await connect(gw, BOB);
    const a = await connect(gw, ALICE);
    const aleg = await startCall(ALICE, BOB);
    const bleg = (await b.ws.waitFor('call')).sessionParams.sessionData;
    await api(gw, 'PUT', leg(BOB, bleg), control({ type: 'callAnswer', sdp: sdp('ans') }), basic(BOB));
    await a.ws.waitFor('respondCallUpdate');
    await api(gw, 'PUT', leg(ALICE, aleg), control({ type: 'startCallUpdate', sdp: sdp('hold', 'inactive') }), basic(ALICE));
    await b.ws.waitFor('startCallUpdate');
    // A callCancel would have come before the startCallUpdate.
    expect(b.ws.types()).toStrictEqual(['call', 'startCallUpdate']);
  });

  it('binds the call to the answering subscription (x-session) and cancels the other device', async () => {
    const xToken = hmacToken(BOB, 'bob-hmac-key');
    const devices: Array<{ session: string; ws: WsClient }> = [];
    for (let i = 0; i < 2; i++) {
      const res = await api(gw, 'POST', `${userPath(BOB)}/subscription`, subscribeBody(), { 'x-token': xToken });
      const ws = await WsClient.open(gw.wsUrl + res.body.subscribeResponse.subscriptionParams.notificationChannel);
      devices.push({ session: res.body.subscribeResponse.subscriptionParams.sessionId as string, ws });
    }
    const a = await connect(gw, ALICE);
    const aleg = await startCall(ALICE, BOB);
    const [one, two] = await Promise.all(devices.map((d) => d.ws.waitFor('call')));
    expect(one.sessionParams.sessionData).toBe(two.sessionParams.sessionData);
    const bleg = one.sessionParams.sessionData;
    await api(gw, 'PUT', leg(BOB, bleg), control({ type: 'callAnswer', sdp: sdp('ans') }), { 'x-session': devices[0].session });
    await a.ws.waitFor('respondCallUpdate');
    await devices[1].ws.waitFor('callCancel');
    await api(gw, 'PUT', leg(ALICE, aleg), control({ type: 'startCallUpdate', sdp: sdp('hold', 'inactive') }), basic(ALICE));
    await devices[0].ws.waitFor('startCallUpdate');
    await delay(50);
    expect(devices[0].ws.types()).toStrictEqual(['call', 'startCallUpdate']);
    expect(devices[1].ws.types()).toStrictEqual(['call', 'callCancel']);
    // The answering device's subscription ends → the call ends for the caller.
    const [sub] = gw.hooks.subscriptions(BOB).filter((s) => s.sessionId === devices[0].session);
    await api(gw, 'DELETE', sub.subscription, undefined, { 'x-session': devices[0].session });
    expect((await a.ws.waitFor('callEnd')).sessionParams.sessionData).toBe(aleg);
  });
});

describe('forward and timeouts', () => {
  it('forward alerts the new target with the original offer and cancels the forwarding user', async () => {
    const a = await connect(gw, ALICE);
    const b = await connect(gw, BOB);
    const c = await connect(gw, CAROL);
    const aleg = await startCall(ALICE, BOB);
    const bleg = (await b.ws.waitFor('call')).sessionParams.sessionData;
    const fwd = await api(gw, 'POST', `${userPath(BOB)}/calldisposition`, {
      callDispositionRequest: { action: 'forward', sessionData: bleg, address: 'sip:carol@example.com' },
    }, basic(BOB));
    expect(fwd.status).toBe(200);
    const call = await c.ws.waitFor('call');
    expect(call.sessionParams.sdp).toBe(sdp('offer'));
    expect(call.callNotificationParams).toMatchObject({ callerDisplayNumber: ALICE, calleeDisplayNumber: CAROL });
    await b.ws.waitFor('callCancel');
    await api(gw, 'PUT', leg(CAROL, call.sessionParams.sessionData), control({ type: 'callAnswer', sdp: sdp('carol') }), basic(CAROL));
    const answer = await a.ws.waitFor('respondCallUpdate');
    expect(answer.sessionParams).toEqual({ sessionData: aleg, sdp: sdp('carol') });
    expect(answer.callNotificationParams).toMatchObject({ remoteDisplayNumber: CAROL, remoteName: 'Carol' });
  });

  it('ends an answered call when one leg stays silent (no audits)', async () => {
    const quick = await startTestGateway({ legInactivityMs: 300 });
    try {
      const a = await connect(quick, ALICE);
      const b = await connect(quick, BOB);
      const res = await api(quick, 'POST', calls(ALICE), control({ type: 'callStart', to: BOB, sdp: sdp('o') }), basic(ALICE));
      const aleg = res.body.callControlResponse.sessionData;
      const bleg = (await b.ws.waitFor('call')).sessionParams.sessionData;
      await api(quick, 'PUT', leg(BOB, bleg), control({ type: 'callAnswer', sdp: sdp('a') }), basic(BOB));
      const audits = setInterval(() => {
        void api(quick, 'PUT', leg(ALICE, aleg), control({ type: 'audit' }), basic(ALICE)).catch(() => undefined);
      }, 50);
      try {
        const end = await a.ws.waitFor('callEnd');
        expect(end.sessionParams).toMatchObject({ sessionData: aleg, statusCode: 408 });
      } finally {
        clearInterval(audits);
      }
      expect(quick.hooks.calls()[0].state).toBe('ended');
      a.ws.close();
      b.ws.close();
    } finally {
      await quick.close();
    }
  });
});
