/**
 * The call-history events (seed 000 `callHistory:*`), merged into core's `SdkEventMap`.
 */
import { eventNames, type BasicError } from '@switchboard/core';

/** `callHistory:error`: a call-history operation failed. @public */
export interface CallHistoryErrorEvent {
  /** The error of the failed operation. */
  error: BasicError;
}

/** The call-history plugin's events. @public */
export interface CallHistoryEventMap {
  /** The cached call logs changed: read them with `call.history.get()`. */
  'callHistory:change': [];
  /** A call-history operation failed. */
  'callHistory:error': [params: CallHistoryErrorEvent];
  /** The cache contents changed (what `call.history.getCache()` returns). */
  'callHistoryCache:change': [];
}

declare module '@switchboard/core' {
  interface SdkEventMap extends CallHistoryEventMap {}
}

/** Every event the call-history plugin emits. @public */
export const callHistoryEvents = /* @__PURE__ */ eventNames<CallHistoryEventMap>()({
  'callHistory:change': true,
  'callHistory:error': true,
  'callHistoryCache:change': true,
});
