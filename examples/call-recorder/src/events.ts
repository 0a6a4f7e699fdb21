/**
 * The recorder's events: {@link RecorderEventMap} is merged into core's `SdkEventMap` (declaration
 * merging), so after `import '@switchboard-examples/call-recorder'`,
 * `client.on('recorder:stop', (e) => e.recording.size)` type-checks and a misspelled event name does
 * not; {@link recorderEvents}, the names the plugin declares, is derived from the same map.
 */
import { eventNames, type BasicError } from '@switchboard/core';
import type { RecordingInfo, RecordingStopReason } from './types';

/** `recorder:start`: a recording started. @public */
export interface RecorderStartEvent {
  callId: string;
  recordingId: string;
  mimeType: string;
}

/** `recorder:stop`: a recording stopped and was saved to the store. @public */
export interface RecorderStopEvent {
  callId: string;
  recordingId: string;
  reason: RecordingStopReason;
  recording: RecordingInfo;
}

/** `recorder:error`: a recording in progress failed (MediaRecorder error, store failure). @public */
export interface RecorderErrorEvent {
  callId: string;
  recordingId?: string;
  error: BasicError;
}

/** The recorder's events (event name → listener argument tuple). @public */
export interface RecorderEventMap {
  'recorder:start': [params: RecorderStartEvent];
  'recorder:stop': [params: RecorderStopEvent];
  'recorder:error': [params: RecorderErrorEvent];
}

declare module '@switchboard/core' {
  interface SdkEventMap extends RecorderEventMap {}
}

/** Every event type the recorder emits (declared in the plugin's `events`); a missing or extra name does not compile. @public */
export const recorderEvents = eventNames<RecorderEventMap>()({ 'recorder:start': true, 'recorder:stop': true, 'recorder:error': true });
