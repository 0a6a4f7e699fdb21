/**
 * The reports of a client's calls (seed 000 `call.getReport`). Each call's timeline has one event
 * per `call:operation` (`start`/`end` in ms since the epoch); the inner steps of an operation are
 * recorded in that operation's own timeline: GET_USER_MEDIA, PROCESS_MEDIA_LOCAL and its
 * ICE_COLLECTION (reported by the call through its step hook; relay candidates are watched on the
 * peer connection) and REST_REQUEST (the call backend's requests). A far end's renegotiation
 * (`REMOTE_UPDATE`) is named by what it did once handled: HOLD_REMOTE, UNHOLD_REMOTE,
 * ADD_MEDIA_REMOTE or REMOVE_MEDIA_REMOTE. The metrics are computed when a report is asked for.
 */
import { BasicError } from '@switchboard/core';
import type { CallOperationEvent } from '../events';
import type { Call } from '../internal/Call';
import type { CallLookupService } from '../internal/CallRegistry';
import type { CallsService } from '../tokens';
import { computeMetrics } from './computeMetrics';
import { reportEvents } from './constants';
import type { CallReport, CallReportEvent, CallReportEventData } from './types';

/** Operation types whose report event has another name. */
const EVENT_OF: Record<string, string> = {
  END: reportEvents.END_LOCAL,
  CANCEL_REMOTE: reportEvents.END_REMOTE,
  REMOTE_ANSWER: reportEvents.PROCESS_MEDIA_REMOTE,
  HOLD: reportEvents.HOLD_LOCAL,
  UNHOLD: reportEvents.UNHOLD_LOCAL,
  ADD_MEDIA: reportEvents.ADD_MEDIA_LOCAL,
};

/** The far end's renegotiation (call/constants `operations.REMOTE_UPDATE`). */
const REMOTE_UPDATE = 'REMOTE_UPDATE';

/** What a remote renegotiation is compared against when it finishes. */
interface RemoteBefore {
  remoteHold: boolean;
  sending: number;
  pc?: RTCPeerConnection;
}

/** An open step and the operation it belongs to. */
interface OpenStep {
  event: CallReportEvent;
  op: CallReportEvent;
  end: () => void;
}

interface Recording {
  start: number;
  timeline: CallReportEvent[];
  /** Open operations by operation id (in start order). */
  open: Map<string, CallReportEvent>;
  /** Open steps, innermost last. */
  steps: OpenStep[];
  /** The state before each running remote renegotiation, by operation id. */
  remote: Map<string, RemoteBefore>;
  /** When the media connection first became connected. */
  mediaConnected?: number;
}

/** How many media sections of an SDP the far end sends in (not `recvonly`/`inactive`, not port 0). */
const sendingSections = (sdp = '') => sdp.split(/\r?\nm=/).slice(1).filter((m) => !/^\S+ 0 /.test(m) && !/a=(recvonly|inactive)/.test(m)).length;

const copy = (e: CallReportEvent): CallReportEvent => ({
  ...e, timeline: e.timeline.map(copy), data: { ...e.data, ...(e.data.error ? { error: { ...e.data.error } } : {}) },
});

const errorData = (error: unknown): CallReportEventData['error'] => {
  const e = error as { code?: unknown; message?: unknown } | undefined;
  return { code: typeof e?.code === 'string' ? e.code : 'UNKNOWN', message: typeof e?.message === 'string' ? e.message : String(error) };
};

/** The reports of one client's calls. @internal */
export class CallReports {
  private readonly recordings = new Map<string, Recording>();
  /** The call whose MAKE just went PENDING: its create-session request follows at once. */
  private pendingMake: string | undefined;

