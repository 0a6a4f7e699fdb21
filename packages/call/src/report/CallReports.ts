/**
 * The reports of a client's calls (seed 000 `call.getReport`): each call's timeline is built from
 * its `call:operation` events (one timeline event per operation, `start`/`end` in ms since the
 * epoch), and the metrics are computed from the timeline when a report is asked for.
 */
import { BasicError } from '@switchboard/core';
import type { CallOperationEvent } from '../events';
import type { CallsService } from '../tokens';
import { metrics, reportEvents } from './constants';

/** One event of a report's timeline. @public */
export interface CallReportEvent {
  /** A {@link reportEvents} value (or the operation's own type when the seed names none). */
  type: string;
  /** When it started (ms since the epoch). */
  start: number;
  /** When it finished; absent while it runs. */
  end?: number;
  /** Events recorded within this one (none yet: the SDK reports operations as a whole). */
  timeline: CallReportEvent[];
  /** The operation id, whether it was local, and its error if it failed. */
  data: {
    /** The id of the operation (`call:operation`); empty for `RECEIVE_CALL`. */
    operationId: string;
    /** Whether this client started the operation (false for the far end's). */
    isLocal: boolean;
    /** Why the operation failed; absent when it succeeded or still runs. */
    error?: {
      /** The BasicError's code. */
      code: string;
      /** The BasicError's message. */
      message: string;
    };
  };
}

/** One computed metric: `data` in milliseconds. @public */
export interface CallReportMetric {
  /** A {@link metrics} value. */
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
  /** The operations of the call, in order. */
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

/** Operation types whose report event has another name. */
const EVENT_OF: Record<string, string> = {
  END: reportEvents.END_LOCAL,
  CANCEL_REMOTE: reportEvents.END_REMOTE,
  REMOTE_ANSWER: reportEvents.PROCESS_MEDIA_REMOTE,
  FORWARD: reportEvents.FORWARD_CALL,
  HOLD: reportEvents.HOLD_LOCAL,
  UNHOLD: reportEvents.UNHOLD_LOCAL,
  ADD_MEDIA: reportEvents.ADD_MEDIA_LOCAL,
  RESTART_MEDIA: reportEvents.MEDIA_RESTART,
};

/** Metrics that are the duration of the latest finished event of a type. */
const DURATIONS: Array<[string, string]> = [
  [metrics.TIME_TO_MAKE, reportEvents.MAKE],
  [metrics.TIME_TO_ANSWER, reportEvents.ANSWER],
  [metrics.TIME_TO_IGNORE, reportEvents.IGNORE],
  [metrics.TIME_TO_REJECT, reportEvents.REJECT],
  [metrics.TIME_TO_ADD_MEDIA, reportEvents.ADD_MEDIA_LOCAL],
  [metrics.TIME_TO_ADD_MEDIA_REMOTE, reportEvents.ADD_MEDIA_REMOTE],
  [metrics.TIME_TO_REMOVE_MEDIA, reportEvents.REMOVE_MEDIA],
  [metrics.TIME_TO_REMOVE_MEDIA_REMOTE, reportEvents.REMOVE_MEDIA_REMOTE],
  [metrics.TIME_TO_RESTART_MEDIA, reportEvents.MEDIA_RESTART],
  [metrics.TIME_TO_HOLD_LOCAL, reportEvents.HOLD_LOCAL],
  [metrics.TIME_TO_HOLD_REMOTE, reportEvents.HOLD_REMOTE],
  [metrics.TIME_TO_UNHOLD_LOCAL, reportEvents.UNHOLD_LOCAL],
  [metrics.TIME_TO_UNHOLD_REMOTE, reportEvents.UNHOLD_REMOTE],
  [metrics.TIME_TO_SEND_CUSTOM_PARAMETERS, reportEvents.SEND_CUSTOM_PARAMETERS],
  [metrics.TIME_TO_FORWARD, reportEvents.FORWARD_CALL],
  [metrics.TIME_TO_DIRECT_TRANSFER, reportEvents.DIRECT_TRANSFER],
  [metrics.TIME_TO_CONSULTATIVE_TRANSFER, reportEvents.CONSULTATIVE_TRANSFER],
  [metrics.TIME_TO_JOIN, reportEvents.JOIN],
];

interface Recording {
  start: number;
  timeline: CallReportEvent[];
  /** Open events by operation id. */
  open: Map<string, CallReportEvent>;
  /** When the media connection first became connected. */
  mediaConnected?: number;
}

const copy = (e: CallReportEvent): CallReportEvent => ({ ...e, timeline: e.timeline.map(copy), data: { ...e.data, ...(e.data.error ? { error: { ...e.data.error } } : {}) } });

/** The reports of one client's calls. @internal */
export class CallReports {
  private readonly recordings = new Map<string, Recording>();

