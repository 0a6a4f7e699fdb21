/**
 * `@switchboard/media`: media devices, tracks, rendering, mute and browser details, plus the
 * media registry the call plugin uses. Opt-in full WebRTC shim: `@switchboard/media/shim`.
 * @packageDocumentation
 */
export { mediaPlugin } from './plugin';
export type { MediaPluginApi, MediaPluginOptions } from './plugin';
export type { MediaApi } from './api/MediaApi';
export { getBrowserDetails } from './browserDetails';
export { browserEnvironment } from './adapters/environment';
export type { AudioContextFactory, MediaDocument, MediaEnvironment } from './adapters/environment';
export { mediaEnvironmentExtensionPoint, mediaTokens } from './tokens';
export type { LocalMediaOptions, MediaConstraint, MediaObject, MediaRegistry, TrackObject } from './tokens';
export type {
  AudioLevelsOptions, BrowserDetails, DeviceInfo, DeviceKind, DevicesObject, InitializeDevicesOptions, RenderOptions,
} from './types';
export { mediaEvents } from './events';
export type { AudioLevelsEvent, DevicesChangeEvent, MediaEventMap, TrackRenderedEvent } from './events';
export { mediaErrorCodes } from './errors';
export type { MediaErrorCode } from './errors';
export { MEDIA_VERSION } from './version';
