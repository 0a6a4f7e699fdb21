/**
 * Call history (§10): a record per party of every relayed call, `GET logHistory` paging,
 * `DELETE logRecord/{id}` and `DELETE logHistory`, the per-user cap, and the records surviving a
 * restart on the same data directory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Gateway } from '../src/index';
import { ALICE, BOB, CAROL, WsClient, api, basic, connect, startTestGateway, userPath } from './helpers';

const sdp = (tag: string) => `v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=${tag}\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=sendrecv\r\n`;
const calls = (user: string) => `${userPath(user)}/callControl`;
const leg = (user: string, id: string) => `${calls(user)}/callSessions/${id}`;
const control = (body: Record<string, unknown>) => ({ callControlRequest: body });

const gateways: Gateway[] = [];
const sockets: WsClient[] = [];
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gw-history-'));
});
afterAll(async () => {
  for (const ws of sockets) ws.close();
  for (const gw of gateways) await gw.close();
  rmSync(dir, { recursive: true, force: true });
});

async function start(options: Parameters<typeof startTestGateway>[0] = {}): Promise<Gateway> {
  const gw = await startTestGateway({ maxSubscriptionsPerUser: 50, ...options });
  gateways.push(gw);
  return gw;
}

async function users(gw: Gateway, ...names: string[]): Promise<WsClient[]> {
  const out: WsClient[] = [];
  for (const name of names) {
    const { ws } = await connect(gw, name);
    sockets.push(ws);
    out.push(ws);
  }
  return out;
}

/** alice → bob; `outcome` decides how it ends. Returns alice's and bob's leg ids. */
async function callOnce(gw: Gateway, bobWs: WsClient, outcome: 'answered' | 'rejected' | 'cancelled', to = BOB) {
  const seen = bobWs.frames.length;
  const res = await api(gw, 'POST', calls(ALICE), control({ type: 'callStart', to, sdp: sdp('o') }), basic(ALICE));
  const aleg = res.body.callControlResponse.sessionData as string;
  const bleg = (await bobWs.waitFor('call', seen)).sessionParams.sessionData as string;
  if (outcome === 'answered') {
    await api(gw, 'PUT', leg(to, bleg), control({ type: 'callAnswer', sdp: sdp('a') }), basic(to));
    await api(gw, 'DELETE', leg(ALICE, aleg), undefined, basic(ALICE));
  } else if (outcome === 'rejected') {
    await api(gw, 'POST', `${userPath(to)}/calldisposition`, { callDispositionRequest: { action: 'reject', sessionData: bleg } }, basic(to));
  } else {
    await api(gw, 'DELETE', leg(ALICE, aleg), undefined, basic(ALICE));
  }
  return { aleg, bleg };
}

const history = async (gw: Gateway, user: string, query = '') => {
  const res = await api(gw, 'GET', `${userPath(user)}/logHistory${query}`, undefined, basic(user));
  expect(res.status).toBe(200);
  expect(res.body.logHistory.statusCode).toBe(0);
  return res.body.logHistory.logItems as Array<{ type: string; params: Record<string, string> }>;
};

