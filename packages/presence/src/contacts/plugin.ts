/** `contactsPlugin()`: the `client.contacts` namespace (seed 000 `contacts`, the personal address book). */
import { definePlugin } from '@switchboard/core';
import { connectivityTokens } from '@switchboard/connectivity';
import { backendContributions } from '../shared';
import { PRESENCE_PLUGIN_VERSION } from '../version';
import { AddressBook } from './AddressBook';
import { createContactsApi } from './api';
import { contactsBackendExtensionPoint, type ContactsBackend, type ContactsBackendFactory } from './backend';
import { contactsEvents } from './events';
import { linkContactsBackendFactory } from './link';
import type { ContactsApi } from './types';

/** Options of {@link contactsPlugin}. @public */
export interface ContactsPluginOptions {
  /** Shorthand for contributing a backend to {@link contactsBackendExtensionPoint}. @default the Link adapter */
  backend?: ContactsBackendFactory | ContactsBackend;
}

/**
 * Creates the contacts (address book) plugin (id `contacts`; it needs `connectivity`).
 * @example
 * ```ts
 * const client = createClient({ plugins: [connectivityPlugin(), contactsPlugin()] })
 * client.on('contacts:change', () => render(client.contacts.getAll()))
 * await client.contacts.refresh()
 * await client.contacts.add({ contactId: 'bobby', primaryContact: 'bob@example.com', firstName: 'Bob' })
 * ```
 * @public
 */
export function contactsPlugin(options: ContactsPluginOptions = {}) {
  if (typeof options !== 'object' || options === null) throw new TypeError('contactsPlugin(options): options must be an object');
  const contributions = backendContributions(contactsBackendExtensionPoint, linkContactsBackendFactory, options.backend, 'contactsPlugin');
  return definePlugin({
    id: 'contacts',
    version: PRESENCE_PLUGIN_VERSION,
    sdkRange: '^0.1.0',
    dependsOn: ['connectivity'],
    events: contactsEvents,
    extensionPoints: [contactsBackendExtensionPoint],
    contributes: contributions,
    deps: { transport: connectivityTokens.transport },
    register(ctx): {
      api: {
        /** The `contacts` namespace. */
        contacts: ContactsApi;
      };
      dispose: () => void;
    } {
      const backend = ctx.extension(contactsBackendExtensionPoint).value({ transport: ctx.deps.transport, logger: ctx.logger });
      const book = new AddressBook({ backend, events: ctx.events, logger: ctx.logger });
      return { api: { contacts: createContactsApi(book) }, dispose: () => book.dispose() };
    },
  });
}
