/** The directory panel: the filter sent for the typed text, and a result's line. */
import { searchFilters, userLabel } from './directory';

it.each([
  ['lastName', ' Builder ', { lastName: 'Builder' }],
  ['phoneNumber', '+15550100002', { phoneNumber: '+15550100002' }],
  ['name', '   ', {}],
])('filter %s with %j → %j', (filter, text, filters) => {
  expect(searchFilters(filter, text)).toEqual(filters);
});

it.each([
  [{ userId: 'bob@example.com', firstName: 'Bob', lastName: 'Builder', phoneNumber: '+15550100002' }, 'Bob Builder <bob@example.com> · +15550100002'],
  [{ userId: 'carol@example.com', firstName: 'Carol' }, 'Carol <carol@example.com>'],
  [{ userId: 'dave@example.com' }, 'dave@example.com'],
])('%j reads %s', (user, text) => {
  expect(userLabel(user)).toBe(text);
});
