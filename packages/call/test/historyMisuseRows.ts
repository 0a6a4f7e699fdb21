/**
 * Misuse rows of the call-history (`call.history.*`) and click-to-call (`clickToCall.*`) plugins
 * (see packages/core/test/misuse.ts).
 */
import type { MisuseRow, MisuseTable } from '../../core/test/misuse';
import type { CallHistoryApi, ClickToCallApi } from '../src/index';

const IA = 'INVALID_ARGUMENT';

/** The rows of `clickToCall.make` and its 001 name `clickToCall.clickToCall`. */
const makeRow = (method: string): MisuseRow => ({
  method: `clickToCall.${method}`,
  wrongTypes: [[], [5, 'bob'], ['alice'], ['alice', null], [['alice'], 'bob'], [{}, 'bob']],
  wrongValues: [['', 'bob'], ['alice', '  '], ['alice\r\nX-Evil: 1', 'bob'], ['alice', 'bob\u0000']].map((args) => ({
    args, code: IA, via: { event: 'clickToCall:error' } as const,
  })),
});

/** Call history's and click-to-call's misuse table. */
export const historyMisuse: MisuseTable = {
  plugin: 'call-history',
  state: (client) => {
    const c = client as { call: { history: CallHistoryApi }; clickToCall: ClickToCallApi };
    return { history: c.call.history.get(), clickToCall: c.clickToCall.get() };
  },
  rows: [
    { method: 'call.history.get', noArgs: 'returns a snapshot' },
    {
      method: 'call.history.fetch',
      wrongTypes: [['50'], [null], [50, '0'], [50, null], [[50]]],
      wrongValues: [[0], [-1], [1.5], [1001], [Number.NaN], [Infinity], [50, -1], [50, 0.5], [50, Number.NaN]].map((args) => ({ args, code: IA, via: 'reject' as const })),
    },
    {
      method: 'call.history.remove',
      wrongTypes: [[], [null], [{}], [['1']], [true]],
      wrongValues: [[''], ['  '], [Number.NaN]].map((args) => ({ args, code: IA, via: 'reject' as const })),
    },
    { method: 'call.history.clear', noArgs: 'takes no arguments (calling it sends the delete)' },
    { method: 'call.history.getCache', noArgs: 'returns the cache as a string' },
    {
      method: 'call.history.setCache',
      wrongTypes: [[], [5], [null], [{}], [true]],
      wrongValues: [['not json'], ['{}'], ['[1]'], ['[{"direction":"incoming"}]'], [[{ recordId: 5 }]], [[null]]].map((args) => ({ args, code: IA, via: 'throw' as const })),
    },
    makeRow('make'),
    makeRow('clickToCall'),
    { method: 'clickToCall.get', noArgs: 'returns a snapshot' },
  ],
};
