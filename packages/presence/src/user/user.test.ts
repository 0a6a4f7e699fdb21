/**
 * user (directory) over the Link adapter (protocol §11): the query per filter, the cache and its
 * events, `fetch` (`users:change`; 001/002 `directory:change`), `fetchSelfInfo` (§11.2 + §11.3),
 * refused values (nothing sent), failures and malformed items.
 */
import { BasicError, createClient } from '@switchboard/core';
import { FakeLinkTransport, fakeConnectivityPlugin } from '@switchboard/test-utils';
import { ok, refusal } from '../__fakes__/linkReplies';
import { userPlugin } from './plugin';

const U = '/rest/version/1/user/alice@example.com';
const bob = { primaryContact: 'bob@example.com', userId: 'bob@example.com', firstName: 'Bob', lastName: 'Builder', emailAddress: 'bob@example.com', photoURL: '', buddy: 'false' };
const bobby = { primaryContact: 'bobby@example.com', firstName: 'Bobby', lastName: 'Axe', buddy: 'true' };

function setup(compatibility?: '001') {
  const transport = new FakeLinkTransport();
  let items: unknown = [bobby, bob];
  transport.responder = (req) => {
    if (req.path.endsWith('/localization')) return { ok: true, status: 200, body: { acceptLanguage: 'en-US' } };
    if (req.path.endsWith('/userProfileData')) return ok(req, { primaryContact: 'alice@example.com', firstName: 'Alice' });
    return ok(req, { directoryItems: items });
  };
  const client = createClient({ plugins: [fakeConnectivityPlugin({ transport }).plugin, userPlugin()], config: { logs: { logLevel: 'silent' }, compatibility } });
  const events: Array<[string, unknown]> = [];
  client.subscribe((type, ...args) => void (/^(directory|users):/.test(type) && events.push([type, args[0]])));
  return { client, transport, events, setItems: (v: unknown) => (items = v), queries: () => transport.sent.map((s) => [s.path, s.options.query]) };
}

let env: ReturnType<typeof setup>;
beforeEach(() => {
  env = setup();
});
afterEach(() => env.client.destroy());

