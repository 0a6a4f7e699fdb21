/**
 * callReportPlugin: the timeline built from call:operation with the nested steps of each operation
 * (GET_USER_MEDIA, PROCESS_MEDIA_LOCAL › ICE_COLLECTION › RELAY_CANDIDATE_COLLECTED, REST_REQUEST),
 * the far end's renegotiations named by what they did, the metrics (exact values from a hand-made
 * timeline and from a fake clock; relations on the real flows), refusals and disposal.
 */
import { chromeAnswer, chromeOffer, until, type FakeRTCPeerConnection } from '@switchboard/test-utils';
import { bobCalls, createTestEnv, destroyTestEnvs, incomingCall, type TestEnvOptions } from '../__fakes__/env';
import { states } from '../constants';
import { callControlsPlugin, type CallControlsApi } from '../controls/plugin';
import type { CallOperationEvent } from '../events';
import type { Call } from '../internal/Call';
import { callTransferPlugin, type CallTransferApi } from '../transfer/plugin';
import { CallReports } from './CallReports';
import { computeMetrics } from './computeMetrics';
import { callReportPlugin, type CallReportApi } from './plugin';
import type { CallReport, CallReportEvent } from './types';

afterEach(destroyTestEnvs);
type Env = ReturnType<typeof createTestEnv>;
const api = (env: Env) => env.client.call as unknown as CallReportApi & CallControlsApi & CallTransferApi;
const RELAY = { candidate: 'candidate:9 1 udp 41885439 203.0.113.7 50000 typ relay raddr 0.0.0.0 rport 0 generation 0', sdpMid: '0', sdpMLineIndex: 0, type: 'relay' };
const HOST = { candidate: 'candidate:1 1 udp 2113937151 10.0.0.1 55814 typ host generation 0', sdpMid: '0', sdpMLineIndex: 0, type: 'host' };

/** Every event of a timeline and of its nested timelines, depth first. */
const flat = (events: readonly CallReportEvent[]): CallReportEvent[] => events.flatMap((e) => [e, ...flat(e.timeline)]);
const top = (r: CallReport, type: string) => r.timeline.filter((e) => e.type === type);
const metric = (r: CallReport, type: string) => r.metrics.find((m) => m.type === type)?.data;
const child = (e: CallReportEvent | undefined, type: string) => e?.timeline.find((c) => c.type === type);
const finished = (env: Env, operation: string, n = 1) => env.of('call:operation').filter((o) => o.operation === operation && o.transition === 'FINISH').length >= n;

/** A Connected outgoing call to bob (leg-a-1) on a client with the report and controls plugins. */
async function connected(opts: TestEnvOptions = {}) {
  const env = createTestEnv({ ...opts, extra: [callControlsPlugin(), callReportPlugin()] });
  const callId = env.client.call.make('bob', { audio: true });
  await env.backend.waitFor('start');
  env.backend.remote.ringing('leg-a-1');
  env.backend.remote.answer('leg-a-1', chromeAnswer);
  await until(() => env.client.call.getById(callId)?.state === states.CONNECTED);
  return { env, callId, report: () => api(env).getReport(callId) };
}

