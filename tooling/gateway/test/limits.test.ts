/**
 * Issue 7, point 2: the per-user resource limits (README "Resource limits") answer with the
 * protocol's error shape before any side effect. The memory bounds themselves are measured in
 * `security/amplification.test.ts`.
 */
import { ChannelRegistry } from '../src/channel-registry';
import { ENDED_CALLS_PER_USER } from '../src/calls';
import { resolveSettings } from '../src/config';
import { startGateway, type Gateway, type GatewayOptions } from '../src/index';
import { openSqliteStore } from '../src/store';
import { ENDED_SESSIONS_KEPT, SubscriptionManager } from '../src/subscriptions';
import { TimerSet } from '../src/timers';
import { ALICE, BOB, CAROL, api, basic, connect, eventually, startTestGateway, userPath } from './helpers';

const sdp = (tag: string) => `v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=${tag}\r\nt=0 0\r\n`;
const callStart = (to: string, offer = sdp('offer')) => ({ callControlRequest: { type: 'callStart', to, sdp: offer } });
const calls = (user: string) => `${userPath(user)}/callControl`;
const leg = (user: string, id: string) => `${calls(user)}/callSessions/${id}`;

describe('per-user call limits', () => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startTestGateway({ maxCallsPerUser: 2, maxSdpBytes: 1000 });
  });
  afterAll(() => gw.close());
  afterEach(async () => {
    for (const s of gw.hooks.subscriptions()) await api(gw, 'DELETE', s.subscription, undefined, basic(s.username));
  });

  async function start(from: string, to: string): Promise<string> {
    const res = await api(gw, 'POST', calls(from), callStart(to), basic(from));
    expect(res.status).toBe(201);
    return res.body.callControlResponse.sessionData;
  }

  it('refuses a callStart over maxCallsPerUser with 403 + 19, before any side effect', async () => {
    const b = await connect(gw, BOB);
    const legs = [await start(ALICE, BOB), await start(ALICE, BOB)];
    await b.ws.waitFor('call');
    const before = gw.hooks.calls().length;
    const over = await api(gw, 'POST', calls(ALICE), callStart(BOB), basic(ALICE));
    expect(over.status).toBe(403);
    expect(over.body).toEqual({ callControlResponse: { statusCode: 19, reason: expect.any(String) } });
    expect(gw.hooks.calls()).toHaveLength(before);
    // An ended call no longer counts.
    expect((await api(gw, 'DELETE', leg(ALICE, legs[0]), undefined, basic(ALICE))).status).toBe(204);
    await start(ALICE, BOB);
    b.ws.close();
  });

  it('ends a call to a user at the limit at once with callEnd 486 (busy)', async () => {
    const b = await connect(gw, BOB);
    const c = await connect(gw, CAROL);
    await start(ALICE, BOB);
    await start(ALICE, BOB);
    await eventually(() => b.ws.types().filter((t) => t === 'call').length === 2);
    const from = b.ws.frames.length;
    const busy = await start(CAROL, BOB);
    const end = await c.ws.waitFor('callEnd');
    expect(end.sessionParams).toMatchObject({ sessionData: busy, statusCode: 486 });
    expect(gw.hooks.calls().find((x) => x.caller.id === busy)).toMatchObject({ state: 'ended', alerted: [] });
    expect(b.ws.frames.slice(from).map((f) => f.notificationMessage.eventType)).not.toContain('call');
    b.ws.close();
    c.ws.close();
  });

  it('refuses an SDP over maxSdpBytes with 413 + 5 on every SDP-carrying request, before any side effect', async () => {
    const a = await connect(gw, ALICE);
    const b = await connect(gw, BOB);
    const big = sdp('x'.repeat(1000));
    const offer = await api(gw, 'POST', calls(ALICE), callStart(BOB, big), basic(ALICE));
    expect(offer.status).toBe(413);
    expect(offer.body).toEqual({ callControlResponse: { statusCode: 5, reason: expect.any(String) } });
    const aleg = await start(ALICE, BOB);
    const bleg = (await b.ws.waitFor('call')).sessionParams.sessionData as string;
    const answer = { callControlRequest: { type: 'callAnswer', sdp: big } };
    const refused = await api(gw, 'PUT', leg(BOB, bleg), answer, basic(BOB));
    expect(refused.status).toBe(413);
    expect(refused.body.callControlResponse.statusCode).toBe(5);
    expect(gw.hooks.calls().find((x) => x.caller.id === aleg)?.state).toBe('alerting');
    const ok = await api(gw, 'PUT', leg(BOB, bleg), { callControlRequest: { type: 'callAnswer', sdp: sdp('answer') } }, basic(BOB));
    expect(ok.status).toBe(200);
    await a.ws.waitFor('respondCallUpdate');
    const update = await api(gw, 'PUT', leg(ALICE, aleg), { callControlRequest: { type: 'startCallUpdate', sdp: big } }, basic(ALICE));
    expect(update.status).toBe(413);
    expect(b.ws.types()).not.toContain('startCallUpdate');
    a.ws.close();
    b.ws.close();
  });

  it(`remembers at most ${ENDED_CALLS_PER_USER} ended calls per calling user`, async () => {
    // Nobody else is subscribed: every call ends at once (480).
    const first = await start(ALICE, CAROL);
    for (let i = 0; i < ENDED_CALLS_PER_USER + 4; i++) await start(ALICE, CAROL);
    const mine = gw.hooks.calls().filter((x) => x.caller.username === ALICE && x.state === 'ended');
    expect(mine).toHaveLength(ENDED_CALLS_PER_USER);
    expect(mine.map((x) => x.caller.id)).not.toContain(first);
  });
});

