/**
 * The browser globals the media plugin touches, behind one small interface, read lazily at use
 * time. The default reads `globalThis`; tests and unusual runtimes pass their own.
 */

/** The parts of `document` the renderer needs. @public */
export interface MediaDocument {
  /** The first element matching `selector`, as `document.querySelector`. */
  querySelector(selector: string): Element | null;
  /** Creates an `audio` or `video` element, as `document.createElement`. */
  createElement(tagName: 'audio' | 'video'): HTMLMediaElement;
}

/** The AudioContext constructor used for audio levels. @public */
export type AudioContextFactory = () => AudioContext;

/** Browser access used by the media plugin. Every member is read when needed. @public */
export interface MediaEnvironment {
  /** `navigator.mediaDevices`, or undefined where unavailable. */
  mediaDevices(): MediaDevices | undefined;
  /** `document`, or undefined outside a page. */
  document(): MediaDocument | undefined;
  /** Creates a `MediaStream` holding the given tracks. */
  createStream(tracks: MediaStreamTrack[]): MediaStream;
  /** The window, for browser detection. */
  window(): Window | undefined;
  /** Creates an AudioContext (audio levels), or undefined where Web Audio is unavailable. */
  createAudioContext(): AudioContext | undefined;
  /** A new unique id. */
  randomId(): string;
}

type Globals = {
  navigator?: Navigator;
  document?: Document;
  window?: Window;
  AudioContext?: typeof AudioContext;
  webkitAudioContext?: typeof AudioContext;
  crypto?: Crypto;
};

const g = (): Globals => globalThis as unknown as Globals;

let counter = 0;

/** A random UUID; falls back to `getRandomValues` outside secure contexts. @internal */
export function randomId(): string {
  const c = g().crypto;
  if (c?.randomUUID) return c.randomUUID();
  const bytes = new Uint8Array(16);
  if (c?.getRandomValues) c.getRandomValues(bytes);
  else for (let i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256);
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}-${++counter}`;
}

/** The environment backed by the real browser globals. @public */
export function browserEnvironment(): MediaEnvironment {
  return {
    mediaDevices: () => g().navigator?.mediaDevices,
    document: () => g().document,
    // a ReferenceError ("MediaStream is not defined") where the page has none
    createStream: (tracks) => new MediaStream(tracks),
    window: () => g().window,
    createAudioContext() {
      const Ctor = g().AudioContext ?? g().webkitAudioContext;
      return Ctor ? new Ctor() : undefined;
    },
    randomId,
  };
}
