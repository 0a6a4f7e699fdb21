import { closest } from './closest';

it.each([
  ['iceCollectionIdealTimeot', ['iceCollectionMaxTimeout', 'iceCollectionIdealTimeout', 'earlyMedia'], 'iceCollectionIdealTimeout'],
  ['authentcation', ['logs', 'authentication', 'call'], 'authentication'],
  ['Subscripton', ['connectivity', 'subscription', 'notifications'], 'subscription'],
  ['xcall', ['logs', 'call'], 'call'],
  ['logLevl', ['logLevel', 'logActions', 'handler'], 'logLevel'],
])('closest(%s) → %s', (word, candidates, expected) => {
  expect(closest(word, candidates)).toBe(expected);
});

it('has no answer without candidates', () => {
  expect(closest('x', [])).toBeUndefined();
});
