/** The `contacts` namespace: argument type checks (TypeError), then the address book, which checks values. */
import { isObject } from '../shared';
import type { AddressBook } from './AddressBook';
import { STRING_FIELDS } from './fields';
import type { Contact, ContactsApi } from './types';

const assertId = (method: string, id: unknown) => {
  if (typeof id !== 'string') throw new TypeError(`contacts.${method}(): contactId must be a string`);
};

/** Checks a contact's field types; returns a copy with only the known fields. */
function checked(method: string, contact: unknown): Contact {
  if (!isObject(contact)) throw new TypeError(`contacts.${method}(): contact must be an object`);
  if (typeof contact.contactId !== 'string') throw new TypeError(`contacts.${method}(): contact.contactId must be a string`);
  if (typeof contact.primaryContact !== 'string') throw new TypeError(`contacts.${method}(): contact.primaryContact must be a string`);
  const copy: Record<string, unknown> = { contactId: contact.contactId };
  for (const key of STRING_FIELDS) {
    const value = contact[key];
    if (value !== undefined && typeof value !== 'string') throw new TypeError(`contacts.${method}(): contact.${key} must be a string`);
    if (value !== undefined) copy[key] = value;
  }
  if (contact.friendStatus !== undefined && typeof contact.friendStatus !== 'boolean') throw new TypeError(`contacts.${method}(): contact.friendStatus must be a boolean`);
  if (contact.friendStatus !== undefined) copy.friendStatus = contact.friendStatus;
  return copy as unknown as Contact;
}

/** Builds the frozen `contacts` namespace. @internal */
export function createContactsApi(book: AddressBook): ContactsApi {
  return Object.freeze({
    add: (contact: Contact) => book.add(checked('add', contact)),
    get(contactId: string) {
      assertId('get', contactId);
      return book.get(contactId);
    },
    getAll: () => book.getAll(),
    refresh: () => book.refresh(),
    remove(contactId: string) {
      assertId('remove', contactId);
      return book.remove(contactId);
    },
    update: (contact: Contact) => book.update(checked('update', contact)),
    fetch(contactId: string) {
      assertId('fetch', contactId);
      return book.fetch(contactId);
    },
  });
}
