/** The constants of call reports: `call.reportEvents` and `call.metrics` (seed 000). */

/** Event types of a call report's timeline (seed 000 `call.reportEvents`). @public */
export const reportEvents = Object.freeze({
  /** The `make` operation, from its start until it finishes. */
  MAKE: 'MAKE',
  /** Sending ringing feedback, from its start until it finishes. */
  SEND_RINGING_FEEDBACK: 'SEND_RINGING_FEEDBACK',
  /** An incoming call, from its arrival until it is set up. */
  RECEIVE_CALL: 'RECEIVE_CALL',
  /** The remote ringing notification of an outgoing call (the call becomes Ringing). */
  REMOTE_RINGING: 'REMOTE_RINGING',
  /** The `answer` operation, from its start until it finishes. */
  ANSWER: 'ANSWER',
  /** Requesting user media from the browser, until the media is created. */
  GET_USER_MEDIA: 'GET_USER_MEDIA',
  /** Processing the local media, until the offer is set and ICE collection completes. */
  PROCESS_MEDIA_LOCAL: 'PROCESS_MEDIA_LOCAL',
  /** Processing the remote response, until the remote media is set. */
  PROCESS_MEDIA_REMOTE: 'PROCESS_MEDIA_REMOTE',
  /** ICE candidate collection, from its start until it completes. */
  ICE_COLLECTION: 'ICE_COLLECTION',
  /** A relay candidate was collected (starts and ends at once). */
  RELAY_CANDIDATE_COLLECTED: 'RELAY_CANDIDATE_COLLECTED',
  /** The `ignore` operation, from its start until it finishes. */
  IGNORE: 'IGNORE',
  /** The `reject` operation, from its start until it finishes. */
  REJECT: 'REJECT',
  /** The `forward` operation, from its start until it finishes. */
  FORWARD_CALL: 'FORWARD_CALL',
  /** The local `end` operation, from its start until it finishes. */
  END_LOCAL: 'END_LOCAL',
  /** The far end ending the call, from the notification until it is handled. */
  END_REMOTE: 'END_REMOTE',
  /** The add-basic-media operation, from its start until it finishes. */
  ADD_BASIC_MEDIA: 'ADD_BASIC_MEDIA',
  /** The local `addMedia` operation, from its start until it finishes. */
  ADD_MEDIA_LOCAL: 'ADD_MEDIA_LOCAL',
  /** A remote add-media notification, from its arrival until it is handled. */
  ADD_MEDIA_REMOTE: 'ADD_MEDIA_REMOTE',
  /** The remove-basic-media operation, from its start until it finishes. */
  REMOVE_BASIC_MEDIA: 'REMOVE_BASIC_MEDIA',
  /** The local `removeMedia` operation, from its start until it finishes. */
  REMOVE_MEDIA: 'REMOVE_MEDIA',
  /** A remote remove-media notification, from its arrival until it is handled. */
  REMOVE_MEDIA_REMOTE: 'REMOVE_MEDIA_REMOTE',
  /** The `restartMedia` operation, from its start until it finishes. */
  MEDIA_RESTART: 'MEDIA_RESTART',
  /** The `replaceTrack` operation, from its start until it finishes. */
  REPLACE_TRACK: 'REPLACE_TRACK',
  /** The local `hold` operation, from its start until it finishes. */
  HOLD_LOCAL: 'HOLD_LOCAL',
  /** A remote hold notification, from its arrival until it is handled. */
  HOLD_REMOTE: 'HOLD_REMOTE',
  /** The local `unhold` operation, from its start until it finishes. */
  UNHOLD_LOCAL: 'UNHOLD_LOCAL',
  /** A remote unhold notification, from its arrival until it is handled. */
  UNHOLD_REMOTE: 'UNHOLD_REMOTE',
  /** A REST request of an operation, until its response arrives or it times out. */
  REST_REQUEST: 'REST_REQUEST',
  /** The `playAudioFile` operation, from its start until it finishes. */
  PLAY_AUDIO: 'PLAY_AUDIO',
  /** Starting music on hold, from its start until it finishes. */
  START_MOH: 'START_MOH',
  /** Stopping music on hold, from its start until it finishes. */
  STOP_MOH: 'STOP_MOH',
  /** The `sendCustomParameters` operation, from its start until it finishes. */
  SEND_CUSTOM_PARAMETERS: 'SEND_CUSTOM_PARAMETERS',
  /** The `getStats` operation, from its start until it finishes. */
  GET_STATS: 'GET_STATS',
  /** The `sendDTMF` operation, from its start until it finishes. */
  SEND_DTMF: 'SEND_DTMF',
  /** The resync of a call with the gateway, from its start until it finishes. */
  RESYNC: 'RESYNC',
  /** The `directTransfer` operation, from its start until it finishes. */
  DIRECT_TRANSFER: 'DIRECT_TRANSFER',
  /** The `consultativeTransfer` operation, from its start until it finishes. */
  CONSULTATIVE_TRANSFER: 'CONSULTATIVE_TRANSFER',
  /** The `join` operation, from its start until it finishes. */
  JOIN: 'JOIN',
  /** The get-available-codecs operation, from its start until it finishes. */
  GET_AVAILABLE_CODECS: 'GET_AVAILABLE_CODECS',
  /** The slow-start operation, from its start until it finishes. */
  SLOW_START: 'SLOW_START',
} as const);

