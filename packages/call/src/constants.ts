/** Call constants: `call.states`, `call.mediaConnectionStates`, `call.operations`. */

/** Possible states of a call (seed 000 `call.states`). @public */
export const states = Object.freeze({
  /** The call is being set up locally (media, offer) and not sent yet. */
  INITIATING: 'Initiating',
  /** Outgoing: sent to the gateway; incoming: received and not answered yet. */
  INITIATED: 'Initiated',
  /** The callee is alerted (ringing). */
  RINGING: 'Ringing',
  /** Media flows before the call is answered (e.g. a ringback tone). */
  EARLY_MEDIA: 'Early Media',
  /** An incoming call the caller gave up before it was answered. */
  CANCELLED: 'Cancelled',
  /** Answered; media flows both ways. */
  CONNECTED: 'Connected',
  /** Held by either side (see `localHold` / `remoteHold`). */
  ON_HOLD: 'On Hold',
  /** The call is over. */
  ENDED: 'Ended',
} as const);

/** Possible media connection states (seed 000 `call.mediaConnectionStates`). @public */
export const mediaConnectionStates = Object.freeze({
  /** ICE has not started (`RTCPeerConnection.iceConnectionState` `new`). */
  NEW: 'new',
  /** ICE is checking candidate pairs. */
  CHECKING: 'checking',
  /** A usable candidate pair was found. */
  CONNECTED: 'connected',
  /** ICE finished checking. */
  COMPLETED: 'completed',
  /** Connectivity was lost (may recover). */
  DISCONNECTED: 'disconnected',
  /** ICE failed. */
  FAILED: 'failed',
  /** The peer connection is closed. */
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
  /** `call.make`. */
  MAKE: 'MAKE',
  /** `call.answer`. */
  ANSWER: 'ANSWER',
  /** `call.reject`. */
  REJECT: 'REJECT',
  /** `call.ignore`. */
  IGNORE: 'IGNORE',
  /** `call.end`. */
  END: 'END',
  /** `call.sendRingingFeedback`. */
  SEND_RINGING_FEEDBACK: 'SEND_RINGING_FEEDBACK',
  /** `call.sendDTMF`. */
  SEND_DTMF: 'SEND_DTMF',
  /** `call.getStats`. */
  GET_STATS: 'GET_STATS',
  /** Remote: an incoming call being set up. */
  RECEIVE_CALL: 'RECEIVE_CALL',
  /** Remote: the callee is ringing. */
  REMOTE_RINGING: 'REMOTE_RINGING',
  /** Remote: the answer to this side's offer. */
  REMOTE_ANSWER: 'REMOTE_ANSWER',
  /** Remote: a renegotiation started by the far end (e.g. hold/unhold). */
  REMOTE_UPDATE: 'REMOTE_UPDATE',
  /** Remote: the far end ended the call (`callEnd`). */
  END_REMOTE: 'END_REMOTE',
  /** Remote: the caller cancelled before an answer (`callCancel`). */
  CANCEL_REMOTE: 'CANCEL_REMOTE',
} as const);
