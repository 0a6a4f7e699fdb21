/**
 * The `link` call-history backend: Kandy Link REST v1 call history (protocol §10) over the
 * connectivity plugin's transport.
 */
import type { Logger } from '@switchboard/core';
import type { LinkResponse } from '@switchboard/connectivity';
import type { CallHistoryBackend, CallHistoryBackendContext, CallHistoryBackendFactory } from './backend';
import { historyError } from './errors';
import type { CallLogRecord } from './types';

interface Wrapped {
  statusCode?: number | string;
  reason?: string;
  logItems?: unknown;
}

function failed(operation: string, wrapper: 'logHistory' | 'logRecord', res: LinkResponse<unknown>) {
  const body = (res.body as Record<string, Wrapped | undefined> | undefined)?.[wrapper];
  const code = body?.statusCode ?? res.status;
  const reason = body?.reason ?? res.error?.message ?? `HTTP ${res.status}`;
  return historyError('CALL_HISTORY_REQUEST_FAILED', `${operation} was refused by the gateway: ${reason} (statusCode ${code}).`);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * One `logItems[]` entry as a record, or undefined (logged) when it is not a `CallLog` with a
 * `recordId`. Outgoing records get the callee fields from the caller fields when they lack them.
 * @internal
 */
export function toRecord(item: unknown, logger: Logger): CallLogRecord | undefined {
  const params = isObject(item) && item.type === 'CallLog' && isObject(item.params) ? item.params : undefined;
  const id = params?.recordId;
  if (!params || !((typeof id === 'string' && id !== '') || (typeof id === 'number' && Number.isFinite(id)))) {
    logger.warn('call history: dropped a malformed logItems entry', item);
    return undefined;
  }
  const record = { ...params, recordId: String(id) } as CallLogRecord;
  if (record.direction === 'outgoing') {
    if (record.calleeName === undefined && record.callerName !== undefined) record.calleeName = record.callerName;
    if (record.calleeDisplayNumber === undefined && record.callerDisplayNumber !== undefined) record.calleeDisplayNumber = record.callerDisplayNumber;
  }
  return record;
}

/**
 * Creates the Link call-history backend.
 * @public
 */
export function linkCallHistoryBackend({ transport, logger }: CallHistoryBackendContext): CallHistoryBackend {
  const history = () => `${transport.userPath()}/logHistory`;
  return {
    name: 'link',
    async fetch(amount, offset) {
      const res = await transport.request<{ logHistory?: Wrapped }>(history(), { query: { count: String(amount), startIndex: String(offset) } });
      if (!res.ok) throw failed('logHistory', 'logHistory', res);
      const items = res.body?.logHistory?.logItems;
      if (!Array.isArray(items)) {
        throw historyError('CALL_HISTORY_REQUEST_FAILED', 'logHistory response has no logHistory.logItems array.');
      }
      return items.map((item) => toRecord(item, logger)).filter((r): r is CallLogRecord => r !== undefined);
    },
    async remove(recordId) {
      const res = await transport.request(`${transport.userPath()}/logRecord/${encodeURIComponent(recordId)}`, { method: 'DELETE', expectBody: false });
      if (!res.ok) throw failed('logRecord delete', 'logRecord', res);
    },
    async clear() {
      const res = await transport.request(history(), { method: 'DELETE', expectBody: false });
      if (!res.ok) throw failed('logHistory delete', 'logHistory', res);
    },
  };
}

/** The default call-history backend factory. @public */
export const linkCallHistoryBackendFactory: CallHistoryBackendFactory = linkCallHistoryBackend;
