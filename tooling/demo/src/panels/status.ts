/**
 * Connection and subscription status, always visible: the websocket state
 * (`data-testid="connection-status"`, `data-state` connected | disconnected | reconnecting), the
 * subscribed services (`data-testid="subscription-status"`) and the last transitions, newest first like
 * the event log (unnumbered: the log's numbers count down), so a reconnect shows as it happens.
 */
import { h } from '../dom';
import type { Phone } from '../phone';

const HISTORY = 6;

/** The status bar of a signed-in phone. */
export function statusPanel(phone: Phone, onSignOut: () => void): HTMLElement & { refresh(): void } {
  const { client } = phone;
  const connection = h('span', { class: 'badge', 'data-testid': 'connection-status', 'data-state': 'disconnected' }, 'disconnected');
  const subscription = h('span', { class: 'badge', 'data-testid': 'subscription-status', 'data-state': 'none' }, 'not subscribed');
  const history = h('ol', { class: 'history', 'data-testid': 'connection-history' });
  let lost = false;

  const note = (text: string) => {
    history.prepend(h('li', {}, `${new Date().toLocaleTimeString()} ${text}`));
    while (history.children.length > HISTORY) history.lastElementChild!.remove();
  };
  const set = (el: HTMLElement, state: string, text: string) => {
    el.dataset.state = state;
    el.textContent = text;
  };
  const refresh = () => {
    const socket = client.connection.getSocketState();
    const subs = client.services.getSubscriptions();
    // Down while a subscription is held (a dropped socket) or after a lost one: the SDK reconnects.
    const state = socket.connected ? 'connected' : lost || subs.subscribed.length ? 'reconnecting' : 'disconnected';
    set(connection, state, state === 'connected' ? `connected (${socket.wsInfo.protocol ?? 'ws'})` : state);
    if (subs.subscribed.length) set(subscription, 'subscribed', `subscribed: ${subs.subscribed.join(', ')}`);
    else if (subs.isPending) set(subscription, 'pending', 'subscribing…');
    else set(subscription, 'none', 'not subscribed');
  };
  client.on('ws:change', () => {
    const up = client.connection.getSocketState().connected;
    if (up) lost = false;
    note(up ? 'websocket connected' : client.services.getSubscriptions().subscribed.length ? 'websocket closed, reconnecting' : 'websocket closed');
    refresh();
  });
  client.on('subscription:change', ({ reason }) => {
    if (reason) lost = true;
    note(reason ? `subscription lost (${reason}), reconnecting` : 'subscription changed');
    refresh();
  });
  client.on('subscription:resub', () => (note('resubscribed'), refresh()));
  // The gateway's reason (e.g. "Too many concurrent sessions for this user") is the error's message.
  client.on('subscription:error', ({ error }) => (note(`subscription error ${error.code}: ${error.message}`), refresh()));
  client.on('auth:error', ({ error }) => (note(`auth error ${error.code}: ${error.message}`), refresh()));
  refresh();

  const bar = h(
    'header',
    { class: 'status', 'data-testid': 'panel-status' },
    h('strong', { 'data-testid': 'signed-in-user' }, phone.user.username),
    ' ',
    connection,
    ' ',
    subscription,
    ' ',
    h('button', { 'data-testid': 'signout', onclick: onSignOut }, 'Sign out'),
    history,
  );
  return Object.assign(bar, { refresh });
}
