/**
 * SIP events (`client.sip` of `sipEventsPlugin()`, installed by the SDK preset with
 * `sipCallLinksPlugin()`): watch a user's phone presence (`event:presence`, granted because the
 * phone subscribes to it): `sip-user` (a demo user) and `sip-subscribe` (`sip.subscribe`, or
 * `sip.update` to add one more once subscribed), `sip-unsubscribe`; `sip-watched` lists the watched
 * users (`sip.getDetails`). Every `sip:eventsChange`, solicited or not, is a `sip-event` in
 * `sip-events` (newest first, the last 20) with `data-event-type`, `data-from`, `data-status` and
 * `data-call-id` (`links.callId`: this tab's call id when the event is about one of its calls).
 * `sip-status` shows the last change or `sip:error`.
 */
import { h, panel } from '../dom';
import type { Phone } from '../phone';
import { DEMO_USERS } from '../users';

/** The SIP event package of phone presence. */
export const PHONE_PRESENCE = 'event:presence';
/** How many events the list keeps. */
const KEPT = 20;

/** What the panel reads of a `sip:eventsChange` payload. */
interface SipEvent {
  eventType: string;
  event: Record<string, unknown>;
  links: { callId?: string };
}

/** An event's line: `from · status · call <id>` (the parts there are), else its event type. */
export function sipEventText(e: SipEvent): string {
  const p = (e.event.genericNotificationParams ?? {}) as Record<string, unknown>;
  const parts = [typeof p.from === 'string' ? p.from : e.eventType];
  if (typeof p.status === 'string') parts.push(p.status === 'on-the-phone' ? '📞 on the phone' : p.status);
  else if (typeof p.data === 'string') parts.push(p.data.slice(0, 60));
  if (e.links.callId) parts.push(`call ${e.links.callId.slice(0, 8)}`);
  return parts.join(' · ');
}

/** The SIP events panel of a signed-in phone. */
export function sipEventsPanel(phone: Phone): HTMLElement {
  const { client } = phone;
  const others = DEMO_USERS.filter((u) => u.username !== phone.user.username).map((u) => u.username);
  const user = h('select', { 'data-testid': 'sip-user' }, ...others.map((u) => h('option', { value: u }, u)));
  const watched = h('output', { 'data-testid': 'sip-watched' });
  const status = h('output', { 'data-testid': 'sip-status' });
  const list = h('ol', { class: 'history', 'data-testid': 'sip-events' });

  const render = () => (watched.textContent = client.sip.getDetails(PHONE_PRESENCE)?.subscribedUsers.join(', ') || 'nobody');
  client.on('sip:subscriptionChange', ({ change }) => {
    status.textContent = change;
    render();
  });
  client.on('sip:error', ({ error }) => (status.textContent = `failed: ${error.code} ${error.message}`));
  client.on('sip:eventsChange', (e) => {
    const p = (e.event.genericNotificationParams ?? {}) as Record<string, unknown>;
    const item = h('li', {
      'data-testid': 'sip-event',
      'data-event-type': e.eventType,
      'data-from': typeof p.from === 'string' ? p.from : '',
      'data-status': typeof p.status === 'string' ? p.status : '',
      'data-call-id': e.links.callId ?? '',
    }, sipEventText(e));
    list.prepend(item);
    while (list.children.length > KEPT) list.lastElementChild!.remove();
  });

  const subscribe = () => {
    status.textContent = '';
    if (client.sip.getDetails(PHONE_PRESENCE)) void client.sip.update(PHONE_PRESENCE, { subscribeUserList: [user.value] });
    else void client.sip.subscribe(PHONE_PRESENCE, [user.value], `demo-${phone.user.username}`);
  };
  const unsubscribe = () => void client.sip.unsubscribe(PHONE_PRESENCE);
  render();
  return panel(
    'sip-events',
    'SIP events (phone presence)',
    h('div', {}, user, ' ', h('button', { 'data-testid': 'sip-subscribe', onclick: subscribe }, 'Watch'), ' ', h('button', { 'data-testid': 'sip-unsubscribe', onclick: unsubscribe }, 'Stop')),
    h('div', {}, 'watching: ', watched, ' ', status),
    list,
  );
}
