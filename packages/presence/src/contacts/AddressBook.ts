/** The contacts cache and the address-book operations: one instance per client. */
import type { Logger, PluginContext } from '@switchboard/core';
import { Operations, hasControlCharacters } from '../shared';
import type { ContactsBackend } from './backend';
import type { Contact } from './types';

/** What the address book needs. @internal */
export interface AddressBookDeps {
  backend: ContactsBackend;
  events: PluginContext['events'];
  logger: Logger;
}

/** Largest entry the gateway stores (bytes of JSON). @internal */
export const MAX_CONTACT_BYTES = 8192;

const copy = (c: Contact): Contact => ({ ...c });
const badId = (id: string) => id.trim() === '' || hasControlCharacters(id);

/** The personal address book of this client's user. @internal */
export class AddressBook {
  private contacts = new Map<string, Contact>();
  private readonly ops: Operations;

  constructor(private readonly deps: AddressBookDeps) {
    this.ops = new Operations({
      logger: deps.logger,
      pluginId: 'contacts',
      failureCode: 'CONTACTS_REQUEST_FAILED',
      emitError: (error) => deps.events.emit('contacts:error', { error }),
    });
  }

  add(contact: Contact): Promise<void> {
    const problem = this.problem('contacts.add()', contact);
    if (problem) return this.ops.refuse('contacts.add()', problem);
    return this.ops.run('contacts.add()', async () => {
      const added = await this.deps.backend.add({ groupList: 'friends', ...contact });
      if (!this.set(added)) return;
      this.deps.events.emit('contacts:new', { contact: copy(added) });
      this.deps.events.emit('contacts:change');
    });
  }

  get(contactId: string): Contact | undefined {
    const found = this.contacts.get(contactId);
    return found && copy(found);
  }

  getAll(): Contact[] {
    return [...this.contacts.values()].map(copy);
  }

  refresh(): Promise<void> {
    return this.ops.run('contacts.refresh()', async () => {
      const list = await this.deps.backend.list();
      if (this.ops.isDisposed) return;
      this.contacts = new Map(list.map((c) => [c.contactId, copy(c)]));
      this.deps.events.emit('contacts:change');
    });
  }

  remove(contactId: string): Promise<void> {
    if (badId(contactId)) return this.ops.refuse('contacts.remove()', 'contacts.remove(): contactId must be a non-empty id without control characters.');
    return this.ops.run('contacts.remove()', async () => {
      await this.deps.backend.remove(contactId);
      if (this.ops.isDisposed) return;
      this.contacts.delete(contactId);
      this.deps.events.emit('contacts:change');
    });
  }

  update(contact: Contact): Promise<void> {
    const problem = this.problem('contacts.update()', contact);
    if (problem) return this.ops.refuse('contacts.update()', problem);
    return this.ops.run('contacts.update()', async () => {
      if (this.set(await this.deps.backend.update(contact))) this.deps.events.emit('contacts:change');
    });
  }

  fetch(contactId: string): Promise<void> {
    if (badId(contactId)) return this.ops.refuse('contacts.fetch()', 'contacts.fetch(): contactId must be a non-empty id without control characters.');
    return this.ops.run('contacts.fetch()', async () => {
      if (this.set(await this.deps.backend.get(contactId))) this.deps.events.emit('contacts:change');
    });
  }

  dispose(): void {
    this.ops.dispose();
  }

  /** Caches a contact; false after dispose. */
  private set(contact: Contact): boolean {
    if (this.ops.isDisposed) return false;
    this.contacts.set(contact.contactId, copy(contact));
    return true;
  }

  private problem(method: string, contact: Contact): string | undefined {
    if (badId(contact.contactId)) return `${method}: contact.contactId must be a non-empty id without control characters.`;
    if (contact.primaryContact.trim() === '') return `${method}: contact.primaryContact must not be empty.`;
    if (new TextEncoder().encode(JSON.stringify(contact)).length > MAX_CONTACT_BYTES) return `${method}: the contact is larger than ${MAX_CONTACT_BYTES} bytes of JSON.`;
    return undefined;
  }
}
