/**
 * Directory search and own profile (§11.1, §11.2) over the configured users: `criteria` with
 * `criteriaType` 1 first name, 2 last name, 3 first or last name, 4 phone number, 5 user id or
 * user name; `criteria` alone matches any of them; no filter lists every user. Matching is a
 * case-insensitive substring (phone numbers: digits only); exact matches come first, then by id.
 */
import type { AddressBook } from './address-book';
import { HttpError } from './http';
import type { Route } from './router';
import type { UserRecord } from './types';
import type { UserDirectory } from './users';

const BASE = '/rest/version/1/user/:userId';

/** The directory user object of §11.1 (all strings). */
export function directoryItem(users: UserDirectory, user: UserRecord, buddy?: boolean): Record<string, string> {
  const item: Record<string, string> = {
    primaryContact: user.username,
    userId: user.username,
    firstName: user.firstName ?? users.displayName(user),
    lastName: user.lastName ?? '',
    emailAddress: user.emailAddress ?? '',
    photoURL: user.photoURL ?? '',
  };
  if (user.phoneNumber) item.phoneNumber = user.phoneNumber;
  if (buddy !== undefined) item.buddy = String(buddy);
  return item;
}

const digits = (s: string) => s.replace(/\D/g, '');

/** The values of `user` that `criteriaType` searches (all of them without a type). */
function fields(user: UserRecord, users: UserDirectory, type: number | undefined): Array<{ value: string; phone?: boolean }> {
  const first = { value: user.firstName ?? users.displayName(user) };
  const last = { value: user.lastName ?? '' };
  const phone = { value: user.phoneNumber ?? '', phone: true };
  const ids = [{ value: user.username }, { value: user.username.slice(0, user.username.lastIndexOf('@')) }];
  switch (type) {
    case 1:
      return [first];
    case 2:
      return [last];
    case 3:
      return [first, last];
    case 4:
      return [phone];
    case 5:
      return ids;
    default:
      return [first, last, phone, ...ids, { value: user.emailAddress ?? '' }];
  }
}

/** 2 = exact, 1 = substring, 0 = no match. */
function score(criteria: string, field: { value: string; phone?: boolean }): number {
  const [needle, hay] = field.phone ? [digits(criteria), digits(field.value)] : [criteria.toLowerCase(), field.value.toLowerCase()];
  if (!needle || !hay) return 0;
  return hay === needle ? 2 : hay.includes(needle) ? 1 : 0;
}

/** The users matching a search, exact matches first, then by id. */
export function searchUsers(users: UserDirectory, criteria: string | undefined, type: number | undefined): UserRecord[] {
  const all = users.all().sort((a, b) => a.username.localeCompare(b.username));
  if (!criteria) return all;
  return all
    .map((user) => ({ user, best: Math.max(...fields(user, users, type).map((f) => score(criteria, f))) }))
    .filter((m) => m.best > 0)
    .sort((a, b) => b.best - a.best)
    .map((m) => m.user);
}

/** The directory and own-profile routes. */
export function directoryRoutes(users: UserDirectory, contacts: AddressBook): Route[] {
  return [
    {
      method: 'GET',
      path: `${BASE}/directory`,
      wrapper: 'directory',
      handler: (ctx) => {
        const criteria = ctx.url.searchParams.get('criteria') ?? undefined;
        const rawType = ctx.url.searchParams.get('criteriaType');
        let type: number | undefined;
        if (rawType !== null && rawType !== '') {
          if (!/^[1-5]$/.test(rawType)) throw new HttpError(400, 37, '"criteriaType" must be 1, 2, 3, 4 or 5');
          if (!criteria) throw new HttpError(400, 5, '"criteriaType" needs "criteria"');
          type = Number(rawType);
        }
        const buddies = new Set(contacts.list(ctx.user.username).map((c) => String(c.primaryContact ?? '').toLowerCase()));
        const items = searchUsers(users, criteria, type).map((u) => directoryItem(users, u, buddies.has(u.username.toLowerCase())));
        return { status: 200, body: { directory: { statusCode: 0, directoryItems: items } } };
      },
    },
    {
      method: 'GET',
      path: `${BASE}/userProfileData`,
      wrapper: 'userProfileData',
      handler: (ctx) => ({ status: 200, body: { userProfileData: { statusCode: 0, ...directoryItem(users, ctx.user) } } }),
    },
  ];
}
