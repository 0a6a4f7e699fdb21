/** The contacts panel: the contact a form describes, and a contact's line. */
import { contactFromForm, contactLabel } from './contacts';

it('trims the form and leaves blank names out', () => {
  expect(contactFromForm({ contactId: ' bobby ', primaryContact: 'bob@example.com ', firstName: ' Bob', lastName: '  ' })).toEqual({
    contactId: 'bobby',
    primaryContact: 'bob@example.com',
    firstName: 'Bob',
  });
});

it.each([
  [{ contactId: 'bobby', primaryContact: 'bob@example.com', firstName: 'Bob', lastName: 'Builder' }, 'bobby: Bob Builder <bob@example.com>'],
  [{ contactId: 'c', primaryContact: 'carol@example.com' }, 'c: carol@example.com'],
])('%j reads %s', (contact, text) => {
  expect(contactLabel(contact)).toBe(text);
});
