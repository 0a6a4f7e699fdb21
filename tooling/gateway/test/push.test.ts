import type { Gateway } from '../src/index';
import { ALICE, BOB, api, basic, connect, delay, startTestGateway, userPath } from './helpers';

let gw: Gateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw.close());

describe('push registration (§14)', () => {
  it('stores Apple and Android registrations and deletes them by the returned path', async () => {
    const apple = await api(gw, 'POST', `${userPath(ALICE)}/push/apple/devices/`, {
      bundleID: 'com.example.phone', service: ['call'], clientCorrelator: 'ios-1', realm: 'r', isProduction: false, voipDeviceToken: 'v1',
    }, basic(ALICE));
    expect(apple.status).toBe(201);
    const reg = apple.body.appleDeviceRegistrationResponse;
    expect(reg).toEqual({ statusCode: 0, registration: expect.stringMatching(/^\/rest\/version\/1\/user\/alice@example\.com\/push\/apple\/devices\/reg-/) });
    const google = await api(gw, 'POST', `${userPath(ALICE)}/push/google/devices/`, { deviceToken: 'g1', service: ['IM'] }, basic(ALICE));
    expect(google.body.googleDeviceRegistrationResponse.statusCode).toBe(0);
    expect(gw.hooks.pushRegistrations(ALICE)).toHaveLength(2);
    expect((await api(gw, 'DELETE', reg.registration, undefined, basic(ALICE))).status).toBe(204);
    const again = await api(gw, 'DELETE', reg.registration, undefined, basic(ALICE));
    expect(again.status).toBe(404);
    expect(again.body.statusCode).toBe(42);
    expect(gw.hooks.pushRegistrations(ALICE)).toHaveLength(1);
  });

  it('validates registration bodies in the provider wrapper', async () => {
    const noToken = await api(gw, 'POST', `${userPath(ALICE)}/push/google/devices/`, { service: ['IM'] }, basic(ALICE));
    expect(noToken.status).toBe(400);
    expect(noToken.body.googleDeviceRegistrationResponse.statusCode).toBe(5);
    const badType = await api(gw, 'POST', `${userPath(ALICE)}/push/apple/devices/`, { voipDeviceToken: 5 }, basic(ALICE));
    expect(badType.body.appleDeviceRegistrationResponse.statusCode).toBe(5);
  });
});

describe('externalnotification (§15.2)', () => {
  it('delivers a custom notification to the target subscriptions holding `custom`', async () => {
    const withCustom = await connect(gw, BOB, { service: ['call', 'custom'] });
    const without = await connect(gw, BOB, { service: ['call'] });
    const res = await api(gw, 'POST', `${userPath(ALICE)}/externalnotification`, {
      externalNotificationRequest: { toUrl: 'sip:bob@example.com', data: { hello: 'world' } },
    }, basic(ALICE));
    expect(res.status).toBe(200);
    expect(res.body.externalNotificationResponse.statusCode).toBe(0);
    const note = await withCustom.ws.waitFor('custom');
    expect(note.customNotificationParams).toMatchObject({ from: ALICE, data: { hello: 'world' } });
    await delay(50);
    expect(without.ws.types()).toEqual([]);
    const unknown = await api(gw, 'POST', `${userPath(ALICE)}/externalnotification`, {
      externalNotificationRequest: { toUrl: 'ghost@example.com' },
    }, basic(ALICE));
    expect(unknown.status).toBe(404);
    expect(unknown.body.externalNotificationResponse.statusCode).toBe(42);
    withCustom.ws.close();
    without.ws.close();
  });
});
