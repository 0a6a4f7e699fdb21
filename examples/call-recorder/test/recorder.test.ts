/**
 * The recorder plugin observing real calls of the real call plugin (`createTestClient` from
 * `@switchboard/test-utils` with the in-memory call backend; the test plays bob), recording
 * through a fake MediaRecorder: recording, the automatic stops, mixing, autoRecord, misuse
 * (TypeError / coded BasicError, nothing started) and lifecycle.
 */
import { contribute, createClient, definePlugin, isBasicError, type SdkWarning } from '@switchboard/core';
import { until } from '@switchboard/test-utils';
import { callRecorderPlugin, recorderErrorCodes, recorderStorage, type RecordingStore } from '../src';
import { createRecorderTestClient } from './recorderClient';

describe('recording a call', () => {
  it('records the remote audio track, hands the chunks back as one Blob and stores it', async () => {
    const t = createRecorderTestClient();
    const { id, remote, remoteId } = await t.connectedCall();
    const recordingId = await t.client.recorder.start(id);
    expect(t.client.recorder.isRecording(id)).toBe(true);
    expect(t.of('recorder:start')).toEqual([{ callId: id, recordingId, mimeType: 'audio/webm;codecs=opus' }]);
    const [recorder] = t.env.recorders;
    expect(recorder!.stream.getTracks()).toEqual([remote]);
    expect(recorder!.stream.getTracks()[0]).toBe(remote);
    expect([recorder!.state, recorder!.timeslice, recorder!.mimeType]).toEqual(['recording', 1000, 'audio/webm;codecs=opus']);
    recorder!.deliver('abc');
    recorder!.deliver('defg');
    const recording = await t.client.recorder.stop(id);
    expect(recording).toMatchObject({ id: recordingId, callId: id, reason: 'stopped', size: 7, includesLocal: false, trackIds: [remoteId] });
    expect(await recording.blob.text()).toBe('abcdefg');
    expect(recording.blob.type).toBe('audio/webm;codecs=opus');
    expect(t.client.recorder.isRecording(id)).toBe(false);
    expect(t.of('recorder:stop')).toEqual([{ callId: id, recordingId, reason: 'stopped', recording: expect.objectContaining({ size: 7 }) }]);
    expect('blob' in t.of('recorder:stop')[0]!.recording).toBe(false);
    expect(t.client.recorder.storage).toBe('memory');
    expect(await t.client.recorder.getAll()).toEqual([expect.objectContaining({ id: recordingId, size: 7 })]);
    expect(await (await t.client.recorder.get(recordingId))!.blob.text()).toBe('abcdefg');
    expect(await t.client.recorder.remove(recordingId)).toBe(true);
    expect(await t.client.recorder.get(recordingId)).toBeUndefined();
    await t.destroy();
  });

  it('stops by itself when the call ends (call:stateChange) and when every track ended', async () => {
    const t = createRecorderTestClient();
    const first = await t.connectedCall();
    await t.client.recorder.start(first.id);
    t.env.recorders[0]!.deliver('x');
    t.end(first);
    await until(() => t.of('recorder:stop').length === 1);
    expect(t.of('recorder:stop')[0]).toMatchObject({ callId: first.id, reason: 'callEnded', recording: { size: 1 } });
    expect(t.env.recorders[0]!.state).toBe('inactive');
    expect(t.client.recorder.isRecording(first.id)).toBe(false);

    const second = await t.connectedCall();
    await t.client.recorder.start(second.id);
    t.env.recorders[1]!.endByItself();
    await until(() => t.of('recorder:stop').length === 2);
    expect(t.of('recorder:stop')[1]).toMatchObject({ callId: second.id, reason: 'tracksEnded' });
    expect(t.of('recorder:error')).toEqual([]);
    await t.destroy();
  });

  it('stops after maxDurationMs', async () => {
    const t = createRecorderTestClient({ config: { recorder: { maxDurationMs: 1 } } });
    const { id } = await t.connectedCall();
    await t.client.recorder.start(id);
    await until(() => t.of('recorder:stop').length === 1);
    expect(t.of('recorder:stop')[0]!.reason).toBe('maxDuration');
    await t.destroy();
  });

  it('mixes the local audio in through an AudioContext when includeLocal is set, and releases the mix', async () => {
    const t = createRecorderTestClient();
    const { id, remote, local, remoteId, localId } = await t.connectedCall();
    expect(local).toBeDefined();
    await t.client.recorder.start(id, { includeLocal: true, timeslice: 0 });
    const [context] = t.env.contexts;
    expect(context!.sources.map((s) => s.stream.getTracks())).toEqual([[remote], [local]]);
    expect([context!.sources[0]!.stream.getTracks()[0] === remote, context!.sources[1]!.stream.getTracks()[0] === local]).toEqual([true, true]);
    expect(context!.sources.every((s) => s.connected[0] === context!.destination)).toBe(true);
    expect(t.env.recorders[0]!.stream).toBe(context!.destination.stream);
    expect(t.env.recorders[0]!.timeslice).toBeUndefined();
    const recording = await t.client.recorder.stop(id);
    expect(recording).toMatchObject({ includesLocal: true, trackIds: [remoteId, localId] });
    expect([context!.sources.every((s) => s.disconnected), context!.closed]).toEqual([true, true]);
    await t.destroy();
  });

  it('records every call that connects when autoRecord is on', async () => {
    const t = createRecorderTestClient({ config: { recorder: { autoRecord: true } } });
    const call = await t.connectedCall();
    expect(t.client.recorder.isRecording(call.id)).toBe(true);
    await until(() => t.of('recorder:start').length === 1);
    t.end(call);
    await until(() => t.of('recorder:stop').length === 1);
    expect(t.of('recorder:error')).toEqual([]);
    await t.destroy();
  });

  it('returns the same recording to every stop() while it finishes', async () => {
    const t = createRecorderTestClient();
    const { id } = await t.connectedCall();
    await t.client.recorder.start(id);
    const [a, b] = await Promise.all([t.client.recorder.stop(id), t.client.recorder.stop(id)]);
    expect(a).toBe(b);
    await expect(t.client.recorder.stop(id)).rejects.toMatchObject({ code: recorderErrorCodes.NOT_RECORDING });
    await t.destroy();
  });
});