describe('call reports: the timeline', () => {
  test('an outgoing call: MAKE with GET_USER_MEDIA, PROCESS_MEDIA_LOCAL › ICE_COLLECTION › RELAY_CANDIDATE_COLLECTED and REST_REQUEST; set-up metrics', async () => {
    const { env, callId, report } = await connected({ peerConnection: { candidates: [HOST, RELAY] } });
    env.peers.instances[0]!.setIceConnectionState('connected');
    expect(report().metrics.map((m) => m.type)).not.toContain('CALL_DURATION');
    env.client.call.end(callId);
    await until(() => env.client.call.getById(callId)?.state === states.ENDED && finished(env, 'END'));
    const r = report();
    const { reportEvents: ev, metrics: m } = api(env);
    expect(r.timeline.map((e) => e.type)).toEqual([ev.MAKE, ev.REMOTE_RINGING, ev.PROCESS_MEDIA_REMOTE, ev.END_LOCAL]);
    const make = r.timeline[0]!;
    expect(make.timeline.map((e) => e.type)).toEqual([ev.GET_USER_MEDIA, ev.PROCESS_MEDIA_LOCAL, ev.REST_REQUEST]);
    const [gum, local, request] = make.timeline as [CallReportEvent, CallReportEvent, CallReportEvent];
    const ice = child(local, ev.ICE_COLLECTION)!;
    expect(local.timeline.map((e) => e.type)).toEqual([ev.ICE_COLLECTION]);
    expect(ice.timeline).toEqual([expect.objectContaining({ type: ev.RELAY_CANDIDATE_COLLECTED, data: { candidate: RELAY.candidate } })]);
    expect(request.data).toEqual({ request: 'start' });
    // every event lies within its parent, in order
    for (const e of flat(r.timeline)) {
      expect(e.end).toBeGreaterThanOrEqual(e.start);
      for (const c of e.timeline) expect([c.start >= e.start, c.end! <= e.end!]).toEqual([true, true]);
    }
    expect(gum.end).toBeLessThanOrEqual(local.start);
    expect(local.end).toBeLessThanOrEqual(request.start);
    expect(child(r.timeline[3], ev.REST_REQUEST)!.data).toEqual({ request: 'end' });
    expect(r).toMatchObject({ id: callId, data: { direction: 'outgoing', state: states.ENDED } });
    expect(metric(r, m.CALL_DURATION)).toBe(r.end! - r.start);
    expect(metric(r, m.TIME_TO_MAKE)).toBe(make.end! - make.start);
    expect(metric(r, m.TIME_TO_RINGING)).toBe(r.timeline[1]!.start - make.start);
    expect(metric(r, m.MAKE_CALL_PRE_LOCAL_SETUP)).toBe(ice.start - make.start);
    expect(metric(r, m.MAKE_CALL_LOCAL_SETUP)).toBe(local.end! - make.start);
    expect(metric(r, m.MAKE_CALL_REMOTE_SETUP)).toBe(make.end! - request.start);
    expect(metric(r, m.TIME_TO_COLLECT_ICE_CANDIDATES)).toBe(ice.end! - ice.start);
    expect(r.metrics.filter((x) => x.type === m.TIME_TO_RELAY_CANDIDATES)).toEqual([{ type: m.TIME_TO_RELAY_CANDIDATES, data: ice.timeline[0]!.start - ice.start }]);
    expect(metric(r, m.TIME_TO_ANSWER)).toBeUndefined();
    // a copy: changing it changes nothing
    r.timeline[0]!.timeline.length = 0;
    expect(report().timeline[0]!.timeline).toHaveLength(3);
  });

  test('an incoming call: RECEIVE_CALL, ANSWER with its steps (REST_REQUEST answer); answer metrics; failed operations carry their error', async () => {
    const env = createTestEnv({ extra: [callReportPlugin()] });
    bobCalls(env.backend, 'leg-b-1', chromeOffer);
    await until(() => env.of('call:receive').length === 1);
    const callId = env.of('call:receive')[0]!.callId;
    env.client.call.sendDTMF(callId, '1'); // refused: not Connected
    env.client.call.answer(callId, { audio: true });
    await until(() => env.client.call.getById(callId)?.state === states.CONNECTED && finished(env, 'ANSWER'));
    env.peers.instances[0]!.setIceConnectionState('connected');
    await until(() => api(env).getReport(callId).timeline.some((e) => e.type === 'SEND_DTMF'));
    const r = api(env).getReport(callId);
    expect(r.timeline.map((e) => e.type)).toEqual(expect.arrayContaining(['RECEIVE_CALL', 'ANSWER', 'SEND_DTMF']));
    expect(top(r, 'SEND_DTMF')[0]!.data.error).toMatchObject({ code: 'CALL_INVALID_STATE' });
    const answer = top(r, 'ANSWER')[0]!;
    expect(answer.timeline.map((e) => e.type)).toEqual(['GET_USER_MEDIA', 'PROCESS_MEDIA_LOCAL', 'REST_REQUEST']);
    expect(answer.timeline[2]!.data).toEqual({ request: 'answer' });
    const ice = child(answer.timeline[1], 'ICE_COLLECTION')!;
    expect(metric(r, 'ANSWER_CALL_PRE_LOCAL_SETUP')).toBe(ice.start - answer.start);
    expect(r.metrics.map((m) => m.type)).toEqual(expect.arrayContaining(['TIME_TO_ANSWER', 'TIME_FROM_RECEIVE_TO_ANSWER', 'TIME_TO_CALL_SETUP_DURATION', 'ANSWER_CALL_LOCAL_SETUP']));
    expect(metric(r, 'TIME_TO_RELAY_CANDIDATES')).toBeUndefined(); // host candidates only
  });

  test('local hold/unhold: HOLD_LOCAL, UNHOLD_LOCAL, each with PROCESS_MEDIA_LOCAL and REST_REQUEST startUpdate; their metrics', async () => {
    const { env, callId, report } = await connected();
    api(env).hold(callId);
    await env.backend.waitFor('startUpdate');
    env.backend.remote.answer('leg-a-1', chromeAnswer);
    await until(() => finished(env, 'HOLD'));
    api(env).unhold(callId);
    await until(() => env.backend.of('startUpdate').length === 2);
    env.backend.remote.answer('leg-a-1', chromeAnswer);
    await until(() => finished(env, 'UNHOLD'));
    const r = report();
    for (const [type, metricType] of [['HOLD_LOCAL', 'TIME_TO_HOLD_LOCAL'], ['UNHOLD_LOCAL', 'TIME_TO_UNHOLD_LOCAL']] as const) {
      const [e] = top(r, type);
      expect(e!.timeline.map((s) => s.type)).toEqual(['PROCESS_MEDIA_LOCAL', 'REST_REQUEST']);
      expect(e!.timeline[1]!.data).toEqual({ request: 'startUpdate' });
      expect(metric(r, metricType)).toBe(e!.end! - e!.start);
    }
  });

  test("the far end's renegotiations: ADD_MEDIA_REMOTE, REMOVE_MEDIA_REMOTE, HOLD_REMOTE, UNHOLD_REMOTE (REST_REQUEST respondUpdate); their metrics", async () => {
    const { env, report } = await connected();
    // the far end keeps its SDP origin (same endpoint); chromeAnswer, its answer, sends nothing (recvonly)
    const offer = chromeOffer.replace(/^o=.*$/m, /^o=.*$/m.exec(chromeAnswer)![0]);
    const video = (dir: string) => offer.replace(/(m=video[\s\S]*)a=sendrecv/, `$1a=${dir}`);
    const steps: Array<[string, string]> = [
      [offer, 'ADD_MEDIA_REMOTE'], // audio + video sent
      [video('recvonly'), 'REMOVE_MEDIA_REMOTE'], // video no longer sent
      [offer.replace(/a=sendrecv/g, 'a=inactive'), 'HOLD_REMOTE'],
      [offer, 'UNHOLD_REMOTE'],
      [offer, 'REMOTE_UPDATE'], // nothing changed
    ];
    for (const [sdp, type] of steps) {
      const n = env.backend.of('respondUpdate').length;
      env.backend.remote.update('leg-a-1', sdp);
      await until(() => env.backend.of('respondUpdate').length === n + 1 && finished(env, 'REMOTE_UPDATE', n + 1));
      const last = report().timeline.at(-1)!;
      expect([last.type, last.data.isLocal, last.timeline.map((s) => s.type)]).toEqual([type, false, ['PROCESS_MEDIA_LOCAL', 'REST_REQUEST']]);
      expect(last.timeline[1]!.data).toEqual({ request: 'respondUpdate' });
    }
    const r = report();
    for (const [type, metricType] of [['ADD_MEDIA_REMOTE', 'TIME_TO_ADD_MEDIA_REMOTE'], ['REMOVE_MEDIA_REMOTE', 'TIME_TO_REMOVE_MEDIA_REMOTE'], ['HOLD_REMOTE', 'TIME_TO_HOLD_REMOTE'], ['UNHOLD_REMOTE', 'TIME_TO_UNHOLD_REMOTE']]) {
      const e = top(r, type!)[0]!;
      expect(metric(r, metricType!)).toBe(e.end! - e.start);
    }
  });

  test('startVideo/stopVideo, addMedia/removeMedia, replaceTrack, restartMedia: ADD_BASIC_MEDIA … MEDIA_RESTART with their steps and metrics', async () => {
    const { env, callId, report } = await connected({ config: { call: { mediaConnectionRetryDelay: 0 } } });
    const answered = async (operation: string) => {
      await until(() => env.backend.of('startUpdate').length > answeredCount);
      answeredCount++;
      env.backend.remote.answer('leg-a-1', chromeAnswer);
      await until(() => finished(env, operation));
    };
    let answeredCount = 0;
    api(env).startVideo(callId);
    await answered('ADD_BASIC_MEDIA');
    api(env).stopVideo(callId);
    await answered('REMOVE_BASIC_MEDIA');
    api(env).addMedia(callId, { video: true });
    await answered('ADD_MEDIA');
    const video = env.client.call.getById(callId)!.localTracks.filter((id) => env.media.getNativeTrack(id)?.kind === 'video');
    api(env).removeMedia(callId, video);
    await answered('REMOVE_MEDIA');
    const pc = env.peers.instances[0]! as FakeRTCPeerConnection;
    pc.remoteDescription = { type: 'answer', sdp: chromeAnswer.replace(/a=setup:active/g, 'a=setup:passive') };
    api(env).restartMedia(callId);
    await answered('MEDIA_RESTART');
    api(env).replaceTrack(callId, env.client.call.getById(callId)!.localTracks[0]!, { audio: true });
    await until(() => finished(env, 'REPLACE_TRACK'));
    const r = report();
    const types = r.timeline.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['ADD_BASIC_MEDIA', 'REMOVE_BASIC_MEDIA', 'ADD_MEDIA_LOCAL', 'REMOVE_MEDIA', 'MEDIA_RESTART', 'REPLACE_TRACK']));
    for (const type of ['ADD_BASIC_MEDIA', 'ADD_MEDIA_LOCAL']) expect(top(r, type)[0]!.timeline.map((s) => s.type)).toEqual(['GET_USER_MEDIA', 'PROCESS_MEDIA_LOCAL', 'REST_REQUEST']);
    for (const type of ['REMOVE_BASIC_MEDIA', 'REMOVE_MEDIA', 'MEDIA_RESTART']) expect(top(r, type)[0]!.timeline.map((s) => s.type)).toEqual(['PROCESS_MEDIA_LOCAL', 'REST_REQUEST']);
    expect(top(r, 'REPLACE_TRACK')[0]!.timeline.map((s) => s.type)).toEqual(['GET_USER_MEDIA']);
    for (const [type, metricType] of [['ADD_MEDIA_LOCAL', 'TIME_TO_ADD_MEDIA'], ['REMOVE_MEDIA', 'TIME_TO_REMOVE_MEDIA'], ['MEDIA_RESTART', 'TIME_TO_RESTART_MEDIA']]) {
      const e = top(r, type!)[0]!;
      expect(metric(r, metricType!)).toBe(e.end! - e.start);
    }
  });

  test('forward over the Link fallback: FORWARD_CALL and TIME_TO_FORWARD; GET_AVAILABLE_CODECS in the report of every call under way', async () => {
    const env = createTestEnv({ backend: 'link', extra: [callTransferPlugin(), callReportPlugin()] });
    const g = globalThis as { RTCRtpSender?: unknown };
    const saved = g.RTCRtpSender;
    g.RTCRtpSender = { getCapabilities: () => ({ codecs: [{ mimeType: 'audio/opus', clockRate: 48000 }], headerExtensions: [] }) };
    try {
      env.notifications.deliver(incomingCall('leg-b-1', chromeOffer));
      const { callId } = env.of('call:receive')[0]!;
      await until(() => env.client.call.getById(callId)!.state === states.RINGING);
      await env.client.call.getAvailableCodecs('audio');
      api(env).forward(callId, 'carol');
      await until(() => env.client.call.getById(callId)!.state === states.ENDED && finished(env, 'FORWARD_CALL'));
      await env.client.call.getAvailableCodecs('video'); // the call has ended: not in its report
      const r = api(env).getReport(callId);
      expect(top(r, 'GET_AVAILABLE_CODECS')).toEqual([expect.objectContaining({ data: { kind: 'audio' }, timeline: [] })]);
      const forward = top(r, 'FORWARD_CALL')[0]!;
      expect(metric(r, 'TIME_TO_FORWARD')).toBe(forward.end! - forward.start);
      // the forward request goes over the transfer plugin's own Link requests, not the call backend
      expect(forward.timeline).toEqual([]);
    } finally {
      g.RTCRtpSender = saved;
    }
  });
});

