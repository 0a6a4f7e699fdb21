/**
 * The `call.history` namespace: argument type checks (TypeError), then the call history, which
 * checks values before anything is sent.
 */
import type { CallHistory } from './CallHistory';
import type { CallHistoryApi, CallLogRecord } from './types';

const assertNumber = (method: string, name: string, value: unknown) => {
  if (typeof value !== 'number') throw new TypeError(`call.history.${method}(): ${name} must be a number`);
};

/**
 * Builds the frozen `call.history` namespace; under a `compatibility` profile (`legacy`) `getCache`
 * returns the 001/002 array of records instead of the 000 string. @internal
 */
export function createCallHistoryApi(history: CallHistory, legacy?: unknown): CallHistoryApi {
  return Object.freeze({
    get: () => history.get(),
    fetch(amount: number = 50, offset: number = 0) {
      assertNumber('fetch', 'amount', amount);
      assertNumber('fetch', 'offset', offset);
      return history.fetch(amount, offset);
    },
    remove(recordId: string | number) {
      if (typeof recordId !== 'string' && typeof recordId !== 'number') throw new TypeError('call.history.remove(): recordId must be a string or a number');
      return history.remove(typeof recordId === 'number' && !Number.isFinite(recordId) ? '' : String(recordId));
    },
    clear: () => history.clear(),
    getCache: () => (legacy ? history.get() : history.getCache()) as string,
    setCache(data: string | CallLogRecord[]) {
      if (typeof data !== 'string' && !Array.isArray(data)) throw new TypeError('call.history.setCache(): data must be a string (or an array of records)');
      history.setCache(data);
    },
  });
}
