/**
 * Mid-call operations over HTTP + WebSocket (§5.12–§5.17, §13, §18.4): direct and consultative
 * transfers with the slow-start relay, join (validated, then 501: no mixer), click-to-call,
 * custom parameters, remote hold and the leg query used by re-sync.
 */
import type { Gateway } from '../src/index';
import { ALICE, BOB, CAROL, api, basic, connect, delay, startTestGateway, userPath, type WsClient } from './helpers';

let gw: Gateway;
const sockets: WsClient[] = [];
const logs: string[] = [];
beforeAll(async () => {
  gw = await startTestGateway({ maxSubscriptionsPerUser: 50, logger: (line) => logs.push(line) });
});
afterAll(async () => {
  for (const ws of sockets) ws.close();
  await gw.close();
});
afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.close();
  for (const s of gw.hooks.subscriptions()) await api(gw, 'DELETE', s.subscription, undefined, basic(s.username));
});

const sdp = (tag: string, dir = 'sendrecv') => `v=0\r\no=- ${tag.length} 2 IN IP4 127.0.0.1\r\ns=${tag}\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=${dir}\r\n`;
const calls = (user: string) => `${userPath(user)}/callControl`;
const leg = (user: string, id: string) => `${calls(user)}/callSessions/${id}`;
const control = (body: Record<string, unknown>) => ({ callControlRequest: body });
const put = (user: string, id: string, body: Record<string, unknown>) => api(gw, 'PUT', leg(user, id), control(body), basic(user));

async function user(name: string) {
  const c = await connect(gw, name);
  sockets.push(c.ws);
  return c.ws;
}

/** An answered call from → to; returns both leg ids. */
async function call(from: string, fromWs: WsClient, to: string, toWs: WsClient): Promise<{ caller: string; callee: string }> {
  const seen = toWs.frames.length;
  const seenFrom = fromWs.frames.length;
  const res = await api(gw, 'POST', calls(from), control({ type: 'callStart', from: `sip:${from}`, to: `sip:${to}`, sdp: sdp(`offer-${from}`) }), basic(from));
  expect(res.status).toBe(201);
  const caller = res.body.callControlResponse.sessionData as string;
  const callee = (await toWs.waitFor('call', seen)).sessionParams.sessionData as string;
  expect((await put(to, callee, { type: 'callAnswer', sdp: sdp(`answer-${to}`) })).status).toBe(200);
  await fromWs.waitFor('respondCallUpdate', seenFrom);
  return { caller, callee };
}

const typesFrom = (ws: WsClient, from: number) => ws.frames.slice(from).map((f) => f.notificationMessage.eventType);

