/**
 * Directory search (`client.user.search` of `userPlugin()`, installed by the SDK preset): a filter
 * (`directory-filter`: name, first or last name, user name, phone number, user id), the text
 * (`directory-query`; empty lists every user) and `directory-search`; the results of
 * `directory:change` in `directory-results`, each `directory-result` with `data-user-id`;
 * `directory-status` shows the count or the last `directory:error`.
 */
import type { SdkClient } from '@switchboard/sdk';
import { h, panel } from '../dom';
import type { Phone } from '../phone';

/** One directory user as `user.get()` returns it. */
type User = NonNullable<ReturnType<SdkClient['user']['get']>>;

/** The filters offered, in the order of the select. */
export const FILTERS = ['name', 'firstName', 'lastName', 'userName', 'phoneNumber', 'userId'] as const;

/** The search filters for `filter` and the typed text: none (every user) when the text is blank. */
export function searchFilters(filter: string, text: string): Record<string, string> {
  const value = text.trim();
  return value ? { [filter]: value } : {};
}

/** A result line: `First Last <user id> · phone` (the parts there are). */
export function userLabel(user: User): string {
  const name = [user.firstName, user.lastName].filter(Boolean).join(' ');
  const phone = typeof user.phoneNumber === 'string' && user.phoneNumber ? ` · ${user.phoneNumber}` : '';
  return `${name ? `${name} <${user.userId}>` : user.userId}${phone}`;
}

/** The directory panel of a signed-in phone. */
export function directoryPanel(phone: Phone): HTMLElement {
  const { client } = phone;
  const filter = h('select', { 'data-testid': 'directory-filter' }, ...FILTERS.map((f) => h('option', { value: f }, f)));
  const query = h('input', { 'data-testid': 'directory-query', placeholder: 'search text (empty: everyone)', size: 16 });
  const results = h('ol', { class: 'history', 'data-testid': 'directory-results' });
  const status = h('output', { 'data-testid': 'directory-status' });

  client.on('directory:change', ({ results: users }) => {
    results.replaceChildren(...users.map((u) => h('li', { 'data-testid': 'directory-result', 'data-user-id': u.userId }, userLabel(u))));
    status.textContent = `${users.length} result${users.length === 1 ? '' : 's'}`;
  });
  client.on('directory:error', ({ error }) => (status.textContent = `failed: ${error.code} ${error.message}`));

  const search = (event: Event) => {
    event.preventDefault();
    status.textContent = 'searching…';
    void client.user.search(searchFilters(filter.value, query.value));
  };
  return panel(
    'directory',
    'Directory',
    h('form', { onsubmit: search }, filter, ' ', query, ' ', h('button', { type: 'submit', 'data-testid': 'directory-search' }, 'Search')),
    status,
    results,
  );
}