  constructor(private readonly calls: CallsService, private readonly now: () => number = Date.now) {}

  /** Records one `call:operation` transition (START opens an event, FINISH closes it). */
  onOperation(e: CallOperationEvent): void {
    const at = this.now();
    // a refusal of an unknown call id is not a call
    const rec = e.transition === 'START' ? this.recordingOf(e.callId) : this.recordings.get(e.callId);
    if (!rec) return;
    let event = rec.open.get(e.operationId);
    if (!event) {
      event = { type: EVENT_OF[e.operation] ?? e.operation, start: at, timeline: [], data: { operationId: e.operationId, isLocal: e.isLocal } };
      rec.timeline.push(event);
      if (e.transition !== 'FINISH') rec.open.set(e.operationId, event);
    }
    if (e.transition !== 'FINISH') return;
    rec.open.delete(e.operationId);
    event.end = at;
    if (e.error) event.data.error = { code: e.error.code, message: e.error.message };
  }

  /** Records `RECEIVE_CALL` for an incoming call: from its arrival until it was set up (`call:receive`). */
  onReceive(callId: string): void {
    const rec = this.recordingOf(callId);
    if (rec) rec.timeline.push({ type: reportEvents.RECEIVE_CALL, start: rec.start, end: this.now(), timeline: [], data: { operationId: '', isLocal: false } });
  }

  private recordingOf(callId: string): Recording | undefined {
    let rec = this.recordings.get(callId);
    const call = rec ? undefined : this.calls.get(callId);
    if (call) {
      rec = { start: call.startTime, timeline: [], open: new Map() };
      this.recordings.set(callId, rec);
    }
    return rec;
  }

  /** Notes when a call's media first connected (for the set-up metrics). */
  onMediaConnection(callId: string): void {
    const rec = this.recordings.get(callId);
    const state = this.calls.get(callId)?.mediaConnectionState;
    if (rec && rec.mediaConnected === undefined && (state === 'connected' || state === 'completed')) rec.mediaConnected = this.now();
  }

  /** The report of a call. @throws BasicError `CALL_NOT_FOUND` for a call this client does not know. */
  report(callId: string): CallReport {
    const call = this.calls.get(callId);
    if (!call) throw new BasicError('CALL_NOT_FOUND', `No call with id ${JSON.stringify(callId)}.`, { pluginId: 'call' });
    const rec = this.recordings.get(callId) ?? { start: call.startTime, timeline: [], open: new Map() };
    return {
      id: callId,
      start: rec.start,
      ...(call.endTime !== undefined ? { end: call.endTime } : {}),
      timeline: rec.timeline.map(copy),
      metrics: computeMetrics(rec, call.endTime),
      data: { direction: call.direction, state: call.state },
    };
  }
}

function computeMetrics(rec: Recording, endTime: number | undefined): CallReportMetric[] {
  const list: CallReportMetric[] = [];
  const add = (type: string, data: number | undefined) => {
    if (data !== undefined && Number.isFinite(data)) list.push({ type, data: Math.max(0, data) });
  };
  const first = (type: string) => rec.timeline.find((e) => e.type === type);
  const latestDone = (type: string) => [...rec.timeline].reverse().find((e) => e.type === type && e.end !== undefined && !e.data.error);
  const make = first(reportEvents.MAKE);
  const received = first(reportEvents.RECEIVE_CALL);
  const answer = latestDone(reportEvents.ANSWER);
  const ringing = first(reportEvents.REMOTE_RINGING);
  add(metrics.CALL_DURATION, endTime !== undefined ? endTime - rec.start : undefined);
  for (const [metric, type] of DURATIONS) {
    const e = latestDone(type);
    add(metric, e ? e.end! - e.start : undefined);
  }
  add(metrics.TIME_TO_RINGING, make && ringing ? ringing.start - make.start : undefined);
  add(metrics.TIME_FROM_RECEIVE_TO_ANSWER, received && answer ? answer.end! - received.start : undefined);
  add(metrics.TIME_TO_CALL_SETUP_DURATION, received && rec.mediaConnected !== undefined ? rec.mediaConnected - received.start : undefined);
  add(metrics.ANSWER_CALL_LOCAL_SETUP, answer && rec.mediaConnected !== undefined ? rec.mediaConnected - answer.start : undefined);
  return list;
}
