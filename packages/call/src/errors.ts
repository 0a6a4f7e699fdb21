/**
 * Error codes of the call plugin. Every failed call operation carries a `BasicError` with one of
 * these codes (or a core code such as `INVALID_ARGUMENT` / `NOT_IMPLEMENTED`):
 *
 * | code | when | delivered in |
 * |---|---|---|
 * | `CALL_NOT_FOUND` | the callId is unknown | `call:operation` (FINISH, error); `getStats` rejects |
 * | `CALL_INVALID_STATE` | the call is not in a state that allows the operation (answer an outgoing call, end an ended call, DTMF while Initiated…); or the call ended while `make`/`answer`/an update still waited for the browser or the gateway | `call:operation` (FINISH, error), and `call:start` for `make`; a refused operation sends nothing and leaves the state unchanged |
 * | `CALL_INVALID_OPERATION` | the configuration forbids it (`sendRingingFeedback` in 'auto' mode) | `call:operation` |
 * | `INVALID_ARGUMENT` (core) | a value is out of range / malformed (empty or malformed destination, no media, bad DTMF tone or timing, negative bandwidth, unknown codec kind) | `call:start` for `make`, a rejection for `getAvailableCodecs`, otherwise `call:operation`; nothing sent |
 * | `CALL_NOT_SUBSCRIBED` | `make` without a subscription to the `call` service | `call:start` |
 * | `CALL_MEDIA_FAILED` | local media or the RTCPeerConnection could not be created | `call:start` / `call:operation` |
 * | `CALL_ICE_COLLECTION_FAILED` | the ICE check returned `Error`, an invalid result, or threw | `call:start` / `call:operation`; the call ends |
 * | `CALL_NEGOTIATION_FAILED` | createOffer/createAnswer/set*Description or an SDP handler failed | `call:start` / `call:operation`; a call whose first remote answer cannot be applied ends (`call:stateChange`) |
 * | `CALL_REQUEST_FAILED` | the gateway answered a call-control request with an error (message has its statusCode) | `call:start` / `call:operation` |
 * | `CALL_REMOTE_ERROR` | a `respondCallUpdate` notification reported an error (statusCode 49) | `call:operation`; for the first answer of a call the call ends (`call:stateChange`) |
 * | `CALL_TRACK_NOT_FOUND` | `getStats(callId, trackId)` with a track that is not a local track of the call | `call:statsReceived`; promise rejects |
 * | `CALL_DTMF_FAILED` | neither an RTCDTMFSender nor the WebAudio in-band fallback is usable | `call:operation` |
 * | `CALL_STATS_FAILED` | the browser failed to produce stats | `call:statsReceived`; promise rejects |
 * | `CALL_API_REPLACED` | `changeInputDevices` / `changeSpeaker` (3.x APIs): the message names the API to use instead (seed 000) | thrown synchronously |
 * | `CALL_AUDIO_FILE_FAILED` | `playAudioFile` could not load or play the file, or could not restore the original track | the promise rejects; `call:operation` |
 *
 * Wrong argument *types* (a number as callId, a non-object media) throw a `TypeError` synchronously.
 */
import { BasicError, type ErrorCode, type ErrorCodesOf } from '@switchboard/core';

/** The codes the call plugin raises besides core's (see the table of this module); the `ErrorCodeMap` entries are derived from it. @public */
export const callErrorCodes = /* @__PURE__ */ Object.freeze({
  /** The callId is unknown. */
  CALL_NOT_FOUND: 'CALL_NOT_FOUND',
  /** The call is not in a state that allows the operation; nothing sent, state unchanged. */
  CALL_INVALID_STATE: 'CALL_INVALID_STATE',
  /** The configuration forbids the operation (`sendRingingFeedback` in 'auto' mode). */
  CALL_INVALID_OPERATION: 'CALL_INVALID_OPERATION',
  /** `make` without a subscription to the `call` service. */
  CALL_NOT_SUBSCRIBED: 'CALL_NOT_SUBSCRIBED',
  /** Local media or the RTCPeerConnection could not be created. */
  CALL_MEDIA_FAILED: 'CALL_MEDIA_FAILED',
  /** The ICE check returned `Error`, an invalid result, or threw; the call ends. */
  CALL_ICE_COLLECTION_FAILED: 'CALL_ICE_COLLECTION_FAILED',
  /** createOffer/createAnswer/set*Description or an SDP handler failed. */
  CALL_NEGOTIATION_FAILED: 'CALL_NEGOTIATION_FAILED',
  /** The gateway answered a call-control request with an error (the message has its statusCode). */
  CALL_REQUEST_FAILED: 'CALL_REQUEST_FAILED',
  /** A `respondCallUpdate` notification reported an error (statusCode 49). */
  CALL_REMOTE_ERROR: 'CALL_REMOTE_ERROR',
  /** `getStats(callId, trackId)` with a track that is not a local track of the call. */
  CALL_TRACK_NOT_FOUND: 'CALL_TRACK_NOT_FOUND',
  /** Neither an RTCDTMFSender nor the WebAudio in-band fallback is usable. */
  CALL_DTMF_FAILED: 'CALL_DTMF_FAILED',
  /** The browser failed to produce stats. */
  CALL_STATS_FAILED: 'CALL_STATS_FAILED',
  /** A 3.x API (`changeInputDevices`, `changeSpeaker`) that 4.x replaced: the message names the replacement. */
  CALL_API_REPLACED: 'CALL_API_REPLACED',
  /** `playAudioFile` could not load or play the file, or restore the original track. */
  CALL_AUDIO_FILE_FAILED: 'CALL_AUDIO_FILE_FAILED',
} as const);

/** A code of the call plugin. @public */
export type CallErrorCode = (typeof callErrorCodes)[keyof typeof callErrorCodes];

declare module '@switchboard/core' {
  interface ErrorCodeMap extends ErrorCodesOf<typeof callErrorCodes> {}
}

/** A BasicError of the call plugin (`pluginId: 'call'`), with its cause when given. @internal */
export const callError = (code: ErrorCode, message: string, cause?: unknown): BasicError => new BasicError(code, message, { cause, pluginId: 'call' });

/** A `CALL_NOT_FOUND` error. @internal */
export const callNotFound = (callId: string): BasicError =>
  callError('CALL_NOT_FOUND', `No call with id ${JSON.stringify(callId)}.`);

/** A `CALL_INVALID_STATE` error. @internal */
export const invalidState = (op: string, state: string, detail = ''): BasicError =>
  callError('CALL_INVALID_STATE', `Cannot ${op} a call in state "${state}"${detail ? ` (${detail})` : ''}.`);

/** The `CALL_INVALID_STATE` error of an operation whose call ended (or its connection closed) while it waited. @internal */
export const endedDuring = (op: string): BasicError =>
  callError('CALL_INVALID_STATE', `The call ended during the ${op} operation.`);

/** `CALL_TRACK_NOT_FOUND`: `trackId` is not a local track of call `callId`. @internal */
export const trackNotFound = (trackId: string, callId: string): BasicError =>
  callError('CALL_TRACK_NOT_FOUND', `Track ${JSON.stringify(trackId)} is not a local track of call ${callId}.`);

/** An `INVALID_ARGUMENT` error. @internal */
export const invalidArgument = (message: string): BasicError => callError('INVALID_ARGUMENT', message);

/** Wraps anything thrown into a BasicError with `code`, keeping an existing BasicError. @internal */
export function asCallError(error: unknown, code: CallErrorCode, message: string): BasicError {
  if (error instanceof BasicError) return error;
  return callError(code, message, error);
}
