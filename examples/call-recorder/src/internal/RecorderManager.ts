/**
 * Owns the recordings in progress (one per call). `start` checks every value before it opens
 * anything; a recording finishes through `stop`, the end of its call, its max duration, or its
 * tracks ending, and is then saved to the store and announced with `recorder:stop`.
 */
import { BasicError, toBasicError, type EventBus, type Logger } from '@switchboard/core';
import { states, type CallState, type CallsService } from '@switchboard/call';
import type { MediaRegistry } from '@switchboard/media';
import type { RecorderConfig } from '../config';
import type { MediaRecorderClass, ResolvedEnvironment } from '../environment';
import { recorderError } from '../errors';
import '../events';
import type { RecordingStore } from '../storage';
import type { RecordOptions, Recording, RecordingStopReason } from '../types';
import { captureProblem, createCapture, pickAudioTracks } from './capture';
import { RecordingSession } from './RecordingSession';

/** Collaborators of the manager. @internal */
export interface RecorderManagerDeps {
  calls: CallsService;
  media: MediaRegistry;
  store: RecordingStore;
  env: ResolvedEnvironment;
  config: () => Readonly<RecorderConfig>;
  /** The client's event bus (the `recorder:*` events are typed by `../events`). */
  events: EventBus;
  logger: Logger;
}

/** States in which a call has media worth recording. */
const RECORDABLE: ReadonlySet<CallState> = new Set([states.CONNECTED, states.ON_HOLD, states.EARLY_MEDIA]);
/** States after which a call has no more media. */
const FINAL: ReadonlySet<CallState> = new Set([states.ENDED, states.CANCELLED]);
/** Tried in order when neither the config nor the options name a MIME type. */
const PREFERRED_TYPES = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/webm'];

const nonNegativeInteger = (name: string, value: number) => {
  if (!Number.isInteger(value) || value < 0) throw recorderError('INVALID_ARGUMENT', `${name} must be a non-negative integer, got ${value}.`);
};

/** @internal */
export class RecorderManager {
  private readonly active = new Map<string, RecordingSession>();
  private disposed = false;

  constructor(private readonly deps: RecorderManagerDeps) {}

