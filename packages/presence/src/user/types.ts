/** Directory types: a User (seed 000 `user.User`) and the `client.user` namespace. */

/** The id of a user, e.g. `joe@domain.com` (seed 000 `user.UserID`). @public */
export type UserID = string;

/**
 * A user of the directory (seed 000 `user.User`; §11.1's user object). Members the gateway adds
 * (e.g. `primaryContact`, `phoneNumber`) are passed through.
 * @public
 */
export interface User {
  /** The user's id (the directory's `primaryContact`, else its `userId`). */
  userId: UserID;
  /** The e-mail address. */
  emailAddress?: string;
  /** The first name. */
  firstName?: string;
  /** The last name. */
  lastName?: string;
  /** The URL of the user's photo. */
  photoURL?: string;
  /** Whether the user is in this user's address book: `"true"` or `"false"`. */
  buddy?: string;
  [member: string]: unknown;
}

/**
 * Search filters (seed 000 `user.search`). Only one is sent: the first non-empty one in the
 * object's order; none lists every user. A key the directory has no type for is sent as a
 * plain `criteria` (every field).
 * @public
 */
export interface UserSearchFilters {
  /** Matches the user id (or the part before `@`). */
  userId?: UserID;
  /** Matches the first or last name. */
  name?: string;
  /** Matches the first name. */
  firstName?: string;
  /** Matches the last name. */
  lastName?: string;
  /** Matches the user name (the part of the id before `@`). */
  userName?: string;
  /** Matches the phone number (digits). */
  phoneNumber?: string;
  [filter: string]: string | undefined;
}

/**
 * The 001/002 search options. They are not sent (§11.1): the results are sorted and cut here.
 * @public
 */
export interface UserSearchOptions {
  /** A User member to sort by, e.g. `'lastName'`. */
  sortBy?: string;
  /** Sort order. @default 'asc' */
  order?: 'asc' | 'desc';
  /** Keep at most this many results. */
  max?: number;
  /** Paging cursor of the 001/002 API: not supported by the Link directory (ignored). */
  next?: unknown;
}

/**
 * The `client.user` namespace (seed 000 `user`). Methods that talk to the gateway return a promise
 * that resolves when the operation is over; a failure is delivered as `directory:error` (search,
 * fetchSelfInfo) or `users:error` (fetch) with a coded BasicError, never as a rejection. A wrong
 * argument type throws a TypeError synchronously; a wrong value emits the error event with
 * `INVALID_ARGUMENT` and sends nothing.
 * @public
 */
export interface UserApi {
  /**
   * Loads one user from the directory (a search by user id, the exact match first) into the
   * cache; emits `users:change { results }` (under the 001/002 profile `directory:change`), or
   * `users:error` (`USER_NOT_FOUND` when the directory has no such user).
   * @throws TypeError when `userId` is not a string
   */
  fetch(userId: UserID): Promise<void>;
  /** A cached user (a copy), or undefined. @throws TypeError when `userId` is not a string */
  get(userId: UserID): User | undefined;
  /** Every cached user (copies). */
  getAll(): User[];
  /**
   * Searches the directory with one filter (see {@link UserSearchFilters}); the results join the
   * cache and come in `directory:change { results }`.
   * @param options (001/002) local sorting and cutting of the results
   * @throws TypeError when `filters` is not an object, a filter is not a string, or `options` is not an object
   */
  search(filters?: UserSearchFilters, options?: UserSearchOptions): Promise<void>;
  /**
   * (001/002) Loads this user's own profile (§11.2) and the gateway's language (§11.3): the user,
   * with `acceptLanguage`, joins the cache and comes in `directory:change { results: [user] }`;
   * a failure of either request is `directory:error`.
   */
  fetchSelfInfo(): Promise<void>;
}
