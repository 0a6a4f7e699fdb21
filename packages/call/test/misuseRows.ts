/**
 * Misuse rows of the call plugin (see packages/core/test/misuse.ts). The fixture's `endedCallId`
 * is an outgoing call that the harness made and ended, so every state-changing method is refused.
 */
import type { MisuseArgs, MisuseRow, MisuseTable, WrongValue } from '../../core/test/misuse';
import { NOT_IMPLEMENTED_METHODS } from '../src/api/callApi';
import type { CallApi } from '../src/index';

const IA = 'INVALID_ARGUMENT';
const audio = { audio: true };
const onStart = { event: 'call:start' } as const;
const onOperation = { event: 'call:operation' } as const;
const ended: MisuseArgs = (fx) => [fx.endedCallId];

/** Wrong media/options types shared by make and answer (after the first argument `first`). */
const mediaTypes = (first: unknown): unknown[][] => [
  [first], [first, null], [first, 'audio'], [first, []], [first, { audio: 'yes' }], [first, { video: 1 }],
  [first, { audio: true, audioOptions: 'mic' }], [first, audio, 'options'], [first, audio, { displayName: 5 }],
  [first, audio, { bandwidth: { call: '100' } }], [first, audio, { customParameters: [{ name: 'X' }] }],
  [first, {}, 'options'], [first, { audio: false }, { displayName: 5 }],
];

/** Wrong media/option values shared by make (in `call:start`) and answer (in `call:operation`). */
const mediaValues = (first: MisuseArgs, via: WrongValue['via']): WrongValue[] => {
  const a = (...rest: unknown[]): MisuseArgs => (fx) => [typeof first === 'function' ? first(fx)[0] : first[0], ...rest];
  return [
    { args: a({}), code: IA, via },
    { args: a({ audio: false }), code: IA, via },
    { args: a(audio, { bandwidth: { call: -1 } }), code: IA, via },
    { args: a(audio, { bandwidth: { speed: 5 } }), code: IA, via },
    { args: a(audio, { dscpControls: { audioNetworkPriority: 'urgent' } }), code: IA, via },
  ];
};

const BAD_DESTINATIONS = ['', '   ', 'sip:', 'sip:@', 'sips:', 'tel:', '<>', 'bob<sip:eve@x>', '@example.com', 'bob@', 'bob\r\nX-Evil: 1', 'bob\n', 'bob\u0000'];

/** Methods taking only a callId: wrong types, an unknown call, and the ended call when it is a wrong state. */
const byId = (method: string, endedCode?: string): MisuseRow => ({
  method: `call.${method}`,
  wrongTypes: [[], [42], [null], [{ id: 'x' }]],
  wrongValues: [
    { args: ['no-such-call'], code: 'CALL_NOT_FOUND', via: onOperation },
    ...(endedCode ? [{ args: ended, code: endedCode, via: onOperation }] : []),
  ],
});

const dtmf = (...rest: unknown[]): MisuseArgs => (fx) => [fx.endedCallId, ...rest];

