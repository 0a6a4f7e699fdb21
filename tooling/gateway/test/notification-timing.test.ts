/**
 * Faithful timing (issue 7 point 6): a notification that answers a client's own request is
 * delivered no sooner than `notificationGraceMs` after that client's HTTP response, measured by the
 * gateway's own monotonic clock (`timingProbe`); a held notification holds back its own channel
 * only; `notificationOrder: 'before-response'` sends it ahead of the response.
 */
import type { Gateway, GatewayOptions, NotificationTimingEvent } from '../src/index';
import { ALICE, BOB, CAROL, api, basic, connect, eventually, startTestGateway, userPath } from './helpers';

const sdp = (tag: string) => `v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=${tag}\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=sendrecv\r\n`;
const calls = (user: string) => `${userPath(user)}/callControl`;
const leg = (user: string, id: string) => `${calls(user)}/callSessions/${id}`;
const control = (body: Record<string, unknown>) => ({ callControlRequest: body });

/** A gateway whose timing events are recorded. */
async function timedGateway(options: GatewayOptions) {
  const events: NotificationTimingEvent[] = [];
  const gw = await startTestGateway({ ...options, timingProbe: (e) => events.push(e) });
  const response = (legId: string, request: string) =>
    events.filter((e) => e.kind === 'response' && e.legId === legId && e.request === request).at(-1);
  const notification = (legId: string, eventType: string) =>
    events.find((e) => e.kind === 'notification' && e.legId === legId && e.eventType === eventType);
  return { gw, events, response, notification };
}

function postStart(gw: Gateway, from: string, to: string) {
  return api(gw, 'POST', calls(from), control({ type: 'callStart', from: `sip:${from}`, to: `sip:${to}`, sdp: sdp('offer') }), basic(from));
}

async function startCall(gw: Gateway, from: string, to: string): Promise<string> {
  const res = await postStart(gw, from, to);
  expect(res.status).toBe(201);
  return res.body.callControlResponse.sessionData;
}

/** alice calls bob, bob rings and answers at once; returns both legs and sockets. */
async function answeredCall(gw: Gateway) {
  const a = await connect(gw, ALICE);
  const b = await connect(gw, BOB);
  const aleg = await startCall(gw, ALICE, BOB);
  const bleg = (await b.ws.waitFor('call')).sessionParams.sessionData as string;
  expect((await api(gw, 'PUT', leg(BOB, bleg), control({ type: 'ringing' }), basic(BOB))).status).toBe(200);
  expect((await api(gw, 'PUT', leg(BOB, bleg), control({ type: 'callAnswer', sdp: sdp('answer') }), basic(BOB))).status).toBe(200);
  await a.ws.waitFor('respondCallUpdate');
  return { a, b, aleg, bleg };
}

/** alice re-offers, bob answers at once; resolves with alice's respondCallUpdate. */
async function renegotiate(gw: Gateway, c: Awaited<ReturnType<typeof answeredCall>>) {
  const fromA = c.a.ws.frames.length;
  const fromB = c.b.ws.frames.length;
  expect((await api(gw, 'PUT', leg(ALICE, c.aleg), control({ type: 'startCallUpdate', sdp: sdp('hold') }), basic(ALICE))).status).toBe(200);
  await c.b.ws.waitFor('startCallUpdate', fromB);
  expect((await api(gw, 'PUT', leg(BOB, c.bleg), control({ type: 'respondCallUpdate', sdp: sdp('held') }), basic(BOB))).status).toBe(200);
  return c.a.ws.waitFor('respondCallUpdate', fromA);
}

describe.each([50, 120])('notificationGraceMs %i', (grace) => {
  let t: Awaited<ReturnType<typeof timedGateway>>;
  beforeAll(async () => {
    t = await timedGateway(grace === 50 ? {} : { notificationGraceMs: grace }); // 50 is the default
  });
  afterAll(() => t.gw.close());

  it('callStart: ringing and the answer reach the caller no sooner than the grace after its 201', async () => {
    const c = await answeredCall(t.gw);
    const responded = t.response(c.aleg, 'callStart')!;
    expect(responded).toBeDefined();
    for (const type of ['ringing', 'respondCallUpdate']) {
      const sent = t.notification(c.aleg, type)!;
      expect(sent).toBeDefined();
      expect(sent.at - responded.at).toBeGreaterThanOrEqual(grace);
    }
    expect(c.a.ws.types()).toEqual(['ringing', 'respondCallUpdate']);
    c.a.ws.close();
    c.b.ws.close();
  });

  it('startCallUpdate: respondCallUpdate reaches the offerer no sooner than the grace after its PUT response', async () => {
    const c = await answeredCall(t.gw);
    const answer = await renegotiate(t.gw, c);
    expect(answer.sessionParams.sdp).toBe(sdp('held'));
    const responded = t.response(c.aleg, 'startCallUpdate')!;
    const sent = t.events.filter((e) => e.kind === 'notification' && e.legId === c.aleg && e.eventType === 'respondCallUpdate').at(-1)!;
    expect(responded).toBeDefined();
    expect(sent.at - responded.at).toBeGreaterThanOrEqual(grace);
    c.a.ws.close();
    c.b.ws.close();
  });

  it('callStart to an unknown user: the callEnd waits for the grace too', async () => {
    const a = await connect(t.gw, CAROL);
    const cleg = await startCall(t.gw, CAROL, 'nobody@example.com');
    expect((await a.ws.waitFor('callEnd')).sessionParams.statusCode).toBe(404);
    expect(t.notification(cleg, 'callEnd')!.at - t.response(cleg, 'callStart')!.at).toBeGreaterThanOrEqual(grace);
    a.ws.close();
  });
});

