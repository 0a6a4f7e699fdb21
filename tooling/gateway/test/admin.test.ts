/**
 * The admin endpoints (README "Admin endpoints"): `POST /admin/sms/inbound` and `POST /admin/mwi`
 * behind `Authorization: Bearer <adminToken>` — unknown routes (404) without an admin token, 401 + 4
 * with nothing done for a missing or wrong token, the SMS / mwi delivered with the right one, and
 * the token never in a log line.
 */
import type { Gateway } from '../src/index';
import { ALICE, BOB, WsClient, api, basic, connect, startTestGateway, userPath } from './helpers';

const ADMIN_TOKEN = 'adm-7f3c9a1e5b2d4c6f8a0b';
const BOB_NUMBER = '+15550100002';
const SMS = { from: '+15559990000', to: BOB_NUMBER, message: 'Your code is 1234' };
const MWI = { username: ALICE, totalVoice: 2, unheardVoice: 1 };
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

const logs: string[] = [];
let gw: Gateway;
let plain: Gateway;
const sockets: WsClient[] = [];
beforeAll(async () => {
  gw = await startTestGateway({ adminToken: ADMIN_TOKEN, testEndpoints: false, logger: (l) => logs.push(l) });
  plain = await startTestGateway({ testEndpoints: false });
});
afterAll(async () => {
  for (const ws of sockets) ws.close();
  await Promise.all([gw.close(), plain.close()]);
});

const smsConversations = async (user: string) =>
  (await api(gw, 'GET', `${userPath(user)}/conversations/${encodeURIComponent(SMS.from)}/messages`, undefined, basic(user))).body.conversationsResponse?.messages ?? [];
const voicemail = async (user: string) => (await api(gw, 'GET', `${userPath(user)}/voicemail`, undefined, basic(user))).body.mwiresponse;

describe('admin endpoints', () => {
  it('are unknown routes (404) when no admin token is configured, even with a token', async () => {
    for (const [path, body] of [['/admin/sms/inbound', SMS], ['/admin/mwi', MWI]] as const) {
      const res = await api(plain, 'POST', path, body, bearer(ADMIN_TOKEN));
      expect({ path, status: res.status, code: res.body.statusCode }).toEqual({ path, status: 404, code: 42 });
    }
  });

  it('answer 401 + 4 to a missing or wrong token and deliver nothing', async () => {
    const bob = await connect(gw, BOB, { service: ['call', 'smsinbound'] });
    const alice = await connect(gw, ALICE, { service: ['call'] });
    sockets.push(bob.ws, alice.ws);
    const refused: Record<string, string>[] = [{}, bearer('wrong'), bearer(`${ADMIN_TOKEN}x`), { Authorization: `Basic ${ADMIN_TOKEN}` }, { Authorization: ADMIN_TOKEN }];
    for (const headers of refused) {
      for (const [path, body] of [['/admin/sms/inbound', SMS], ['/admin/mwi', MWI]] as const) {
        const res = await api(gw, 'POST', path, body, headers);
        expect({ path, headers, status: res.status, code: res.body.statusCode }).toEqual({ path, headers, status: 401, code: 4 });
      }
    }
    expect(await smsConversations(BOB)).toEqual([]);
    expect((await voicemail(ALICE)).statusCode).toBe(52);
    // A marker sent after the refusals arrives alone: no SMS or mwi notification went out before it.
    gw.hooks.sendNotification(BOB, { eventType: 'marker' });
    gw.hooks.sendNotification(ALICE, { eventType: 'marker' });
    await Promise.all([bob.ws.waitFor('marker'), alice.ws.waitFor('marker')]);
    expect([bob.ws.types(), alice.ws.types()]).toEqual([['marker'], ['marker']]);
  });

  it('with the right token inject the SMS into the owner subscription and send the mwi notification', async () => {
    const bob = await connect(gw, BOB, { service: ['smsinbound'] });
    const alice = await connect(gw, ALICE, { service: ['call'] });
    sockets.push(bob.ws, alice.ws);
    const sms = await api(gw, 'POST', '/admin/sms/inbound', SMS, bearer(ADMIN_TOKEN));
    expect(sms.status).toBe(201);
    expect(sms.body).toEqual({ statusCode: 0, messageId: expect.stringMatching(/^sms-/), delivered: expect.any(Number) });
    expect(await bob.ws.waitFor('SMS')).toEqual({
      eventType: 'SMS',
      eventId: sms.body.messageId,
      smsnotificationParams: { primaryContact: `tel:${SMS.from}`, msgText: SMS.message, destinationAddress: BOB_NUMBER },
    });
    const mwi = await api(gw, 'POST', '/admin/mwi', MWI, { authorization: `bearer ${ADMIN_TOKEN}` });
    expect(mwi.body).toEqual({ statusCode: 0, delivered: expect.any(Number) });
    expect((await alice.ws.waitFor('mwi')).mwiNotificationParams).toEqual({ mwi: 'yes', totalVoice: '2', unheardVoice: '1' });
    expect(await voicemail(ALICE)).toEqual({ statusCode: 0, mwi: 'yes', totalVoice: '2', unheardVoice: '1' });
  });

  it('answer 400 + 5 to a malformed body or an unknown user, like the test hooks', async () => {
    expect((await api(gw, 'POST', '/admin/mwi', { username: 'nobody', totalVoice: 1, unheardVoice: 1 }, bearer(ADMIN_TOKEN))).body.statusCode).toBe(5);
    expect((await api(gw, 'POST', '/admin/sms/inbound', [], bearer(ADMIN_TOKEN))).status).toBe(400);
  });

  it('never log the token (not even one sent in a URL)', async () => {
    await api(gw, 'POST', `/admin/mwi?t=${ADMIN_TOKEN}`, { username: 'nobody' }, bearer(ADMIN_TOKEN));
    await api(gw, 'POST', `/admin/nothing/${ADMIN_TOKEN}`, {}, bearer(ADMIN_TOKEN));
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.join('\n')).not.toContain(ADMIN_TOKEN);
  });

  it('refuses an empty or non-string adminToken option', async () => {
    for (const adminToken of ['', 'a b', 42]) await expect(startTestGateway({ adminToken: adminToken as string })).rejects.toThrow(TypeError);
  });
});
