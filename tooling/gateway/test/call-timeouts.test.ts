/** Calls ended by the gateway's own timers: every alerted callee device gets `callCancel` (§4.10, §18.3). */
import type { Gateway, GatewayOptions } from '../src/index';
import { hmacToken } from '../src/index';
import { ALICE, BOB, api, basic, connect, subscribeBody, startTestGateway, userPath, WsClient } from './helpers';

const sdp = 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n';
const calls = (user: string) => `${userPath(user)}/callControl`;
const leg = (user: string, id: string) => `${calls(user)}/callSessions/${id}`;
const audit = { callControlRequest: { type: 'audit' } };

interface Setup {
  gw: Gateway;
  alice: WsClient;
  bobs: Array<{ ws: WsClient; session: string }>;
  aleg: string;
  bleg: string;
}

/** Alice calls Bob, who has two ringing devices (HMAC sessions, so requests name their device). */
async function ringingCall(options: GatewayOptions): Promise<Setup> {
  const gw = await startTestGateway(options);
  const { ws: alice } = await connect(gw, ALICE);
  const bobs: Setup['bobs'] = [];
  for (let i = 0; i < 2; i++) {
    const res = await api(gw, 'POST', `${userPath(BOB)}/subscription`, subscribeBody(), { 'x-token': hmacToken(BOB, 'bob-hmac-key') });
    const ws = await WsClient.open(gw.wsUrl + res.body.subscribeResponse.subscriptionParams.notificationChannel);
    bobs.push({ ws, session: res.body.subscribeResponse.subscriptionParams.sessionId as string });
  }
  const start = { callControlRequest: { type: 'callStart', to: BOB, sdp } };
  const res = await api(gw, 'POST', calls(ALICE), start, basic(ALICE));
  const aleg = res.body.callControlResponse.sessionData as string;
  const [one, two] = await Promise.all(bobs.map((b) => b.ws.waitFor('call')));
  expect(two.sessionParams.sessionData).toBe(one.sessionParams.sessionData);
  return { gw, alice, bobs, aleg, bleg: one.sessionParams.sessionData as string };
}

async function expectAllCancelled(s: Setup): Promise<void> {
  for (const b of s.bobs) {
    const cancel = await b.ws.waitFor('callCancel');
    expect(cancel.sessionParams.sessionData).toBe(s.bleg);
    expect(b.ws.types()).toStrictEqual(['call', 'callCancel']);
  }
  const end = await s.alice.waitFor('callEnd');
  expect(end.sessionParams).toMatchObject({ sessionData: s.aleg, statusCode: 408 });
  expect(s.alice.types()).toStrictEqual(['callEnd']);
  const after = await api(s.gw, 'PUT', leg(BOB, s.bleg), audit, { 'x-session': s.bobs[0].session });
  expect(after.status).toBe(404);
  expect(after.body.callControlResponse.statusCode).toBe(42);
}

async function shutdown(s: Setup | undefined): Promise<void> {
  if (!s) return;
  s.alice.close();
  for (const b of s.bobs) b.ws.close();
  await s.gw.close();
}

/** Audits `path` every 50 ms until stopped (keeps that leg alive). */
function keepAlive(gw: Gateway, path: string, headers: Record<string, string>): () => void {
  const t = setInterval(() => void api(gw, 'PUT', path, audit, headers).catch(() => undefined), 50);
  return () => clearInterval(t);
}

describe('calls ended by gateway timers while the callee is still ringing', () => {
  it('alerting timeout: callEnd 408 to the caller, callCancel to every ringing device', async () => {
    let s: Setup | undefined;
    try {
      s = await ringingCall({ alertingTimeoutMs: 250 });
      await expectAllCancelled(s);
    } finally {
      await shutdown(s);
    }
  });

  it('inactivity sweep, silent callee: the caller gets callEnd and every ringing device callCancel', async () => {
    let s: Setup | undefined;
    let stop = () => undefined as void;
    try {
      s = await ringingCall({ legInactivityMs: 300 });
      stop = keepAlive(s.gw, leg(ALICE, s.aleg), basic(ALICE));
      await expectAllCancelled(s);
    } finally {
      stop();
      await shutdown(s);
    }
  });

  it('inactivity sweep, silent caller: every ringing device gets callCancel and the caller callEnd', async () => {
    let s: Setup | undefined;
    let stop = () => undefined as void;
    try {
      s = await ringingCall({ legInactivityMs: 300 });
      stop = keepAlive(s.gw, leg(BOB, s.bleg), { 'x-session': s.bobs[1].session });
      await expectAllCancelled(s);
    } finally {
      stop();
      await shutdown(s);
    }
  });
});
