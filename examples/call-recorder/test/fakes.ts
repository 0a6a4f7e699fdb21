/**
 * What `@switchboard/test-utils` does not have, because only a recorder needs it: a fake
 * `MediaRecorder` and a fake `AudioContext`, handed to the plugin through its `environment`
 * option. Tracks and streams are test-utils' `FakeMediaStreamTrack` / `FakeMediaStream`.
 */
import { FakeMediaStream, FakeMediaStreamTrack } from '@switchboard/test-utils';
import type { MediaRecorderClass, RecorderEnvironment } from '../src';

/** A fake MediaRecorder: tests push chunks with `deliver()`; `stop()` flushes asynchronously like a browser. */
export class FakeMediaRecorder extends EventTarget {
  state: RecordingState = 'inactive';
  readonly mimeType: string;
  timeslice?: number;
  constructor(
    readonly stream: FakeMediaStream,
    options: MediaRecorderOptions = {},
  ) {
    super();
    this.mimeType = options.mimeType ?? '';
  }
  start(timeslice?: number): void {
    if (this.state !== 'inactive') throw new Error('InvalidStateError');
    this.state = 'recording';
    this.timeslice = timeslice;
  }
  stop(): void {
    if (this.state === 'inactive') throw new Error('InvalidStateError');
    this.state = 'inactive';
    void Promise.resolve().then(() => {
      this.deliver('');
      this.dispatchEvent(new Event('stop'));
    });
  }
  /** The browser hands over a chunk of `bytes`. */
  deliver(bytes: string): void {
    this.dispatchEvent(Object.assign(new Event('dataavailable'), { data: new Blob([bytes], { type: this.mimeType }) }));
  }
  /** The browser reports an error. */
  fail(error: Error): void {
    this.dispatchEvent(Object.assign(new Event('error'), { error }));
  }
  /** Every recorded track ended: the browser stops the recorder by itself. */
  endByItself(): void {
    this.stop();
  }
}

/** A fake AudioContext that records what was connected. */
export class FakeAudioContext {
  readonly sources: Array<{ stream: FakeMediaStream; connected: unknown[]; disconnected: boolean }> = [];
  readonly destination = { stream: new FakeMediaStream([new FakeMediaStreamTrack('audio', { id: 'mix', label: 'mix' })]) };
  closed = false;
  createMediaStreamDestination() {
    return this.destination;
  }
  createMediaStreamSource(stream: FakeMediaStream) {
    const source = {
      stream,
      connected: [] as unknown[],
      disconnected: false,
      connect: (node: unknown) => void source.connected.push(node),
      disconnect: () => void (source.disconnected = true),
    };
    this.sources.push(source);
    return source;
  }
  async close() {
    this.closed = true;
  }
}

/** A fake browser environment for `callRecorderPlugin({ environment })`, with what it created. */
export function fakeEnvironment(supported: readonly string[] = ['audio/webm;codecs=opus', 'audio/webm']) {
  const recorders: FakeMediaRecorder[] = [];
  const contexts: FakeAudioContext[] = [];
  let ids = 0;
  class Recorder extends FakeMediaRecorder {
    constructor(stream: FakeMediaStream, options?: MediaRecorderOptions) {
      super(stream, options);
      recorders.push(this);
    }
    static isTypeSupported(type: string) {
      return supported.includes(type);
    }
  }
  const environment: RecorderEnvironment = {
    MediaRecorder: Recorder as unknown as MediaRecorderClass,
    MediaStream: FakeMediaStream as unknown as RecorderEnvironment['MediaStream'],
    createAudioContext: () => {
      const context = new FakeAudioContext();
      contexts.push(context);
      return context as unknown as AudioContext;
    },
    randomId: () => `rec-${++ids}`,
  };
  return { environment, recorders, contexts };
}
