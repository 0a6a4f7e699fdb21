/**
 * Misuse rows of the presence (`presence.*`), user (`user.*`) and contacts (`contacts.*`) plugins
 * (see packages/core/test/misuse.ts). Wrong values arrive as the plugin's error event; the method's
 * promise resolves.
 */
import type { MisuseRow, MisuseTable, WrongValue } from '../../core/test/misuse';
import type { ContactsApi, PresenceApi, UserApi } from '../src/index';

const IA = 'INVALID_ARGUMENT';
const via = (event: string, args: unknown[][]): WrongValue[] => args.map((a) => ({ args: a, code: IA, via: { event } }));

/** Wrong argument types of a method taking a user id or a list of them. */
const USERS_TYPES = [[], [5], [null], [{}], [['bob', 5]], [[null]]];
/** Wrong values of the same. */
const USERS_VALUES = [[[]], [''], ['  '], [['bob', '']], ['bob\r\n'], ['x'.repeat(513)]];

const usersRow = (method: string): MisuseRow => ({ method: `presence.${method}`, wrongTypes: USERS_TYPES, wrongValues: via('presence:error', USERS_VALUES) });
const contactTypes = [[], ['bobby'], [null], [{ primaryContact: 'bob' }], [{ contactId: 'b' }], [{ contactId: 'b', primaryContact: 'bob', firstName: 5 }], [{ contactId: 'b', primaryContact: 'bob', friendStatus: 'yes' }]];
const contactValues = [[{ contactId: '', primaryContact: 'bob' }], [{ contactId: 'b', primaryContact: ' ' }], [{ contactId: 'b\n', primaryContact: 'bob' }], [{ contactId: 'b', primaryContact: 'bob', firstName: 'x'.repeat(9000) }]];
const idTypes = [[], [5], [null], [{}], [['a']]];

/** The presence package's misuse table. */
export const presenceMisuse: MisuseTable = {
  plugin: 'presence',
  state: (client) => {
    const c = client as { presence: PresenceApi; user: UserApi; contacts: ContactsApi };
    return { presence: c.presence.getAll(), self: c.presence.getSelf(), users: c.user.getAll(), contacts: c.contacts.getAll() };
  },
  rows: [
    {
      method: 'presence.update',
      wrongTypes: [[], [5, 'active'], ['open'], ['open', 5], ['open', 'other', 5], [null, null]],
      wrongValues: via('presence:error', [['available', 'active'], ['OPEN', 'active'], ['open', 'on the phone'], ['open', ''], ['open', 'other', 'x'.repeat(1025)]]),
    },
    usersRow('fetch'),
    usersRow('subscribe'),
    usersRow('unsubscribe'),
    { method: 'presence.get', wrongTypes: USERS_TYPES, reason: 'every id is a valid lookup; unknown ids give undefined' },
    { method: 'presence.getAll', noArgs: 'returns a snapshot' },
    { method: 'presence.getSelf', noArgs: 'returns a snapshot' },
    { method: 'user.fetch', wrongTypes: idTypes, wrongValues: via('users:error', [[''], ['  '], ['bob\u0000']]) },
    { method: 'user.get', wrongTypes: idTypes, reason: 'every id is a valid lookup; unknown ids give undefined' },
    { method: 'user.getAll', noArgs: 'returns a snapshot' },
    {
      method: 'user.search',
      wrongTypes: [['bob'], [5], [null], [[]], [{ name: 5 }], [{ userId: null }], [{}, 'asc'], [{}, { max: '3' }], [{}, { sortBy: 5 }]],
      wrongValues: via('directory:error', [[{ name: 'bob\n' }], [{}, { order: 'up' }], [{}, { max: 0 }], [{}, { max: 1.5 }]]),
    },
    { method: 'user.fetchSelfInfo', noArgs: 'takes no arguments (calling it sends the requests)' },
    { method: 'contacts.add', wrongTypes: contactTypes, wrongValues: via('contacts:error', contactValues) },
    { method: 'contacts.update', wrongTypes: contactTypes, wrongValues: via('contacts:error', contactValues) },
    { method: 'contacts.get', wrongTypes: idTypes, reason: 'every id is a valid lookup; unknown ids give undefined' },
    { method: 'contacts.getAll', noArgs: 'returns a snapshot' },
    { method: 'contacts.refresh', noArgs: 'takes no arguments (calling it sends the request)' },
    { method: 'contacts.remove', wrongTypes: idTypes, wrongValues: via('contacts:error', [[''], [' '], ['a\u0000']]) },
    { method: 'contacts.fetch', wrongTypes: idTypes, wrongValues: via('contacts:error', [[''], [' '], ['a\u0000']]) },
  ],
};