describe('call reports: recording with a fake clock', () => {
  /** CallReports over one stand-in call, its clock advanced by the test. */
  function recorder() {
    let clock = 1000;
    const data = { id: 'c1', startTime: 1000, direction: 'outgoing', state: states.CONNECTED, remoteHold: false, mediaConnectionState: 'new' };
    const call = { id: 'c1', data } as unknown as Call;
    const reports = new CallReports(
      { get: (id) => (id === 'c1' ? (data as never) : undefined), getAll: () => [data as never] },
      { get: (id) => (id === 'c1' ? call : undefined), bySession: (id) => (id === 'leg-1' ? call : undefined) },
      () => clock,
    );
    const op = (operation: string, operationId: string, transition: CallOperationEvent['transition'], isLocal = true) =>
      reports.onOperation({ callId: 'c1', operation, operationId, transition, isLocal });
    return { reports, call, op, tick: (ms: number) => void (clock += ms), report: () => reports.report('c1') };
  }

  test('operations named as the seed: FORWARD_CALL, DIRECT_TRANSFER, CONSULTATIVE_TRANSFER, JOIN (and HOLD → HOLD_LOCAL …); durations', () => {
    const t = recorder();
    const names: Array<[string, string, string]> = [
      ['FORWARD_CALL', 'FORWARD_CALL', 'TIME_TO_FORWARD'], ['DIRECT_TRANSFER', 'DIRECT_TRANSFER', 'TIME_TO_DIRECT_TRANSFER'],
      ['CONSULTATIVE_TRANSFER', 'CONSULTATIVE_TRANSFER', 'TIME_TO_CONSULTATIVE_TRANSFER'], ['JOIN', 'JOIN', 'TIME_TO_JOIN'],
      ['HOLD', 'HOLD_LOCAL', 'TIME_TO_HOLD_LOCAL'], ['UNHOLD', 'UNHOLD_LOCAL', 'TIME_TO_UNHOLD_LOCAL'], ['ADD_MEDIA', 'ADD_MEDIA_LOCAL', 'TIME_TO_ADD_MEDIA'],
      ['SEND_CUSTOM_PARAMETERS', 'SEND_CUSTOM_PARAMETERS', 'TIME_TO_SEND_CUSTOM_PARAMETERS'],
    ];
    names.forEach(([operation], i) => {
      t.op(operation, `op${i}`, 'START');
      t.tick(10 * (i + 1));
      t.op(operation, `op${i}`, 'FINISH');
    });
    const r = t.report();
    expect(r.timeline.map((e) => e.type)).toEqual(names.map(([, type]) => type));
    expect(names.map(([, , m]) => metric(r, m))).toEqual(names.map((_, i) => 10 * (i + 1)));
  });

  test('steps nest in the innermost open event; an operation that finishes ends its open steps; a step outside operations, or a REST request of no call, is not recorded', () => {
    const t = recorder();
    expect(t.call.step).toBeUndefined();
    t.reports.step('c1', 'GET_USER_MEDIA')(); // no operation yet: dropped
    t.op('MAKE', 'm', 'START');
    expect(t.call.step).toBeDefined(); // the hook is installed with the call's first operation
    t.tick(5);
    const local = t.call.step!('PROCESS_MEDIA_LOCAL');
    t.tick(5);
    const ice = t.call.step!('ICE_COLLECTION');
    t.tick(20);
    ice();
    local();
    t.op('MAKE', 'm', 'UPDATE'); // PENDING: the create-session request follows
    const rest = t.reports.request('start', undefined)!;
    expect(t.reports.request('end', 'leg-unknown')).toBeUndefined();
    t.tick(40);
    rest();
    t.tick(2);
    const dangling = t.call.step!('GET_USER_MEDIA');
    t.tick(3);
    t.op('MAKE', 'm', 'FINISH');
    dangling(); // already ended by the operation's end: no change
    const [make] = t.report().timeline;
    expect(make).toEqual({
      type: 'MAKE', start: 1000, end: 1075, data: { operationId: 'm', isLocal: true },
      timeline: [
        { type: 'PROCESS_MEDIA_LOCAL', start: 1005, end: 1030, data: {}, timeline: [{ type: 'ICE_COLLECTION', start: 1010, end: 1030, data: {}, timeline: [] }] },
        { type: 'REST_REQUEST', start: 1030, end: 1070, data: { request: 'start' }, timeline: [] },
        { type: 'GET_USER_MEDIA', start: 1072, end: 1075, data: {}, timeline: [] },
      ],
    });
    const m = (type: string) => metric(t.report(), type);
    expect([m('MAKE_CALL_PRE_LOCAL_SETUP'), m('MAKE_CALL_LOCAL_SETUP'), m('MAKE_CALL_REMOTE_SETUP'), m('TIME_TO_COLLECT_ICE_CANDIDATES'), m('TIME_TO_MAKE')]).toEqual([10, 30, 45, 20, 75]);
    // a failed REST request carries its error
    t.op('HOLD', 'h', 'START');
    t.reports.request('startUpdate', 'leg-1')!(Object.assign(new Error('refused'), { code: 'CALL_REQUEST_FAILED' }));
    expect(t.report().timeline[1]!.timeline[0]!.data).toEqual({ request: 'startUpdate', error: { code: 'CALL_REQUEST_FAILED', message: 'refused' } });
    t.reports.dispose();
    expect(t.call.step).toBeUndefined();
  });

  test('RELAY_CANDIDATE_COLLECTED: from icecandidate events, and at the end from the description when the gathering completed first (Chromium)', () => {
    const t = recorder();
    const listeners = new Map<string, (e: Event) => void>();
    const pc = {
      localDescription: { sdp: `v=0\r\na=candidate:7 1 udp 41885439 203.0.113.9 50002 typ relay raddr 0.0.0.0 rport 0\r\na=${RELAY.candidate}\r\na=${HOST.candidate}\r\n` },
      addEventListener: (type: string, fn: (e: Event) => void) => listeners.set(type, fn),
      removeEventListener: (type: string) => listeners.delete(type),
    } as unknown as RTCPeerConnection;
    t.op('MAKE', 'm', 'START');
    const ice = t.call.step!('ICE_COLLECTION', pc);
    t.tick(10);
    listeners.get('icecandidate')!({ candidate: { candidate: HOST.candidate } } as unknown as Event);
    listeners.get('icecandidate')!({ candidate: { candidate: RELAY.candidate } } as unknown as Event);
    t.tick(10);
    listeners.get('icegatheringstatechange')!({} as Event);
    ice();
    expect(listeners.size).toBe(0);
    const [step] = t.report().timeline[0]!.timeline;
    expect(step!.timeline.map((e) => [e.data.candidate, e.start])).toEqual([
      [RELAY.candidate, 1010],
      ['candidate:7 1 udp 41885439 203.0.113.9 50002 typ relay raddr 0.0.0.0 rport 0', 1020], // only in the description
    ]);
    expect(t.report().metrics.filter((m) => m.type === 'TIME_TO_RELAY_CANDIDATES').map((m) => m.data)).toEqual([10, 20]);
    // a renegotiation without a new gathering: the description's candidates are not new
    t.op('HOLD', 'h', 'START');
    t.call.step!('ICE_COLLECTION', pc)();
    expect(t.report().timeline[1]!.timeline[0]!.timeline).toEqual([]);
  });
});