describe('call history', () => {
  it('records both parties of answered, rejected and cancelled calls, newest first', async () => {
    const gw = await start();
    const [, b] = await users(gw, ALICE, BOB);
    await callOnce(gw, b, 'answered');
    await callOnce(gw, b, 'rejected');
    await callOnce(gw, b, 'cancelled');

    const alice = await history(gw, ALICE);
    expect(alice.map((i) => i.type)).toEqual(['CallLog', 'CallLog', 'CallLog']);
    expect(alice.map((i) => [i.params.direction, i.params.state])).toEqual([
      ['outgoing', 'cancelled'],
      ['outgoing', 'rejected'],
      ['outgoing', 'answered'],
    ]);
    const bob = await history(gw, BOB);
    expect(bob.map((i) => [i.params.direction, i.params.state])).toEqual([
      ['missed', 'missed'],
      ['incoming', 'rejected'],
      ['incoming', 'answered'],
    ]);

    const answered = alice[2].params;
    expect(answered).toEqual({
      recordId: expect.stringMatching(/^log-/),
      direction: 'outgoing',
      state: 'answered',
      callerName: 'Alice',
      callerDisplayNumber: ALICE,
      calleeName: 'Bob',
      calleeDisplayNumber: BOB,
      remoteName: 'Bob',
      remoteDisplayNumber: BOB,
      startTime: expect.stringMatching(/^\d+$/),
      answerTime: expect.stringMatching(/^\d+$/),
      endTime: expect.stringMatching(/^\d+$/),
      duration: expect.stringMatching(/^\d+$/),
      resourceLocation: '',
    });
    expect(Number(answered.duration)).toBe(Number(answered.endTime) - Number(answered.answerTime));
    expect(Number(answered.answerTime)).toBeGreaterThanOrEqual(Number(answered.startTime));
    expect(bob[2].params).toMatchObject({ remoteName: 'Alice', remoteDisplayNumber: ALICE, callerDisplayNumber: ALICE });
    expect(alice[0].params).toMatchObject({ answerTime: '', duration: '0' });
    // A call to an unknown address is recorded for the caller only.
    await api(gw, 'POST', calls(ALICE), control({ type: 'callStart', to: 'ghost@example.com', sdp: sdp('o') }), basic(ALICE));
    expect((await history(gw, ALICE))[0].params).toMatchObject({ direction: 'outgoing', state: 'failed', remoteDisplayNumber: 'ghost@example.com' });
  });

  it('records a forward for the forwarding user and the answered call for the caller and the new callee', async () => {
    const gw = await start();
    const [a, b, c] = await users(gw, ALICE, BOB, CAROL);
    const res = await api(gw, 'POST', calls(ALICE), control({ type: 'callStart', to: BOB, sdp: sdp('o') }), basic(ALICE));
    const aleg = res.body.callControlResponse.sessionData as string;
    const bleg = (await b.waitFor('call')).sessionParams.sessionData as string;
    await api(gw, 'POST', `${userPath(BOB)}/calldisposition`, { callDispositionRequest: { action: 'forward', sessionData: bleg, address: CAROL } }, basic(BOB));
    const cleg = (await c.waitFor('call')).sessionParams.sessionData as string;
    await api(gw, 'PUT', leg(CAROL, cleg), control({ type: 'callAnswer', sdp: sdp('a') }), basic(CAROL));
    await a.waitFor('respondCallUpdate');
    await api(gw, 'DELETE', leg(ALICE, aleg), undefined, basic(ALICE));
    const row = (i: { params: Record<string, string> }) => [i.params.direction, i.params.state, i.params.remoteDisplayNumber];
    expect((await history(gw, BOB)).map(row)).toEqual([['incoming', 'forwarded', ALICE]]);
    expect((await history(gw, CAROL)).map(row)).toEqual([['incoming', 'answered', ALICE]]);
    expect((await history(gw, ALICE)).map(row)).toEqual([['outgoing', 'answered', CAROL]]);
  });

  it('pages with count/startIndex, deletes one record or all, and answers errors in the wrappers', async () => {
    const gw = await start();
    const [, b] = await users(gw, ALICE, BOB);
    for (let i = 0; i < 4; i++) await callOnce(gw, b, 'cancelled');
    const all = await history(gw, ALICE);
    expect(all).toHaveLength(4);
    expect(await history(gw, ALICE, '?count=2&startIndex=1')).toEqual(all.slice(1, 3));
    expect(await history(gw, ALICE, '?startIndex=3')).toEqual(all.slice(3));
    expect(await history(gw, ALICE, '?count=0')).toEqual([]);
    expect(await history(gw, ALICE, '?startIndex=10')).toEqual([]);
    for (const bad of ['?count=-1', '?count=abc', '?startIndex=1.5']) {
      const res = await api(gw, 'GET', `${userPath(ALICE)}/logHistory${bad}`, undefined, basic(ALICE));
      expect([res.status, res.body.logHistory.statusCode]).toEqual([400, 5]);
    }

    const id = all[1].params.recordId;
    // Bob cannot delete alice's record, neither through his path nor hers.
    const viaBob = await api(gw, 'DELETE', `${userPath(BOB)}/logRecord/${id}`, undefined, basic(BOB));
    expect([viaBob.status, viaBob.body.logRecord.statusCode]).toEqual([404, 42]);
    const viaAlice = await api(gw, 'DELETE', `${userPath(ALICE)}/logRecord/${id}`, undefined, basic(BOB));
    expect([viaAlice.status, viaAlice.body.logRecord.statusCode]).toEqual([403, 27]);
    const readOthers = await api(gw, 'GET', `${userPath(ALICE)}/logHistory`, undefined, basic(BOB));
    expect([readOthers.status, readOthers.body.logHistory.statusCode]).toEqual([403, 27]);
    const anonymous = await api(gw, 'GET', `${userPath(ALICE)}/logHistory`);
    expect([anonymous.status, anonymous.body.logHistory.statusCode]).toEqual([401, 4]);

    expect((await api(gw, 'DELETE', `${userPath(ALICE)}/logRecord/${id}`, undefined, basic(ALICE))).status).toBe(204);
    expect((await history(gw, ALICE)).map((i) => i.params.recordId)).toEqual([all[0], all[2], all[3]].map((i) => i.params.recordId));
    const again = await api(gw, 'DELETE', `${userPath(ALICE)}/logRecord/${id}`, undefined, basic(ALICE));
    expect([again.status, again.body.logRecord.statusCode]).toEqual([404, 42]);

    expect((await api(gw, 'DELETE', `${userPath(ALICE)}/logHistory`, undefined, basic(ALICE))).status).toBe(204);
    expect(await history(gw, ALICE)).toEqual([]);
    expect(await history(gw, BOB)).toHaveLength(4);
  });

  it('keeps at most maxHistoryRecordsPerUser records per user, the oldest dropped first', async () => {
    const gw = await start({ maxHistoryRecordsPerUser: 3 });
    const [, b, c] = await users(gw, ALICE, BOB, CAROL);
    await callOnce(gw, c, 'cancelled', CAROL);
    for (let i = 0; i < 3; i++) await callOnce(gw, b, 'cancelled');
    const alice = await history(gw, ALICE);
    expect(alice).toHaveLength(3);
    expect(alice.every((i) => i.params.remoteDisplayNumber === BOB)).toBe(true);
    expect(await history(gw, CAROL)).toHaveLength(1);
  });

  it('survives a restart on the same data directory (deletes too), and a lowered cap trims at start', async () => {
    const first = await start({ data: dir });
    const [, b] = await users(first, ALICE, BOB);
    for (let i = 0; i < 3; i++) await callOnce(first, b, 'answered');
    const before = await history(first, ALICE);
    await api(first, 'DELETE', `${userPath(ALICE)}/logRecord/${before[0].params.recordId}`, undefined, basic(ALICE));
    await api(first, 'DELETE', `${userPath(BOB)}/logHistory`, undefined, basic(BOB));
    await first.close();

    const second = await start({ data: dir });
    expect(await history(second, ALICE)).toEqual(before.slice(1));
    expect(await history(second, BOB)).toEqual([]);
    await second.close();

    const third = await start({ data: dir, maxHistoryRecordsPerUser: 1 });
    expect(await history(third, ALICE)).toEqual(before.slice(1, 2));
  });

  it('click-to-call: the first stage survives a restart, and the bridged call is recorded for both parties only', async () => {
    const data = mkdtempSync(join(tmpdir(), 'gw-c2c-'));
    try {
      const first = await start({ data });
      const [a, b] = await users(first, ALICE, BOB);
      await api(first, 'POST', `${userPath(CAROL)}/clicktocall`, { clickToCallRequest: { callingParty: ALICE, calledParty: BOB } }, basic(CAROL));
      const aleg = (await a.waitFor('call')).sessionParams.sessionData as string;
      const channels = [a, b].map((ws) => ws.ws.url.slice(ws.ws.url.indexOf('/rest/')));
      await first.close();

      const second = await start({ data });
      const [a2, b2] = await Promise.all(channels.map(async (path) => {
        const ws = await WsClient.open(second.wsUrl + path);
        sockets.push(ws);
        ws.ping();
        return ws;
      }));
      expect((await api(second, 'PUT', leg(ALICE, aleg), control({ type: 'callAnswer', sdp: sdp('alice-offer') }), basic(ALICE))).status).toBe(200);
      const bleg = (await b2.waitFor('call')).sessionParams.sessionData as string;
      await api(second, 'PUT', leg(BOB, bleg), control({ type: 'callAnswer', sdp: sdp('bob-answer') }), basic(BOB));
      expect((await a2.waitFor('respondCallUpdate')).sessionParams).toEqual({ sessionData: aleg, sdp: sdp('bob-answer') });
      await api(second, 'DELETE', leg(ALICE, aleg), undefined, basic(ALICE));
      expect((await history(second, ALICE)).map((i) => [i.params.direction, i.params.state, i.params.remoteDisplayNumber])).toEqual([['outgoing', 'answered', BOB]]);
      expect((await history(second, BOB)).map((i) => [i.params.direction, i.params.state, i.params.remoteDisplayNumber])).toEqual([['incoming', 'answered', ALICE]]);
      expect(await history(second, CAROL)).toEqual([]);
      await second.close();
    } finally {
      rmSync(data, { recursive: true, force: true });
    }
  });
});
