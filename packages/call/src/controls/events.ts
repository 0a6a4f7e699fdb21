/**
 * The events of `callControlsPlugin()` (seed 000 `call:trackReplaced`, `call:mediaRestart`),
 * merged into core's `SdkEventMap`. Its other events (`call:operation`, `call:stateChange`,
 * `call:tracksAdded`, …) are the call plugin's.
 */
import { eventNames, type BasicError } from '@switchboard/core';
import type { TrackObject } from '@switchboard/media';

/** `call:trackReplaced`: `replaceTrack` replaced a local track (or failed, with `error`). @public */
export interface CallTrackReplacedEvent {
  /** The call whose track was replaced. */
  callId: string;
  /** The new track's id. */
  newTrackId?: string;
  /** The replaced track as it was (it is stopped and forgotten now). */
  oldTrack?: TrackObject;
  /** Why the replacement failed; absent when it succeeded. */
  error?: BasicError;
}

/** `call:mediaRestart`: a `restartMedia` attempt finished (or failed, with `error`). @public */
export interface CallMediaRestartEvent {
  /** The call whose media was restarted. */
  callId: string;
  /** Why the restart failed; absent when it succeeded. */
  error?: BasicError;
}

/** The call-controls plugin's events. @public */
export interface CallControlsEventMap {
  /** `replaceTrack` replaced a local track, or failed. */
  'call:trackReplaced': [params: CallTrackReplacedEvent];
  /** A `restartMedia` attempt finished, or failed. */
  'call:mediaRestart': [params: CallMediaRestartEvent];
}

declare module '@switchboard/core' {
  interface SdkEventMap extends CallControlsEventMap {}
}

/** Every event the call-controls plugin declares. @public */
export const callControlsEvents = /* @__PURE__ */ eventNames<CallControlsEventMap>()({
  'call:trackReplaced': true,
  'call:mediaRestart': true,
});
