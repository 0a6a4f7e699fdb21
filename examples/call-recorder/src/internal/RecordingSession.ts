/**
 * One recording in progress: a MediaRecorder over a captured stream, its chunks, and the promise
 * of its `stop` event. `finish()` stops it (once) and builds the {@link Recording}.
 */
import type { Capture } from './capture';
import type { Recording, RecordingStopReason } from '../types';

/** What a session reports to its owner. @internal */
export interface SessionHooks {
  /** MediaRecorder stopped although nobody asked (every track ended). */
  onUnrequestedStop(): void;
  /** MediaRecorder reported an error. */
  onError(error: unknown): void;
}

/** Fixed facts about a session. @internal */
export interface SessionInfo {
  id: string;
  callId: string;
  mimeType: string;
  startTime: number;
  includesLocal: boolean;
  trackIds: string[];
}

/** @internal */
export class RecordingSession {
  private readonly chunks: Blob[] = [];
  private readonly stopped: Promise<void>;
  private reason?: RecordingStopReason;
  /** The max-duration timer, cleared when the session finishes. */
  timer?: ReturnType<typeof setTimeout>;
  /** Set by the owner when finishing has begun, so every stop() gets the same result. */
  finishing?: Promise<Recording>;

  constructor(
    readonly info: SessionInfo,
    private readonly recorder: MediaRecorder,
    private readonly capture: Capture,
    hooks: SessionHooks,
  ) {
    recorder.addEventListener('dataavailable', (event) => {
      const data = (event as BlobEvent).data;
      if (data && data.size > 0) this.chunks.push(data);
    });
    recorder.addEventListener('error', (event) => hooks.onError((event as ErrorEvent).error ?? event));
    this.stopped = new Promise((resolve) => {
      recorder.addEventListener(
        'stop',
        () => {
          resolve();
          if (!this.reason) hooks.onUnrequestedStop();
        },
        { once: true },
      );
    });
  }

  /** Stops the recorder (unless it already stopped) and resolves with the recording once its last chunk arrived. */
  async finish(reason: RecordingStopReason, now: () => number): Promise<Recording> {
    this.reason ??= reason;
    clearTimeout(this.timer);
    if (this.recorder.state !== 'inactive') this.recorder.stop();
    await this.stopped;
    this.capture.release();
    const endTime = now();
    const { id, callId, mimeType, startTime, includesLocal, trackIds } = this.info;
    const blob = new Blob(this.chunks, { type: mimeType });
    return { id, callId, mimeType, startTime, endTime, durationMs: endTime - startTime, size: blob.size, reason: this.reason, includesLocal, trackIds, blob };
  }

  /** Stops everything without producing a recording (the client is being destroyed). */
  abort(): void {
    this.reason ??= 'stopped';
    clearTimeout(this.timer);
    try {
      if (this.recorder.state !== 'inactive') this.recorder.stop();
    } catch {
      // already stopped: nothing to release on the recorder
    }
    this.capture.release();
  }
}
