/** The address-book events (seed 000 `contacts:*`), merged into core's `SdkEventMap`. */
import { eventNames, type BasicError } from '@switchboard/core';
import type { Contact } from './types';

/** `contacts:new` payload. @public */
export interface ContactsNewEvent {
  /** The added contact (a copy). */
  contact: Contact;
}

/** `contacts:error` payload. @public */
export interface ContactsErrorEvent {
  /** The error of the failed operation. */
  error: BasicError;
}

/** The contacts plugin's events. @public */
export interface ContactsEventMap {
  /** A contact was added. */
  'contacts:new': [params: ContactsNewEvent];
  /** The cached contacts changed: read them with `contacts.getAll()`. */
  'contacts:change': [];
  /** A contacts operation failed. */
  'contacts:error': [params: ContactsErrorEvent];
}

declare module '@switchboard/core' {
  interface SdkEventMap extends ContactsEventMap {}
}

/** Every event the contacts plugin emits. @public */
export const contactsEvents = /* @__PURE__ */ eventNames<ContactsEventMap>()({
  'contacts:new': true,
  'contacts:change': true,
  'contacts:error': true,
});