describe('user (protocol §11)', () => {
  test('search(): one filter as criteria + criteriaType; none lists everyone; results cached and in directory:change', async () => {
    await env.client.user.search({ firstName: 'Bo' });
    await env.client.user.search({ lastName: '', name: 'bui' });
    await env.client.user.search({ phoneNumber: '555', userId: 'x' });
    await env.client.user.search({ userName: 'bob' });
    await env.client.user.search({ userId: 'bob@example.com' });
    await env.client.user.search({ emailAddress: 'bob@' });
    await env.client.user.search();
    expect(env.queries()).toEqual([
      [`${U}/directory`, { criteria: 'Bo', criteriaType: '1' }],
      [`${U}/directory`, { criteria: 'bui', criteriaType: '3' }],
      [`${U}/directory`, { criteria: '555', criteriaType: '4' }],
      [`${U}/directory`, { criteria: 'bob', criteriaType: '5' }],
      [`${U}/directory`, { criteria: 'bob@example.com', criteriaType: '5' }],
      [`${U}/directory`, { criteria: 'bob@' }],
      [`${U}/directory`, {}],
    ]);
    expect(env.events[0]).toEqual(['directory:change', { results: [{ ...bobby, userId: 'bobby@example.com' }, bob] }]);
    expect(env.client.user.get('bob@example.com')).toEqual(bob);
    expect(env.client.user.getAll().map((u) => u.userId)).toEqual(['bobby@example.com', 'bob@example.com']);
  });

  test('search(filters, options) (001/002): sorted and cut locally, nothing more sent', async () => {
    await env.client.user.search({}, { sortBy: 'firstName', order: 'desc', max: 1 });
    expect(env.queries()).toEqual([[`${U}/directory`, {}]]);
    expect(env.events).toEqual([['directory:change', { results: [{ ...bobby, userId: 'bobby@example.com' }] }]]);
  });

  test('fetch(): a search by user id; the exact match is the user; users:change', async () => {
    await env.client.user.fetch('bob@example.com');
    expect(env.queries()).toEqual([[`${U}/directory`, { criteria: 'bob@example.com', criteriaType: '5' }]]);
    expect(env.events).toEqual([['users:change', { results: [bob] }]]);
    env.setItems([]);
    await env.client.user.fetch('nobody@example.com');
    expect(env.events[1]).toEqual(['users:error', { error: expect.objectContaining({ code: 'USER_NOT_FOUND', pluginId: 'user' }) }]);
  });

  test('fetch() under the 001/002 profile emits directory:change', async () => {
    await env.client.destroy();
    env = setup('001');
    await env.client.user.fetch('bob@example.com');
    expect(env.events).toEqual([['directory:change', { results: [bob] }]]);
  });

  test('fetchSelfInfo(): userProfileData then localization; the own user with acceptLanguage in directory:change', async () => {
    await env.client.user.fetchSelfInfo();
    expect(env.transport.sent.map((s) => s.path)).toEqual([`${U}/userProfileData`, '/rest/version/1/localization']);
    const self = { primaryContact: 'alice@example.com', firstName: 'Alice', userId: 'alice@example.com', acceptLanguage: 'en-US' };
    expect(env.events).toEqual([['directory:change', { results: [self] }]]);
    expect(env.client.user.get('alice@example.com')).toEqual(self);
  });

  test('wrong types throw a TypeError; wrong values emit the error event with INVALID_ARGUMENT; nothing sent', async () => {
    const u = env.client.user as unknown as Record<string, (...a: unknown[]) => unknown>;
    expect(() => u.fetch!(5)).toThrow(TypeError);
    expect(() => u.get!(null)).toThrow(TypeError);
    expect(() => u.search!('bob')).toThrow(TypeError);
    expect(() => u.search!({ name: 5 })).toThrow(TypeError);
    expect(() => u.search!({}, 'asc')).toThrow(TypeError);
    expect(() => u.search!({}, { max: '3' })).toThrow(TypeError);
    await env.client.user.fetch('  ');
    await env.client.user.search({ name: 'bob\n' });
    await env.client.user.search({}, { order: 'up' as never });
    await env.client.user.search({}, { max: 0 });
    expect(env.transport.sent).toEqual([]);
    expect(env.events.map(([t, p]) => [t, (p as { error: BasicError }).error.code])).toEqual([
      ['users:error', 'INVALID_ARGUMENT'], ['directory:error', 'INVALID_ARGUMENT'], ['directory:error', 'INVALID_ARGUMENT'], ['directory:error', 'INVALID_ARGUMENT'],
    ]);
  });

  test('a refusal is directory:error DIRECTORY_REQUEST_FAILED with the statusCode; the cache is unchanged', async () => {
    env.transport.responder = (req) => refusal(req, 400, 37);
    await env.client.user.search({ name: 'x' });
    await env.client.user.fetchSelfInfo();
    expect(env.events.map(([t, p]) => [t, (p as { error: BasicError }).error.code])).toEqual([
      ['directory:error', 'DIRECTORY_REQUEST_FAILED'], ['directory:error', 'DIRECTORY_REQUEST_FAILED'],
    ]);
    expect((env.events[0]![1] as { error: BasicError }).error.message).toContain('statusCode 37');
    expect(env.client.user.getAll()).toEqual([]);
  });

  test('malformed directory items are dropped; a directoryItems that is not a list is a failure', async () => {
    env.setItems([null, 5, { firstName: 'no id' }, bob]);
    await env.client.user.search();
    expect(env.events).toEqual([['directory:change', { results: [bob] }]]);
    env.setItems('x');
    await env.client.user.search();
    expect(env.events[1]).toEqual(['directory:error', { error: expect.objectContaining({ code: 'DIRECTORY_REQUEST_FAILED' }) }]);
  });
});
