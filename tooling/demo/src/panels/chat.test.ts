/** The chat panel's text: unread counts, delivery ticks, a message's text. */
import { deliveryTick, messageText, unreadCount } from './chat';

it.each([
  [[], 0],
  [[{ read: true }, { read: false }, { read: false }], 2],
  [[{ read: true }], 0],
])('unread count of %j: %d', (messages, count) => {
  expect(unreadCount(messages)).toBe(count);
});

it.each([
  [{ isPending: true, deliveryStatus: 'pending' }, '…'],
  [{ isPending: false, deliveryStatus: 'delivered' }, '✓✓'],
  [{ isPending: false, deliveryStatus: 'queued' }, '✓'],
  [{ isPending: false, deliveryStatus: 'stored' }, '✓'],
  [{ isPending: false, deliveryStatus: 'sent' }, '✓'],
  [{ isPending: false, deliveryStatus: 'failed' }, '✗'],
  [{ isPending: false, deliveryStatus: 'received' }, ''],
] as const)('tick of %j: %s', (message, tick) => {
  expect(deliveryTick(message)).toBe(tick);
});

it.each([
  [[{ type: 'text', text: 'Lunch at noon?' }], 'Lunch at noon?'],
  [[{ type: 'text', text: 'here' }, { type: 'location', location: { latitude: 1, longitude: 2 } }], 'here\n{"latitude":1,"longitude":2}'],
  [[{ type: 'json', json: { a: 1 } }], '{"a":1}'],
] as const)('text of %j', (parts, text) => {
  expect(messageText({ parts: parts.map((p) => ({ ...p })) })).toBe(text);
});
