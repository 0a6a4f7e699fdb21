/**
 * Misuse rows of the SIP events plugin (`sip.*`; see packages/core/test/misuse.ts). Wrong values
 * and states arrive as `sip:error`; the method's promise resolves. The misuse client's
 * subscription holds `call` only, so a well-formed subscribe is SIP_SERVICE_NOT_SUBSCRIBED.
 */
import type { MisuseTable, WrongValue } from '../../core/test/misuse';
import type { SipApi } from '../src/index';

const P = 'event:presence';
const via = (code: string, args: unknown[][]): WrongValue[] => args.map((a) => ({ args: a, code, via: { event: 'sip:error' } }));
/** `[<hole>, item]`: a sparse array (`every` skips its hole). */
const holeThen = (item: unknown): unknown[] => Object.assign([], { 1: item });
const TYPE_TYPES = [[], [5], [null], [{}], [['event:presence']]];

/** The sip-events package's misuse table. */
export const sipEventsMisuse: MisuseTable = {
  plugin: 'sip-events',
  state: (client) => (client as { sip: SipApi }).sip.getDetails(),
  rows: [
    {
      method: 'sip.subscribe',
      wrongTypes: [[], [5, ['bob'], 'c'], [P], [P, 'bob', 'c'], [P, [5], 'c'], [P, ['bob']], [P, ['bob'], 5], [P, ['bob'], 'c', {}], [P, ['bob'], 'c', [{ name: 'X' }]], [P, holeThen('bob'), 'c'], [P, ['bob'], 'c', holeThen({ name: 'X', value: 'v' })], [P, ['bob'], 'c', [null]], [P, ['bob'], 'c', 'X-a: v']],
      wrongValues: [
        ...via('INVALID_ARGUMENT', [['presence', ['bob'], 'c'], ['event:', ['bob'], 'c'], [P, [], 'c'], [P, [''], 'c'], [P, ['bob\n'], 'c'], [P, ['x'.repeat(257)], 'c'], [P, ['bob'], ''], [P, ['bob'], 'c\n'], [P, ['bob'], 'c', [{ name: ' ', value: 'v' }]], [P, ['bob'], 'c', [{ name: 'X-a', value: 'v\r\nX-b: w' }]]]),
        ...via('SIP_SERVICE_NOT_SUBSCRIBED', [[P, ['bob'], 'c']]),
      ],
    },
    {
      method: 'sip.update',
      wrongTypes: [[], [5, {}], [P], [P, null], [P, []], [P, { subscribeUserList: 'bob' }], [P, { subscribedUserList: [5] }], [P, { unsubscribeUserList: {} }], [P, { subscribeUserList: ['bob'] }, 'X'], [P, { subscribeUserList: holeThen('bob') }], [P, { subscribeUserList: ['bob'] }, new Array(1)]],
      wrongValues: [
        ...via('INVALID_ARGUMENT', [['presence', { subscribeUserList: ['bob'] }], [P, {}], [P, { subscribeUserList: [' '] }], [P, { unsubscribeUserList: ['a\u0000'] }], [P, { unsubscribeUserList: ['x'.repeat(257)] }], [P, { subscribeUserList: ['bob'] }, [{ name: '', value: 'v' }]]]),
        ...via('SIP_SUBSCRIPTION_NOT_FOUND', [[P, { subscribeUserList: ['bob'] }], [P, { subscribedUserList: ['bob'] }]]),
      ],
    },
    {
      method: 'sip.unsubscribe',
      wrongTypes: TYPE_TYPES,
      wrongValues: [...via('INVALID_ARGUMENT', [['presence'], ['']]), ...via('SIP_SUBSCRIPTION_NOT_FOUND', [[P]])],
    },
    { method: 'sip.getDetails', wrongTypes: [[5], [null], [{}], [['event:presence']]], reason: 'every event type is a valid lookup; unknown ones give undefined' },
  ],
};