describe('direct transfer (§5.13)', () => {
  it('bob transfers alice to carol: slow-start offer, carol alerted as a call from alice, answer to alice, sessionComplete to bob', async () => {
    const [a, b, c] = [await user(ALICE), await user(BOB), await user(CAROL)];
    const ab = await call(ALICE, a, BOB, b);
    const seenA = a.frames.length;
    const seenB = b.frames.length;
    const res = await put(BOB, ab.callee, { type: 'transfer', address: `sip:${CAROL}` });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ callControlResponse: { statusCode: 0 } });

    const slow = await a.waitFor('startCallUpdate', seenA);
    expect(slow.sessionParams).toEqual({ sessionData: ab.caller });
    // While the transfer runs, other offers on the call are refused.
    expect((await put(BOB, ab.callee, { type: 'startCallUpdate', sdp: sdp('x') })).status).toBe(409);

    expect((await put(ALICE, ab.caller, { type: 'respondCallUpdate', sdp: sdp('alice-new-offer') })).status).toBe(200);
    const incoming = await c.waitFor('call');
    expect(incoming.sessionParams.sdp).toBe(sdp('alice-new-offer'));
    expect(incoming.callNotificationParams).toMatchObject({ callerName: 'Alice', callerDisplayNumber: ALICE, calleeDisplayNumber: CAROL });
    const cleg = incoming.sessionParams.sessionData as string;
    expect((await put(CAROL, cleg, { type: 'callAnswer', sdp: sdp('carol-answer') })).status).toBe(200);

    const answer = await a.waitFor('respondCallUpdate', seenA);
    expect(answer.sessionParams).toEqual({ sessionData: ab.caller, sdp: sdp('carol-answer') });
    expect(answer.callNotificationParams).toMatchObject({ remoteName: 'Carol', remoteDisplayNumber: CAROL });
    const done = await b.waitFor('sessionComplete', seenB);
    expect(done.sessionParams).toEqual({ sessionData: ab.callee, reasonText: 'Direct Transfer Successful' });
    const bobsLog = await api(gw, 'GET', `${userPath(BOB)}/logHistory?count=1`, undefined, basic(BOB));
    expect(bobsLog.body.logHistory.logItems[0].params).toMatchObject({ direction: 'incoming', state: 'transferred', remoteDisplayNumber: ALICE });

    // Bob releases his leg without disturbing alice ↔ carol; their call works as any other.
    expect((await api(gw, 'DELETE', leg(BOB, ab.callee), undefined, basic(BOB))).status).toBe(204);
    expect((await api(gw, 'GET', leg(BOB, ab.callee), undefined, basic(BOB))).body.callControlResponse.statusCode).toBe(47);
    expect((await api(gw, 'GET', leg(ALICE, ab.caller), undefined, basic(ALICE))).body.callControlResponse.state).toBe('ANSWERED');
    const seenC = c.frames.length;
    expect((await put(ALICE, ab.caller, { type: 'startCallUpdate', sdp: sdp('hold', 'inactive') })).status).toBe(200);
    expect((await c.waitFor('startCallUpdate', seenC)).sessionParams).toEqual({ sessionData: cleg, sdp: sdp('hold', 'inactive') });
    await put(CAROL, cleg, { type: 'respondCallUpdate', sdp: sdp('held', 'inactive') });
    await api(gw, 'DELETE', leg(CAROL, cleg), undefined, basic(CAROL));
    const end = await a.waitFor('callEnd', seenA);
    expect(end.sessionParams.sessionData).toBe(ab.caller);
    expect(typesFrom(b, seenB)).toEqual(['sessionComplete']);
  });

  it('the caller transfers the callee: the callee becomes the caller of the new call and its caller fields name the target', async () => {
    const [a, b, c] = [await user(ALICE), await user(BOB), await user(CAROL)];
    const ab = await call(ALICE, a, BOB, b);
    const [seenA, seenB] = [a.frames.length, b.frames.length];
    expect((await put(ALICE, ab.caller, { type: 'transfer', address: CAROL })).status).toBe(200);
    expect((await b.waitFor('startCallUpdate', seenB)).sessionParams).toEqual({ sessionData: ab.callee });
    await put(BOB, ab.callee, { type: 'respondCallUpdate', sdp: sdp('bob-offer') });
    const incoming = await c.waitFor('call');
    expect(incoming.callNotificationParams).toMatchObject({ callerName: 'Bob', callerDisplayNumber: BOB });
    await put(CAROL, incoming.sessionParams.sessionData, { type: 'callAnswer', sdp: sdp('carol-answer') });
    const answer = await b.waitFor('respondCallUpdate', seenB);
    expect(answer.sessionParams).toEqual({ sessionData: ab.callee, sdp: sdp('carol-answer') });
    // Bob's client shows an incoming call: it reads the caller fields, which now name carol.
    expect(answer.callNotificationParams).toMatchObject({ callerName: 'Carol', callerDisplayNumber: CAROL, remoteDisplayNumber: CAROL });
    expect((await a.waitFor('sessionComplete', seenA)).sessionParams.sessionData).toBe(ab.caller);
    await api(gw, 'DELETE', leg(BOB, ab.callee), undefined, basic(BOB));
    expect((await c.waitFor('callEnd')).sessionParams.sessionData).toBe(incoming.sessionParams.sessionData);
  });

  it('fails with sessionFail when the target rejects; the transferee stays in its call (its offer aborted with 49)', async () => {
    const [a, b, c] = [await user(ALICE), await user(BOB), await user(CAROL)];
    const ab = await call(ALICE, a, BOB, b);
    const seenA = a.frames.length;
    const seenB = b.frames.length;
    await put(BOB, ab.callee, { type: 'transfer', address: CAROL });
    await a.waitFor('startCallUpdate', seenA);
    await put(ALICE, ab.caller, { type: 'respondCallUpdate', sdp: sdp('alice-new-offer') });
    const cleg = (await c.waitFor('call')).sessionParams.sessionData as string;
    const reject = await api(gw, 'POST', `${userPath(CAROL)}/calldisposition`, { callDispositionRequest: { action: 'reject', sessionData: cleg } }, basic(CAROL));
    expect(reject.status).toBe(200);
    const fail = await b.waitFor('sessionFail', seenB);
    expect(fail.sessionParams).toEqual({ sessionData: ab.callee, statusCode: 500, reasonText: 'Direct Transfer Failed' });
    const abort = await a.waitFor('respondCallUpdate', seenA);
    expect(abort.statusCode).toBe(49);
    expect(abort.sessionParams.sessionData).toBe(ab.caller);
    expect(typesFrom(a, seenA)).not.toContain('callEnd');
    // The original call is intact: an ordinary renegotiation goes through.
    const seenB2 = b.frames.length;
    expect((await put(ALICE, ab.caller, { type: 'startCallUpdate', sdp: sdp('unhold') })).status).toBe(200);
    expect((await b.waitFor('startCallUpdate', seenB2)).sessionParams).toEqual({ sessionData: ab.callee, sdp: sdp('unhold') });
    await put(BOB, ab.callee, { type: 'respondCallUpdate', sdp: sdp('unheld') });
    await a.waitFor('respondCallUpdate', seenA + 2);
  });

  it('fails when the transferor hangs up while the target rings: the transferee gets callEnd, the target callCancel', async () => {
    const [a, b, c] = [await user(ALICE), await user(BOB), await user(CAROL)];
    const ab = await call(ALICE, a, BOB, b);
    const seenA = a.frames.length;
    await put(BOB, ab.callee, { type: 'transfer', address: CAROL });
    await a.waitFor('startCallUpdate', seenA);
    await put(ALICE, ab.caller, { type: 'respondCallUpdate', sdp: sdp('alice-new-offer') });
    const cleg = (await c.waitFor('call')).sessionParams.sessionData as string;
    expect((await api(gw, 'DELETE', leg(BOB, ab.callee), undefined, basic(BOB))).status).toBe(204);
    expect((await c.waitFor('callCancel')).sessionParams.sessionData).toBe(cleg);
    expect((await a.waitFor('callEnd', seenA)).sessionParams.sessionData).toBe(ab.caller);
    const audit = await put(ALICE, ab.caller, { type: 'audit' });
    expect([audit.status, audit.body.callControlResponse.statusCode]).toEqual([404, 42]);
  });

  it('answers errors before any side effect: unknown leg, other user’s leg, wrong state, unknown or non-third-party destination, missing address', async () => {
    const [a, b] = [await user(ALICE), await user(BOB)];
    const unknown = await put(BOB, 'leg-nope', { type: 'transfer', address: CAROL });
    expect([unknown.status, unknown.body.callControlResponse.statusCode]).toEqual([404, 42]);
    const seen = b.frames.length;
    const start = await api(gw, 'POST', calls(ALICE), control({ type: 'callStart', to: BOB, sdp: sdp('o') }), basic(ALICE));
    const aleg = start.body.callControlResponse.sessionData as string;
    const bleg = (await b.waitFor('call', seen)).sessionParams.sessionData as string;
    const ringing = await put(BOB, bleg, { type: 'transfer', address: CAROL });
    expect([ringing.status, ringing.body.callControlResponse.statusCode]).toEqual([409, 1004]);
    await put(BOB, bleg, { type: 'callAnswer', sdp: sdp('a') });
    await a.waitFor('respondCallUpdate');
    const othersPath = await api(gw, 'PUT', leg(BOB, bleg), control({ type: 'transfer', address: CAROL }), basic(CAROL));
    expect([othersPath.status, othersPath.body.callControlResponse.statusCode]).toEqual([403, 27]);
    const viaOwnPath = await api(gw, 'PUT', leg(CAROL, bleg), control({ type: 'transfer', address: ALICE }), basic(CAROL));
    expect([viaOwnPath.status, viaOwnPath.body.callControlResponse.statusCode]).toEqual([404, 42]);
    const nobody = await put(BOB, bleg, { type: 'transfer', address: 'sip:nobody@example.com' });
    expect([nobody.status, nobody.body.callControlResponse.statusCode]).toEqual([404, 1004]);
    const toPeer = await put(BOB, bleg, { type: 'transfer', address: ALICE });
    expect([toPeer.status, toPeer.body.callControlResponse.statusCode]).toEqual([400, 1004]);
    const noAddress = await put(BOB, bleg, { type: 'transfer' });
    expect([noAddress.status, noAddress.body.callControlResponse.statusCode]).toEqual([400, 5]);
    await delay(50);
    expect(a.types()).toEqual(['respondCallUpdate']);
    await api(gw, 'DELETE', leg(ALICE, aleg), undefined, basic(ALICE));
    const ended = await put(BOB, bleg, { type: 'transfer', address: CAROL });
    expect([ended.status, ended.body.callControlResponse.statusCode]).toEqual([404, 42]);
  });
});