describe('notificationGraceMs 0', () => {
  let t: Awaited<ReturnType<typeof timedGateway>>;
  beforeAll(async () => {
    t = await timedGateway({ notificationGraceMs: 0 });
  });
  afterAll(() => t.gw.close());

  it('delivers the answers once the response is written (never before it)', async () => {
    const c = await answeredCall(t.gw);
    const started = t.response(c.aleg, 'callStart')!;
    expect(t.notification(c.aleg, 'ringing')!.at).toBeGreaterThanOrEqual(started.at);
    expect(t.notification(c.aleg, 'respondCallUpdate')!.at).toBeGreaterThanOrEqual(started.at);
    await renegotiate(t.gw, c);
    const updated = t.response(c.aleg, 'startCallUpdate')!;
    const answer = t.events.filter((e) => e.kind === 'notification' && e.legId === c.aleg && e.eventType === 'respondCallUpdate').at(-1)!;
    expect(answer.at).toBeGreaterThanOrEqual(updated.at);
    c.a.ws.close();
    c.b.ws.close();
  });

  it('rejects a negative or non-numeric grace and an unknown order with a TypeError', async () => {
    await expect(startTestGateway({ notificationGraceMs: -1 })).rejects.toThrow(TypeError);
    await expect(startTestGateway({ notificationGraceMs: '50' as never })).rejects.toThrow(TypeError);
    await expect(startTestGateway({ notificationOrder: 'sometimes' as never })).rejects.toThrow(TypeError);
  });
});

describe('a held notification holds back its own channel only', () => {
  let t: Awaited<ReturnType<typeof timedGateway>>;
  beforeAll(async () => {
    // A grace far longer than the test's own steps: what is held stays held until released.
    t = await timedGateway({ notificationGraceMs: 60_000 });
  });
  afterAll(() => t.gw.close());

  it('later notifications of that channel wait behind it; other channels flow; ending the channel releases them in order', async () => {
    const a = await connect(t.gw, ALICE);
    const b = await connect(t.gw, BOB);
    const aleg = await startCall(t.gw, ALICE, BOB);
    const bleg = (await b.ws.waitFor('call')).sessionParams.sessionData as string;
    expect((await api(t.gw, 'PUT', leg(BOB, bleg), control({ type: 'ringing' }), basic(BOB))).status).toBe(200);
    t.gw.hooks.sendNotification(ALICE, { eventType: 'custom', eventId: 'after-ringing' });
    t.gw.hooks.sendNotification(BOB, { eventType: 'custom', eventId: 'bob-flows' });
    expect((await b.ws.waitFor('custom')).eventId).toBe('bob-flows');
    expect(a.ws.types()).toEqual([]);
    expect(t.notification(aleg, 'ringing')).toBeUndefined();

    const [sub] = t.gw.hooks.subscriptions(ALICE);
    expect(t.gw.hooks.expireSubscription(sub.id)).toBe(true);
    await a.ws.waitFor('gone');
    expect(a.ws.types()).toEqual(['ringing', 'custom', 'gone']);
    a.ws.close();
    b.ws.close();
  });
});

describe("notificationOrder 'before-response'", () => {
  let t: Awaited<ReturnType<typeof timedGateway>>;
  beforeAll(async () => {
    t = await timedGateway({ notificationOrder: 'before-response' });
  });
  afterAll(() => t.gw.close());

  it('callStart: the caller gets ringing before its 201 is written; startCallUpdate: the answer before its 200', async () => {
    const a = await connect(t.gw, ALICE);
    const b = await connect(t.gw, BOB);
    const posting = postStart(t.gw, ALICE, BOB);
    const call = await b.ws.waitFor('call'); // sent at once: the caller's response is still held
    const bleg = call.sessionParams.sessionData as string;
    expect((await api(t.gw, 'PUT', leg(BOB, bleg), control({ type: 'ringing' }), basic(BOB))).status).toBe(200);
    const started = await posting;
    expect(started.status).toBe(201);
    const aleg = started.body.callControlResponse.sessionData as string;
    expect(t.notification(aleg, 'ringing')!.at).toBeLessThan(t.response(aleg, 'callStart')!.at);
    expect((await api(t.gw, 'PUT', leg(BOB, bleg), control({ type: 'callAnswer', sdp: sdp('answer') }), basic(BOB))).status).toBe(200);
    await a.ws.waitFor('respondCallUpdate');

    const from = a.ws.frames.length;
    const updating = api(t.gw, 'PUT', leg(ALICE, aleg), control({ type: 'startCallUpdate', sdp: sdp('hold') }), basic(ALICE));
    await b.ws.waitFor('startCallUpdate');
    expect((await api(t.gw, 'PUT', leg(BOB, bleg), control({ type: 'respondCallUpdate', sdp: sdp('held') }), basic(BOB))).status).toBe(200);
    expect((await updating).status).toBe(200);
    const answer = t.events.filter((e) => e.kind === 'notification' && e.legId === aleg && e.eventType === 'respondCallUpdate').at(-1)!;
    expect(answer.at).toBeLessThan(t.response(aleg, 'startCallUpdate')!.at);
    expect((await a.ws.waitFor('respondCallUpdate', from)).sessionParams.sdp).toBe(sdp('held'));
    a.ws.close();
    b.ws.close();
  });

  it('callStart to an unknown user: the 201 follows the callEnd', async () => {
    const a = await connect(t.gw, CAROL);
    const cleg = await startCall(t.gw, CAROL, 'nobody@example.com');
    await eventually(() => a.ws.types().includes('callEnd'));
    expect(t.notification(cleg, 'callEnd')!.at).toBeLessThan(t.response(cleg, 'callStart')!.at);
    a.ws.close();
  });
});
