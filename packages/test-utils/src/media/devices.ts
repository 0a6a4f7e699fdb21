/** A fake `navigator.mediaDevices`: a device list, `devicechange`, and recording getUserMedia/getDisplayMedia. */
import { FakeEventTarget } from '../eventTarget';
import { FakeMediaStream, FakeMediaStreamTrack } from './tracks';

/** One entry of the fake device list (what `enumerateDevices()` reports). @public */
export interface FakeDeviceInfo {
  /** The device's id. */
  deviceId: string;
  /** The id of the physical device it belongs to. */
  groupId: string;
  /** `audioinput`, `videoinput` or `audiooutput` (any other string tests how the code under test filters). */
  kind: MediaDeviceKind | (string & {});
  /** The device's label. */
  label: string;
}

/**
 * A `DOMException`-like error (`name` + `message`), as getUserMedia rejects with.
 * @param name e.g. `NotAllowedError`, `NotFoundError`, `OverconstrainedError`
 * @param extra more own properties (e.g. `{ constraint: 'deviceId' }`)
 * @public
 */
export function domError(name: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(`${name} message`), { name, ...extra });
}

/** One default microphone, camera and speaker, as a browser with granted permissions lists them. @public */
export const DEFAULT_DEVICES: readonly FakeDeviceInfo[] = [
  { deviceId: 'mic-1', groupId: 'g-1', kind: 'audioinput', label: 'Fake Microphone' },
  { deviceId: 'cam-1', groupId: 'g-2', kind: 'videoinput', label: 'Fake Camera' },
  { deviceId: 'spk-1', groupId: 'g-1', kind: 'audiooutput', label: 'Fake Speaker' },
];

/**
 * A fake `MediaDevices`. Every call is recorded; set `userMediaError` / `displayMediaError` /
 * `enumerateError` to make the next calls reject (until cleared). Every track it hands out is kept
 * in `granted`, so a test can check that the SDK stopped it.
 * @public
 */
export class FakeMediaDevices extends FakeEventTarget {
  /** The device list; change it with {@link FakeMediaDevices.setDevices} to fire `devicechange`. */
  devices: FakeDeviceInfo[];
  /** Every `getUserMedia()` argument, in order. */
  readonly userMediaCalls: MediaStreamConstraints[] = [];
  /** Every `getDisplayMedia()` argument, in order. */
  readonly displayMediaCalls: Array<DisplayMediaStreamOptions | undefined> = [];
  /** When set, getUserMedia rejects with it. */
  userMediaError: Error | undefined;
  /** When set, getDisplayMedia rejects with it. */
  displayMediaError: Error | undefined;
  /** When set, enumerateDevices rejects with it. */
  enumerateError: Error | undefined;
  /** Every track handed out by getUserMedia/getDisplayMedia. */
  readonly granted: FakeMediaStreamTrack[] = [];
  /** Called when the device list changes. */
  ondevicechange: ((event: Event) => void) | null = null;

  /** @param devices the initial device list @default none (call `setDevices(DEFAULT_DEVICES)`) */
  constructor(devices: readonly FakeDeviceInfo[] = []) {
    super();
    this.devices = [...devices];
  }

  /** Replaces the device list and fires `devicechange`. */
  setDevices(devices: readonly FakeDeviceInfo[]): void {
    this.devices = [...devices];
    this.dispatch('devicechange');
  }

  /** The device list as `MediaDeviceInfo`-like objects. */
  async enumerateDevices(): Promise<MediaDeviceInfo[]> {
    if (this.enumerateError) throw this.enumerateError;
    return this.devices.map((d) => ({ ...d, toJSON: () => d })) as MediaDeviceInfo[];
  }

  /** Records `constraints`; resolves with one live track per requested kind (labelled like the first device of that kind). */
  async getUserMedia(constraints: MediaStreamConstraints = {}): Promise<MediaStream> {
    this.userMediaCalls.push(constraints);
    if (this.userMediaError) throw this.userMediaError;
    const tracks: FakeMediaStreamTrack[] = [];
    if (constraints.audio) tracks.push(this.track('audio', 'audioinput', 'Fake Microphone', constraints.audio));
    if (constraints.video) tracks.push(this.track('video', 'videoinput', 'Fake Camera', constraints.video));
    this.granted.push(...tracks);
    return new FakeMediaStream(tracks) as unknown as MediaStream;
  }

  /** Records `options`; resolves with one live `screen:0` video track. */
  async getDisplayMedia(options?: DisplayMediaStreamOptions): Promise<MediaStream> {
    this.displayMediaCalls.push(options);
    if (this.displayMediaError) throw this.displayMediaError;
    const track = new FakeMediaStreamTrack('video', { label: 'screen:0', settings: { displaySurface: 'monitor' } as MediaTrackSettings });
    this.granted.push(track);
    return new FakeMediaStream([track]) as unknown as MediaStream;
  }

  /** What getSupportedConstraints reports. */
  getSupportedConstraints(): MediaTrackSupportedConstraints {
    return { deviceId: true, groupId: true, echoCancellation: true, noiseSuppression: true, autoGainControl: true, width: true, height: true, frameRate: true };
  }

  private track(kind: 'audio' | 'video', deviceKind: MediaDeviceKind, fallback: string, constraint: boolean | MediaTrackConstraints) {
    const requested = typeof constraint === 'object' ? exactDeviceId(constraint.deviceId) : undefined;
    const device = this.devices.find((d) => d.kind === deviceKind && (requested === undefined || d.deviceId === requested))
      ?? this.devices.find((d) => d.kind === deviceKind);
    const deviceId = requested ?? device?.deviceId;
    const settings: MediaTrackSettings = deviceId === undefined ? {} : { deviceId, ...(device ? { groupId: device.groupId } : {}) };
    return new FakeMediaStreamTrack(kind, { label: device?.label || fallback, settings });
  }
}

function exactDeviceId(c: ConstrainDOMString | undefined): string | undefined {
  if (typeof c === 'string') return c;
  if (c && typeof c === 'object' && !Array.isArray(c)) {
    const v = (c as ConstrainDOMStringParameters).exact ?? (c as ConstrainDOMStringParameters).ideal;
    return typeof v === 'string' ? v : undefined;
  }
  return undefined;
}
