/**
 * Public types of `@switchboard/media` (seed 000 files them under `call.*`). Track and Media
 * objects are defined in `tokens.ts`, shared with the call plugin, and re-exported here.
 */
export type { LocalMediaOptions, MediaConstraint, MediaObject, TrackObject } from './tokens';

/** The kind of a media device. @public */
export type DeviceKind = 'audioinput' | 'audiooutput' | 'videoinput';

/**
 * Information about one media device (seed 000 `DeviceInfo`). Devices sharing a `groupId`
 * belong to the same physical device.
 * @public
 */
export interface DeviceInfo {
  /** The ID of the device. */
  deviceId: string;
  /** The group ID of the device. */
  groupId: string;
  /** `audioinput`, `audiooutput` or `videoinput`. */
  kind: DeviceKind;
  /** The name of the device (empty until the user grants a permission). */
  label: string;
}

/** The available media devices (seed 000 `DevicesObject`). @public */
export interface DevicesObject {
  /** Video input devices. */
  camera: DeviceInfo[];
  /** Audio input devices. */
  microphone: DeviceInfo[];
  /** Audio output devices. */
  speaker: DeviceInfo[];
}

/** Options of `media.renderTracks`. @public */
export interface RenderOptions {
  /** Device ID of the speaker to play audio tracks on (needs `HTMLMediaElement.setSinkId`). */
  speakerId?: string;
}

/** Options of `media.initializeDevices`. @public */
export interface InitializeDevicesOptions {
  /** Ask for microphone permission. @default true */
  audio?: boolean;
  /** Ask for camera permission. @default true */
  video?: boolean;
}

/** Options of `media.startAudioLevels` (checklist §9.4, proposed). @public */
export interface AudioLevelsOptions {
  /** Sampling interval in milliseconds. @default 100 */
  interval?: number;
}

/** The result of `getBrowserDetails()`. @public */
export interface BrowserDetails {
  /** `'chrome'`, `'firefox'`, `'safari'`, or a "not supported" text. */
  browser: string;
  /** The major version, or null when unknown. */
  version: number | null;
}
