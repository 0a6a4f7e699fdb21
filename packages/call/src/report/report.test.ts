/** callReportPlugin: the timeline built from call:operation, the computed metrics, refusals. */
import { chromeAnswer, until } from '@switchboard/test-utils';
import { bobCalls, createTestEnv, destroyTestEnvs } from '../__fakes__/env';
import { states } from '../constants';
import { callReportPlugin, type CallReportApi } from './plugin';

afterEach(destroyTestEnvs);
const api = (env: ReturnType<typeof createTestEnv>) => env.client.call as unknown as CallReportApi;

describe('call reports', () => {
  test('an outgoing call: MAKE, REMOTE_RINGING, PROCESS_MEDIA_REMOTE, END_LOCAL; duration metrics', async () => {
    const env = createTestEnv({ extra: [callReportPlugin()] });
    const callId = env.client.call.make('bob', { audio: true });
    await until(() => env.of('call:start').length > 0);
    env.backend.remote.ringing('leg-a-1');
    env.backend.remote.answer('leg-a-1', chromeAnswer);
    await until(() => env.client.call.getById(callId)?.state === states.CONNECTED);
    env.peers.instances[0]!.setIceConnectionState('connected');
    const during = api(env).getReport(callId);
    expect(during.metrics.map((m) => m.type)).not.toContain('CALL_DURATION');
    env.client.call.end(callId);
    await until(() => env.client.call.getById(callId)?.state === states.ENDED && env.client.call.getById(callId)!.currentOperations.length === 0);
    const report = api(env).getReport(callId);
    const { reportEvents, metrics } = api(env);
    expect(report.timeline.map((e) => e.type)).toEqual([reportEvents.MAKE, reportEvents.REMOTE_RINGING, reportEvents.PROCESS_MEDIA_REMOTE, reportEvents.END_LOCAL]);
    for (const e of report.timeline) {
      expect(e.end).toBeGreaterThanOrEqual(e.start);
      expect(e.timeline).toEqual([]);
    }
    expect(report).toMatchObject({ id: callId, data: { direction: 'outgoing', state: states.ENDED } });
    const metric = (type: string) => report.metrics.find((m) => m.type === type)?.data;
    expect(metric(metrics.CALL_DURATION)).toBe(report.end! - report.start);
    expect(metric(metrics.TIME_TO_MAKE)).toBe(report.timeline[0]!.end! - report.timeline[0]!.start);
    expect(metric(metrics.TIME_TO_RINGING)).toBe(report.timeline[1]!.start - report.timeline[0]!.start);
    expect(metric(metrics.TIME_TO_ANSWER)).toBeUndefined();
    // a copy: changing it changes nothing
    report.timeline.length = 0;
    expect(api(env).getReport(callId).timeline).toHaveLength(4);
  });

  test('an incoming call: RECEIVE_CALL, ANSWER; answer metrics; failed operations carry their error', async () => {
    const env = createTestEnv({ extra: [callReportPlugin()] });
    bobCalls(env.backend, 'leg-b-1', (await import('@switchboard/test-utils')).chromeOffer);
    await until(() => env.of('call:receive').length === 1);
    const callId = env.of('call:receive')[0]!.callId;
    env.client.call.sendDTMF(callId, '1'); // refused: not Connected
    env.client.call.answer(callId, { audio: true });
    await until(() => env.client.call.getById(callId)?.state === states.CONNECTED);
    env.peers.instances[0]!.setIceConnectionState('connected');
    await until(() => api(env).getReport(callId).timeline.some((e) => e.type === 'SEND_DTMF'));
    const report = api(env).getReport(callId);
    expect(report.timeline.map((e) => e.type)).toEqual(expect.arrayContaining(['RECEIVE_CALL', 'ANSWER', 'SEND_DTMF']));
    expect(report.timeline.find((e) => e.type === 'SEND_DTMF')!.data.error).toMatchObject({ code: 'CALL_INVALID_STATE' });
    const types = report.metrics.map((m) => m.type);
    expect(types).toEqual(expect.arrayContaining(['TIME_TO_ANSWER', 'TIME_FROM_RECEIVE_TO_ANSWER', 'TIME_TO_CALL_SETUP_DURATION', 'ANSWER_CALL_LOCAL_SETUP']));
  });

  test('getReport: types throw, unknown calls are CALL_NOT_FOUND; constants match the seed names', () => {
    const env = createTestEnv({ extra: [callReportPlugin()] });
    expect(() => api(env).getReport(3 as never)).toThrow(TypeError);
    expect(() => api(env).getReport('nope')).toThrow(expect.objectContaining({ code: 'CALL_NOT_FOUND' }));
    expect(Object.keys(api(env).reportEvents)).toHaveLength(40);
    expect(Object.keys(api(env).metrics)).toHaveLength(29);
    for (const [k, v] of [...Object.entries(api(env).reportEvents), ...Object.entries(api(env).metrics)]) expect(v).toBe(k);
  });
});
