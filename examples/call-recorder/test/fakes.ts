/**
 * Minimal fakes for the recorder's unit tests, built only from public exports of `@switchboard/*`:
 * a fake `call` plugin (exports `callTokens.calls`, emits `call:stateChange`), a fake `media`
 * plugin (exports `mediaTokens.registry`), fake tracks, MediaStream, MediaRecorder and AudioContext.
 * Kept in this one file so that it can be swapped for `@switchboard/test-utils` later.
 */
import { createClient, definePlugin, type AnyPlugin, type Client, type ConfigInput, type EventBus, type SdkEventMap } from '@switchboard/core';
import { callEvents, callTokens, states, type CallObject, type CallState, type CallsService } from '@switchboard/call';
import { mediaTokens, type MediaRegistry, type TrackObject } from '@switchboard/media';
import { callRecorderPlugin, type MediaRecorderClass, type RecorderEnvironment } from '../src';

/** A fake MediaStreamTrack. */
export class FakeTrack extends EventTarget {
  readyState: MediaStreamTrackState = 'live';
  enabled = true;
  constructor(
    readonly id: string,
    readonly kind: 'audio' | 'video',
  ) {
    super();
  }
  stop(): void {
    this.readyState = 'ended';
  }
}

/** A fake MediaStream: holds its tracks. */
export class FakeMediaStream {
  readonly id = `stream-${Math.random().toString(36).slice(2)}`;
  constructor(readonly tracks: readonly MediaStreamTrack[] = []) {}
  getTracks(): MediaStreamTrack[] {
    return [...this.tracks];
  }
  getAudioTracks(): MediaStreamTrack[] {
    return this.tracks.filter((t) => t.kind === 'audio');
  }
}

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
  readonly destination = { stream: new FakeMediaStream([new FakeTrack('mix', 'audio') as unknown as MediaStreamTrack]) };
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

/** A fake `media` plugin: a track registry with tracks the test adds. */
export function fakeMediaPlugin() {
  const tracks = new Map<string, { info: TrackObject; native: FakeTrack }>();
  const notFaked = () => {
    throw new Error('not faked');
  };
  const registry: MediaRegistry = {
    createLocalMedia: () => Promise.reject(new Error('not faked')),
    addRemoteTrack: notFaked,
    getNativeTrack: (id) => tracks.get(id)?.native as unknown as MediaStreamTrack | undefined,
    findByNative: (native) => [...tracks.values()].find((t) => (t.native as unknown) === native)?.info,
    removeTracks: (ids) => ids.forEach((id) => tracks.delete(id)),
    tracksOf: () => [],
    getTrack: (id) => {
      const t = tracks.get(id);
      return t && { ...t.info, state: t.native.readyState };
    },
  };
  return {
    plugin: definePlugin({
      id: 'media',
      version: '0.1.0',
      exports: [mediaTokens.registry],
      register: (ctx) => (ctx.provide(mediaTokens.registry, registry), { api: {} }),
    }),
    /** Registers a track and returns its native fake. */
    addTrack(id: string, kind: 'audio' | 'video', isLocal: boolean): FakeTrack {
      const native = new FakeTrack(id, kind);
      const info: TrackObject = { id, kind, isLocal, containers: [], disabled: false, label: '', muted: false, sourceMuted: false, state: 'live', streamId: 's' };
      tracks.set(id, { info, native });
      return native;
    },
  };
}

/** A fake `call` plugin: calls the test adds, read through `callTokens.calls`, changed with `setState`. */
export function fakeCallPlugin() {
  const calls = new Map<string, CallObject>();
  let events: EventBus | undefined;
  const service: CallsService = {
    get: (id) => {
      const call = calls.get(id);
      return call && structuredClone(call);
    },
    getAll: () => [...calls.values()].map((c) => structuredClone(c)),
  };
  return {
    plugin: definePlugin({
      id: 'call',
      version: '0.1.0',
      events: callEvents,
      exports: [callTokens.calls],
      register(ctx) {
        events = ctx.events;
        ctx.provide(callTokens.calls, Object.freeze(service));
        return { api: {} };
      },
    }),
    /** Adds a call (Connected unless said otherwise). */
    addCall(id: string, init: Partial<CallObject> = {}): void {
      calls.set(id, {
        id, from: 'alice@example.com', to: 'bob@example.com', direction: 'incoming', state: states.CONNECTED, mediaConnectionState: 'connected',
        localHold: false, remoteHold: false, localTracks: [], remoteTracks: [], remoteParticipant: {}, bandwidth: {}, customParameters: [],
        startTime: 0, currentOperations: [], ...init,
      });
    },
    /** Changes a call's state and emits `call:stateChange` as the call plugin does. */
    setState(id: string, state: CallState): void {
      const call = calls.get(id)!;
      const previous = call.state;
      call.state = state;
      events!.emit('call:stateChange', { callId: id, state, previous: { state: previous }, transition: {} });
    },
  };
}

/** Records every event of the given types. */
export function recordEvents<K extends keyof SdkEventMap & string>(client: Pick<Client, 'on'>, types: readonly K[]) {
  const seen: Array<{ type: K; params: unknown }> = [];
  for (const type of types) client.on(type, ((params: unknown) => void seen.push({ type, params })) as never);
  return {
    seen,
    of: <T extends K>(type: T) => seen.filter((e) => e.type === type).map((e) => e.params as SdkEventMap[T][0]),
  };
}

/**
 * A client with the fake call and media plugins, the recorder over the fake environment, and
 * `extra` plugins; plus `connectedCall()`, which adds a Connected call with one remote and one
 * local audio track.
 */
export function createRecorderTestClient(
  options: { extra?: readonly AnyPlugin[]; config?: ConfigInput<[ReturnType<typeof callRecorderPlugin>]>; supported?: readonly string[] } = {},
) {
  const env = fakeEnvironment(options.supported);
  const call = fakeCallPlugin();
  const media = fakeMediaPlugin();
  const client = createClient({
    plugins: [call.plugin, media.plugin, callRecorderPlugin({ environment: env.environment }), ...(options.extra ?? [])],
    // the options' config was type-checked against the recorder's sections by the caller
    config: { logs: { logLevel: 'silent' }, ...options.config } as never,
  });
  let n = 0;
  const connectedCall = () => {
    const id = `call-${++n}`;
    const remote = media.addTrack(`${id}-remote-audio`, 'audio', false);
    const local = media.addTrack(`${id}-local-audio`, 'audio', true);
    call.addCall(id, { remoteTracks: [remote.id], localTracks: [local.id] });
    return { id, remote, local };
  };
  return { client, env, call, media, connectedCall };
}

/** Resolves when `predicate` holds, re-checking after every macrotask (no fixed sleep). */
export async function until(predicate: () => boolean, what = 'condition'): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    if (predicate()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`never reached: ${what}`);
}
