/** Call constants: `call.states`, `call.mediaConnectionStates`, `call.operations`. */

/** Possible states of a call (seed 000 `call.states`). @public */
export const states = Object.freeze({
  INITIATING: 'Initiating',
  INITIATED: 'Initiated',
  RINGING: 'Ringing',
  EARLY_MEDIA: 'Early Media',
  CANCELLED: 'Cancelled',
  CONNECTED: 'Connected',
  ON_HOLD: 'On Hold',
  ENDED: 'Ended',
} as const);

/** Possible media connection states (seed 000 `call.mediaConnectionStates`). @public */
export const mediaConnectionStates = Object.freeze({
  NEW: 'new',
  CHECKING: 'checking',
  CONNECTED: 'connected',
  COMPLETED: 'completed',
  DISCONNECTED: 'disconnected',
  FAILED: 'failed',
  CLOSED: 'closed',
} as const);

/**
 * Operation types reported by `call:operation` and listed in `CallObject.currentOperations`.
 * Local: MAKE … GET_STATS. Remote (isLocal false): RECEIVE_CALL (incoming call set-up),
 * REMOTE_RINGING, REMOTE_ANSWER (the answer to this side's offer), REMOTE_UPDATE (a renegotiation
 * started by the far end, e.g. hold/unhold), END_REMOTE (callEnd), CANCEL_REMOTE (callCancel).
 * @public
 */
export const operations = Object.freeze({
  MAKE: 'MAKE',
  ANSWER: 'ANSWER',
  REJECT: 'REJECT',
  IGNORE: 'IGNORE',
  END: 'END',
  SEND_RINGING_FEEDBACK: 'SEND_RINGING_FEEDBACK',
  SEND_DTMF: 'SEND_DTMF',
  GET_STATS: 'GET_STATS',
  RECEIVE_CALL: 'RECEIVE_CALL',
  REMOTE_RINGING: 'REMOTE_RINGING',
  REMOTE_ANSWER: 'REMOTE_ANSWER',
  REMOTE_UPDATE: 'REMOTE_UPDATE',
  END_REMOTE: 'END_REMOTE',
  CANCEL_REMOTE: 'CANCEL_REMOTE',
} as const);
