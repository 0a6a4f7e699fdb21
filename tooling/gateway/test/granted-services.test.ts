/**
 * Issue 7, point 7: the subscription grants only services the gateway implements (§2.2, §18.2:
 * the others are left out, so the client sees PARTIAL / NONE), and an `externalnotification`
 * it cannot deliver (too deeply nested `data`) is refused with 400 in its wrapper.
 */
import type { Gateway } from '../src/index';
import { ALICE, BOB, api, basic, connect, startTestGateway, subscribeBody, userPath } from './helpers';

let gw: Gateway;
beforeAll(async () => {
  gw = await startTestGateway({ maxSubscriptionsPerUser: 50 });
});
afterAll(() => gw.close());

const subPath = `${userPath(ALICE)}/subscription`;

describe('granted services', () => {
  it('grant call, IM, Presence, custom and smsinbound in the client spelling, SIP event packages, and leave out unknown names', async () => {
    const res = await api(gw, 'POST', subPath, subscribeBody({ service: ['call', 'im', 'Presence', 'event:presence', 'custom', 'smsinbound', 'chat'] }), basic(ALICE));
    expect(res.status).toBe(200);
    expect(res.body.subscribeResponse.subscriptionParams.service).toEqual(['call', 'im', 'Presence', 'event:presence', 'custom', 'smsinbound']);
    const refresh = await api(gw, 'PUT', res.body.subscribeResponse.subscription, subscribeBody({ service: ['event:', 'chat'] }), basic(ALICE));
    expect(refresh.status).toBe(200);
    expect(refresh.body.subscribeResponse.subscriptionParams.service).toEqual([]);
    await api(gw, 'DELETE', res.body.subscribeResponse.subscription, undefined, basic(ALICE));
  });
});

describe('externalnotification with very deep data', () => {
  it('answers 400 in the protocol error shape and delivers nothing', async () => {
    const { sub, ws } = await connect(gw, BOB, { service: ['call', 'custom'] });
    try {
      const deep = '{"a":'.repeat(20000) + '1' + '}'.repeat(20000);
      const body = `{"externalNotificationRequest":{"toUrl":"${BOB}","data":${deep}}}`;
      const res = await api(gw, 'POST', `${userPath(ALICE)}/externalnotification`, body, basic(ALICE));
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ externalNotificationResponse: { statusCode: 5, reason: expect.any(String) } });
      const ok = await api(gw, 'POST', `${userPath(ALICE)}/externalnotification`, { externalNotificationRequest: { toUrl: BOB, data: { n: 1 } } }, basic(ALICE));
      expect(ok.body.externalNotificationResponse.delivered).toBe(1);
      const custom = await ws.waitFor('custom');
      expect(custom.customNotificationParams.data).toEqual({ n: 1 });
      expect(ws.types().filter((t) => t === 'custom')).toHaveLength(1);
    } finally {
      ws.close();
      await api(gw, 'DELETE', sub.subscription, undefined, basic(BOB));
    }
  });
});