  /** Starts recording `callId`. Argument types were checked by the API. */
  start(callId: string, options: RecordOptions = {}): Promise<string> {
    try {
      return Promise.resolve(this.begin(callId, options));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Stops recording `callId` (the same promise for every call while it finishes). */
  stop(callId: string, reason: RecordingStopReason = 'stopped'): Promise<Recording> {
    const session = this.active.get(callId);
    if (!session) return Promise.reject(recorderError('RECORDER_NOT_RECORDING', `Call ${JSON.stringify(callId)} is not being recorded.`));
    session.finishing ??= this.complete(session, reason);
    return session.finishing;
  }

  /** Whether `callId` is being recorded (until its MediaRecorder has stopped). */
  isRecording(callId: string): boolean {
    return this.active.has(callId);
  }

  /** Feeds a `call:stateChange`: finishes recordings of ended calls, starts new ones when `autoRecord` is on. */
  handleStateChange(callId: string, state: CallState): void {
    if (FINAL.has(state) && this.active.has(callId)) {
      void this.stop(callId, 'callEnded').catch(() => undefined); // failures were reported as recorder:error
    } else if (state === states.CONNECTED && this.deps.config().autoRecord && !this.active.has(callId)) {
      this.autoStart(callId);
    }
  }

  /**
   * Feeds a `call:tracksAdded`: with `autoRecord`, a Connected call whose remote audio arrived
   * only after it connected (the `track` event may follow the answer) is recorded now.
   */
  handleTracksAdded(callId: string): void {
    if (this.disposed || !this.deps.config().autoRecord || this.active.has(callId)) return;
    if (this.deps.calls.get(callId)?.state === states.CONNECTED) this.autoStart(callId);
  }

  /** `autoRecord`: starts recording `callId` once it has an audio track; failures are `recorder:error`. */
  private autoStart(callId: string): void {
    const call = this.deps.calls.get(callId);
    if (call && !pickAudioTracks(call, this.deps.media, this.deps.config().includeLocal).length) return; // handleTracksAdded retries
    this.start(callId).catch((error: unknown) => this.deps.events.emit('recorder:error', { callId, error: toBasicError(error, 'RECORDER_FAILED') }));
  }

  /** Stops every recording without saving it; later events are not emitted. */
  dispose(): void {
    this.disposed = true;
    for (const session of this.active.values()) session.abort();
    this.active.clear();
  }

  /** Every check, then the side effects. Throws the BasicError to reject with. */
  private begin(callId: string, options: RecordOptions): string {
    const config = this.deps.config();
    const settings = { ...config, ...definedOnly(options) };
    nonNegativeInteger('timeslice', settings.timeslice);
    nonNegativeInteger('maxDurationMs', settings.maxDurationMs);
    const call = this.deps.calls.get(callId);
    if (!call) throw recorderError('RECORDER_CALL_NOT_FOUND', `No call with id ${JSON.stringify(callId)}.`);
    if (!RECORDABLE.has(call.state)) throw recorderError('RECORDER_INVALID_STATE', `Cannot record a call in state "${call.state}".`);
    if (this.active.has(callId)) throw recorderError('RECORDER_ALREADY_RECORDING', `Call ${JSON.stringify(callId)} is already being recorded.`);
    const Recorder = this.deps.env.MediaRecorder;
    if (!Recorder) throw recorderError('RECORDER_UNSUPPORTED', 'MediaRecorder is not available in this runtime.');
    const mimeType = chooseMimeType(Recorder, settings.mimeType);
    const tracks = pickAudioTracks(call, this.deps.media, settings.includeLocal);
    if (!tracks.length) throw recorderError('RECORDER_NO_TRACKS', `Call ${JSON.stringify(callId)} has no live audio track to record.`);
    const problem = captureProblem(this.deps.env, tracks.length);
    if (problem) throw problem;

    // Side effects start here: whatever fails now is released before the promise rejects.
    const capture = createCapture(this.deps.env, tracks);
    let recorder: MediaRecorder;
    try {
      recorder = new Recorder(capture.stream, mimeType ? { mimeType } : undefined);
      recorder.start(settings.timeslice > 0 ? settings.timeslice : undefined);
    } catch (error) {
      capture.release();
      throw recorderError('RECORDER_FAILED', 'MediaRecorder could not start', error);
    }
    const id = this.deps.env.randomId();
    const info = {
      id,
      callId,
      mimeType: recorder.mimeType || mimeType || 'audio/webm',
      startTime: this.deps.env.now(),
      includesLocal: settings.includeLocal,
      trackIds: tracks.map((t) => t.id),
    };
    const session: RecordingSession = new RecordingSession(info, recorder, capture, {
      onUnrequestedStop: () => {
        const ended = FINAL.has(this.deps.calls.get(callId)?.state ?? states.ENDED);
        void this.stop(callId, ended ? 'callEnded' : 'tracksEnded').catch(() => undefined);
      },
      onError: (cause) => {
        if (!this.disposed) this.deps.events.emit('recorder:error', { callId, recordingId: id, error: recorderError('RECORDER_FAILED', 'MediaRecorder failed', cause) });
      },
    });
    this.active.set(callId, session);
    if (settings.maxDurationMs > 0) {
      session.timer = setTimeout(() => void this.stop(callId, 'maxDuration').catch(() => undefined), settings.maxDurationMs);
    }
    this.deps.logger.info(`recording call ${callId} (${tracks.length} track(s), ${info.mimeType})`);
    this.deps.events.emit('recorder:start', { callId, recordingId: id, mimeType: info.mimeType });
    return id;
  }

  /** Waits for the last chunk, saves the recording and announces it. */
  private async complete(session: RecordingSession, reason: RecordingStopReason): Promise<Recording> {
    const { callId, id } = session.info;
    const recording = await session.finish(reason, this.deps.env.now);
    if (this.active.get(callId) === session) this.active.delete(callId);
    if (this.disposed) throw new BasicError('SDK_DESTROYED', 'The client was destroyed while the recording stopped.');
    try {
      await this.deps.store.save(recording);
    } catch (cause) {
      const error = recorderError('RECORDER_STORAGE_FAILED', `Recording ${id} could not be saved`, cause);
      if (!this.disposed) this.deps.events.emit('recorder:error', { callId, recordingId: id, error });
      throw error;
    }
    const { blob: _blob, ...info } = recording;
    this.deps.logger.info(`recording ${id} of call ${callId} saved (${recording.size} bytes, ${recording.reason})`);
    if (!this.disposed) this.deps.events.emit('recorder:stop', { callId, recordingId: id, reason: recording.reason, recording: info });
    return recording;
  }
}

/** The MIME type to ask for: the requested one (which must be supported), else the first preferred one supported, else the browser's. */
function chooseMimeType(Recorder: MediaRecorderClass, requested: string): string {
  if (requested) {
    if (!Recorder.isTypeSupported(requested)) throw recorderError('RECORDER_UNSUPPORTED', `MediaRecorder does not support "${requested}".`);
    return requested;
  }
  return PREFERRED_TYPES.find((type) => Recorder.isTypeSupported(type)) ?? '';
}

/** `options` without its undefined members (so they do not hide the config's values). */
function definedOnly(options: RecordOptions): RecordOptions {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as RecordOptions;
}