/** Metric types of a call report (seed 000 `call.metrics`); each metric's `data` is in milliseconds. @public */
export const metrics = Object.freeze({
  /** How long a finished call lasted, from `make` or its arrival until it ended. */
  CALL_DURATION: 'CALL_DURATION',
  /** Time from the start of `make` until just before the local description is set. */
  MAKE_CALL_PRE_LOCAL_SETUP: 'MAKE_CALL_PRE_LOCAL_SETUP',
  /** Time from the start of `make` until the call is set up locally (no remote session creation). */
  MAKE_CALL_LOCAL_SETUP: 'MAKE_CALL_LOCAL_SETUP',
  /** Time from sending the create-session request until the SDK has processed the response. */
  MAKE_CALL_REMOTE_SETUP: 'MAKE_CALL_REMOTE_SETUP',
  /** How long the `make` operation of an outgoing call took. */
  TIME_TO_MAKE: 'TIME_TO_MAKE',
  /** Time from the start of `answer` until the call is set up locally (media connected). */
  ANSWER_CALL_LOCAL_SETUP: 'ANSWER_CALL_LOCAL_SETUP',
  /** Time from the start of `answer` until just before the local description is set. */
  ANSWER_CALL_PRE_LOCAL_SETUP: 'ANSWER_CALL_PRE_LOCAL_SETUP',
  /** How long the `answer` operation of an incoming call took. */
  TIME_TO_ANSWER: 'TIME_TO_ANSWER',
  /** Time for an incoming call from its arrival until `answer` has finished. */
  TIME_FROM_RECEIVE_TO_ANSWER: 'TIME_FROM_RECEIVE_TO_ANSWER',
  /** Time for an incoming call from its arrival until its media is connected. */
  TIME_TO_CALL_SETUP_DURATION: 'TIME_TO_CALL_SETUP_DURATION',
  /** Time from the start of `make` until the remote ringing notification arrives. */
  TIME_TO_RINGING: 'TIME_TO_RINGING',
  /** How long the `ignore` operation took. */
  TIME_TO_IGNORE: 'TIME_TO_IGNORE',
  /** How long the `reject` operation took. */
  TIME_TO_REJECT: 'TIME_TO_REJECT',
  /** How long the local `addMedia` operation took. */
  TIME_TO_ADD_MEDIA: 'TIME_TO_ADD_MEDIA',
  /** How long a remote add-media notification took to handle, from its arrival. */
  TIME_TO_ADD_MEDIA_REMOTE: 'TIME_TO_ADD_MEDIA_REMOTE',
  /** How long the local `removeMedia` operation took. */
  TIME_TO_REMOVE_MEDIA: 'TIME_TO_REMOVE_MEDIA',
  /** How long a remote remove-media notification took to handle, from its arrival. */
  TIME_TO_REMOVE_MEDIA_REMOTE: 'TIME_TO_REMOVE_MEDIA_REMOTE',
  /** How long the `restartMedia` operation took. */
  TIME_TO_RESTART_MEDIA: 'TIME_TO_RESTART_MEDIA',
  /** How long the local `hold` operation took. */
  TIME_TO_HOLD_LOCAL: 'TIME_TO_HOLD_LOCAL',
  /** How long a remote hold notification took to handle, from its arrival. */
  TIME_TO_HOLD_REMOTE: 'TIME_TO_HOLD_REMOTE',
  /** How long the local `unhold` operation took. */
  TIME_TO_UNHOLD_LOCAL: 'TIME_TO_UNHOLD_LOCAL',
  /** How long a remote unhold notification took to handle, from its arrival. */
  TIME_TO_UNHOLD_REMOTE: 'TIME_TO_UNHOLD_REMOTE',
  /** Time from setting the local description until every ICE candidate has been collected. */
  TIME_TO_COLLECT_ICE_CANDIDATES: 'TIME_TO_COLLECT_ICE_CANDIDATES',
  /** Time from the start of ICE collection until each relay candidate has been received. */
  TIME_TO_RELAY_CANDIDATES: 'TIME_TO_RELAY_CANDIDATES',
  /** How long the `sendCustomParameters` operation took. */
  TIME_TO_SEND_CUSTOM_PARAMETERS: 'TIME_TO_SEND_CUSTOM_PARAMETERS',
  /** How long the `forward` operation took. */
  TIME_TO_FORWARD: 'TIME_TO_FORWARD',
  /** How long the `directTransfer` operation took. */
  TIME_TO_DIRECT_TRANSFER: 'TIME_TO_DIRECT_TRANSFER',
  /** How long the `consultativeTransfer` operation took. */
  TIME_TO_CONSULTATIVE_TRANSFER: 'TIME_TO_CONSULTATIVE_TRANSFER',
  /** How long the `join` operation took. */
  TIME_TO_JOIN: 'TIME_TO_JOIN',
} as const);
