import { displayForm, domainOf, normalizeAddress } from './normalize';

describe('normalizeAddress (protocol §5.21)', () => {
  test.each([
    ['bob', 'sip:bob@example.com'],
    ['  bob@other.org ', 'sip:bob@other.org'],
    ['sip:joe@domain.com', 'sip:joe@domain.com'],
    ['tel:+18885559876', 'sip:+18885559876@example.com'],
    ['+1 (613) 555-0100', 'sip:+16135550100@example.com'],
    ['*72', 'sip:*72@example.com'],
    ['#1.2-3', 'sip:#123@example.com'],
    ['sips:carol@x.net', 'sip:carol@x.net'],
    ['@bob', 'sip:@bob@example.com'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeAddress(input, 'example.com')).toBe(expected);
  });

  test('without any domain the result has none', () => {
    expect(normalizeAddress('bob', undefined)).toBe('sip:bob');
  });

  test('helpers', () => {
    expect(domainOf('alice@example.com')).toBe('example.com');
    expect(domainOf('alice')).toBeUndefined();
    expect(displayForm('sip:bob@x')).toBe('bob@x');
  });
});
