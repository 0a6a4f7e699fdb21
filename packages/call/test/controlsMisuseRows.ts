/**
 * Misuse rows of `callControlsPlugin()` (hold & co. on `client.call`). The fixture's
 * `endedCallId` is an ended outgoing call, so every method is refused with `CALL_INVALID_STATE`
 * (nothing captured, nothing sent).
 */
import type { MisuseArgs, MisuseRow, MisuseTable } from '../../core/test/misuse';

const IA = 'INVALID_ARGUMENT';
const IS = 'CALL_INVALID_STATE';
const onOperation = { event: 'call:operation' } as const;
const onReplaced = { event: 'call:trackReplaced' } as const;
const onRestart = { event: 'call:mediaRestart' } as const;
const ended = (...rest: unknown[]): MisuseArgs => (fx) => [fx.endedCallId, ...rest];

/** Methods taking only a callId. */
const byId = (method: string, via: typeof onOperation | typeof onRestart = onOperation): MisuseRow => ({
  method: `call.${method}`,
  wrongTypes: [[], [42], [null], [{ id: 'x' }]],
  wrongValues: [
    { args: ['no-such-call'], code: 'CALL_NOT_FOUND', via: onOperation },
    { args: ended(), code: IS, via },
  ],
});

/** The call-controls plugin's misuse table. */
export const controlsMisuse: MisuseTable = {
  plugin: 'call-controls',
  rows: [
    byId('hold'),
    byId('unhold'),
    byId('stopVideo'),
    byId('stopScreenshare'),
    byId('restartMedia', onRestart),
    {
      method: 'call.addMedia',
      wrongTypes: [[], [42], ended('video'), ended(null), ended({ video: 'yes' }), ended({ video: true }, 'options'), ended({ video: true }, { bandwidth: { video: '1' } })],
      wrongValues: [
        { args: ['no-such-call', { video: true }], code: 'CALL_NOT_FOUND', via: onOperation },
        { args: ended({}), code: IA, via: onOperation },
        { args: ended({ video: true }, { bandwidth: { video: -1 } }), code: IA, via: onOperation },
        { args: ended({ video: true }), code: IS, via: onOperation },
      ],
    },
    {
      method: 'call.removeMedia',
      wrongTypes: [[], [42, []], ended(), ended('track'), ended([42]), ended(['t'], 'options')],
      wrongValues: [
        { args: ['no-such-call', ['t']], code: 'CALL_NOT_FOUND', via: onOperation },
        { args: ended([]), code: IA, via: onOperation },
        { args: ended(['no-such-track']), code: 'CALL_TRACK_NOT_FOUND', via: onOperation },
      ],
    },
    {
      method: 'call.startVideo',
      wrongTypes: [[], [42], ended('hd'), ended({ width: 640 }, 'options')],
      wrongValues: [
        { args: ['no-such-call'], code: 'CALL_NOT_FOUND', via: onOperation },
        { args: ended(), code: IS, via: onOperation },
      ],
    },
    {
      method: 'call.startScreenshare',
      wrongTypes: [[], [42], ended('hd')],
      wrongValues: [
        { args: ['no-such-call'], code: 'CALL_NOT_FOUND', via: onOperation },
        { args: ended(), code: IS, via: onOperation },
      ],
    },
    {
      method: 'call.replaceTrack',
      wrongTypes: [[], [42, 't'], ended(), ended(42), ended('t', 'audio'), ended('t', { audio: 'yes' })],
      wrongValues: [
        { args: ['no-such-call', 't', { audio: true }], code: 'CALL_NOT_FOUND', via: onOperation },
        { args: ended('no-such-track', { audio: true }), code: 'CALL_TRACK_NOT_FOUND', via: onReplaced },
        { args: ended('no-such-track', {}), code: IA, via: onReplaced },
      ],
    },
  ],
};