  constructor(
    private readonly calls: CallsService,
    private readonly lookup: Pick<CallLookupService, 'get' | 'bySession'>,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records one `call:operation` transition (START opens an event, FINISH closes it). */
  onOperation(e: CallOperationEvent): void {
    const at = this.now();
    // a refusal of an unknown call id is not a call
    const rec = e.transition === 'START' ? this.recordingOf(e.callId) : this.recordings.get(e.callId);
    if (!rec) return;
    if (e.transition === 'UPDATE' && e.operation === 'MAKE') this.pendingMake = e.callId;
    let event = rec.open.get(e.operationId);
    if (!event) {
      event = { type: EVENT_OF[e.operation] ?? e.operation, start: at, timeline: [], data: { operationId: e.operationId, isLocal: e.isLocal } };
      rec.timeline.push(event);
      if (e.transition !== 'FINISH') rec.open.set(e.operationId, event);
      if (e.operation === REMOTE_UPDATE) rec.remote.set(e.operationId, this.remoteState(e.callId));
    }
    if (e.transition !== 'FINISH') return;
    rec.open.delete(e.operationId);
    for (const step of rec.steps.filter((s) => s.op === event)) step.end();
    event.end = at;
    if (e.error) event.data.error = errorData(e.error);
    const before = rec.remote.get(e.operationId);
    rec.remote.delete(e.operationId);
    if (before && !e.error) event.type = this.remoteType(e.callId, before);
  }

  /**
   * Starts a step of `callId`'s latest open operation, within that operation's innermost open step;
   * returns the function that ends it (idempotent). A step outside any operation is not recorded.
   */
  step(callId: string, type: string, data: CallReportEventData = {}, pc?: RTCPeerConnection): (error?: unknown) => void {
    const rec = this.recordings.get(callId);
    const op = [...(rec?.open.values() ?? [])].pop();
    if (!rec || !op) return () => undefined;
    const inner = rec.steps.filter((s) => s.op === op).pop();
    const event: CallReportEvent = { type, start: this.now(), timeline: [], data };
    (inner?.event ?? op).timeline.push(event);
    const relays = new Set<string>();
    const relay = (line: string | undefined) => {
      if (!line || !/ typ relay/.test(line) || relays.has(line)) return;
      relays.add(line);
      const at = this.now();
      event.timeline.push({ type: reportEvents.RELAY_CANDIDATE_COLLECTED, start: at, end: at, timeline: [], data: { candidate: line } });
    };
    let gathered = false;
    const onCandidate = (e: Event) => relay((e as RTCPeerConnectionIceEvent).candidate?.candidate);
    const onGathering = () => void (gathered = true);
    pc?.addEventListener('icecandidate', onCandidate);
    pc?.addEventListener('icegatheringstatechange', onGathering);
    const open: OpenStep = {
      event,
      op,
      end: (error?: unknown) => {
        if (event.end !== undefined) return;
        // Chromium may report the gathering complete before its candidates' events: the relay
        // candidates of this gathering that are in the description count as received now.
        if (gathered) for (const line of pc?.localDescription?.sdp.match(/candidate:.* typ relay.*/g) ?? []) relay(line.trim());
        event.end = this.now();
        if (error !== undefined) event.data.error = errorData(error);
        pc?.removeEventListener('icecandidate', onCandidate);
        pc?.removeEventListener('icegatheringstatechange', onGathering);
        rec.steps.splice(rec.steps.indexOf(open), 1);
      },
    };
    rec.steps.push(open);
    return open.end;
  }

  /** Starts the REST_REQUEST of a call backend method: `start` belongs to the MAKE that just went PENDING, the others to their leg's call. */
  request(method: string, sessionId: unknown): ((error?: unknown) => void) | undefined {
    const callId = method === 'start' ? this.pendingMake : typeof sessionId === 'string' ? this.lookup.bySession(sessionId)?.id : undefined;
    if (method === 'start') this.pendingMake = undefined;
    return callId ? this.step(callId, reportEvents.REST_REQUEST, { request: method }) : undefined;
  }

  /** Records `RECEIVE_CALL` for an incoming call: from its arrival until it was set up (`call:receive`). */
  onReceive(callId: string): void {
    const rec = this.recordingOf(callId);
    if (rec) rec.timeline.push({ type: reportEvents.RECEIVE_CALL, start: rec.start, end: this.now(), timeline: [], data: { operationId: '', isLocal: false } });
  }

  /** Records GET_AVAILABLE_CODECS (a synchronous query of the browser) in the report of every call under way. */
  onAvailableCodecs(kind: string): void {
    const at = this.now();
    for (const call of this.calls.getAll()) {
      const rec = call.endTime === undefined ? this.recordingOf(call.id) : undefined;
      rec?.timeline.push({ type: reportEvents.GET_AVAILABLE_CODECS, start: at, end: at, timeline: [], data: { kind } });
    }
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
    const rec = this.recordings.get(callId);
    const timeline = rec?.timeline ?? [];
    const start = rec?.start ?? call.startTime;
    return {
      id: callId,
      start,
      ...(call.endTime !== undefined ? { end: call.endTime } : {}),
      timeline: timeline.map(copy),
      metrics: computeMetrics({ timeline, start, end: call.endTime, mediaConnected: rec?.mediaConnected }),
      data: { direction: call.direction, state: call.state },
    };
  }

  /** Stops recording: the calls' step hooks are removed, open steps stop watching their peer connection. */
  dispose(): void {
    for (const [callId, rec] of this.recordings) {
      for (const step of [...rec.steps]) step.end();
      const call = this.lookup.get(callId);
      if (call) call.step = undefined;
    }
  }

  private recordingOf(callId: string): Recording | undefined {
    let rec = this.recordings.get(callId);
    const call = rec ? undefined : this.lookup.get(callId);
    if (call) {
      rec = { start: call.data.startTime, timeline: [], open: new Map(), steps: [], remote: new Map() };
      this.recordings.set(callId, rec);
      call.step = (type, pc) => this.step(callId, type, {}, pc);
    }
    return rec;
  }

  private remoteState(callId: string): RemoteBefore {
    const call: Call | undefined = this.lookup.get(callId);
    const pc = call?.session?.pc;
    return { remoteHold: !!call?.data.remoteHold, sending: sendingSections(pc?.remoteDescription?.sdp), pc };
  }

  /** What a finished remote renegotiation did: hold, unhold, more or fewer media the far end sends (else REMOTE_UPDATE). */
  private remoteType(callId: string, before: RemoteBefore): string {
    const after = this.remoteState(callId);
    if (after.remoteHold !== before.remoteHold) return after.remoteHold ? reportEvents.HOLD_REMOTE : reportEvents.UNHOLD_REMOTE;
    if (after.pc !== before.pc) return REMOTE_UPDATE; // another endpoint took over (a transfer)
    if (after.sending > before.sending) return reportEvents.ADD_MEDIA_REMOTE;
    return after.sending < before.sending ? reportEvents.REMOVE_MEDIA_REMOTE : REMOTE_UPDATE;
  }
}
