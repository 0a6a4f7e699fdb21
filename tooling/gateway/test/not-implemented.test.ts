/** Unknown and unsupported routes: authentication first, 405 and 404 answers (§1.7); no §6–§13 operation answers 501 any more (SIP events, §8, are implemented). */
import type { Gateway } from '../src/index';
import { ALICE, BOB, api, basic, startTestGateway, userPath } from './helpers';

let gw: Gateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw.close());

const u = userPath(ALICE);
describe('operations the reference gateway does not implement', () => {
  it('still authenticates first, answering auth failures in the same wrapper', async () => {
    const anonymous = await api(gw, 'POST', `${u}/eventSubscription`, { eventSubscriptionRequest: { eventType: 'event:presence' } });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.eventSubscriptionResponse.statusCode).toBe(4);
    const otherUser = await api(gw, 'DELETE', `${u}/eventSubscription/evs-1`, undefined, basic(BOB));
    expect(otherUser.status).toBe(403);
    expect(otherUser.body.eventSubscriptionResponse.statusCode).toBe(27);
  });

  it('answers an undocumented method on a known path with 405 in the wrapper', async () => {
    const res = await api(gw, 'GET', `${u}/instantmessage`, undefined, basic(ALICE));
    expect(res.status).toBe(405);
    expect(res.body.imResponse.statusCode).toBe(1004);
  });

  it('keeps unknown paths at a bare 404 + 42', async () => {
    for (const path of [`${u}/teleporter`, `${u}/addressbook/contacts/a/b`, '/rest/version/1/nothing']) {
      const res = await api(gw, 'GET', path, undefined, basic(ALICE));
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ statusCode: 42, reason: 'Unknown resource' });
    }
  });
});
