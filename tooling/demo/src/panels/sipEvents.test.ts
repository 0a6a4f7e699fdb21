/** The SIP events panel's text: how an event reads. */
import { sipEventText } from './sipEvents';

it.each([
  [{ eventType: 'event:presence', event: { genericNotificationParams: { from: 'sip:bob@example.com', status: 'on-the-phone' } }, links: { callId: '0123456789ab' } }, 'sip:bob@example.com · 📞 on the phone · call 01234567'],
  [{ eventType: 'event:presence', event: { genericNotificationParams: { from: 'sip:bob@example.com', status: 'open' } }, links: {} }, 'sip:bob@example.com · open'],
  [{ eventType: 'event:ua-profile', event: { genericNotificationParams: { data: 'maintenance at 22:00' } }, links: {} }, 'event:ua-profile · maintenance at 22:00'],
  [{ eventType: 'event:x', event: {}, links: {} }, 'event:x'],
])('%j reads %s', (e, text) => {
  expect(sipEventText(e)).toBe(text);
});