describe('push registration limits', () => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startTestGateway({ maxPushRegistrationsPerUser: 2, maxPushRegistrationBytes: 200 });
  });
  afterAll(() => gw.close());
  const devices = `${userPath(ALICE)}/push/google/devices`;

  it('caps the size (413 + 5) and count (403 + 19); re-registering a clientCorrelator renews in place', async () => {
    const big = await api(gw, 'POST', devices, { deviceToken: 'd'.repeat(300) }, basic(ALICE));
    expect(big.status).toBe(413);
    expect(big.body).toEqual({ googleDeviceRegistrationResponse: { statusCode: 5, reason: expect.any(String) } });
    expect(gw.hooks.pushRegistrations(ALICE)).toEqual([]);
    for (const c of ['one', 'two']) {
      expect((await api(gw, 'POST', devices, { deviceToken: c, clientCorrelator: c }, basic(ALICE))).status).toBe(201);
    }
    const third = await api(gw, 'POST', devices, { deviceToken: 'three' }, basic(ALICE));
    expect(third.status).toBe(403);
    expect(third.body.googleDeviceRegistrationResponse.statusCode).toBe(19);
    const before = gw.hooks.pushRegistrations(ALICE).find((r) => r.clientCorrelator === 'one') as { expiresAt: number };
    expect((await api(gw, 'POST', devices, { deviceToken: 'one-b', clientCorrelator: 'one' }, basic(ALICE))).status).toBe(201);
    const regs = gw.hooks.pushRegistrations(ALICE);
    expect(regs.map((r) => r.deviceToken).sort()).toEqual(['one-b', 'two']);
    expect((regs.find((r) => r.clientCorrelator === 'one') as { expiresAt: number }).expiresAt).toBeGreaterThanOrEqual(before.expiresAt);
    // Another user's registrations do not count against Alice's.
    expect((await api(gw, 'POST', `${userPath(BOB)}/push/google/devices`, { deviceToken: 'b' }, basic(BOB))).status).toBe(201);
  });
});

describe('limit options', () => {
  it.each(['maxCallsPerUser', 'maxSdpBytes', 'maxQueuedNotifications', 'maxQueuedBytes', 'maxPushRegistrationsPerUser', 'maxPushRegistrationBytes', 'pushRegistrationTtlMs'])(
    'rejects a non-positive %s with a TypeError',
    async (name) => {
      await expect(startGateway({ [name]: 0 } as GatewayOptions)).rejects.toThrow(TypeError);
      await expect(startGateway({ [name]: 'x' } as unknown as GatewayOptions)).rejects.toThrow(TypeError);
    },
  );
});

describe('ended-session tombstones', () => {
  it(`keep ids only, for the last ${ENDED_SESSIONS_KEPT} ended sessions`, () => {
    const settings = resolveSettings({});
    const timers = new TimerSet();
    const store = openSqliteStore(':memory:');
    const channels = new ChannelRegistry(settings, timers, store);
    const subs = new SubscriptionManager(settings, timers, channels, () => undefined, store);
    const sessions: string[] = [];
    for (let i = 0; i <= ENDED_SESSIONS_KEPT; i++) {
      const sub = subs.create(ALICE, { expires: 3600, services: ['call'] });
      sessions.push(sub.sessionId);
      subs.remove(sub, 'deleted');
    }
    expect(subs.session(sessions[0])).toBeUndefined();
    expect(subs.session(sessions[1])).toMatchObject({ username: ALICE, ended: true });
    expect(subs.session(sessions[ENDED_SESSIONS_KEPT])).toMatchObject({ username: ALICE, ended: true });
    subs.dispose();
    channels.dispose();
    timers.clear();
    store.close();
  });
});
