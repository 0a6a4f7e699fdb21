/** Address-book types: a contact (seed 000 `contacts` Contact) and the `client.contacts` namespace. */

/**
 * A contact of the personal address book (seed 000). On the wire (§12) `contactId` is the entry's
 * `nickname`.
 * @public
 */
export interface Contact {
  /** The contact's unique id in this address book. */
  contactId: string;
  /** The contact's user id. */
  primaryContact: string;
  /** First name. */
  firstName?: string;
  /** Last name. */
  lastName?: string;
  /** URL of the contact's picture. */
  photoUrl?: string;
  /** E-mail address. */
  emailAddress?: string;
  /** Home phone number. */
  homePhone?: string;
  /** Business phone number. */
  workPhone?: string;
  /** Mobile phone number. */
  mobilePhone?: string;
  /** Conference URL and access code. */
  conferenceURL?: string;
  /** Fax number. */
  fax?: string;
  /** Pager number. */
  pager?: string;
  /** The contact list the contact is in. @default 'friends' (set by `add`) */
  groupList?: string;
  /** Whether the contact is a friend. @default false */
  friendStatus?: boolean;
}

/**
 * The `client.contacts` namespace (seed 000 `contacts`). Methods that talk to the gateway return a
 * promise that resolves when the operation is over; a failure is delivered as `contacts:error`
 * with a coded BasicError, never as a rejection. A wrong argument type throws a TypeError
 * synchronously; a wrong value emits `contacts:error` with `INVALID_ARGUMENT` and sends nothing.
 * @public
 */
export interface ContactsApi {
  /**
   * Adds a contact (`groupList` defaults to `'friends'`); emits `contacts:new { contact }` and
   * `contacts:change`. A `contactId` in use is `CONTACTS_REQUEST_FAILED`.
   * @throws TypeError when `contact` is not an object or a field has the wrong type
   */
  add(contact: Contact): Promise<void>;
  /** One cached contact (a copy), or undefined. @throws TypeError when `contactId` is not a string */
  get(contactId: string): Contact | undefined;
  /** Every cached contact (copies). */
  getAll(): Contact[];
  /** Reloads the whole address book into the cache; emits `contacts:change`. */
  refresh(): Promise<void>;
  /** Deletes a contact; emits `contacts:change`. @throws TypeError when `contactId` is not a string */
  remove(contactId: string): Promise<void>;
  /**
   * Replaces a contact (found by `contactId`; fields left out are cleared); emits `contacts:change`.
   * @throws TypeError as for `add`
   */
  update(contact: Contact): Promise<void>;
  /** Reloads one contact into the cache; emits `contacts:change`. @throws TypeError when `contactId` is not a string */
  fetch(contactId: string): Promise<void>;
}
