/**
 * The recorder plugin against fake call/media plugins and a fake MediaRecorder: recording, the
 * automatic stops, mixing, autoRecord, misuse (TypeError / coded BasicError, nothing started) and
 * lifecycle.
 */
import { contribute, createClient, definePlugin, isBasicError, type SdkWarning } from '@switchboard/core';
import { states } from '@switchboard/call';
import { callRecorderPlugin, recorderErrorCodes, recorderStorage, type RecordingStore } from '../src';
import { createRecorderTestClient, fakeMediaPlugin, recordEvents, until } from './fakes';

const RECORDER_EVENTS = ['recorder:start', 'recorder:stop', 'recorder:error'] as const;

describe('recording a call', () => {
  it('records the remote audio track, hands the chunks back as one Blob and stores it', async () => {
    const t = createRecorderTestClient();
    const events = recordEvents(t.client, RECORDER_EVENTS);
    const { id, remote } = t.connectedCall();
    const recordingId = await t.client.recorder.start(id);
    expect(t.client.recorder.isRecording(id)).toBe(true);
    expect(events.of('recorder:start')).toEqual([{ callId: id, recordingId, mimeType: 'audio/webm;codecs=opus' }]);
    const [recorder] = t.env.recorders;
    expect(recorder!.stream.getTracks()).toEqual([remote]);
    expect([recorder!.state, recorder!.timeslice, recorder!.mimeType]).toEqual(['recording', 1000, 'audio/webm;codecs=opus']);
    recorder!.deliver('abc');
    recorder!.deliver('defg');
    const recording = await t.client.recorder.stop(id);
    expect(recording).toMatchObject({ id: recordingId, callId: id, reason: 'stopped', size: 7, includesLocal: false, trackIds: [remote.id] });
    expect(await recording.blob.text()).toBe('abcdefg');
    expect(recording.blob.type).toBe('audio/webm;codecs=opus');
    expect(t.client.recorder.isRecording(id)).toBe(false);
    expect(events.of('recorder:stop')).toEqual([{ callId: id, recordingId, reason: 'stopped', recording: expect.objectContaining({ size: 7 }) }]);
    expect('blob' in events.of('recorder:stop')[0]!.recording).toBe(false);
    expect(t.client.recorder.storage).toBe('memory');
    expect(await t.client.recorder.getAll()).toEqual([expect.objectContaining({ id: recordingId, size: 7 })]);
    expect(await (await t.client.recorder.get(recordingId))!.blob.text()).toBe('abcdefg');
    expect(await t.client.recorder.remove(recordingId)).toBe(true);
    expect(await t.client.recorder.get(recordingId)).toBeUndefined();
    await t.client.destroy();
  });

  it('stops by itself when the call ends (call:stateChange) and when every track ended', async () => {
    const t = createRecorderTestClient();
    const events = recordEvents(t.client, RECORDER_EVENTS);
    const first = t.connectedCall();
    await t.client.recorder.start(first.id);
    t.env.recorders[0]!.deliver('x');
    t.call.setState(first.id, states.ENDED);
    await until(() => events.of('recorder:stop').length === 1, 'recorder:stop');
    expect(events.of('recorder:stop')[0]).toMatchObject({ callId: first.id, reason: 'callEnded', recording: { size: 1 } });
    expect(t.env.recorders[0]!.state).toBe('inactive');
    expect(t.client.recorder.isRecording(first.id)).toBe(false);

    const second = t.connectedCall();
    await t.client.recorder.start(second.id);
    t.env.recorders[1]!.endByItself();
    await until(() => events.of('recorder:stop').length === 2, 'second recorder:stop');
    expect(events.of('recorder:stop')[1]).toMatchObject({ callId: second.id, reason: 'tracksEnded' });
    expect(events.of('recorder:error')).toEqual([]);
    await t.client.destroy();
  });

  it('stops after maxDurationMs', async () => {
    const t = createRecorderTestClient({ config: { recorder: { maxDurationMs: 1 } } });
    const events = recordEvents(t.client, RECORDER_EVENTS);
    const { id } = t.connectedCall();
    await t.client.recorder.start(id);
    await until(() => events.of('recorder:stop').length === 1, 'recorder:stop after maxDurationMs');
    expect(events.of('recorder:stop')[0]!.reason).toBe('maxDuration');
    await t.client.destroy();
  });

  it('mixes the local audio in through an AudioContext when includeLocal is set, and releases the mix', async () => {
    const t = createRecorderTestClient();
    const { id, remote, local } = t.connectedCall();
    await t.client.recorder.start(id, { includeLocal: true, timeslice: 0 });
    const [context] = t.env.contexts;
    expect(context!.sources.map((s) => s.stream.getTracks())).toEqual([[remote], [local]]);
    expect(context!.sources.every((s) => s.connected[0] === context!.destination)).toBe(true);
    expect(t.env.recorders[0]!.stream).toBe(context!.destination.stream);
    expect(t.env.recorders[0]!.timeslice).toBeUndefined();
    const recording = await t.client.recorder.stop(id);
    expect(recording).toMatchObject({ includesLocal: true, trackIds: [remote.id, local.id] });
    expect([context!.sources.every((s) => s.disconnected), context!.closed]).toEqual([true, true]);
    await t.client.destroy();
  });

  it('records every call that connects when autoRecord is on', async () => {
    const t = createRecorderTestClient({ config: { recorder: { autoRecord: true } } });
    const events = recordEvents(t.client, RECORDER_EVENTS);
    const { id } = t.connectedCall();
    t.call.setState(id, states.CONNECTED);
    expect(t.client.recorder.isRecording(id)).toBe(true);
    await until(() => events.of('recorder:start').length === 1, 'recorder:start');
    t.call.setState(id, states.ENDED);
    await until(() => events.of('recorder:stop').length === 1, 'recorder:stop');
    await t.client.destroy();
  });

  it('returns the same recording to every stop() while it finishes', async () => {
    const t = createRecorderTestClient();
    const { id } = t.connectedCall();
    await t.client.recorder.start(id);
    const [a, b] = await Promise.all([t.client.recorder.stop(id), t.client.recorder.stop(id)]);
    expect(a).toBe(b);
    await expect(t.client.recorder.stop(id)).rejects.toMatchObject({ code: recorderErrorCodes.NOT_RECORDING });
    await t.client.destroy();
  });
});

