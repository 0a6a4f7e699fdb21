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
 *
 * Wrong argument *types* (a number as callId, a non-object media) throw a `TypeError` synchronously.
 */
import { BasicError } from '@switchboard/core';

declare module '@switchboard/core' {
  interface ErrorCodeMap {
    CALL_NOT_FOUND: true;
    CALL_INVALID_STATE: true;
    CALL_INVALID_OPERATION: true;
    CALL_NOT_SUBSCRIBED: true;
    CALL_MEDIA_FAILED: true;
    CALL_ICE_COLLECTION_FAILED: true;
    CALL_NEGOTIATION_FAILED: true;
    CALL_REQUEST_FAILED: true;
    CALL_REMOTE_ERROR: true;
    CALL_TRACK_NOT_FOUND: true;
    CALL_DTMF_FAILED: true;
    CALL_STATS_FAILED: true;
  }
}

/** A `CALL_NOT_FOUND` error. @internal */
export const callNotFound = (callId: string): BasicError =>
  new BasicError('CALL_NOT_FOUND', `No call with id ${JSON.stringify(callId)}.`, { pluginId: 'call' });

/** A `CALL_INVALID_STATE` error. @internal */
export const invalidState = (op: string, state: string, detail = ''): BasicError =>
  new BasicError('CALL_INVALID_STATE', `Cannot ${op} a call in state "${state}"${detail ? ` (${detail})` : ''}.`, { pluginId: 'call' });

/** An `INVALID_ARGUMENT` error. @internal */
export const invalidArgument = (message: string): BasicError => new BasicError('INVALID_ARGUMENT', message, { pluginId: 'call' });

/** Wraps anything thrown into a BasicError with `code`, keeping an existing BasicError. @internal */
export function asCallError(error: unknown, code: string, message: string): BasicError {
  if (error instanceof BasicError) return error;
  return new BasicError(code, message, { cause: error, pluginId: 'call' });
}