describe('call reports: metrics', () => {
  test('computed from a hand-made timeline (ms): set-up, ICE and relay candidates, the latest successful operation', () => {
    const ev = (type: string, start: number, end: number | undefined, timeline: CallReportEvent[] = [], error = false): CallReportEvent =>
      ({ type, start, ...(end !== undefined ? { end } : {}), timeline, data: error ? { error: { code: 'X', message: 'x' } } : {} });
    const relay = (at: number) => ev('RELAY_CANDIDATE_COLLECTED', at, at);
    const timeline = [
      ev('MAKE', 0, 300, [
        ev('GET_USER_MEDIA', 0, 50),
        ev('PROCESS_MEDIA_LOCAL', 50, 150, [ev('ICE_COLLECTION', 60, 150, [relay(100), relay(120)])]),
        ev('REST_REQUEST', 150, 280),
      ]),
      ev('REMOTE_RINGING', 400, 401),
      ev('HOLD_LOCAL', 1000, 1100),
      ev('HOLD_LOCAL', 2000, 2030), // the latest counts
      ev('HOLD_LOCAL', 3000, 3500, [], true), // failed: ignored
      ev('UNHOLD_LOCAL', 4000, undefined), // still running: ignored
      ev('HOLD_REMOTE', 5000, 5007, [ev('PROCESS_MEDIA_LOCAL', 5001, 5005, [ev('ICE_COLLECTION', 5002, 5005)])]),
    ];
    const metrics = computeMetrics({ timeline, start: 0, end: 6000 });
    const of = (type: string) => metrics.filter((m) => m.type === type).map((m) => m.data);
    expect({
      CALL_DURATION: of('CALL_DURATION'), MAKE_CALL_PRE_LOCAL_SETUP: of('MAKE_CALL_PRE_LOCAL_SETUP'), MAKE_CALL_LOCAL_SETUP: of('MAKE_CALL_LOCAL_SETUP'),
      MAKE_CALL_REMOTE_SETUP: of('MAKE_CALL_REMOTE_SETUP'), TIME_TO_MAKE: of('TIME_TO_MAKE'), TIME_TO_RINGING: of('TIME_TO_RINGING'),
      TIME_TO_HOLD_LOCAL: of('TIME_TO_HOLD_LOCAL'), TIME_TO_UNHOLD_LOCAL: of('TIME_TO_UNHOLD_LOCAL'), TIME_TO_HOLD_REMOTE: of('TIME_TO_HOLD_REMOTE'),
      TIME_TO_COLLECT_ICE_CANDIDATES: of('TIME_TO_COLLECT_ICE_CANDIDATES'), TIME_TO_RELAY_CANDIDATES: of('TIME_TO_RELAY_CANDIDATES'),
      ANSWER_CALL_PRE_LOCAL_SETUP: of('ANSWER_CALL_PRE_LOCAL_SETUP'),
    }).toEqual({
      CALL_DURATION: [6000], MAKE_CALL_PRE_LOCAL_SETUP: [60], MAKE_CALL_LOCAL_SETUP: [150], MAKE_CALL_REMOTE_SETUP: [150], TIME_TO_MAKE: [300],
      TIME_TO_RINGING: [400], TIME_TO_HOLD_LOCAL: [30], TIME_TO_UNHOLD_LOCAL: [], TIME_TO_HOLD_REMOTE: [7],
      TIME_TO_COLLECT_ICE_CANDIDATES: [3], TIME_TO_RELAY_CANDIDATES: [40, 60], ANSWER_CALL_PRE_LOCAL_SETUP: [],
    });
    const answered = computeMetrics({ timeline: [ev('RECEIVE_CALL', 0, 10), ev('ANSWER', 100, 250, [ev('PROCESS_MEDIA_LOCAL', 110, 200, [ev('ICE_COLLECTION', 130, 200)])])], start: 0, mediaConnected: 300 });
    expect(answered).toEqual(expect.arrayContaining([
      { type: 'ANSWER_CALL_PRE_LOCAL_SETUP', data: 30 }, { type: 'TIME_TO_ANSWER', data: 150 }, { type: 'TIME_FROM_RECEIVE_TO_ANSWER', data: 250 },
      { type: 'TIME_TO_CALL_SETUP_DURATION', data: 300 }, { type: 'ANSWER_CALL_LOCAL_SETUP', data: 200 },
    ]));
  });
});

describe('call reports: API and lifetime', () => {
  test('getReport: types throw, unknown calls are CALL_NOT_FOUND; constants match the seed names', () => {
    const env = createTestEnv({ extra: [callReportPlugin()] });
    expect(() => api(env).getReport(3 as never)).toThrow(TypeError);
    expect(() => api(env).getReport('nope')).toThrow(expect.objectContaining({ code: 'CALL_NOT_FOUND' }));
    expect(Object.keys(api(env).reportEvents)).toHaveLength(40);
    expect(Object.keys(api(env).metrics)).toHaveLength(29);
    for (const [k, v] of [...Object.entries(api(env).reportEvents), ...Object.entries(api(env).metrics)]) expect(v).toBe(k);
  });

  test('destroying the client restores the call backend methods the plugin wrapped', async () => {
    const env = createTestEnv({ extra: [callReportPlugin()] });
    const backend = env.backend as unknown as Record<string, unknown>;
    expect(Object.hasOwn(backend, 'start')).toBe(true);
    const wrapped = backend.start;
    await env.client.destroy();
    expect(backend.start).not.toBe(wrapped);
  });
});