describe('misuse', () => {
  it('throws a TypeError synchronously for wrong argument types, and starts nothing', async () => {
    const t = createRecorderTestClient();
    const { id } = t.connectedCall();
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
    await t.client.destroy();
  });

  it('rejects wrong values and states with a coded BasicError before opening anything', async () => {
    const t = createRecorderTestClient({ supported: ['audio/webm'] });
    const events = recordEvents(t.client, RECORDER_EVENTS);
    const { id } = t.connectedCall();
    t.call.addCall('ringing', { state: states.RINGING, remoteTracks: [id + '-remote-audio'] });
    t.media.addTrack('video-only-track', 'video', false);
    t.call.addCall('video-only', { remoteTracks: ['video-only-track'] });
    const rows: Array<[() => Promise<unknown>, string]> = [
      [() => t.client.recorder.start('nope'), 'RECORDER_CALL_NOT_FOUND'],
      [() => t.client.recorder.start('ringing'), 'RECORDER_INVALID_STATE'],
      [() => t.client.recorder.start('video-only'), 'RECORDER_NO_TRACKS'],
      [() => t.client.recorder.start(id, { mimeType: 'audio/ogg;codecs=opus' }), 'RECORDER_UNSUPPORTED'],
      [() => t.client.recorder.start(id, { timeslice: -1 }), 'INVALID_ARGUMENT'],
      [() => t.client.recorder.start(id, { maxDurationMs: 1.5 }), 'INVALID_ARGUMENT'],
      [() => t.client.recorder.stop(id), 'RECORDER_NOT_RECORDING'],
    ];
    for (const [run, code] of rows) {
      const error = await run().then(() => undefined, (e: unknown) => e);
      expect(isBasicError(error) && error.code).toBe(code);
    }
    expect([t.env.recorders.length, t.env.contexts.length, events.seen.length]).toEqual([0, 0, 0]);
    // the browser's default type when no preferred one is supported by name
    await t.client.recorder.start(id);
    expect(t.env.recorders[0]!.mimeType).toBe('audio/webm');
    await expect(t.client.recorder.start(id)).rejects.toMatchObject({ code: 'RECORDER_ALREADY_RECORDING' });
    expect(t.env.recorders.length).toBe(1);
    await t.client.destroy();
  });

  it('rejects with RECORDER_UNSUPPORTED without MediaRecorder, and RECORDER_FAILED (mix released) when it cannot start', async () => {
    const media = fakeMediaPlugin();
    const t = createRecorderTestClient();
    const { id } = t.connectedCall();
    const Broken = class {
      static isTypeSupported = () => true;
      constructor() {
        throw new Error('NotSupportedError');
      }
    };
    const broken = createClient({
      plugins: [t.call.plugin, media.plugin, callRecorderPlugin({ environment: { ...t.env.environment, MediaRecorder: Broken as never } })],
      config: { logs: { logLevel: 'silent' } },
    });
    media.addTrack(`${id}-remote-audio`, 'audio', false);
    media.addTrack(`${id}-local-audio`, 'audio', true);
    await expect(broken.recorder.start(id, { includeLocal: true })).rejects.toMatchObject({ code: 'RECORDER_FAILED' });
    expect(t.env.contexts[0]!.closed).toBe(true);
    expect(broken.recorder.isRecording(id)).toBe(false);
    await broken.destroy();
    // Node has no MediaRecorder: without one in the environment, nothing can be recorded
    const bare = createClient({
      plugins: [t.call.plugin, media.plugin, callRecorderPlugin({ environment: { ...t.env.environment, MediaRecorder: undefined } })],
      config: { logs: { logLevel: 'silent' } },
    });
    await expect(bare.recorder.start(id)).rejects.toMatchObject({ code: 'RECORDER_UNSUPPORTED' });
    await bare.destroy();
    await t.client.destroy();
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
    const events = recordEvents(t.client, RECORDER_EVENTS);
    const { id } = t.connectedCall();
    await t.client.recorder.start(id);
    t.env.recorders[0]!.fail(new Error('device gone'));
    expect(events.of('recorder:error')).toEqual([{ callId: id, recordingId: 'rec-1', error: expect.objectContaining({ code: 'RECORDER_FAILED' }) }]);
    await expect(t.client.recorder.stop(id)).rejects.toMatchObject({ code: 'RECORDER_STORAGE_FAILED', message: expect.stringContaining('disk full') });
    expect(events.of('recorder:error')[1]).toMatchObject({ error: { code: 'RECORDER_STORAGE_FAILED' } });
    await expect(t.client.recorder.getAll()).rejects.toMatchObject({ code: 'RECORDER_STORAGE_FAILED' });
    expect(events.of('recorder:stop')).toEqual([]);
    await t.client.destroy();
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
    const { id } = t.connectedCall();
    await t.client.recorder.start(id);
    expect(t.env.recorders[0]!.timeslice).toBe(40);
    await t.client.destroy();
  });

  it('destroy() stops recording, emits nothing more, and every method then throws SDK_DESTROYED', async () => {
    const t = createRecorderTestClient();
    const events = recordEvents(t.client, RECORDER_EVENTS);
    const { id } = t.connectedCall();
    await t.client.recorder.start(id);
    await t.client.destroy();
    expect(t.env.recorders[0]!.state).toBe('inactive');
    expect(events.of('recorder:stop')).toEqual([]);
    expect(() => t.client.recorder.isRecording(id)).toThrow(expect.objectContaining({ code: 'SDK_DESTROYED' }));
  });
});
