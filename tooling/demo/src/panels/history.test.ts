/** The history panel's text: the far end of a record and its duration. */
import { formatDuration, remoteParty } from './history';

it.each([
  [{ recordId: '1', direction: 'outgoing', calleeName: 'Bob', calleeDisplayNumber: 'bob@example.com', callerDisplayNumber: 'alice@example.com' }, 'Bob <bob@example.com>'],
  [{ recordId: '2', direction: 'incoming', callerDisplayNumber: 'alice@example.com', calleeDisplayNumber: 'bob@example.com' }, 'alice@example.com'],
  [{ recordId: '3', direction: 'missed', callerName: 'alice@example.com', callerDisplayNumber: 'alice@example.com' }, 'alice@example.com'],
  [{ recordId: '4', direction: 'incoming' }, '?'],
])('remote party of %j: %s', (record, text) => {
  expect(remoteParty(record)).toBe(text);
});

it.each([
  ['2437', '2.4 s'],
  ['0', '0.0 s'],
  ['', '–'],
  [undefined, '–'],
  ['soon', '–'],
])('duration %j → %s', (ms, text) => {
  expect(formatDuration(ms)).toBe(text);
});
