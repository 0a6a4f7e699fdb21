/** The presence panel's text: how a presence reads, and which activities a user can pick. */
import { describePresence, pickableActivities } from './presence';

it.each([
  [{ status: 'open', activity: 'active', note: '' }, 'open · active'],
  [{ status: 'open', activity: 'other', note: 'In the lab' }, 'open · other · “In the lab”'],
  [{ status: 'open', activity: 'on-the-phone', note: '' }, 'open · 📞 on the phone'],
  [{ status: 'closed', activity: 'unknown', note: '', loading: true }, '⏳ waiting for the first update'],
])('%j reads %s', (presence, text) => {
  expect(describePresence(presence)).toBe(text);
});

it('offers every activity but on-the-phone (published during calls) and unknown', () => {
  const activities = { AVAILABLE: 'active', AWAY: 'away', ON_THE_PHONE: 'on-the-phone', UNKNOWN: 'unknown', OTHER: 'other' };
  expect(pickableActivities(activities)).toEqual(['active', 'away', 'other']);
});
