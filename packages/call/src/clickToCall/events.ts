/** The click-to-call events (seed 000 `clickToCall:*`), merged into core's `SdkEventMap`. */
import { eventNames, type BasicError } from '@switchboard/core';

/** `clickToCall:start`: the backend accepted the request. @public */
export interface ClickToCallStartEvent {
  callId: string;
}

/** `clickToCall:error`: the request was refused. @public */
export interface ClickToCallErrorEvent {
  callId: string;
  error: BasicError;
}

/** The click-to-call plugin's events. @public */
export interface ClickToCallEventMap {
  'clickToCall:start': [params: ClickToCallStartEvent];
  'clickToCall:error': [params: ClickToCallErrorEvent];
}

declare module '@switchboard/core' {
  interface SdkEventMap extends ClickToCallEventMap {}
}

/** Every event the click-to-call plugin emits. @public */
export const clickToCallEvents = /* @__PURE__ */ eventNames<ClickToCallEventMap>()({ 'clickToCall:start': true, 'clickToCall:error': true });
