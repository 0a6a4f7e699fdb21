/** The events of `callTransferPlugin()` (seed 000 `call:join`), merged into core's `SdkEventMap`. */
import { eventNames, type BasicError } from '@switchboard/core';

/** `call:join`: a joined call was started (or `join` failed: `error`, `callId` is the first call's). @public */
export interface CallJoinEvent {
  /** The joined call (the first call's when `join` failed). */
  callId: string;
  /** Why the join failed; absent when it succeeded. */
  error?: BasicError;
}

/** The transfer plugin's events. @public */
export interface CallTransferEventMap {
  /** A new joined call has been started. */
  'call:join': [params: CallJoinEvent];
}

declare module '@switchboard/core' {
  interface SdkEventMap extends CallTransferEventMap {}
}

/** Every event the transfer plugin emits. @public */
export const callTransferEvents = /* @__PURE__ */ eventNames<CallTransferEventMap>()({ 'call:join': true });
