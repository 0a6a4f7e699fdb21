/**
 * Call-history types: a call-log record (protocol §10.1 `CallLog` params) and the
 * `client.call.history` namespace (seed 000 `callHistory`).
 */

/** Whether the call came in, went out, or was missed. @public */
export type CallLogDirection = 'incoming' | 'outgoing' | 'missed';

/**
 * One call-log record, as the backend reports it. Outgoing records always carry the callee
 * fields (copied from the caller fields when the server sent only those, protocol §10.1).
 * Members the backend adds are passed through.
 * @public
 */
export interface CallLogRecord {
  /** The record's id (what {@link CallHistoryApi.remove} takes). */
  recordId: string;
  /** Whether the call came in, went out, or was missed (another backend value is passed through). */
  direction: CallLogDirection | string;
  /** The caller's name. */
  callerName?: string;
  /** The caller's address (`user@domain`). */
  callerDisplayNumber?: string;
  /** The callee's name. */
  calleeName?: string;
  /** The callee's address (`user@domain`). */
  calleeDisplayNumber?: string;
  /** Start of the call, epoch milliseconds as a string. */
  startTime?: string;
  /** Duration in milliseconds, as a string. */
  duration?: string;
  /** A backend resource location, passed through as the backend sent it (its meaning is unspecified). */
  resourceLocation?: string;
  [member: string]: unknown;
}

/**
 * The `client.call.history` namespace (seed 000 `callHistory`): the call logs of the
 * authenticated user, fetched from the backend into a local cache.
 *
 * The seed's text also names `callHistory:changed` and (001/002) a getter `getCallLogs`: both are
 * typos of `callHistory:change` and `get`, and are not offered.
 * @public
 */
export interface CallHistoryApi {
  /** The cached call logs, newest first (copies). Changes are announced by `callHistory:change`. */
  get(): CallLogRecord[];
  /**
   * Fetches `amount` records from `offset` and replaces the cache with them; emits
   * `callHistory:change` (and `callHistoryCache:change`).
   * @param amount records to fetch, an integer 1–1000 @default 50
   * @param offset first record, an integer ≥ 0 @default 0
   * @throws TypeError when `amount` or `offset` is not a number. A wrong value rejects with
   *   `INVALID_ARGUMENT` before anything is sent; a backend failure rejects with
   *   `CALL_HISTORY_REQUEST_FAILED` (or the transport's `NETWORK_ERROR`) and emits `callHistory:error`.
   */
  fetch(amount?: number, offset?: number): Promise<void>;
  /**
   * Deletes one record on the backend, then from the cache; emits `callHistory:change`.
   * @throws TypeError when `recordId` is not a string or a number. An empty id rejects with
   *   `INVALID_ARGUMENT` before anything is sent; failures as for `fetch`.
   */
  remove(recordId: string | number): Promise<void>;
  /** Deletes every record on the backend, then empties the cache; emits `callHistory:change`. Failures as for `fetch`. */
  clear(): Promise<void>;
  /**
   * The cache as a string for {@link CallHistoryApi.setCache} (e.g. to persist it across SDK
   * instances). Under a `compatibility` profile (`'001'`/`'002'`) it returns the 001/002 shape
   * instead, an array of record copies (newest first), although the type says `string`.
   */
  getCache(): string;
  /**
   * Replaces the cache with a string from `getCache` (000), or with an array of records (001/002);
   * emits `callHistory:change` and `callHistoryCache:change`.
   * @throws TypeError when `data` is neither a string nor an array; BasicError `INVALID_ARGUMENT`
   *   (synchronously, cache unchanged) when it does not hold a list of records with a `recordId`.
   */
  setCache(data: string | CallLogRecord[]): void;
}
