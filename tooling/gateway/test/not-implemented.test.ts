/** Known §6–§13 operations the gateway does not implement (SIP events, §8): 501 in the operation's wrapper (§1.7, §18.7). */
import type { Gateway } from '../src/index';
import { ALICE, BOB, api, basic, startTestGateway, userPath } from './helpers';

let gw: Gateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw.close());

const u = userPath(ALICE);
const REASON = 'not implemented by the reference gateway';

const cases: Array<[method: string, path: string, wrapper: string, body?: unknown]> = [
  ['POST', `${u}/eventSubscription`, 'eventSubscriptionResponse', { eventSubscriptionRequest: { eventType: 'event:presence', subscribeUserList: [BOB] } }],
  ['PUT', `${u}/eventSubscription/evs-1`, 'eventSubscriptionResponse', { eventSubscriptionRequest: { eventType: 'event:presence' } }],
  ['DELETE', `${u}/eventSubscription/evs-1`, 'eventSubscriptionResponse'],
];

describe('operations the reference gateway does not implement', () => {
  // Rows as objects: a short tuple row would make jest pass `done` as the missing argument.
  const rows = cases.map(([method, path, wrapper, body]) => ({ method, path, wrapper, body }));
  it.each(rows)('$method $path → 501 with the $wrapper wrapper', async ({ method, path, wrapper, body }) => {
    const res = await api(gw, method, path, body, basic(ALICE));
    expect(res.status).toBe(501);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(Object.keys(res.body)).toEqual([wrapper]);
    expect(res.body[wrapper].statusCode).toEqual(expect.any(Number));
    expect(res.body[wrapper].statusCode).not.toBe(0);
    expect(res.body[wrapper].reason).toBe(REASON);
  });

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