describe('misuse', () => {
  it('throws a TypeError synchronously for wrong argument types, and starts nothing', async () => {
    const t = createRecorderTestClient();
    const { id } = await t.connectedCall();
    const api = t.client.recorder as unknown as Record<string, (...a: unknown[]) => unknown>;
    const rows: Array<[string, unknown[]]> = [
      ['start', [42]],
      ['start', [id, 'loud']],
      ['start', [id, null]],
      ['start', [id, { timeslice: '100' }]],
      ['start', [id, { includeLocal: 1 }]],
      ['start', [id, { mimetype: 'audio/webm' }]],
      ['stop', [undefined]],
      ['isRecording', [{}]],
      ['get', [null]],
      ['remove', [7]],
    ];
    for (const [method, args] of rows) expect(() => api[method]!(...args)).toThrow(TypeError);
    expect(t.env.recorders).toEqual([]);
    expect(() => callRecorderPlugin(null as never)).toThrow(TypeError);
    expect(() => callRecorderPlugin({ environment: 5 as never })).toThrow(TypeError);
    await t.destroy();
  });

  it('rejects wrong values and states with a coded BasicError before opening anything', async () => {
    const t = createRecorderTestClient({ supported: ['audio/webm'] });
    const videoOnly = await t.connectedCall('video');
    const ringing = await t.ringingCall();
    const { id } = await t.connectedCall();
    const rows: Array<[() => Promise<unknown>, string]> = [
      [() => t.client.recorder.start('nope'), 'RECORDER_CALL_NOT_FOUND'],
      [() => t.client.recorder.start(ringing.id), 'RECORDER_INVALID_STATE'],
      [() => t.client.recorder.start(videoOnly.id), 'RECORDER_NO_TRACKS'],
      [() => t.client.recorder.start(id, { mimeType: 'audio/ogg;codecs=opus' }), 'RECORDER_UNSUPPORTED'],
      [() => t.client.recorder.start(id, { timeslice: -1 }), 'INVALID_ARGUMENT'],
      [() => t.client.recorder.start(id, { maxDurationMs: 1.5 }), 'INVALID_ARGUMENT'],
      [() => t.client.recorder.stop(id), 'RECORDER_NOT_RECORDING'],
    ];
    for (const [run, code] of rows) {
      const error = await run().then(() => undefined, (e: unknown) => e);
      expect(isBasicError(error) && error.code).toBe(code);
    }
    expect([t.env.recorders.length, t.env.contexts.length, t.recorderEvents().length]).toEqual([0, 0, 0]);
    // the browser's default type when no preferred one is supported by name
    await t.client.recorder.start(id);
    expect(t.env.recorders[0]!.mimeType).toBe('audio/webm');
    await expect(t.client.recorder.start(id)).rejects.toMatchObject({ code: 'RECORDER_ALREADY_RECORDING' });
    expect(t.env.recorders.length).toBe(1);
    await t.destroy();
  });

  it('rejects with RECORDER_UNSUPPORTED without MediaRecorder, and RECORDER_FAILED (mix released) when it cannot start', async () => {
    const Broken = class {
      static isTypeSupported = () => true;
      constructor() {
        throw new Error('NotSupportedError');
      }
    };
    const broken = createRecorderTestClient({ environment: { MediaRecorder: Broken as never } });
    const call = await broken.connectedCall();
    await expect(broken.client.recorder.start(call.id, { includeLocal: true })).rejects.toMatchObject({ code: 'RECORDER_FAILED' });
    expect(broken.env.contexts[0]!.closed).toBe(true);
    expect(broken.client.recorder.isRecording(call.id)).toBe(false);
    await broken.destroy();
    // Node has no MediaRecorder: without one in the environment, nothing can be recorded
    const bare = createRecorderTestClient({ environment: { MediaRecorder: undefined } });
    const { id } = await bare.connectedCall();
    await expect(bare.client.recorder.start(id)).rejects.toMatchObject({ code: 'RECORDER_UNSUPPORTED' });
    await bare.destroy();
  });

  it('reports a MediaRecorder error and a store that cannot save as recorder:error', async () => {
    const failing = definePlugin({
      id: 'failing-store',
      version: '1.0.0',
      dependsOn: ['call-recorder'],
      contributes: [contribute(recorderStorage, 'failing', failingStore)],
      register: () => ({ api: {} }),
    });
    const t = createRecorderTestClient({ extra: [failing] });
    const { id } = await t.connectedCall();
    await t.client.recorder.start(id);
    t.env.recorders[0]!.fail(new Error('device gone'));
    expect(t.of('recorder:error')).toEqual([{ callId: id, recordingId: 'rec-1', error: expect.objectContaining({ code: 'RECORDER_FAILED' }) }]);
    await expect(t.client.recorder.stop(id)).rejects.toMatchObject({ code: 'RECORDER_STORAGE_FAILED', message: expect.stringContaining('disk full') });
    expect(t.of('recorder:error')[1]).toMatchObject({ error: { code: 'RECORDER_STORAGE_FAILED' } });
    await expect(t.client.recorder.getAll()).rejects.toMatchObject({ code: 'RECORDER_STORAGE_FAILED' });
    expect(t.of('recorder:stop')).toEqual([]);
    await t.destroy();
  });
});