describe('consultative transfer (§5.14)', () => {
  it('bob (alice on hold, carol consulted) connects alice and carol: sessionComplete on the first leg, callEnd on the second', async () => {
    const [a, b, c] = [await user(ALICE), await user(BOB), await user(CAROL)];
    const ab = await call(ALICE, a, BOB, b);
    const bc = await call(BOB, b, CAROL, c);
    const [seenA, seenB, seenC] = [a.frames.length, b.frames.length, c.frames.length];
    const res = await put(BOB, ab.callee, { type: 'transfer', sessionData: bc.caller, address: CAROL });
    expect(res.status).toBe(200);
    expect((await a.waitFor('startCallUpdate', seenA)).sessionParams).toEqual({ sessionData: ab.caller });
    // Carol has nothing to answer yet.
    expect((await put(CAROL, bc.callee, { type: 'respondCallUpdate', sdp: sdp('early') })).status).toBe(409);
    await put(ALICE, ab.caller, { type: 'respondCallUpdate', sdp: sdp('alice-offer') });
    const toCarol = await c.waitFor('startCallUpdate', seenC);
    expect(toCarol.sessionParams).toEqual({ sessionData: bc.callee, sdp: sdp('alice-offer') });
    await put(CAROL, bc.callee, { type: 'respondCallUpdate', sdp: sdp('carol-answer') });
    const answer = await a.waitFor('respondCallUpdate', seenA);
    expect(answer.sessionParams).toEqual({ sessionData: ab.caller, sdp: sdp('carol-answer') });
    expect(answer.callNotificationParams).toMatchObject({ remoteName: 'Carol', remoteDisplayNumber: CAROL });
    const complete = await b.waitFor('sessionComplete', seenB);
    expect(complete.sessionParams).toEqual({ sessionData: ab.callee, reasonText: 'Transfer Successful' });
    const end = await b.waitFor('callEnd', seenB);
    expect(end.sessionParams.sessionData).toBe(bc.caller);
    expect((await api(gw, 'DELETE', leg(BOB, ab.callee), undefined, basic(BOB))).status).toBe(204);

    // Alice and carol now talk on their existing legs; carol sees alice as the far end.
    const seenC2 = c.frames.length;
    await put(ALICE, ab.caller, { type: 'startCallUpdate', sdp: sdp('hold', 'inactive') });
    const hold = await c.waitFor('startCallUpdate', seenC2);
    expect(hold.sessionParams).toEqual({ sessionData: bc.callee, sdp: sdp('hold', 'inactive') });
    expect(hold.callNotificationParams).toMatchObject({ callerName: 'Alice', callerDisplayNumber: ALICE });
    await put(CAROL, bc.callee, { type: 'respondCallUpdate', sdp: sdp('held', 'inactive') });
    await api(gw, 'DELETE', leg(CAROL, bc.callee), undefined, basic(CAROL));
    expect((await a.waitFor('callEnd', seenA)).sessionParams.sessionData).toBe(ab.caller);
    expect(typesFrom(b, seenB).sort()).toEqual(['callEnd', 'sessionComplete']);
  });

  it('fails with sessionFail when the target hangs up during it, and checks the second leg', async () => {
    const [a, b, c] = [await user(ALICE), await user(BOB), await user(CAROL)];
    const ab = await call(ALICE, a, BOB, b);
    const bc = await call(BOB, b, CAROL, c);
    const same = await put(BOB, ab.callee, { type: 'transfer', sessionData: ab.callee, address: ALICE });
    expect([same.status, same.body.callControlResponse.statusCode]).toEqual([400, 1004]);
    const unknown = await put(BOB, ab.callee, { type: 'transfer', sessionData: 'leg-nope', address: CAROL });
    expect([unknown.status, unknown.body.callControlResponse.statusCode]).toEqual([404, 42]);
    const alicesLeg = await put(BOB, ab.callee, { type: 'transfer', sessionData: ab.caller, address: ALICE });
    expect([alicesLeg.status, alicesLeg.body.callControlResponse.statusCode]).toEqual([404, 42]);

    const seenB = b.frames.length;
    await put(BOB, ab.callee, { type: 'transfer', sessionData: bc.caller, address: CAROL });
    await api(gw, 'DELETE', leg(CAROL, bc.callee), undefined, basic(CAROL));
    const fail = await b.waitFor('sessionFail', seenB);
    expect(fail.sessionParams).toEqual({ sessionData: ab.callee, statusCode: 500, reasonText: 'Transfer Failed' });
    // Alice's call with bob is still there.
    expect((await api(gw, 'GET', leg(ALICE, ab.caller), undefined, basic(ALICE))).body.callControlResponse.state).toBe('ANSWERED');
  });
});

