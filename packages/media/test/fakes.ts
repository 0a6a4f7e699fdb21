/**
 * Small fakes of the browser media APIs for unit tests (jest runs in Node): tracks, streams,
 * `navigator.mediaDevices`, and just enough DOM for rendering.
 */
import type { Logger } from '@switchboard/core';
import type { MediaEnvironment } from '../src/adapters/environment';

type Handler = (...args: unknown[]) => void;

class FakeTarget {
  private readonly handlers = new Map<string, Set<Handler>>();
  addEventListener(type: string, h: Handler): void {
    if (!this.handlers.has(type)) this.handlers.set(type, new Set());
    this.handlers.get(type)!.add(h);
  }
  removeEventListener(type: string, h: Handler): void {
    this.handlers.get(type)?.delete(h);
  }
  listenerCount(type: string): number {
    return this.handlers.get(type)?.size ?? 0;
  }
  dispatch(type: string): void {
    for (const h of [...(this.handlers.get(type) ?? [])]) h({ type });
  }
}

let trackSeq = 0;

/** A fake MediaStreamTrack. */
export class FakeTrack extends FakeTarget {
  readonly id = `native-${++trackSeq}`;
  enabled = true;
  muted = false;
  readyState: 'live' | 'ended' = 'live';
  stopped = false;
  constructor(readonly kind: 'audio' | 'video', readonly label = `${kind} device`) {
    super();
  }
  stop(): void {
    this.stopped = true;
    this.readyState = 'ended'; // like the browser: no `ended` event on stop()
  }
  /** Ends the track outside the SDK's control (device unplugged). */
  endExternally(): void {
    this.readyState = 'ended';
    this.dispatch('ended');
  }
  setSourceMuted(muted: boolean): void {
    this.muted = muted;
    this.dispatch(muted ? 'mute' : 'unmute');
  }
}

/** A fake MediaStream. */
export class FakeStream {
  constructor(readonly tracks: FakeTrack[] = []) {}
  getTracks(): FakeTrack[] {
    return [...this.tracks];
  }
}

/** A DOMException-like error. */
export const domError = (name: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(`${name} message`), { name, ...extra });

/** A fake `navigator.mediaDevices`. */
export class FakeMediaDevices extends FakeTarget {
  devices: Array<{ deviceId: string; groupId: string; kind: string; label: string }> = [];
  userMediaCalls: MediaStreamConstraints[] = [];
  displayMediaCalls: DisplayMediaStreamOptions[] = [];
  userMediaError: Error | undefined;
  displayMediaError: Error | undefined;
  enumerateError: Error | undefined;
  granted: FakeTrack[] = [];

  async enumerateDevices() {
    if (this.enumerateError) throw this.enumerateError;
    return this.devices.map((d) => ({ ...d, toJSON: () => d }));
  }
  async getUserMedia(constraints: MediaStreamConstraints) {
    this.userMediaCalls.push(constraints);
    if (this.userMediaError) throw this.userMediaError;
    const tracks: FakeTrack[] = [];
    if (constraints.audio) tracks.push(new FakeTrack('audio', 'Fake Microphone'));
    if (constraints.video) tracks.push(new FakeTrack('video', 'Fake Camera'));
    this.granted.push(...tracks);
    return new FakeStream(tracks);
  }
  async getDisplayMedia(options: DisplayMediaStreamOptions) {
    this.displayMediaCalls.push(options);
    if (this.displayMediaError) throw this.displayMediaError;
    const track = new FakeTrack('video', 'screen:0');
    this.granted.push(track);
    return new FakeStream([track]);
  }
}

/** A fake element (container or media element). */
export class FakeElement {
  readonly children: FakeElement[] = [];
  parentNode: FakeElement | null = null;
  readonly attributes = new Map<string, string>();
  autoplay = false;
  muted = false;
  playsInline = false;
  srcObject: FakeStream | null = null;
  sinkId = '';
  played = 0;
  setSinkId?: (id: string) => Promise<void>;
  constructor(readonly tagName: string, sinkSupport = true, sinkError?: Error) {
    if (sinkSupport) {
      this.setSinkId = async (id: string) => {
        if (sinkError) throw sinkError;
        this.sinkId = id;
      };
    }
  }
  appendChild(child: FakeElement): FakeElement {
    child.parentNode = this;
    this.children.push(child);
    return child;
  }
  removeChild(child: FakeElement): FakeElement {
    this.children.splice(this.children.indexOf(child), 1);
    child.parentNode = null;
    return child;
  }
  setAttribute(name: string, value: string): void {
    this.attributes.set(name, value);
  }
  play(): Promise<void> {
    this.played++;
    return Promise.resolve();
  }
}

/** A fake document: selectors are looked up in a map; `'!bad'` throws like an invalid selector. */
export class FakeDocument {
  readonly containers = new Map<string, FakeElement>();
  created: FakeElement[] = [];
  sinkSupport = true;
  sinkError: Error | undefined;
  querySelector(selector: string): FakeElement | null {
    if (selector.startsWith('!')) throw domError('SyntaxError');
    return this.containers.get(selector) ?? null;
  }
  createElement(tag: string): FakeElement {
    const el = new FakeElement(tag, this.sinkSupport, this.sinkError);
    this.created.push(el);
    return el;
  }
  addContainer(selector: string): FakeElement {
    const el = new FakeElement('div');
    this.containers.set(selector, el);
    return el;
  }
}

/** A fake environment with its parts. */
export function fakeEnvironment(over: Partial<MediaEnvironment> = {}) {
  const md = new FakeMediaDevices();
  const doc = new FakeDocument();
  let n = 0;
  const env: MediaEnvironment = {
    mediaDevices: () => md as unknown as MediaDevices,
    document: () => doc as unknown as ReturnType<MediaEnvironment['document']>,
    createStream: (tracks) => new FakeStream(tracks as unknown as FakeTrack[]) as unknown as MediaStream,
    window: () => undefined,
    createAudioContext: () => undefined,
    randomId: () => `id-${++n}`,
    ...over,
  };
  return { env, md, doc };
}

/** Records emitted events. */
export function recorder() {
  const events: Array<[string, unknown]> = [];
  const emit = ((type: string, payload: unknown) => void events.push([type, payload])) as never;
  return { events, emit, of: (type: string) => events.filter(([t]) => t === type).map(([, p]) => p) };
}

/** A logger that discards everything. */
export const silentLogger: Logger = {
  debug() {}, info() {}, warn() {}, error() {}, time() {}, timeLog() {}, timeEnd() {}, action() {},
};

/** Lets pending promise callbacks run. */
export const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
