/** The contact fields (§12) and their checks. */
import type { Contact } from './types';

/** The string fields of a contact besides `contactId`. @internal */
export const STRING_FIELDS = [
  'primaryContact', 'firstName', 'lastName', 'photoUrl', 'emailAddress', 'homePhone', 'workPhone', 'mobilePhone', 'conferenceURL', 'fax', 'pager', 'groupList',
] as const satisfies ReadonlyArray<keyof Contact>;

/** A contact with only the known fields, `friendStatus` a boolean (missing = false). @internal */
export function knownFields(source: Record<string, unknown>, contactId: string): Contact {
  const contact: Record<string, unknown> = { contactId };
  for (const key of STRING_FIELDS) if (typeof source[key] === 'string') contact[key] = source[key];
  contact.friendStatus = source.friendStatus === true;
  return contact as unknown as Contact;
}
