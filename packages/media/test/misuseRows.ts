/** Misuse rows of the media plugin (see packages/core/test/misuse.ts). */
import type { MisuseRow, MisuseTable } from '../../core/test/misuse';
import type { MediaPluginApi } from '../src/index';

const IA = 'INVALID_ARGUMENT';
const NOT_FOUND = 'MEDIA_TRACK_NOT_FOUND';
const listTypes: unknown[][] = [[], [null], ['track-1'], [[42]], [{ 0: 'track-1', length: 1 }]];

const renderRows = (method: string): MisuseRow => ({
  method,
  wrongTypes: [
    ...listTypes.map((a) => [...a, '#c']), [['t'], 5], [['t']], [['t'], '#c', 'options'], [['t'], '#c', null], [['t'], '#c', []],
    [['t'], '#c', { speakerId: 1 }],
  ],
  wrongValues: [
    { args: [[], '#c'], code: IA, via: { event: 'media:trackRendered' } },
    { args: [['no-such-track'], '#c'], code: NOT_FOUND, via: { event: 'media:trackRendered' } },
  ],
});

const removeRows = (method: string): MisuseRow => ({
  method,
  wrongTypes: [...listTypes.map((a) => [...a, '#c']), [['t'], 5], [['t']]],
  reason: 'documented: unknown or unrendered ids are ignored',
});

const muteRows = (method: string): MisuseRow => ({
  method,
  wrongTypes: listTypes,
  wrongValues: [
    { args: [[]], code: IA, via: 'throw' },
    { args: [['no-such-track']], code: NOT_FOUND, via: 'throw' },
  ],
});

/** Media's misuse table. */
export const mediaMisuse: MisuseTable = {
  plugin: 'media',
  state: (client) => ({ devices: (client as MediaPluginApi).media.getDevices() }),
  rows: [
    { method: 'getBrowserDetails', noArgs: 'returns a snapshot' },
    { method: 'media.getDevices', noArgs: 'returns a snapshot' },
    ...['getById', 'getTrackById'].map((m) => ({
      method: `media.${m}`,
      wrongTypes: [[], [42], [null], [{}]],
      reason: 'every string is a valid id; an unknown one gives undefined',
    })),
    {
      method: 'media.initializeDevices',
      wrongTypes: [[null], ['audio'], [[]], [Symbol('x')], [{ audio: 'yes' }], [{ video: 1 }]],
      reason: 'every pair of booleans is valid',
    },
    renderRows('media.renderTracks'),
    renderRows('media.renderTrack'),
    removeRows('media.removeTracks'),
    removeRows('media.removeTrack'),
    muteRows('media.muteTracks'),
    muteRows('media.unmuteTracks'),
    {
      method: 'media.startAudioLevels',
      wrongTypes: [[null], [[]], [Symbol('x')], ['fast'], [5], [{ interval: '100' }]],
      wrongValues: [
        { args: [{ interval: 5 }], code: IA, via: 'throw' },
        { args: [{ interval: Number.NaN }], code: IA, via: 'throw' },
        { args: [{ interval: Infinity }], code: IA, via: 'throw' },
      ],
    },
    { method: 'media.stopAudioLevels', noArgs: 'takes no arguments' },
  ],
};
