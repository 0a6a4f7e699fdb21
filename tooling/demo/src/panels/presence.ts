/**
 * Presence (`client.presence` of `presencePlugin()`, installed by the SDK preset). Own presence:
 * `presence-status` (the statuses), `presence-activity` (the activities a user picks),
 * `presence-note` and `presence-set` (`presence.update`); `presence-self` shows what is published
 * now (`data-status`, `data-activity`; it follows `presence:selfChange`, so it shows on-the-phone
 * during a call). The roster (`roster`): the other demo users, watched once the subscription holds
 * the presence service (`presence.subscribe`), each `roster-entry` with `data-user-id`,
 * `data-status` and `data-activity` following `presence:change`. `presence-error` shows the last
 * `presence:error`.
 */
import type { SdkClient } from '@switchboard/sdk';
import { h, panel } from '../dom';
import type { Phone } from '../phone';
import { DEMO_USERS } from '../users';

/** One user's presence as `presence.get()` returns it. */
type PresenceStatus = ReturnType<SdkClient['presence']['getSelf']>;

/** What a presence shows: `⏳ waiting` before the first update, else status · activity · "note". */
export function describePresence(p: Pick<PresenceStatus, 'status' | 'activity' | 'note'> & { loading?: boolean }): string {
  if (p.loading) return '⏳ waiting for the first update';
  const activity = p.activity === 'on-the-phone' ? '📞 on the phone' : p.activity;
  return `${p.status} · ${activity}${p.note ? ` · “${p.note}”` : ''}`;
}

/** The activities a user picks: all but on-the-phone (the plugin publishes it during calls) and unknown. */
export function pickableActivities(activities: Readonly<Record<string, string>>): string[] {
  return Object.values(activities).filter((a) => a !== 'on-the-phone' && a !== 'unknown');
}

/** Whether the subscription holds the presence service (names compare case-insensitively). */
const holdsPresence = (subscribed: readonly string[]) => subscribed.some((s) => s.toLowerCase() === 'presence');

/** The presence panel of a signed-in phone. */
export function presencePanel(phone: Phone): HTMLElement {
  const { client } = phone;
  const { statuses, activities } = client.presence;
  const watched = DEMO_USERS.filter((u) => u.username !== phone.user.username).map((u) => u.username);

  const option = (value: string, selected: boolean) => h('option', { value, selected }, value);
  const status = h('select', { 'data-testid': 'presence-status' }, ...Object.values(statuses).map((s) => option(s, s === statuses.OPEN)));
  const activity = h('select', { 'data-testid': 'presence-activity' }, ...pickableActivities(activities).map((a) => option(a, a === activities.AVAILABLE)));
  const note = h('input', { 'data-testid': 'presence-note', placeholder: 'note (with “other”)', size: 18 });
  const self = h('output', { 'data-testid': 'presence-self' });
  const error = h('output', { class: 'error', 'data-testid': 'presence-error' });
  const entries = new Map(watched.map((user) => [user, h('li', { 'data-testid': 'roster-entry', 'data-user-id': user })]));

  const show = (el: HTMLElement, p: PresenceStatus | undefined) => {
    el.dataset.status = p?.status ?? '';
    el.dataset.activity = p?.activity ?? '';
    return p ? describePresence(p) : 'not watched yet';
  };
  const renderSelf = () => (self.textContent = show(self, client.presence.getSelf()));
  const renderEntry = (user: string) => {
    const li = entries.get(user);
    if (li) li.textContent = `${user}: ${show(li, client.presence.get(user))}`;
  };

  client.on('presence:selfChange', renderSelf);
  client.on('presence:change', ({ userId }) => renderEntry(userId));
  client.on('presence:error', ({ error: e }) => (error.textContent = `failed: ${e.code} ${e.message}`));
  // Watching needs a subscription holding the presence service; the plugin watches the same users
  // again on a later new subscription by itself, so this subscribes once.
  let subscribed = false;
  client.on('subscription:change', () => {
    if (subscribed || !holdsPresence(client.services.getSubscriptions().subscribed)) return;
    subscribed = true;
    void client.presence.subscribe(watched);
  });
  renderSelf();
  watched.forEach(renderEntry);

  const set = () => {
    error.textContent = '';
    void client.presence.update(status.value, activity.value, note.value);
  };
  return panel(
    'presence',
    'Presence',
    h('div', {}, status, ' ', activity),
    h('div', {}, note, ' ', h('button', { 'data-testid': 'presence-set', onclick: set }, 'Set')),
    h('div', { title: 'presence.getSelf(): closed · unknown until this tab first sets one' }, 'published by me: ', self),
    h('ul', { class: 'roster', 'data-testid': 'roster' }, ...entries.values()),
    error,
  );
}
