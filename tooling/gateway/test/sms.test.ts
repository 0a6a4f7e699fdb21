/**
 * SMS both ways (README "Messaging"; the Link protocol has none, §6.2): outbound `POST sms` from a
 * user with a phone number, stored and acknowledged (delivered as an inbound SMS when a configured
 * user owns the number); inbound SMS injected through `POST /__test__/sms/inbound` reach the
 * owning user's `smsinbound` subscriptions as `SMS` notifications and its sms conversation.
 */
import type { Gateway } from '../src/index';
import { ALICE, BOB, WsClient, api, basic, connect, startTestGateway, userPath } from './helpers';

const ALICE_NUMBER = '+15550100001';
const BOB_NUMBER = '+15550100002';

let gw: Gateway;
const sockets: WsClient[] = [];
beforeAll(async () => {
  gw = await startTestGateway({ maxSubscriptionsPerUser: 50, maxMessageBytes: 100 });
});
afterAll(async () => {
  for (const ws of sockets) ws.close();
  await gw.close();
});

const sms = (from: string, to: string, message: string) => api(gw, 'POST', `${userPath(from)}/sms`, { smsRequest: { toUrl: to, message, charset: 'UTF-8' } }, basic(from));
const conversation = async (user: string, id: string) =>
  (await api(gw, 'GET', `${userPath(user)}/conversations/${encodeURIComponent(id)}/messages`, undefined, basic(user))).body.conversationsResponse.messages;

describe('SMS', () => {
  it('injects an inbound SMS for a number: the owner gets an SMS notification on smsinbound subscriptions and an sms conversation', async () => {
    const bob = await connect(gw, BOB, { service: ['call', 'IM', 'smsinbound'] });
    const bobIm = await connect(gw, BOB, { service: ['IM'] });
    sockets.push(bob.ws, bobIm.ws);
    const res = await api(gw, 'POST', '/__test__/sms/inbound', { from: '+1 (555) 999-0000', to: BOB_NUMBER, message: 'Your code is 1234' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ statusCode: 0, messageId: expect.stringMatching(/^sms-/), delivered: 1 });
    expect(await bob.ws.waitFor('SMS')).toEqual({
      eventType: 'SMS',
      eventId: res.body.messageId,
      smsnotificationParams: { primaryContact: 'tel:+15559990000', msgText: 'Your code is 1234', destinationAddress: BOB_NUMBER },
    });
    expect(await conversation(BOB, '+15559990000')).toEqual([
      expect.objectContaining({ messageId: res.body.messageId, type: 'sms', direction: 'incoming', sender: '+15559990000', recipient: BOB_NUMBER, deliveryStatus: 'received' }),
    ]);
    gw.hooks.sendNotification(BOB, { eventType: 'marker' });
    await bobIm.ws.waitFor('marker');
    expect(bobIm.ws.types()).toEqual(['marker']);
  });

  it('refuses an inbound SMS for a number nobody owns, or malformed, with 400 + 5', async () => {
    for (const body of [{ from: '+15559990000', to: '+19999999999', message: 'x' }, { from: 'nope', to: BOB_NUMBER, message: 'x' }, { from: '+15559990000', to: BOB_NUMBER, message: '' }, { from: '+15559990000', to: BOB_NUMBER }]) {
      const res = await api(gw, 'POST', '/__test__/sms/inbound', body);
      expect({ body, status: res.status, code: res.body.statusCode }).toEqual({ body, status: 400, code: 5 });
    }
  });

  it('sends an outbound SMS: acknowledged with messageId, stored; to a number a user owns it arrives as that user\'s inbound SMS', async () => {
    const bob = await connect(gw, BOB, { service: ['smsinbound'] });
    sockets.push(bob.ws);
    const toBob = await sms(ALICE, BOB_NUMBER, 'hi Bob');
    expect(toBob.body).toEqual({ smsResponse: { statusCode: 0, messageId: expect.stringMatching(/^sms-/), deliveryStatus: 'delivered' } });
    expect((await bob.ws.waitFor('SMS')).smsnotificationParams).toEqual({ primaryContact: `tel:${ALICE_NUMBER}`, msgText: 'hi Bob', destinationAddress: BOB_NUMBER });
    const external = await sms(ALICE, 'tel:+44 20 7946 0000', 'hello world');
    expect(external.body.smsResponse).toEqual({ statusCode: 0, messageId: expect.any(String), deliveryStatus: 'sent' });
    expect(await conversation(ALICE, '+442079460000')).toEqual([
      expect.objectContaining({ type: 'sms', direction: 'outgoing', sender: ALICE_NUMBER, recipient: '+442079460000', text: 'hello world', deliveryStatus: 'sent' }),
    ]);
    expect((await conversation(BOB, ALICE_NUMBER)).map((m: any) => m.text)).toEqual(['hi Bob']);
  });

  it('answers bad outbound SMS with coded 4xx in smsResponse: no number 403 + 35, bad number 400 + 37, empty 400 + 5, too long 413 + 5', async () => {
    const noNumber = await startTestGateway({ users: [{ username: 'dave@example.com', password: 'dave-secret' }] });
    try {
      const res = await api(noNumber, 'POST', `${userPath('dave@example.com')}/sms`, { smsRequest: { toUrl: BOB_NUMBER, message: 'x' } }, basic('dave@example.com'));
      expect(res).toMatchObject({ status: 403, body: { smsResponse: { statusCode: 35 } } });
    } finally {
      await noNumber.close();
    }
    expect(await sms(ALICE, 'bob@example.com', 'x')).toMatchObject({ status: 400, body: { smsResponse: { statusCode: 37 } } });
    expect(await sms(ALICE, BOB_NUMBER, '')).toMatchObject({ status: 400, body: { smsResponse: { statusCode: 5 } } });
    expect(await sms(ALICE, BOB_NUMBER, 'x'.repeat(101))).toMatchObject({ status: 413, body: { smsResponse: { statusCode: 5 } } });
    const malformed = await api(gw, 'POST', `${userPath(ALICE)}/sms`, { smsRequest: { toUrl: 5, message: 'x' } }, basic(ALICE));
    expect(malformed).toMatchObject({ status: 400, body: { smsResponse: { statusCode: 5 } } });
  });
});
