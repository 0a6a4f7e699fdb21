/**
 * Contacts, the personal address book (`client.contacts` of `contactsPlugin()`, installed by the
 * SDK preset): `contacts` lists them (`contacts.getAll()`, following `contacts:change`), each
 * `contact` with `data-contact-id` and its `contact-edit` and `contact-remove` buttons. The form —
 * `contact-id`, `contact-user` (the user id), `contact-first-name`, `contact-last-name` — adds a
 * contact with `contact-save`, or after *Edit* saves the changes (`contacts.update`, the other
 * fields kept; `contact-cancel` leaves editing). `contacts-refresh` reloads the address book (also
 * done once subscribed); `contacts-status` shows the count or the last `contacts:error`.
 */
import type { SdkClient } from '@switchboard/sdk';
import { h, panel } from '../dom';
import type { Phone } from '../phone';

/** One contact as `contacts.get()` returns it. */
type Contact = NonNullable<ReturnType<SdkClient['contacts']['get']>>;

/** The form's fields: the Contact member each input edits. */
const FIELDS = [
  ['contactId', 'contact-id', 'id'],
  ['primaryContact', 'contact-user', 'user id'],
  ['firstName', 'contact-first-name', 'first name'],
  ['lastName', 'contact-last-name', 'last name'],
] as const;

type FormValues = Record<(typeof FIELDS)[number][0], string>;

/** The contact a form describes: values trimmed, blank names left out. */
export function contactFromForm(values: FormValues): Contact {
  const contact: Contact = { contactId: values.contactId.trim(), primaryContact: values.primaryContact.trim() };
  if (values.firstName.trim()) contact.firstName = values.firstName.trim();
  if (values.lastName.trim()) contact.lastName = values.lastName.trim();
  return contact;
}

/** A list line: `id: First Last <user id>` (the name parts there are). */
export function contactLabel(c: Contact): string {
  const name = [c.firstName, c.lastName].filter(Boolean).join(' ');
  return `${c.contactId}: ${name ? `${name} <${c.primaryContact}>` : c.primaryContact}`;
}

/** The contacts panel of a signed-in phone. */
export function contactsPanel(phone: Phone): HTMLElement {
  const { client } = phone;
  const inputs = Object.fromEntries(FIELDS.map(([key, testid, placeholder]) => [key, h('input', { 'data-testid': testid, placeholder, size: 14 })])) as Record<keyof FormValues, HTMLInputElement>;
  const list = h('ol', { class: 'history', 'data-testid': 'contacts' });
  const status = h('output', { 'data-testid': 'contacts-status' });
  const save = h('button', { 'data-testid': 'contact-save', onclick: () => void submit() }, 'Add');
  const cancel = h('button', { 'data-testid': 'contact-cancel', hidden: true, onclick: () => edit(undefined) }, 'Cancel');
  let editing: Contact | undefined;
  let failures = 0;

  /** Fills the form with `c` to edit it, or empties it (adding). */
  const edit = (c: Contact | undefined) => {
    editing = c;
    for (const [key] of FIELDS) inputs[key].value = c?.[key] ?? '';
    inputs.contactId.disabled = !!c;
    save.textContent = c ? 'Save' : 'Add';
    cancel.hidden = !c;
  };
  /** Runs an operation; true when it delivered no `contacts:error` (the plugin emits it before resolving). */
  const ok = async (work: Promise<void>) => {
    const before = failures;
    await work;
    return failures === before;
  };
  const submit = async () => {
    const values = Object.fromEntries(FIELDS.map(([key]) => [key, inputs[key].value])) as FormValues;
    const contact = contactFromForm(values);
    if (await ok(editing ? client.contacts.update({ ...editing, ...contact, contactId: editing.contactId }) : client.contacts.add(contact))) edit(undefined);
  };
  const entry = (c: Contact) =>
    h(
      'li',
      { 'data-testid': 'contact', 'data-contact-id': c.contactId },
      `${contactLabel(c)} `,
      h('button', { 'data-testid': 'contact-edit', onclick: () => edit(c) }, 'Edit'),
      h('button', { 'data-testid': 'contact-remove', title: 'Delete this contact', onclick: () => void client.contacts.remove(c.contactId) }, '✕'),
    );
  const render = () => {
    const contacts = client.contacts.getAll();
    list.replaceChildren(...contacts.map(entry));
    status.textContent = `${contacts.length} contact${contacts.length === 1 ? '' : 's'}`;
  };
  const refresh = () => void client.contacts.refresh();
  client.on('contacts:change', render);
  client.on('contacts:error', ({ error }) => {
    failures++;
    status.textContent = `failed: ${error.code} ${error.message}`;
  });
  let fetched = false;
  client.on('subscription:change', () => {
    if (fetched || !client.services.getSubscriptions().subscribed.length) return;
    fetched = true;
    refresh();
  });
  return panel(
    'contacts',
    'Contacts',
    h('div', {}, h('button', { 'data-testid': 'contacts-refresh', onclick: refresh }, 'Refresh'), ' ', status),
    list,
    h('div', { class: 'contact-form' }, ...FIELDS.map(([key]) => inputs[key]), save, cancel),
  );
}
