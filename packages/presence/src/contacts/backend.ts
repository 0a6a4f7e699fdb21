/**
 * The address-book backend extension point. The contacts plugin contributes the Link adapter
 * (protocol §12) as its fallback.
 */
import { defineExtensionPoint, type Logger } from '@switchboard/core';
import type { LinkTransport } from '@switchboard/connectivity';
import type { Contact } from './types';

/**
 * Address-book operations. Every method rejects with a BasicError (`CONTACTS_REQUEST_FAILED` for
 * a refusal, the transport's `NETWORK_ERROR` otherwise). Malformed entries are the backend's to
 * log and drop.
 * @public
 */
export interface ContactsBackend {
  /** Adapter name, for logs. */
  readonly name: string;
  /** Every contact. */
  list(): Promise<Contact[]>;
  /** One contact. */
  get(contactId: string): Promise<Contact>;
  /** Adds a contact; resolves with it as stored. */
  add(contact: Contact): Promise<Contact>;
  /** Replaces a contact; resolves with it as stored. */
  update(contact: Contact): Promise<Contact>;
  /** Deletes a contact. */
  remove(contactId: string): Promise<void>;
}

/** What a contacts backend factory receives. @public */
export interface ContactsBackendContext {
  /** The connectivity plugin's Link transport. */
  transport: LinkTransport;
  /** The contacts plugin's logger. */
  logger: Logger;
}

/** Creates an address-book backend for one client. @public */
export type ContactsBackendFactory = (context: ContactsBackendContext) => ContactsBackend;

/** The address-book backend extension point (id `contacts.backend`). @public */
export const contactsBackendExtensionPoint = defineExtensionPoint<ContactsBackendFactory>('contacts.backend');
