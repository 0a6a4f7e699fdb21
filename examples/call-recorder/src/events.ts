/**
 * The recorder's events, typed by augmenting core's `SdkEventMap` (declaration merging): after
 * `import '@switchboard-examples/call-recorder'`, `client.on('recorder:stop', (e) => e.recording.size)`
 * type-checks, and a misspelled event name does not.
 */
import type { BasicError } from '@switchboard/core';
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

declare module '@switchboard/core' {
  interface SdkEventMap {
    'recorder:start': [params: RecorderStartEvent];
    'recorder:stop': [params: RecorderStopEvent];
    'recorder:error': [params: RecorderErrorEvent];
  }
}

/** Every event type the recorder emits (declared in the plugin's `events`). @public */
export const recorderEvents = Object.freeze(['recorder:start', 'recorder:stop', 'recorder:error'] as const);
