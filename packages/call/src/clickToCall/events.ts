/** The click-to-call events (seed 000 `clickToCall:*`), merged into core's `SdkEventMap`. */
import { eventNames, type BasicError } from '@switchboard/core';

/** `clickToCall:start`: the backend accepted the request. @public */
export interface ClickToCallStartEvent {
  /** The id `make` returned for the request. */
  callId: string;
}

/** `clickToCall:error`: the request was refused. @public */
export interface ClickToCallErrorEvent {
  /** The id of the refused request (a fresh one when `make` returned `undefined`). */
  callId: string;
  /** Why the request was refused. */
  error: BasicError;
}

/** The click-to-call plugin's events. @public */
export interface ClickToCallEventMap {
  /** The backend accepted a click-to-call request. */
  'clickToCall:start': [params: ClickToCallStartEvent];
  /** A click-to-call request was refused. */
  'clickToCall:error': [params: ClickToCallErrorEvent];
}

declare module '@switchboard/core' {
  interface SdkEventMap extends ClickToCallEventMap {}
}

/** Every event the click-to-call plugin emits. @public */
export const clickToCallEvents = /* @__PURE__ */ eventNames<ClickToCallEventMap>()({ 'clickToCall:start': true, 'clickToCall:error': true });
