/**
 * contacts over the Link adapter (protocol §12): the exact requests (contactId ↔ nickname, empty
 * fields left out), the cache and its events, refused values (nothing sent), failures and
 * malformed entries.
 */
import { BasicError, createClient } from '@switchboard/core';
import { FakeLinkTransport, fakeConnectivityPlugin, type SentRequest } from '@switchboard/test-utils';
import { ok, refusal } from '../__fakes__/linkReplies';
import { contactsPlugin } from './plugin';

const A = '/rest/version/1/user/alice@example.com/addressbook';

/** A fake address book answering like the gateway. */
function setup() {
  const transport = new FakeLinkTransport();
  const book = new Map<string, Record<string, unknown>>();
  transport.responder = (req: SentRequest) => {
    const entries = (req.body as { addressBookRequest?: { addressBookEntries: Array<Record<string, unknown>> } } | undefined)?.addressBookRequest?.addressBookEntries;
    const id = decodeURIComponent(req.path.split('/contacts/')[1] ?? '');
    if (req.method === 'GET' && req.path === A) return ok(req, { addressBookEntries: [...book.values()] });
    if (req.method === 'POST') {
      if (entries!.some((e) => book.has(e.nickname as string))) return refusal(req, 409, 1004);
      for (const e of entries!) book.set(e.nickname as string, { friendStatus: false, ...e });
      return ok(req, { addressBookEntries: entries!.map((e) => book.get(e.nickname as string)) });
    }
    if (!book.has(id)) return refusal(req, 404, 42);
    if (req.method === 'PUT') book.set(id, { friendStatus: false, ...entries![0], nickname: id });
    if (req.method === 'DELETE') {
      book.delete(id);
      return ok(req);
    }
    return ok(req, { addressBookEntries: [book.get(id)] });
  };
  const client = createClient({ plugins: [fakeConnectivityPlugin({ transport }).plugin, contactsPlugin()], config: { logs: { logLevel: 'silent' } } });
  const events: Array<[string, unknown]> = [];
  client.subscribe((type, ...args) => void (type.startsWith('contacts:') && events.push([type, args[0]])));
  return { client, transport, book, events, types: () => events.map(([t]) => t), sent: () => transport.sent.map((s) => [s.method, s.path, s.body]) };
}

let env: ReturnType<typeof setup>;
beforeEach(() => {
  env = setup();
});
afterEach(() => env.client.destroy());

const bobby = { contactId: 'bobby', primaryContact: 'bob@example.com', firstName: 'Bob', lastName: '', friendStatus: true };

