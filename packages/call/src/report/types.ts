/** The shapes of a call report (seed 000 `call.getReport`). */

/** The data of a timeline event: which fields are present depends on its type. @public */
export interface CallReportEventData {
  /** The id of the operation (`call:operation`), for the events of operations; empty for `RECEIVE_CALL`. */
  operationId?: string;
  /** Whether this client started the operation (false for the far end's), for the events of operations. */
  isLocal?: boolean;
  /** Why the operation (or REST request) failed; absent when it succeeded or still runs. */
  error?: {
    /** The BasicError's code. */
    code: string;
    /** The BasicError's message. */
    message: string;
  };
  /** `REST_REQUEST`: the call backend's method (`start`, `answer`, `startUpdate`, `respondUpdate`, `end`, …). */
  request?: string;
  /** `RELAY_CANDIDATE_COLLECTED`: the candidate line (`candidate:… typ relay …`). */
  candidate?: string;
  /** `GET_AVAILABLE_CODECS`: the kind asked for (`audio` or `video`). */
  kind?: string;
}

/** One event of a report's timeline. @public */
export interface CallReportEvent {
  /** A `call.reportEvents` value (or the operation's own type when the seed names none). */
  type: string;
  /** When it started (ms since the epoch). */
  start: number;
  /** When it finished; absent while it runs. */
  end?: number;
  /**
   * The steps recorded within this event: an operation's GET_USER_MEDIA, PROCESS_MEDIA_LOCAL
   * (with its ICE_COLLECTION, with a RELAY_CANDIDATE_COLLECTED per relay candidate) and REST_REQUEST.
   */
  timeline: CallReportEvent[];
  /** What is known about the event (see {@link CallReportEventData}). */
  data: CallReportEventData;
}

/** One computed metric: `data` in milliseconds. @public */
export interface CallReportMetric {
  /** A `call.metrics` value. */
  type: string;
  /** The metric's value in milliseconds. */
  data: number;
}

/** A call's report (`call.getReport`). @public */
export interface CallReport {
  /** The call id. */
  id: string;
  /** When the call started: `make` was called or the incoming call arrived (ms since the epoch). */
  start: number;
  /** When the call ended. */
  end?: number;
  /** The operations of the call, in order, each with its own steps. */
  timeline: CallReportEvent[];
  /** The metrics that can be computed so far. */
  metrics: CallReportMetric[];
  /** The call's direction and state when the report was taken. */
  data: {
    /** The call's direction (`incoming` or `outgoing`). */
    direction: string;
    /** The call's state (a `call.states` value). */
    state: string;
  };
}
