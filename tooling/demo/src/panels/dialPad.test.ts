/** The dial pad's destination: what a user types becomes a SIP or TEL URI. */
import { toAddress } from './dialPad';

it.each([
  ['bob', 'sip:bob@example.com'],
  [' bob@example.com ', 'sip:bob@example.com'],
  ['carol@other.org', 'sip:carol@other.org'],
  ['sip:bob@example.com', 'sip:bob@example.com'],
  ['tel:+15551234', 'tel:+15551234'],
])('%j → %s', (input, address) => {
  expect(toAddress(input, 'alice@example.com')).toBe(address);
});
