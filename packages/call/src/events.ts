/**
 * The call plugin's events (seed 000 `call:*`): {@link CallEventMap} is merged into core's
 * `SdkEventMap`, and {@link callEvents} is derived from it.
 */
import { eventNames, type BasicError } from '@switchboard/core';
import type { TrackObject } from '@switchboard/media';
import type { CallState, CustomParameter, MediaConnectionState, OperationStatus, OperationTransition } from './types';

/** `call:start`: an outgoing call was started, or failed to start. @public */
export interface CallStartEvent {
  /** The new call's id (the one `make` returned). */
  callId: string;
  /** Why it failed to start, if it did. */
  error?: BasicError;
}

/** `call:receive`: an incoming call arrived. @public */
export interface CallReceiveEvent {
  /** The incoming call's id. */
  callId: string;
  /** Why setting it up failed, if it did. */
  error?: BasicError;
}

/** `call:stateChange`: the call's state changed. @public */
export interface CallStateChangeEvent {
  /** The call's id. */
  callId: string;
  /** The new state (additive to the Ribbon payload, which has only `previous`). */
  state: CallState;
  /** The state before the change. */
  previous: {
    /** The previous state. */
    state: CallState;
    /** Whether this side had the call on hold. */
    localHold?: boolean;
    /** Whether the far end had the call on hold. */
    remoteHold?: boolean;
  };
  /** Why it changed, when the gateway said. */
  transition: {
    /** The gateway's status code. */
    statusCode?: number;
    /** The gateway's reason text. */
    reasonText?: string;
  };
  /** The error that caused the change, if any. */
  error?: BasicError;
}

/** `call:operation`: an operation started, changed status, or finished. @public */
export interface CallOperationEvent {
  /** The call's id. */
  callId: string;
  /** The operation (one of `call.operations`). */
  operation: string;
  /** This run of the operation (several may be in flight). */
  operationId: string;
  /** `START`, `UPDATE` or `FINISH`. */
  transition: OperationTransition;
  /** Whether this side started it (`false` for the remote operations). */
  isLocal: boolean;
  /** The operation's status before this event, for an update or finish. */
  previous?: {
    /** The operation. */
    operation: string;
    /** Its previous status. */
    status: OperationStatus;
  };
  /** Why it failed, for a failed finish. */
  error?: BasicError;
}

/** `call:tracksAdded` / `call:tracksRemoved`. @public */
export interface CallTracksEvent {
  /** The call's id. */
  callId: string;
  /** The tracks added or removed (local and remote). */
  trackIds: string[];
}

/**
 * `call:newTrack` / `call:trackEnded` (001/002, emitted only under a `compatibility` profile): one
 * track of `call:tracksAdded` / `call:tracksRemoved`.
 * @public
 */
export interface CallTrackEvent {
  /** The call's id. */
  callId: string;
  /** The track added or removed (local or remote; see `media.getTrackById`). */
  trackId: string;
}

/** `call:newMedia`: media was added to the call. @public */
export interface CallNewMediaEvent {
  /** The call's id. */
  callId: string;
  /** Whether the media is this side's. */
  local: boolean;
  /** Its tracks. */
  tracks: TrackObject[];
  /** The media's id. */
  mediaId: string;
}

/** `call:removedMedia`: media was removed from the call. @public */
export interface CallRemovedMediaEvent {
  /** The call's id. */
  callId: string;
  /** Whether the media was this side's. */
  local: boolean;
  /** Its tracks. */
  tracks: TrackObject[];
}

/** `call:mediaConnectionChange`: the ICE connection state changed. @public */
export interface CallMediaConnectionChangeEvent {
  /** The call's id. */
  callId: string;
  /** The ICE state before the change (the new one is `CallObject.mediaConnectionState`). */
  previous: {
    /** The previous state. */
    state: MediaConnectionState;
  };
}

/** `call:statsReceived`: the result of `getStats`. @public */
export interface CallStatsReceivedEvent {
  /** The call's id. */
  callId: string;
  /** The track asked for, if one was. */
  trackId?: string;
  /** The report, on success. */
  result?: RTCStatsReport;
  /** Why it failed, on failure. */
  error?: BasicError;
}

/** `call:availableCodecs`: the result of `getAvailableCodecs`. @public */
export interface CallAvailableCodecsEvent {
  /** The media kind asked for. */
  kind: 'audio' | 'video';
  /** The browser's send codecs of that kind. */
  codecs: RTCRtpCodec[];
}

/** `call:customParameters`: custom headers arrived from the remote side. @public */
export interface CallCustomParametersEvent {
  /** The call's id. */
  callId: string;
  /** The parameters received. */
  customParameters: CustomParameter[];
}

/** Call's events (event name → listener argument tuple). @public */
export interface CallEventMap {
  /** An outgoing call was started (or failed to start). */
  'call:start': [params: CallStartEvent];
  /** An incoming call arrived. */
  'call:receive': [params: CallReceiveEvent];
  /** A call's state changed. */
  'call:stateChange': [params: CallStateChangeEvent];
  /** An operation started, changed status or finished. */
  'call:operation': [params: CallOperationEvent];
  /** Tracks were added to a call. */
  'call:tracksAdded': [params: CallTracksEvent];
  /** Tracks were removed from a call. */
  'call:tracksRemoved': [params: CallTracksEvent];
  /** Media was added to a call. */
  'call:newMedia': [params: CallNewMediaEvent];
  /** Media was removed from a call. */
  'call:removedMedia': [params: CallRemovedMediaEvent];
  /** A call's ICE connection state changed. */
  'call:mediaConnectionChange': [params: CallMediaConnectionChangeEvent];
  /** The result of `call.getStats`. */
  'call:statsReceived': [params: CallStatsReceivedEvent];
  /** The result of `call.getAvailableCodecs`. */
  'call:availableCodecs': [params: CallAvailableCodecsEvent];
  /** Custom parameters arrived from the far end. */
  'call:customParameters': [params: CallCustomParametersEvent];
  /** 001/002: a track was added to a call (one per track of `call:tracksAdded`; only under a `compatibility` profile). */
  'call:newTrack': [params: CallTrackEvent];
  /** 001/002: a track left a call (one per track of `call:tracksRemoved`; only under a `compatibility` profile). */
  'call:trackEnded': [params: CallTrackEvent];
}

declare module '@switchboard/core' {
  interface SdkEventMap extends CallEventMap {}
}

/** Every event type the call plugin emits (declared to the event bus), derived from {@link CallEventMap}. @public */
export const callEvents = /* @__PURE__ */ eventNames<CallEventMap>()({
  'call:start': true,
  'call:receive': true,
  'call:stateChange': true,
  'call:operation': true,
  'call:tracksAdded': true,
  'call:tracksRemoved': true,
  'call:newMedia': true,
  'call:removedMedia': true,
  'call:mediaConnectionChange': true,
  'call:statsReceived': true,
  'call:availableCodecs': true,
  'call:customParameters': true,
  'call:newTrack': true,
  'call:trackEnded': true,
});