/** A store whose every operation fails. */
function failingStore(): RecordingStore {
  const fail = () => Promise.reject(new Error('disk full'));
  return { save: fail, list: fail, get: fail, remove: fail };
}

describe('plugin contract', () => {
  it('needs the call and media plugins', () => {
    expect(() => createClient({ plugins: [callRecorderPlugin()], config: { logs: { logLevel: 'silent' } } })).toThrow(
      expect.objectContaining({ code: 'SDK_PLUGIN_DEPENDENCY_MISSING' }),
    );
  });

  it('validates the recorder config section and warns about a misspelled key with the closest one', async () => {
    const t = createRecorderTestClient({ config: { recorder: { timeslice: 250 } } });
    expect(t.client.getConfig().recorder).toEqual({ mimeType: '', timeslice: 250, maxDurationMs: 3_600_000, autoRecord: false, includeLocal: false });
    expect(() => t.client.updateConfig({ recorder: { timeslice: -5 } })).toThrow(expect.objectContaining({ code: 'INVALID_CONFIG' }));
    const warnings: SdkWarning[] = [];
    t.client.on('sdk:warning', (w) => void warnings.push(w));
    t.client.updateConfig({ recorder: { timeslise: 5 } } as never);
    await Promise.resolve(); // sdk:warning is emitted on a microtask
    expect(warnings).toEqual([expect.objectContaining({ key: 'recorder.timeslise', suggestion: 'recorder.timeslice' })]);
    // the new value is read at the next start
    t.client.updateConfig({ recorder: { timeslice: 40 } });
    const { id } = await t.connectedCall();
    await t.client.recorder.start(id);
    expect(t.env.recorders[0]!.timeslice).toBe(40);
    await t.destroy();
  });

  it('destroy() stops recording, emits nothing more, and every method then throws SDK_DESTROYED', async () => {
    const t = createRecorderTestClient();
    const { id } = await t.connectedCall();
    await t.client.recorder.start(id);
    await t.destroy();
    expect(t.env.recorders[0]!.state).toBe('inactive');
    expect(t.of('recorder:stop')).toEqual([]);
    expect(() => t.client.recorder.isRecording(id)).toThrow(expect.objectContaining({ code: 'SDK_DESTROYED' }));
  });
});
