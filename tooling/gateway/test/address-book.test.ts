/** The personal address book (§12): per-user CRUD keyed by nickname, always in the `addressBookResponse` wrapper, validated and bounded. */
import type { Gateway } from '../src/index';
import { ALICE, BOB, api, basic, startTestGateway, userPath } from './helpers';

let gw: Gateway;
beforeAll(async () => {
  gw = await startTestGateway({ maxContactsPerUser: 3 });
});
afterAll(() => gw.close());

const book = (user: string, rest = '') => `${userPath(user)}/addressbook${rest}`;
const body = (...entries: unknown[]) => ({ addressBookRequest: { addressBookEntries: entries } });
const bobby = { nickname: 'bobby', primaryContact: BOB, firstName: 'Bob', lastName: 'Builder', friendStatus: true };

describe('address book', () => {
  it('adds, lists, fetches, updates and removes entries; every answer is JSON in addressBookResponse', async () => {
    expect((await api(gw, 'GET', book(ALICE), undefined, basic(ALICE))).body).toEqual({ addressBookResponse: { statusCode: 0, addressBookEntries: [] } });
    const added = await api(gw, 'POST', book(ALICE, '/contacts/'), body(bobby, { nickname: 'carol c', primaryContact: 'carol@example.com', ignored: 1 }), basic(ALICE));
    expect(added.status).toBe(200);
    expect(added.body.addressBookResponse.statusCode).toBe(0);
    const list = await api(gw, 'GET', book(ALICE), undefined, basic(ALICE));
    expect(list.body.addressBookResponse.addressBookEntries).toEqual([bobby, { nickname: 'carol c', primaryContact: 'carol@example.com', friendStatus: false }]);
    expect((await api(gw, 'GET', book(ALICE, '/contacts/bobby'), undefined, basic(ALICE))).body).toEqual({ addressBookResponse: { statusCode: 0, addressBookEntries: [bobby] } });

    // Update replaces the entry (the path names it; friendStatus missing = false).
    const updated = await api(gw, 'PUT', book(ALICE, '/contacts/bobby'), body({ nickname: 'ignored', primaryContact: BOB, mobilePhone: '+15550100002' }), basic(ALICE));
    expect(updated.body.addressBookResponse.addressBookEntries).toEqual([{ nickname: 'bobby', primaryContact: BOB, mobilePhone: '+15550100002', friendStatus: false }]);
    expect((await api(gw, 'GET', book(ALICE, '/contacts/bobby'), undefined, basic(ALICE))).body.addressBookResponse.addressBookEntries[0].mobilePhone).toBe('+15550100002');

    // Remove answers a JSON body (204 is not accepted by the client), the id percent-encoded.
    const removed = await api(gw, 'DELETE', book(ALICE, '/contacts/carol%20c'), undefined, basic(ALICE));
    expect(removed).toMatchObject({ status: 200, body: { addressBookResponse: { statusCode: 0 } } });
    expect((await api(gw, 'GET', book(ALICE), undefined, basic(ALICE))).body.addressBookResponse.addressBookEntries.map((e: any) => e.nickname)).toEqual(['bobby']);
    // Bob's book is his own.
    expect((await api(gw, 'GET', book(BOB), undefined, basic(BOB))).body.addressBookResponse.addressBookEntries).toEqual([]);
  });

  it('answers unknown entries 404 + 42, a taken nickname 409 + 1004, over maxContactsPerUser 403 + 19, malformed 400 + 5', async () => {
    for (const [method, rest, b] of [['GET', '/contacts/none', undefined], ['PUT', '/contacts/none', body({ nickname: 'none' })], ['DELETE', '/contacts/none', undefined]] as const) {
      const res = await api(gw, method, book(BOB, rest), b, basic(BOB));
      expect({ method, status: res.status, body: res.body }).toEqual({ method, status: 404, body: { addressBookResponse: { statusCode: 42, reason: expect.any(String) } } });
    }
    expect((await api(gw, 'POST', book(BOB, '/contacts'), body({ nickname: 'a' }), basic(BOB))).status).toBe(200);
    expect(await api(gw, 'POST', book(BOB, '/contacts'), body({ nickname: 'a' }), basic(BOB))).toMatchObject({ status: 409, body: { addressBookResponse: { statusCode: 1004 } } });
    expect(await api(gw, 'POST', book(BOB, '/contacts'), body({ nickname: 'b' }, { nickname: 'c' }, { nickname: 'd' }), basic(BOB))).toMatchObject({ status: 403, body: { addressBookResponse: { statusCode: 19 } } });
    const malformed: unknown[] = [{}, { addressBookRequest: {} }, body(), body('x'), body({}), body({ nickname: 3 }), body({ nickname: 'e', friendStatus: 'yes' }), body({ nickname: 'e', firstName: ['x'] })];
    for (const b of malformed) {
      const res = await api(gw, 'POST', book(BOB, '/contacts'), b, basic(BOB));
      expect({ b, status: res.status, code: res.body.addressBookResponse.statusCode }).toEqual({ b, status: 400, code: 5 });
    }
    expect(await api(gw, 'POST', book(BOB, '/contacts'), body({ nickname: 'big', firstName: 'x'.repeat(9000) }), basic(BOB))).toMatchObject({ status: 413, body: { addressBookResponse: { statusCode: 5 } } });
    expect((await api(gw, 'GET', book(BOB), undefined, basic(BOB))).body.addressBookResponse.addressBookEntries.map((e: any) => e.nickname)).toEqual(['a']);
  });
});
