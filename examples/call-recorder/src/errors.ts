/**
 * The recorder's error codes: exported constants, registered in core's `ErrorCodeMap` by
 * declaration merging (derived from the constants) so that `error.code === 'RECORDER_NOT_RECORDING'`
 * is checked by the compiler and `new BasicError('RECORDER_TYPO', …)` does not compile.
 *
 * | code | when | delivered in |
 * |---|---|---|
 * | `RECORDER_CALL_NOT_FOUND` | `start` with an unknown callId | `start` rejects; nothing started |
 * | `RECORDER_INVALID_STATE` | `start` on a call that is not `Connected`/`On Hold`/`Early Media` | `start` rejects |
 * | `RECORDER_ALREADY_RECORDING` | `start` on a call that is being recorded | `start` rejects |
 * | `RECORDER_NOT_RECORDING` | `stop` on a call that is not being recorded | `stop` rejects |
 * | `RECORDER_NO_TRACKS` | the call has no live audio track to record | `start` rejects |
 * | `RECORDER_UNSUPPORTED` | no `MediaRecorder` in this runtime, or the MIME type is not supported | `start` rejects |
 * | `RECORDER_FAILED` | MediaRecorder could not start or failed while recording | `start` rejects / `recorder:error` |
 * | `RECORDER_STORAGE_FAILED` | the recording store failed to save, list, read or remove | the promise rejects / `recorder:error` |
 * | `INVALID_ARGUMENT` (core) | an option is out of range (negative timeslice…) | `start` rejects |
 *
 * Wrong argument *types* (a number as callId) throw a `TypeError` synchronously.
 */
import { BasicError, type ErrorCodesOf } from '@switchboard/core';

/** The codes this plugin raises. @public */
export const recorderErrorCodes = Object.freeze({
  CALL_NOT_FOUND: 'RECORDER_CALL_NOT_FOUND',
  INVALID_STATE: 'RECORDER_INVALID_STATE',
  ALREADY_RECORDING: 'RECORDER_ALREADY_RECORDING',
  NOT_RECORDING: 'RECORDER_NOT_RECORDING',
  NO_TRACKS: 'RECORDER_NO_TRACKS',
  UNSUPPORTED: 'RECORDER_UNSUPPORTED',
  FAILED: 'RECORDER_FAILED',
  STORAGE_FAILED: 'RECORDER_STORAGE_FAILED',
} as const);

declare module '@switchboard/core' {
  interface ErrorCodeMap extends ErrorCodesOf<typeof recorderErrorCodes> {}
}

/** A code of {@link recorderErrorCodes}, or core's `INVALID_ARGUMENT`. @public */
export type RecorderErrorCode = (typeof recorderErrorCodes)[keyof typeof recorderErrorCodes] | 'INVALID_ARGUMENT';

/** A BasicError raised by this plugin. @internal */
export const recorderError = (code: RecorderErrorCode, message: string, cause?: unknown): BasicError =>
  new BasicError(code, message, { pluginId: 'call-recorder', cause });