describe('join (§5.15)', () => {
  it('validates the request, then answers 501 + 1004 (no mixer in a signalling-only gateway)', async () => {
    const [a, b, c] = [await user(ALICE), await user(BOB), await user(CAROL)];
    const ab = await call(ALICE, a, BOB, b);
    const ac = await call(ALICE, a, CAROL, c);
    const join = (body: Record<string, unknown>) => api(gw, 'POST', calls(ALICE), control({ type: 'join', sdp: sdp('join'), ...body }), basic(ALICE));
    const missing = await join({ firstSessionData: ab.caller });
    expect([missing.status, missing.body.callControlResponse.statusCode]).toEqual([400, 5]);
    const unknown = await join({ firstSessionData: ab.caller, secondSessionData: 'leg-nope' });
    expect([unknown.status, unknown.body.callControlResponse.statusCode]).toEqual([404, 42]);
    const notMine = await join({ firstSessionData: ab.caller, secondSessionData: ac.callee });
    expect([notMine.status, notMine.body.callControlResponse.statusCode]).toEqual([404, 42]);
    const sameCall = await join({ firstSessionData: ab.caller, secondSessionData: ab.caller });
    expect([sameCall.status, sameCall.body.callControlResponse.statusCode]).toEqual([400, 1004]);
    const noSdp = await api(gw, 'POST', calls(ALICE), control({ type: 'join', firstSessionData: ab.caller, secondSessionData: ac.caller }), basic(ALICE));
    expect([noSdp.status, noSdp.body.callControlResponse.statusCode]).toEqual([400, 5]);
    const valid = await join({ firstSessionData: ab.caller, secondSessionData: ac.caller, customParameters: [{ name: 'X-A', value: '1' }] });
    expect(valid.status).toBe(501);
    expect(valid.body.callControlResponse.statusCode).toBe(1004);
    // Nothing happened to either call.
    for (const id of [ab.caller, ac.caller]) expect((await api(gw, 'GET', leg(ALICE, id), undefined, basic(ALICE))).body.callControlResponse.state).toBe('ANSWERED');
  });
});

