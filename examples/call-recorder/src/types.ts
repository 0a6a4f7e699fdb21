/**
 * Public types of the call recorder.
 */

/** Why a recording stopped. @public */
export type RecordingStopReason =
  /** `client.recorder.stop(callId)` */
  | 'stopped'
  /** the call ended */
  | 'callEnded'
  /** `maxDurationMs` was reached */
  | 'maxDuration'
  /** every recorded track ended while the call went on */
  | 'tracksEnded';

/** What is known about a recording, without its media. @public */
export interface RecordingInfo {
  /** Unique id of the recording. */
  id: string;
  /** The recorded call. */
  callId: string;
  /** MIME type of `blob`, e.g. `'audio/webm;codecs=opus'`. */
  mimeType: string;
  /** Start, ms since the epoch. */
  startTime: number;
  /** End, ms since the epoch. */
  endTime: number;
  /** `endTime - startTime`. */
  durationMs: number;
  /** Size of the media in bytes. */
  size: number;
  /** Why it stopped. */
  reason: RecordingStopReason;
  /** Whether the local audio was mixed in. */
  includesLocal: boolean;
  /** Ids of the recorded tracks (see `client.media.getTrackById`). */
  trackIds: string[];
}

/** A finished recording. @public */
export interface Recording extends RecordingInfo {
  /** The recorded media. */
  blob: Blob;
}

/** Options of `recorder.start`; each one overrides the `recorder` config section for this recording. @public */
export interface RecordOptions {
  /** See `RecorderConfig.mimeType`. */
  mimeType?: string;
  /** See `RecorderConfig.timeslice`. */
  timeslice?: number;
  /** See `RecorderConfig.maxDurationMs`. */
  maxDurationMs?: number;
  /** See `RecorderConfig.includeLocal`. */
  includeLocal?: boolean;
}

/** The `client.recorder` namespace. @public */
export interface RecorderApi {
  /**
   * Starts recording the audio of a call. Resolves with the recording id once MediaRecorder runs,
   * after `recorder:start`. The recording stops by itself when the call ends.
   * @throws TypeError when `callId` is not a string or `options` is not an object of the documented types.
   * Rejects with `RECORDER_CALL_NOT_FOUND`, `RECORDER_INVALID_STATE`, `RECORDER_ALREADY_RECORDING`,
   * `RECORDER_NO_TRACKS`, `RECORDER_UNSUPPORTED`, `RECORDER_FAILED` or `INVALID_ARGUMENT`; nothing is started then.
   */
  start(callId: string, options?: RecordOptions): Promise<string>;
  /**
   * Stops recording a call, saves the recording to the store and resolves with it, after `recorder:stop`.
   * @throws TypeError when `callId` is not a string.
   * Rejects with `RECORDER_NOT_RECORDING`, or `RECORDER_STORAGE_FAILED` when the store cannot save it.
   */
  stop(callId: string): Promise<Recording>;
  /** Whether a call is being recorded. @throws TypeError when `callId` is not a string. */
  isRecording(callId: string): boolean;
  /** The stored recordings, without their media. Rejects with `RECORDER_STORAGE_FAILED`. */
  getAll(): Promise<RecordingInfo[]>;
  /** One stored recording, or undefined. @throws TypeError when `recordingId` is not a string. */
  get(recordingId: string): Promise<Recording | undefined>;
  /** Deletes a stored recording; resolves with whether it existed. @throws TypeError when `recordingId` is not a string. */
  remove(recordingId: string): Promise<boolean>;
  /** The name of the store in use (e.g. `'memory'`, `'indexeddb'`). */
  readonly storage: string;
}
