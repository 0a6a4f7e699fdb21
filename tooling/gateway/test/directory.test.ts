/** Directory search and own profile (§11.1, §11.2) over the users file, with the documented filters. */
import type { Gateway } from '../src/index';
import { ALICE, api, basic, startTestGateway, userPath } from './helpers';

const USERS = [
  { username: 'alice@example.com', password: 'alice-secret', firstName: 'Alice', lastName: 'Liddell', phoneNumber: '+15550100001', emailAddress: 'alice@example.com' },
  { username: 'bob@example.com', password: 'bob-secret', firstName: 'Bob', lastName: 'Builder', phoneNumber: '+1 555 010 0002', photoURL: 'https://example.com/bob.png' },
  { username: 'bobby@example.com', password: 'x', firstName: 'Roberta', lastName: 'Bobbins' },
  { username: 'carol@example.com', password: 'carol-secret', displayName: 'Carol' },
];

let gw: Gateway;
beforeAll(async () => {
  gw = await startTestGateway({ users: USERS });
});
afterAll(() => gw.close());

const search = async (query: string) => {
  const res = await api(gw, 'GET', `${userPath(ALICE)}/directory${query}`, undefined, basic(ALICE));
  return { status: res.status, body: res.body, ids: (res.body.directory.directoryItems ?? []).map((i: any) => i.primaryContact) as string[] };
};

describe('directory', () => {
  it('lists every user without a filter, as §11.1 user objects (strings; buddy from the address book)', async () => {
    await api(gw, 'POST', `${userPath(ALICE)}/addressbook/contacts/`, { addressBookRequest: { addressBookEntries: [{ nickname: 'b', primaryContact: 'bob@example.com' }] } }, basic(ALICE));
    const all = await search('');
    expect(all.status).toBe(200);
    expect(all.ids).toEqual(['alice@example.com', 'bob@example.com', 'bobby@example.com', 'carol@example.com']);
    expect(all.body.directory.directoryItems[1]).toEqual({
      primaryContact: 'bob@example.com', userId: 'bob@example.com', firstName: 'Bob', lastName: 'Builder', emailAddress: '',
      photoURL: 'https://example.com/bob.png', phoneNumber: '+1 555 010 0002', buddy: 'true',
    });
    expect(all.body.directory.directoryItems[3]).toMatchObject({ firstName: 'Carol', lastName: '', buddy: 'false' });
  });

  it('filters by criteriaType 1–5 (case-insensitive substring, phone digits only), exact matches first; criteria alone matches any field', async () => {
    expect((await search('?criteria=bo&criteriaType=1')).ids).toEqual(['bob@example.com']);
    expect((await search('?criteria=BOBBINS&criteriaType=2')).ids).toEqual(['bobby@example.com']);
    expect((await search('?criteria=rob&criteriaType=3')).ids).toEqual(['bobby@example.com']);
    expect((await search('?criteria=5550100002&criteriaType=4')).ids).toEqual(['bob@example.com']);
    expect((await search('?criteria=%2B1-555-0100&criteriaType=4')).ids).toEqual(['alice@example.com', 'bob@example.com']);
    expect((await search('?criteria=bobby%40example.com&criteriaType=5')).ids).toEqual(['bobby@example.com']);
    expect((await search('?criteria=bob&criteriaType=5')).ids).toEqual(['bob@example.com', 'bobby@example.com']);
    expect((await search('?criteria=bob%40example.com&criteriaType=5')).ids[0]).toBe('bob@example.com');
    expect((await search('?criteria=liddell')).ids).toEqual(['alice@example.com']);
    expect((await search('?criteria=zebra')).ids).toEqual([]);
  });

  it('answers a bad criteriaType with 400 + 37 and criteriaType without criteria with 400 + 5, in the directory wrapper', async () => {
    expect(await search('?criteria=bob&criteriaType=9')).toMatchObject({ status: 400, body: { directory: { statusCode: 37 } } });
    expect(await search('?criteria=bob&criteriaType=x')).toMatchObject({ status: 400, body: { directory: { statusCode: 37 } } });
    expect(await search('?criteriaType=1')).toMatchObject({ status: 400, body: { directory: { statusCode: 5 } } });
  });

  it('serves the own profile mirroring the directory object', async () => {
    const res = await api(gw, 'GET', `${userPath(ALICE)}/userProfileData`, undefined, basic(ALICE));
    expect(res.body).toEqual({
      userProfileData: {
        statusCode: 0, primaryContact: ALICE, userId: ALICE, firstName: 'Alice', lastName: 'Liddell', emailAddress: ALICE, photoURL: '', phoneNumber: '+15550100001',
      },
    });
  });

  it('refuses a users file entry with a bad phoneNumber', async () => {
    await expect(startTestGateway({ users: [{ username: 'x@example.com', password: 'p', phoneNumber: 'call me' }] })).rejects.toThrow(TypeError);
  });
});
