/** The user table (demo users by default, or a JSON/YAML file) and address canonicalisation (§5.21). */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { UserRecord } from './types';

/** The demo users served when no table is configured. */
export const DEMO_USERS: readonly UserRecord[] = (
  [
    ['alice', 'Liddell'],
    ['bob', 'Builder'],
    ['carol', 'Singer'],
  ] as const
).map(([name, lastName], i) => ({
  username: `${name}@example.com`,
  password: `${name}-secret`,
  hmacKey: `${name}-hmac-key`,
  displayName: name[0].toUpperCase() + name.slice(1),
  firstName: name[0].toUpperCase() + name.slice(1),
  lastName,
  emailAddress: `${name}@example.com`,
  phoneNumber: `+1555010000${i + 1}`,
}));

/** Optional string fields of a user entry. */
const OPTIONAL_FIELDS = ['authname', 'hmacKey', 'displayName', 'firstName', 'lastName', 'emailAddress', 'photoURL', 'phoneNumber'] as const;

/**
 * A phone number reduced to `+` and digits (`tel:`, spaces, dots, dashes and brackets dropped);
 * undefined unless it is 3–15 digits, optionally after a `+`.
 */
export function phoneNumberOf(value: string): string | undefined {
  const reduced = value.trim().replace(/^tel:/i, '').replace(/[\s().-]/g, '');
  return /^\+?[0-9]{3,15}$/.test(reduced) ? reduced : undefined;
}

function checkUser(entry: unknown, index: number): UserRecord {
  const u = entry as Partial<UserRecord> | null;
  if (!u || typeof u !== 'object') throw new TypeError(`users[${index}] must be an object`);
  if (typeof u.username !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(u.username)) {
    throw new TypeError(`users[${index}].username must be "user@domain"`);
  }
  if (typeof u.password !== 'string') throw new TypeError(`users[${index}].password must be a string`);
  for (const key of OPTIONAL_FIELDS) {
    if (u[key] !== undefined && typeof u[key] !== 'string') throw new TypeError(`users[${index}].${key} must be a string`);
  }
  if (u.phoneNumber !== undefined && !phoneNumberOf(u.phoneNumber)) throw new TypeError(`users[${index}].phoneNumber must be a phone number such as +15550100001`);
  return { ...u } as UserRecord;
}

/** Loads a user table from a JSON or YAML file: a list, or an object with a `users` list. */
export function loadUsersFile(path: string): UserRecord[] {
  const data = parse(readFileSync(path, 'utf8')) as unknown;
  const list = Array.isArray(data) ? data : (data as { users?: unknown } | null)?.users;
  if (!Array.isArray(list)) throw new TypeError(`${path}: expected a list of users or { users: [...] }`);
  return list.map(checkUser);
}

/** Lower-cases the domain part of `user@domain`. */
function normaliseId(id: string): string {
  const at = id.lastIndexOf('@');
  return at < 0 ? id : id.slice(0, at) + '@' + id.slice(at + 1).toLowerCase();
}

/** The in-memory user table. */
export class UserDirectory {
  private readonly byId = new Map<string, UserRecord>();
  private readonly byAuthname = new Map<string, UserRecord>();
  private readonly byPhone = new Map<string, UserRecord>();
  /** Domain appended to ids that have none (the first user's domain). */
  readonly defaultDomain: string;

  constructor(users: readonly UserRecord[]) {
    users.forEach((u, i) => {
      const user = checkUser(u, i);
      this.byId.set(normaliseId(user.username).toLowerCase(), user);
      if (user.authname) this.byAuthname.set(user.authname.toLowerCase(), user);
      if (user.phoneNumber) this.byPhone.set(phoneNumberOf(user.phoneNumber)!, user);
    });
    const first = users[0]?.username ?? 'user@example.com';
    this.defaultDomain = first.slice(first.lastIndexOf('@') + 1).toLowerCase();
  }

  /** Finds a user by id (`alice@example.com`, or `alice` with the default domain). Case-insensitive. */
  find(id: string): UserRecord | undefined {
    const full = id.includes('@') ? id : `${id}@${this.defaultDomain}`;
    return this.byId.get(full.toLowerCase());
  }

  /** Finds a user by authname. */
  findByAuthname(authname: string): UserRecord | undefined {
    return this.byAuthname.get(authname.toLowerCase());
  }

  /** The user whose `phoneNumber` is `number` (compared after {@link phoneNumberOf}). */
  findByPhone(number: string): UserRecord | undefined {
    const reduced = phoneNumberOf(number);
    return reduced === undefined ? undefined : this.byPhone.get(reduced);
  }

  /** The display name of a user (falls back to the local part). */
  displayName(user: UserRecord): string {
    return user.displayName ?? user.username.slice(0, user.username.lastIndexOf('@'));
  }

  /** Every user. */
  all(): UserRecord[] {
    return [...this.byId.values()];
  }
}

/**
 * Canonicalises an address for lookup (§5.21 GW): strips a display name `Name<...>`, angle
 * brackets and a `sip:`/`tel:`/`sips:` scheme, lower-cases the domain and appends
 * `defaultDomain` when there is none. Returns '' for an empty address.
 */
export function canonicalAddress(address: string, defaultDomain: string): string {
  let a = address.trim();
  const lt = a.lastIndexOf('<');
  if (lt >= 0) a = a.slice(lt + 1);
  a = a.replace(/>.*$/, '').trim();
  a = a.replace(/^(sips?|tel):/i, '');
  a = a.replace(/;.*$/, '');
  if (!a) return '';
  if (!a.includes('@')) a = `${a}@${defaultDomain}`;
  return normaliseId(a);
}

/** The display name part of a `Name<sip:...>` address, if any. */
export function displayNameOf(address: string): string | undefined {
  const lt = address.indexOf('<');
  if (lt <= 0) return undefined;
  const name = address.slice(0, lt).trim().replace(/^"|"$/g, '');
  return name || undefined;
}
