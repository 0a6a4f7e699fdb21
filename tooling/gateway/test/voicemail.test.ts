/** Voicemail (§9, §4.15): `GET voicemail` (52 until set), counters set through `POST /__test__/mwi`, `mwi` notifications to `call` subscriptions. */
import type { Gateway } from '../src/index';
import { ALICE, BOB, WsClient, api, basic, connect, startTestGateway, userPath } from './helpers';

let gw: Gateway;
const sockets: WsClient[] = [];
beforeAll(async () => {
  gw = await startTestGateway({ maxSubscriptionsPerUser: 50 });
});
afterAll(async () => {
  for (const ws of sockets) ws.close();
  await gw.close();
});

describe('voicemail', () => {
  it('answers 52 until counters are set; the admin endpoint stores them and sends mwi to the call subscriptions', async () => {
    expect((await api(gw, 'GET', `${userPath(ALICE)}/voicemail`, undefined, basic(ALICE))).body).toEqual({ mwiresponse: { statusCode: 52, reason: expect.any(String) } });
    const call = await connect(gw, ALICE, { service: ['call'] });
    const imOnly = await connect(gw, ALICE, { service: ['IM'] });
    sockets.push(call.ws, imOnly.ws);
    const set = await api(gw, 'POST', '/__test__/mwi', { username: ALICE, totalVoice: 3, unheardVoice: 1, voice: { new: 1, old: 2 } });
    expect(set.body).toEqual({ statusCode: 0, delivered: 1 });
    expect(await call.ws.waitFor('mwi')).toEqual({
      eventType: 'mwi', eventId: expect.any(String), time: expect.any(Number),
      mwiNotificationParams: { mwi: 'yes', totalVoice: '3', unheardVoice: '1', voice: { new: '1', old: '2' } },
    });
    expect((await api(gw, 'GET', `${userPath(ALICE)}/voicemail`, undefined, basic(ALICE))).body).toEqual({
      mwiresponse: { statusCode: 0, mwi: 'yes', totalVoice: '3', unheardVoice: '1', voice: { new: '1', old: '2' } },
    });
    expect(gw.hooks.setMwi(ALICE, { totalVoice: 3, unheardVoice: 0 })).toBe(1);
    expect((await api(gw, 'GET', `${userPath(ALICE)}/voicemail`, undefined, basic(ALICE))).body.mwiresponse).toEqual({ statusCode: 0, mwi: 'no', totalVoice: '3', unheardVoice: '0' });
    gw.hooks.sendNotification(ALICE, { eventType: 'marker' });
    await imOnly.ws.waitFor('marker');
    expect(imOnly.ws.types()).toEqual(['marker']);
  });

  it('refuses malformed counters and unknown users with 400 + 5, changing nothing', async () => {
    for (const body of [{ username: BOB, totalVoice: -1, unheardVoice: 0 }, { username: BOB, totalVoice: 1 }, { username: BOB, totalVoice: 1, unheardVoice: 0, fax: 3 }, { username: 'nobody', totalVoice: 1, unheardVoice: 1 }]) {
      const res = await api(gw, 'POST', '/__test__/mwi', body);
      expect({ body, status: res.status, code: res.body.statusCode }).toEqual({ body, status: 400, code: 5 });
    }
    expect((await api(gw, 'GET', `${userPath(BOB)}/voicemail`, undefined, basic(BOB))).body.mwiresponse.statusCode).toBe(52);
  });
});
