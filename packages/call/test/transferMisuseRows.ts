/**
 * Misuse rows of the transfer plugin (`call.forward`, `call.directTransfer`,
 * `call.consultativeTransfer`, `call.join`; see packages/core/test/misuse.ts). The fixture's
 * `endedCallId` is an ended outgoing call: neither alerting nor locally held.
 */
import type { MisuseRow, MisuseTable } from '../../core/test/misuse';
import type { CallApi } from '../src/index';

const onOperation = { event: 'call:operation' } as const;
const BAD = ['', '   ', 'sip:', 'tel:', '<>', 'bob\r\nX-Evil: 1', 'bob\u0000'];

/** `(callId, destination)` methods. */
const toDestination = (method: string): MisuseRow => ({
  method: `call.${method}`,
  wrongTypes: [[], ['no-such-call'], [42, 'bob'], [null, 'bob'], ['no-such-call', 5], ['no-such-call', null], ['no-such-call', ['bob']]],
  wrongValues: [
    { args: ['no-such-call', 'bob'], code: 'CALL_NOT_FOUND', via: onOperation },
    ...BAD.map((d) => ({ args: (fx: Readonly<Record<string, string>>) => [fx.endedCallId, d], code: 'INVALID_ARGUMENT', via: onOperation })),
    { args: (fx) => [fx.endedCallId, 'bob'], code: 'CALL_INVALID_STATE', via: onOperation },
  ],
});

/** `(callId, otherCallId)` methods. */
const twoCalls = (method: string): MisuseRow => ({
  method: `call.${method}`,
  wrongTypes: [[], ['no-such-call'], [42, 'x'], [null, 'x'], ['no-such-call', 5], ['no-such-call', {}]],
  wrongValues: [
    { args: ['no-such-call', 'other'], code: 'CALL_NOT_FOUND', via: onOperation },
    { args: (fx) => [fx.endedCallId, 'no-such-call'], code: 'CALL_NOT_FOUND', via: onOperation },
    { args: (fx) => [fx.endedCallId, fx.endedCallId], code: 'INVALID_ARGUMENT', via: onOperation },
  ],
});

/** The transfer plugin's misuse table. */
export const transferMisuse: MisuseTable = {
  plugin: 'call-transfer',
  state: (client) => ({ calls: (client as { call: CallApi }).call.getAll() }),
  rows: [toDestination('forward'), toDestination('directTransfer'), twoCalls('consultativeTransfer'), twoCalls('join')],
};
