/**
 * The call plugin's events (seed 000 `call:*`): {@link CallEventMap} is merged into core's
 * `SdkEventMap`, and {@link callEvents} is derived from it.
 */
import { eventNames, type BasicError } from '@switchboard/core';
import type { TrackObject } from '@switchboard/media';
import type { CallState, CustomParameter, MediaConnectionState, OperationStatus, OperationTransition } from './types';

/** `call:start`: an outgoing call was started, or failed to start. @public */
export interface CallStartEvent {
  callId: string;
  error?: BasicError;
}

/** `call:receive`: an incoming call arrived. @public */
export interface CallReceiveEvent {
  callId: string;
  error?: BasicError;
}

/** `call:stateChange`: the call's state changed. @public */
export interface CallStateChangeEvent {
  callId: string;
  /** The new state (additive to the Ribbon payload, which has only `previous`). */
  state: CallState;
  previous: { state: CallState; localHold?: boolean; remoteHold?: boolean };
  transition: { statusCode?: number; reasonText?: string };
  error?: BasicError;
}

/** `call:operation`: an operation started, changed status, or finished. @public */
export interface CallOperationEvent {
  callId: string;
  operation: string;
  operationId: string;
  transition: OperationTransition;
  isLocal: boolean;
  previous?: { operation: string; status: OperationStatus };
  error?: BasicError;
}

/** `call:tracksAdded` / `call:tracksRemoved`. @public */
export interface CallTracksEvent {
  callId: string;
  trackIds: string[];
}

/** `call:newMedia`: media was added to the call. @public */
export interface CallNewMediaEvent {
  callId: string;
  local: boolean;
  tracks: TrackObject[];
  mediaId: string;
}

/** `call:removedMedia`: media was removed from the call. @public */
export interface CallRemovedMediaEvent {
  callId: string;
  local: boolean;
  tracks: TrackObject[];
}

/** `call:mediaConnectionChange`: the ICE connection state changed. @public */
export interface CallMediaConnectionChangeEvent {
  callId: string;
  previous: { state: MediaConnectionState };
}

/** `call:statsReceived`: the result of `getStats`. @public */
export interface CallStatsReceivedEvent {
  callId: string;
  trackId?: string;
  result?: RTCStatsReport;
  error?: BasicError;
}

/** `call:availableCodecs`: the result of `getAvailableCodecs`. @public */
export interface CallAvailableCodecsEvent {
  kind: 'audio' | 'video';
  codecs: RTCRtpCodec[];
}

/** `call:customParameters`: custom headers arrived from the remote side. @public */
export interface CallCustomParametersEvent {
  callId: string;
  customParameters: CustomParameter[];
}

/** Call's events (event name → listener argument tuple). @public */
export interface CallEventMap {
  'call:start': [params: CallStartEvent];
  'call:receive': [params: CallReceiveEvent];
  'call:stateChange': [params: CallStateChangeEvent];
  'call:operation': [params: CallOperationEvent];
  'call:tracksAdded': [params: CallTracksEvent];
  'call:tracksRemoved': [params: CallTracksEvent];
  'call:newMedia': [params: CallNewMediaEvent];
  'call:removedMedia': [params: CallRemovedMediaEvent];
  'call:mediaConnectionChange': [params: CallMediaConnectionChangeEvent];
  'call:statsReceived': [params: CallStatsReceivedEvent];
  'call:availableCodecs': [params: CallAvailableCodecsEvent];
  'call:customParameters': [params: CallCustomParametersEvent];
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
});