/** Call's misuse table. */
export const callMisuse: MisuseTable = {
  plugin: 'call',
  state: (client) => ({ calls: (client as { call: CallApi }).call.getAll() }),
  rows: [
    {
      method: 'call.make',
      wrongTypes: [[], [42, audio], [null, audio], [['bob'], audio], ...mediaTypes('bob')],
      wrongValues: [
        ...BAD_DESTINATIONS.map((d) => ({ args: [d, audio], code: IA, via: onStart })),
        ...mediaValues(['bob'], onStart),
      ],
    },
    {
      method: 'call.answer',
      wrongTypes: [[], [42, audio], ...mediaTypes('no-such-call')],
      wrongValues: [
        { args: ['no-such-call', audio], code: 'CALL_NOT_FOUND', via: onOperation },
        { args: (fx) => [fx.endedCallId, audio], code: 'CALL_INVALID_STATE', via: onOperation },
        ...mediaValues(ended, onOperation),
      ],
    },
    byId('reject', 'CALL_INVALID_STATE'),
    byId('ignore', 'CALL_INVALID_STATE'),
    byId('end', 'CALL_INVALID_STATE'),
    byId('sendRingingFeedback', 'CALL_INVALID_OPERATION'),
    { method: 'call.getAll', noArgs: 'returns a snapshot' },
    { method: 'call.getById', wrongTypes: [[], [42], [null]], reason: 'every string is a valid id; an unknown one gives undefined' },
    {
      method: 'call.sendDTMF',
      wrongTypes: [[], [42, '1'], dtmf(), dtmf(1), dtmf(['1']), dtmf('1', '100'), dtmf('1', null), dtmf('1', 100, '70')],
      wrongValues: [
        { args: ['no-such-call', '1'], code: 'CALL_NOT_FOUND', via: onOperation },
        ...['', 'x', '1a', '1'.repeat(5000)].map((tone) => ({ args: dtmf(tone), code: IA, via: onOperation })),
        ...[[1e9], [39], [0], [-1], [Number.NaN], [100, 1e9], [100, 29], [100, -1], [100, Infinity]].map((timing) => ({
          args: dtmf('1', ...timing), code: IA, via: onOperation,
        })),
        { args: dtmf('1'), code: 'CALL_INVALID_STATE', via: onOperation },
      ],
    },
    {
      method: 'call.getStats',
      wrongTypes: [[], [42], [null], ['no-such-call', 5], ['no-such-call', null]],
      wrongValues: [
        { args: ['no-such-call'], code: 'CALL_NOT_FOUND', via: 'reject' },
        { args: ended, code: 'CALL_INVALID_STATE', via: 'reject' },
      ],
    },
    {
      method: 'call.getAvailableCodecs',
      wrongTypes: [[], [42], [null], [['audio']]],
      wrongValues: [
        { args: ['screen'], code: IA, via: 'reject' },
        { args: ['AUDIO'], code: IA, via: 'reject' },
      ],
    },
    {
      method: 'call.setSdpHandlers',
      wrongTypes: [[], ['handler'], [null], [[42]], [[() => undefined, 'x']]],
      reason: 'every array of functions is valid (an empty one removes the handlers)',
    },
    // callExtrasPlugin()
    {
      method: 'call.setCustomParameters',
      wrongTypes: [[], [42, []], [null], ['no-such-call', 'X-A'], ['no-such-call', [{ name: 'X-A' }]], ['no-such-call', [{ name: 'X-A', value: 1 }]]],
      wrongValues: [{ args: ['no-such-call', []], code: 'CALL_NOT_FOUND', via: onOperation }],
    },
    byId('sendCustomParameters', 'CALL_INVALID_STATE'),
    {
      method: 'call.playAudioFile',
      wrongTypes: [[], [42, 'a.wav'], ['no-such-call'], ['no-such-call', 5], [null, 'a.wav']],
      wrongValues: [
        { args: ['no-such-call', 'a.wav'], code: 'CALL_NOT_FOUND', via: 'reject' },
        { args: (fx) => [fx.endedCallId, 'a.wav'], code: 'CALL_INVALID_STATE', via: 'reject' },
      ],
    },
    { method: 'call.changeInputDevices', wrongValues: [{ args: ended, code: 'CALL_API_REPLACED', via: 'throw' }] },
    { method: 'call.changeSpeaker', wrongValues: [{ args: ended, code: 'CALL_API_REPLACED', via: 'throw' }] },
    // callReportPlugin()
    {
      method: 'call.getReport',
      wrongTypes: [[], [42], [null]],
      wrongValues: [{ args: ['no-such-call'], code: 'CALL_NOT_FOUND', via: 'throw' }],
    },
    ...NOT_IMPLEMENTED_METHODS.map((m) => ({ method: `call.${m}`, notImplemented: ended })),
  ],
};