describe('contacts (protocol §12)', () => {
  test('add(): POST contacts/ with nickname, empty fields left out, groupList friends; contacts:new and contacts:change', async () => {
    await env.client.contacts.add(bobby);
    expect(env.sent()).toEqual([
      ['POST', `${A}/contacts/`, { addressBookRequest: { addressBookEntries: [{ nickname: 'bobby', primaryContact: 'bob@example.com', firstName: 'Bob', groupList: 'friends', friendStatus: true }] } }],
    ]);
    const stored = { contactId: 'bobby', primaryContact: 'bob@example.com', firstName: 'Bob', groupList: 'friends', friendStatus: true };
    expect(env.events).toEqual([['contacts:new', { contact: stored }], ['contacts:change', undefined]]);
    expect(env.client.contacts.get('bobby')).toEqual(stored);
    expect(env.client.contacts.getAll()).toEqual([stored]);
  });

  test('update(), fetch(), remove(), refresh(): PUT / GET / DELETE contacts/{id} (encoded), GET addressbook; contacts:change each', async () => {
    await env.client.contacts.add({ contactId: 'c d', primaryContact: 'carol@example.com' });
    await env.client.contacts.update({ contactId: 'c d', primaryContact: 'carol@example.com', mobilePhone: '+1555' });
    expect(env.client.contacts.get('c d')).toMatchObject({ mobilePhone: '+1555', friendStatus: false });
    env.book.get('c d')!.firstName = 'Carol';
    await env.client.contacts.fetch('c d');
    expect(env.client.contacts.get('c d')).toMatchObject({ firstName: 'Carol' });
    env.book.set('zed', { nickname: 'zed', primaryContact: 'zed@example.com' });
    await env.client.contacts.refresh();
    expect(env.client.contacts.getAll().map((c) => c.contactId)).toEqual(['c d', 'zed']);
    await env.client.contacts.remove('c d');
    expect(env.client.contacts.getAll().map((c) => c.contactId)).toEqual(['zed']);
    expect(env.sent().map(([m, p]) => `${m as string} ${p as string}`)).toEqual([
      `POST ${A}/contacts/`, `PUT ${A}/contacts/c%20d`, `GET ${A}/contacts/c%20d`, `GET ${A}`, `DELETE ${A}/contacts/c%20d`,
    ]);
    expect(env.types()).toEqual(['contacts:new', 'contacts:change', 'contacts:change', 'contacts:change', 'contacts:change', 'contacts:change']);
  });

  test('a refusal (nickname in use, unknown contact) is contacts:error CONTACTS_REQUEST_FAILED; the cache is unchanged', async () => {
    await env.client.contacts.add(bobby);
    env.events.length = 0;
    await env.client.contacts.add(bobby);
    await env.client.contacts.remove('nobody');
    await env.client.contacts.fetch('nobody');
    expect(env.events.map(([t, p]) => [t, (p as { error: BasicError }).error.code])).toEqual([
      ['contacts:error', 'CONTACTS_REQUEST_FAILED'], ['contacts:error', 'CONTACTS_REQUEST_FAILED'], ['contacts:error', 'CONTACTS_REQUEST_FAILED'],
    ]);
    expect((env.events[0]![1] as { error: BasicError }).error.message).toContain('statusCode 1004');
    expect(env.client.contacts.getAll().map((c) => c.contactId)).toEqual(['bobby']);
  });

  test('wrong types throw a TypeError; wrong values emit contacts:error INVALID_ARGUMENT; nothing sent', async () => {
    const c = env.client.contacts as unknown as Record<string, (...a: unknown[]) => unknown>;
    for (const m of ['add', 'update']) {
      expect(() => c[m]!('bobby')).toThrow(TypeError);
      expect(() => c[m]!({ primaryContact: 'bob' })).toThrow(TypeError);
      expect(() => c[m]!({ contactId: 'b' })).toThrow(TypeError);
      expect(() => c[m]!({ contactId: 'b', primaryContact: 'bob', firstName: 5 })).toThrow(TypeError);
      expect(() => c[m]!({ contactId: 'b', primaryContact: 'bob', friendStatus: 'yes' })).toThrow(TypeError);
    }
    for (const m of ['get', 'remove', 'fetch']) expect(() => c[m]!(5)).toThrow(TypeError);
    await env.client.contacts.add({ contactId: '', primaryContact: 'bob' });
    await env.client.contacts.update({ contactId: 'b', primaryContact: ' ' });
    await env.client.contacts.add({ contactId: 'b', primaryContact: 'bob', firstName: 'x'.repeat(9000) });
    await env.client.contacts.remove(' ');
    await env.client.contacts.fetch('a\u0000');
    expect(env.transport.sent).toEqual([]);
    expect(env.events.map(([t, p]) => [t, (p as { error: BasicError }).error.code])).toEqual(Array(5).fill(['contacts:error', 'INVALID_ARGUMENT']));
  });

  test('malformed entries are dropped; only the known fields are kept', async () => {
    env.book.set('x', { nickname: 'x', primaryContact: 'x@example.com', extra: 'dropped' });
    env.book.set('bad', { primaryContact: 'no nickname' });
    await env.client.contacts.refresh();
    expect(env.client.contacts.getAll()).toEqual([{ contactId: 'x', primaryContact: 'x@example.com', friendStatus: false }]);
  });
});