describe('click-to-call (§13)', () => {
  it('rings the calling party (slow start), then the called party with its offer, and connects them', async () => {
    const [a, b, c] = [await user(ALICE), await user(BOB), await user(CAROL)];
    const res = await api(gw, 'POST', `${userPath(CAROL)}/clicktocall`, { clickToCallRequest: { callingParty: `sip:${ALICE}`, calledParty: `sip:${BOB}` } }, basic(CAROL));
    expect(res.status).toBe(200);
    expect(res.body.clickToCallResponse).toEqual({ statusCode: 0, callId: expect.any(String) });
    const ring = await a.waitFor('call');
    expect(ring.sessionParams.sdp).toBeUndefined();
    expect(ring.callNotificationParams).toMatchObject({ callerName: 'Bob', callerDisplayNumber: BOB, calleeDisplayNumber: ALICE });
    const aleg = ring.sessionParams.sessionData as string;
    expect((await put(ALICE, aleg, { type: 'ringing' })).status).toBe(200);
    expect((await put(ALICE, aleg, { type: 'callAnswer', sdp: sdp('alice-offer') })).status).toBe(200);
    const incoming = await b.waitFor('call');
    expect(incoming.sessionParams.sdp).toBe(sdp('alice-offer'));
    expect(incoming.callNotificationParams).toMatchObject({ callerName: 'Alice', callerDisplayNumber: ALICE, calleeDisplayNumber: BOB });
    const bleg = incoming.sessionParams.sessionData as string;
    const seenA = a.frames.length;
    await put(BOB, bleg, { type: 'callAnswer', sdp: sdp('bob-answer') });
    const answer = await a.waitFor('respondCallUpdate', seenA);
    expect(answer.sessionParams).toEqual({ sessionData: aleg, sdp: sdp('bob-answer') });
    // Alice's client shows an incoming call from bob: the caller fields keep naming bob.
    expect(answer.callNotificationParams).toMatchObject({ callerName: 'Bob', callerDisplayNumber: BOB, remoteName: 'Bob' });
    for (const [u, id] of [[ALICE, aleg], [BOB, bleg]]) {
      expect((await api(gw, 'GET', leg(u, id), undefined, basic(u))).body.callControlResponse.state).toBe('ANSWERED');
    }
    await api(gw, 'DELETE', leg(BOB, bleg), undefined, basic(BOB));
    expect((await a.waitFor('callEnd', seenA)).sessionParams.sessionData).toBe(aleg);
    expect(c.types()).toEqual([]);
  });

  it('ends the calling party’s call when the called party rejects; nothing reaches the requester', async () => {
    const [a, b] = [await user(ALICE), await user(BOB)];
    await api(gw, 'POST', `${userPath(ALICE)}/clicktocall`, { clickToCallRequest: { callingParty: ALICE, calledParty: BOB } }, basic(ALICE));
    const aleg = (await a.waitFor('call')).sessionParams.sessionData as string;
    await put(ALICE, aleg, { type: 'callAnswer', sdp: sdp('alice-offer') });
    const bleg = (await b.waitFor('call')).sessionParams.sessionData as string;
    await api(gw, 'POST', `${userPath(BOB)}/calldisposition`, { callDispositionRequest: { action: 'reject', sessionData: bleg } }, basic(BOB));
    const end = await a.waitFor('callEnd');
    expect(end.sessionParams).toMatchObject({ sessionData: aleg, statusCode: 603 });
  });

  it('answers errors in the clickToCallResponse wrapper', async () => {
    await user(ALICE);
    const post = (body: unknown) => api(gw, 'POST', `${userPath(ALICE)}/clicktocall`, body, basic(ALICE));
    const cases: Array<[unknown, number, number]> = [
      [{ clickToCallRequest: { callingParty: ALICE } }, 400, 5],
      ['{"clickToCallRequest": ', 400, 5],
      [{ clickToCallRequest: { callingParty: 'nobody@example.com', calledParty: BOB } }, 404, 1004],
      [{ clickToCallRequest: { callingParty: ALICE, calledParty: 'nobody@example.com' } }, 404, 1004],
      [{ clickToCallRequest: { callingParty: ALICE, calledParty: `sip:${ALICE}` } }, 400, 1004],
      [{ clickToCallRequest: { callingParty: BOB, calledParty: ALICE } }, 409, 1004], // bob has no call subscription
    ];
    for (const [body, status, code] of cases) {
      const res = await post(body);
      expect([res.status, res.body.clickToCallResponse.statusCode]).toEqual([status, code]);
    }
    const anonymous = await api(gw, 'POST', `${userPath(ALICE)}/clicktocall`, { clickToCallRequest: { callingParty: ALICE, calledParty: BOB } });
    expect([anonymous.status, anonymous.body.clickToCallResponse.statusCode]).toEqual([401, 4]);
  });
});

