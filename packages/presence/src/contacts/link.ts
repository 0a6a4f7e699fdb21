/** The `link` address-book backend: Kandy Link REST v1 personal address book (protocol §12). */
import type { Logger } from '@switchboard/core';
import type { LinkResponse } from '@switchboard/connectivity';
import { pluginError } from '../errors';
import { isObject, refused, succeeded } from '../shared';
import type { ContactsBackend, ContactsBackendContext, ContactsBackendFactory } from './backend';
import { knownFields, STRING_FIELDS } from './fields';
import type { Contact } from './types';

type Body = { addressBookResponse?: { addressBookEntries?: unknown } };

/** A wire entry as a contact, or undefined (logged) when it has no `nickname`. @internal */
export function toContact(entry: unknown, logger: Logger): Contact | undefined {
  if (!isObject(entry) || typeof entry.nickname !== 'string' || entry.nickname === '') {
    logger.warn('contacts: dropped a malformed address-book entry', entry);
    return undefined;
  }
  return knownFields(entry, entry.nickname);
}

/** A contact as a wire entry: `nickname` for `contactId`, empty and false fields left out (§12). @internal */
export function toEntry(contact: Contact): Record<string, unknown> {
  const entry: Record<string, unknown> = { nickname: contact.contactId };
  for (const key of STRING_FIELDS) if (contact[key]) entry[key] = contact[key];
  if (contact.friendStatus) entry.friendStatus = true;
  return entry;
}

/** Creates the Link address-book backend. @public */
export function linkContactsBackend({ transport, logger }: ContactsBackendContext): ContactsBackend {
  const base = () => `${transport.userPath()}/addressbook`;
  const one = (id: string) => `${base()}/contacts/${encodeURIComponent(id)}`;
  const entries = (operation: string, res: LinkResponse<Body>): Contact[] => {
    if (!succeeded(res, 'addressBookResponse')) throw refused('contacts', 'CONTACTS_REQUEST_FAILED', operation, 'addressBookResponse', res);
    const list = res.body.addressBookResponse?.addressBookEntries ?? [];
    if (!Array.isArray(list)) throw pluginError('contacts', 'CONTACTS_REQUEST_FAILED', `${operation}: addressBookEntries is not a list.`);
    return list.map((e) => toContact(e, logger)).filter((c): c is Contact => c !== undefined);
  };
  const first = (operation: string, res: LinkResponse<Body>, fallback?: Contact): Contact => {
    const found = entries(operation, res)[0] ?? fallback;
    if (!found) throw pluginError('contacts', 'CONTACTS_REQUEST_FAILED', `${operation}: the response has no entry.`);
    return found;
  };
  const body = (contact: Contact) => ({ addressBookRequest: { addressBookEntries: [toEntry(contact)] } });
  return {
    name: 'link',
    list: async () => entries('address book', await transport.request<Body>(base())),
    get: async (id) => first('address book fetch', await transport.request<Body>(one(id))),
    add: async (contact) =>
      first('address book add', await transport.request<Body>(`${base()}/contacts/`, { method: 'POST', body: body(contact) }), knownFields({ ...contact }, contact.contactId)),
    update: async (contact) =>
      first('address book update', await transport.request<Body>(one(contact.contactId), { method: 'PUT', body: body(contact) }), knownFields({ ...contact }, contact.contactId)),
    async remove(id) {
      entries('address book remove', await transport.request<Body>(one(id), { method: 'DELETE' }));
    },
  };
}

/** The default address-book backend factory. @public */
export const linkContactsBackendFactory: ContactsBackendFactory = linkContactsBackend;
