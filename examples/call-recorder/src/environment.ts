/**
 * The browser APIs the recorder uses, replaceable for tests and unusual runtimes
 * (`callRecorderPlugin({ environment: { MediaRecorder: FakeMediaRecorder } })`).
 */

/** The constructor of a MediaRecorder-like class. @public */
export interface MediaRecorderClass {
  new (stream: MediaStream, options?: MediaRecorderOptions): MediaRecorder;
  isTypeSupported(type: string): boolean;
}

/** Browser globals used by the recorder. Omitted members are read from `globalThis` when needed. @public */
export interface RecorderEnvironment {
  /** `MediaRecorder`. */
  MediaRecorder?: MediaRecorderClass;
  /** `MediaStream`. */
  MediaStream?: new (tracks: MediaStreamTrack[]) => MediaStream;
  /** Creates the AudioContext that mixes several tracks into one (`new AudioContext()`). */
  createAudioContext?: () => AudioContext;
  /** ms since the epoch. @default Date.now */
  now?: () => number;
  /** A unique recording id. @default crypto.randomUUID() */
  randomId?: () => string;
}

/** The environment with every member resolved (undefined where the runtime lacks it). @internal */
export type ResolvedEnvironment = Required<Pick<RecorderEnvironment, 'now' | 'randomId'>> &
  Pick<RecorderEnvironment, 'MediaRecorder' | 'MediaStream' | 'createAudioContext'>;

let counter = 0;

/** Fills the environment from `globalThis`. @internal */
export function resolveEnvironment(env: RecorderEnvironment = {}): ResolvedEnvironment {
  const g = globalThis as unknown as {
    MediaRecorder?: MediaRecorderClass;
    MediaStream?: RecorderEnvironment['MediaStream'];
    AudioContext?: new () => AudioContext;
    crypto?: { randomUUID?: () => string };
  };
  const AudioContextClass = g.AudioContext;
  return {
    MediaRecorder: env.MediaRecorder ?? g.MediaRecorder,
    MediaStream: env.MediaStream ?? g.MediaStream,
    createAudioContext: env.createAudioContext ?? (AudioContextClass ? () => new AudioContextClass() : undefined),
    now: env.now ?? (() => Date.now()),
    randomId: env.randomId ?? (() => g.crypto?.randomUUID?.() ?? `rec-${Date.now().toString(36)}-${(++counter).toString(36)}`),
  };
}