describe('custom parameters, remote hold and re-sync (§5.12, §5.17, §5.20)', () => {
  it('relays custom parameters of every request to the far side and answers the leg query as the call moves', async () => {
    const [a, b] = [await user(ALICE), await user(BOB)];
    const ab = await call(ALICE, a, BOB, b);
    const seenB = b.frames.length;
    const seenA = a.frames.length;
    await put(ALICE, ab.caller, { type: 'startCallUpdate', sdp: sdp('hold', 'inactive'), customParameters: [{ name: 'X-Hold', value: 'yes' }] });
    const hold = await b.waitFor('startCallUpdate', seenB);
    expect(hold.sessionParams.sdp).toBe(sdp('hold', 'inactive'));
    expect(hold.customParameters).toEqual([{ name: 'X-Hold', value: 'yes' }]);
    await put(BOB, ab.callee, { type: 'respondCallUpdate', sdp: sdp('held', 'inactive'), customParameters: [{ name: 'X-Reply', value: 'ok' }] });
    expect((await a.waitFor('respondCallUpdate', seenA)).customParameters).toEqual([{ name: 'X-Reply', value: 'ok' }]);
    const bad = await put(BOB, ab.callee, { type: 'sendCustomHeaders', customParameters: [{ name: 'X-1' }] });
    expect([bad.status, bad.body.callControlResponse.statusCode]).toEqual([400, 5]);
    const none = await put(BOB, ab.callee, { type: 'sendCustomHeaders' });
    expect([none.status, none.body.callControlResponse.statusCode]).toEqual([400, 5]);
    // Re-sync: both legs answer ANSWERED while held; 47 once ended.
    for (const [u, id] of [[ALICE, ab.caller], [BOB, ab.callee]]) {
      expect((await api(gw, 'GET', leg(u, id), undefined, basic(u))).body.callControlResponse).toEqual({ statusCode: 0, state: 'ANSWERED' });
    }
    const othersQuery = await api(gw, 'GET', leg(BOB, ab.caller), undefined, basic(BOB));
    expect([othersQuery.status, othersQuery.body.callControlResponse.statusCode]).toEqual([404, 47]);
    await api(gw, 'DELETE', leg(ALICE, ab.caller), undefined, basic(ALICE));
    const gone = await api(gw, 'GET', leg(BOB, ab.callee), undefined, basic(BOB));
    expect([gone.status, gone.body.callControlResponse.statusCode]).toEqual([404, 47]);
    expect(logs.some((l) => l.startsWith('BUG'))).toBe(false);
  });
});
