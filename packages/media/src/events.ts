/**
 * The events of `@switchboard/media` (seed 000 `devices:*` and `media:*`): {@link MediaEventMap}
 * is merged into core's `SdkEventMap`, and {@link mediaEvents} is derived from it.
 */
import { eventNames, type BasicError } from '@switchboard/core';
import type { DeviceInfo } from './types';

/** Payload of `devices:change`. `added`/`removed` are the checklist §9.4 extension. @public */
export interface DevicesChangeEvent {
  /** Devices that appeared since the previous list. */
  added: DeviceInfo[];
  /** Devices that disappeared since the previous list. */
  removed: DeviceInfo[];
}

/** Payload of `media:trackRendered`. @public */
export interface TrackRenderedEvent {
  /** The tracks that were (or failed to be) rendered. */
  trackIds: string[];
  /** The CSS selector of the container. */
  selector: string;
  /** Set when rendering failed. */
  error?: BasicError;
}

/** Payload of `media:audioLevels` (checklist §9.4, proposed). @public */
export interface AudioLevelsEvent {
  /** The call whose tracks were sampled; absent for tracks not owned by a call. */
  callId?: string;
  /** Loudest local audio track, 0.0–1.0 (−100 dB … −30 dB). */
  inputVolume: number;
  /** Loudest remote audio track, 0.0–1.0. */
  outputVolume: number;
}

/** Media's events (event name → listener argument tuple). @public */
export interface MediaEventMap {
  /** The available media devices changed; re-read them with `media.getDevices()`. */
  'devices:change': [params: DevicesChangeEvent];
  /** Accessing media devices failed. */
  'devices:error': [
    params: {
      /** What failed. */
      error: BasicError;
    },
  ];
  /** Tracks were muted with `media.muteTracks`. */
  'media:muted': [
    params: {
      /** Ids of the muted tracks. */
      tracks: string[];
    },
  ];
  /** Tracks were unmuted with `media.unmuteTracks`. */
  'media:unmuted': [
    params: {
      /** Ids of the unmuted tracks. */
      tracks: string[];
    },
  ];
  /** A track's source stopped delivering media; the track stays alive. */
  'media:sourceMuted': [
    params: {
      /** The track's id. */
      trackId: string;
    },
  ];
  /** A track's source resumed. */
  'media:sourceUnmuted': [
    params: {
      /** The track's id. */
      trackId: string;
    },
  ];
  /** Tracks were rendered into a container, or rendering failed (`error`). */
  'media:trackRendered': [params: TrackRenderedEvent];
  /** A local track ended outside SDK control; `callId` is the call that uses it (if any). */
  'media:trackEnded': [
    params: {
      /** The track's id. */
      trackId: string;
      /** The call the track belonged to, if any. */
      callId?: string;
    },
  ];
  /** Audio levels sampled by `media.startAudioLevels` (checklist §9.4, proposed). */
  'media:audioLevels': [params: AudioLevelsEvent];
}

declare module '@switchboard/core' {
  interface SdkEventMap extends MediaEventMap {}
}

/** The event types `@switchboard/media` emits (declared to the event bus), derived from {@link MediaEventMap}. @public */
export const mediaEvents = /* @__PURE__ */ eventNames<MediaEventMap>()({
  'devices:change': true,
  'devices:error': true,
  'media:muted': true,
  'media:unmuted': true,
  'media:sourceMuted': true,
  'media:sourceUnmuted': true,
  'media:trackRendered': true,
  'media:trackEnded': true,
  'media:audioLevels': true,
});

/** Emits a media event (the plugin passes `ctx.events.emit`; tests pass a recorder). @internal */
export type MediaEmit = <K extends keyof MediaEventMap>(type: K, ...args: import('@switchboard/core').SdkEventMap[K]) => void;
