/**
 * The metrics of a call report (seed 000 `call.metrics`), computed from its timeline when the
 * report is taken. Durations of operations are those of the latest finished, successful event of
 * their type; the set-up metrics read the steps inside the call's MAKE or latest ANSWER.
 */
import { metrics, reportEvents } from './constants';
import type { CallReportEvent, CallReportMetric } from './types';

/** Metrics that are the duration of the latest finished, successful event of a type. */
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
  [metrics.TIME_TO_COLLECT_ICE_CANDIDATES, reportEvents.ICE_COLLECTION],
];

/** What the metrics are computed from. @internal */
export interface MetricInput {
  /** The top-level events (operations), in order. */
  timeline: readonly CallReportEvent[];
  /** When the call started. */
  start: number;
  /** When the call ended, once it did. */
  end?: number;
  /** When the media connection first became connected. */
  mediaConnected?: number;
}

/** The events of a timeline and of every nested timeline, depth first. */
const flatten = (events: readonly CallReportEvent[]): CallReportEvent[] => events.flatMap((e) => [e, ...flatten(e.timeline)]);

const finished = (e: CallReportEvent | undefined): e is CallReportEvent & { end: number } => !!e && e.end !== undefined && !e.data.error;

/** The latest (by start) finished, successful event of `type` among `events`. */
function latest(events: readonly CallReportEvent[], type: string): (CallReportEvent & { end: number }) | undefined {
  let found: (CallReportEvent & { end: number }) | undefined;
  for (const e of events) if (e.type === type && finished(e) && (!found || e.start >= found.start)) found = e;
  return found;
}

/** The first event of `type` inside `parent` (at any depth). */
const inside = (parent: CallReportEvent | undefined, type: string) => (parent ? flatten(parent.timeline).find((e) => e.type === type) : undefined);

/** Computes the metrics that the timeline allows (each `data` in ms, never negative). @internal */
export function computeMetrics(input: MetricInput): CallReportMetric[] {
  const list: CallReportMetric[] = [];
  const add = (type: string, data: number | undefined) => {
    if (data !== undefined && Number.isFinite(data)) list.push({ type, data: Math.max(0, data) });
  };
  const top = input.timeline;
  const all = flatten(top);
  const make = top.find((e) => e.type === reportEvents.MAKE);
  const received = top.find((e) => e.type === reportEvents.RECEIVE_CALL);
  const answer = latest(top, reportEvents.ANSWER);
  const ringing = top.find((e) => e.type === reportEvents.REMOTE_RINGING);
  add(metrics.CALL_DURATION, input.end !== undefined ? input.end - input.start : undefined);
  for (const [metric, type] of DURATIONS) {
    const e = latest(type === reportEvents.ICE_COLLECTION ? all : top, type);
    add(metric, e ? e.end - e.start : undefined);
  }
  // set-up: the steps inside MAKE (the ICE collection starts right before the local description is set)
  const makeIce = inside(make, reportEvents.ICE_COLLECTION);
  const makeLocal = inside(make, reportEvents.PROCESS_MEDIA_LOCAL);
  const makeRequest = inside(make, reportEvents.REST_REQUEST);
  add(metrics.MAKE_CALL_PRE_LOCAL_SETUP, make && makeIce ? makeIce.start - make.start : undefined);
  add(metrics.MAKE_CALL_LOCAL_SETUP, make && finished(makeLocal) ? makeLocal.end - make.start : undefined);
  add(metrics.MAKE_CALL_REMOTE_SETUP, finished(make) && makeRequest ? make.end - makeRequest.start : undefined);
  const answerIce = inside(answer, reportEvents.ICE_COLLECTION);
  add(metrics.ANSWER_CALL_PRE_LOCAL_SETUP, answer && answerIce ? answerIce.start - answer.start : undefined);
  add(metrics.TIME_TO_RINGING, make && ringing ? ringing.start - make.start : undefined);
  add(metrics.TIME_FROM_RECEIVE_TO_ANSWER, received && answer ? answer.end - received.start : undefined);
  add(metrics.TIME_TO_CALL_SETUP_DURATION, received && input.mediaConnected !== undefined ? input.mediaConnected - received.start : undefined);
  add(metrics.ANSWER_CALL_LOCAL_SETUP, answer && input.mediaConnected !== undefined ? input.mediaConnected - answer.start : undefined);
  // one entry per relay candidate of the latest ICE collection that gathered any
  const relays = (e: CallReportEvent) => e.timeline.filter((r) => r.type === reportEvents.RELAY_CANDIDATE_COLLECTED);
  const withRelays = all.filter((e) => e.type === reportEvents.ICE_COLLECTION && relays(e).length).pop();
  for (const r of withRelays ? relays(withRelays) : []) add(metrics.TIME_TO_RELAY_CANDIDATES, r.start - withRelays!.start);
  return list;
}
