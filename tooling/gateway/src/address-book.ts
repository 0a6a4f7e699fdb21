/**
 * The personal address book (§12): per-user entries keyed by `nickname`, in the store's
 * `contacts` table only (read on request, not held in memory), bounded per user, and the routes.
 * Every answer, DELETE included, is a JSON body with the `addressBookResponse` wrapper.
 */
import type { Settings } from './config';
import { HttpError } from './http';
import type { Route } from './router';
import type { Store, StoredContact } from './store';
import { isObject, unwrap } from './validation';

const BASE = '/rest/version/1/user/:userId';
const WRAPPER = 'addressBookResponse';

/** The string fields of an entry (§12); `friendStatus` is the one boolean. */
export const CONTACT_FIELDS = [
  'nickname', 'primaryContact', 'firstName', 'lastName', 'photoUrl', 'emailAddress',
  'homePhone', 'workPhone', 'mobilePhone', 'conferenceURL', 'fax', 'pager', 'groupList',
] as const;

/** Largest entry (bytes of its JSON); larger answers 413 + 5. */
export const MAX_CONTACT_BYTES = 8 * 1024;

/** Validates one entry: known fields only (others are dropped), strings and the `friendStatus` boolean (missing = false). */
function entry(value: unknown, nickname?: string): StoredContact {
  if (!isObject(value)) throw new HttpError(400, 5, 'Each of "addressBookEntries" must be an object');
  const out: StoredContact = { nickname: '', friendStatus: false };
  for (const key of CONTACT_FIELDS) {
    const v = value[key];
    if (v === undefined) continue;
    if (typeof v !== 'string') throw new HttpError(400, 5, `"${key}" must be a string`);
    out[key] = v;
  }
  if (value.friendStatus !== undefined) {
    if (typeof value.friendStatus !== 'boolean') throw new HttpError(400, 5, '"friendStatus" must be a boolean');
    out.friendStatus = value.friendStatus;
  }
  if (nickname !== undefined) out.nickname = nickname;
  if (!out.nickname) throw new HttpError(400, 5, '"nickname" must be a non-empty string');
  if (Buffer.byteLength(JSON.stringify(out), 'utf8') > MAX_CONTACT_BYTES) throw new HttpError(413, 5, `An entry is at most ${MAX_CONTACT_BYTES} bytes`);
  return out;
}

/** The entries of a request body (a non-empty array). */
function entries(body: unknown): unknown[] {
  const list = unwrap(body, 'addressBookRequest').addressBookEntries;
  if (!Array.isArray(list) || !list.length) throw new HttpError(400, 5, '"addressBookEntries" must be a non-empty array');
  return list;
}

/** Every user's address book. */
export class AddressBook {
  constructor(
    private readonly settings: Settings,
    private readonly store: Store,
  ) {}

  /** The entries of `username`, in the order they were added. */
  list(username: string): StoredContact[] {
    return this.store.contacts.list(username);
  }

  /** One entry; 404 + 42 when there is none. */
  get(username: string, nickname: string): StoredContact {
    const found = this.store.contacts.get(username, nickname);
    if (!found) throw new HttpError(404, 42, 'No such contact');
    return found;
  }

  /** Adds entries, all or none: 409 + 1004 for a nickname in use, 403 + 19 over `maxContactsPerUser`. */
  add(username: string, added: StoredContact[]): void {
    const nicknames = new Set(added.map((c) => c.nickname));
    if (nicknames.size < added.length) throw new HttpError(400, 1004, 'The same nickname twice in one request');
    for (const c of added) if (this.store.contacts.get(username, c.nickname)) throw new HttpError(409, 1004, `Contact ${c.nickname} exists`);
    if (this.store.contacts.count(username) + added.length > this.settings.maxContactsPerUser) {
      throw new HttpError(403, 19, `An address book holds at most ${this.settings.maxContactsPerUser} entries`);
    }
    this.store.transaction(() => {
      for (const c of added) this.store.contacts.put(username, c.nickname, c);
    });
  }

  /** Replaces an entry (404 + 42 when there is none). */
  update(username: string, contact: StoredContact): void {
    this.get(username, contact.nickname);
    this.store.contacts.put(username, contact.nickname, contact);
  }

  /** Removes an entry (404 + 42 when there is none). */
  remove(username: string, nickname: string): void {
    this.get(username, nickname);
    this.store.contacts.delete(username, nickname);
  }
}

const ok = (addressBookEntries?: StoredContact[]) => ({
  status: 200,
  body: { [WRAPPER]: { statusCode: 0, ...(addressBookEntries ? { addressBookEntries } : {}) } },
});

/** The address-book routes of §12. */
export function addressBookRoutes(book: AddressBook): Route[] {
  return [
    { method: 'GET', path: `${BASE}/addressbook`, wrapper: WRAPPER, handler: (ctx) => ok(book.list(ctx.user.username)) },
    {
      method: 'POST',
      path: `${BASE}/addressbook/contacts`,
      wrapper: WRAPPER,
      handler: (ctx) => {
        const added = entries(ctx.body).map((e) => entry(e));
        book.add(ctx.user.username, added);
        return ok(added);
      },
    },
    {
      method: 'GET',
      path: `${BASE}/addressbook/contacts/:contactId`,
      wrapper: WRAPPER,
      handler: (ctx) => ok([book.get(ctx.user.username, ctx.params.contactId)]),
    },
    {
      method: 'PUT',
      path: `${BASE}/addressbook/contacts/:contactId`,
      wrapper: WRAPPER,
      handler: (ctx) => {
        const list = entries(ctx.body);
        if (list.length !== 1) throw new HttpError(400, 5, '"addressBookEntries" must hold exactly one entry');
        // The path names the entry; a `nickname` in the body is replaced by it (renaming is remove + add).
        const contact = entry(list[0], ctx.params.contactId);
        book.update(ctx.user.username, contact);
        return ok([contact]);
      },
    },
    {
      method: 'DELETE',
      path: `${BASE}/addressbook/contacts/:contactId`,
      wrapper: WRAPPER,
      handler: (ctx) => {
        book.remove(ctx.user.username, ctx.params.contactId);
        return ok();
      },
    },
  ];
}
