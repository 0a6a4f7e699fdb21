/**
 * `mediaPlugin()`: devices, tracks, rendering, mute and browser details (seed 000 `media`
 * namespace and `getBrowserDetails`). Provides the {@link MediaRegistry} to the call plugin.
 */
import { contribute, definePlugin, type Plugin } from '@switchboard/core';
import { browserEnvironment, type MediaEnvironment } from './adapters/environment';
import { createMediaApi, type MediaApi } from './api/MediaApi';
import { getBrowserDetails } from './browserDetails';
import { mediaEvents, type MediaEmit } from './events';
import { AudioLevels } from './internal/AudioLevels';
import { createRegistry, releaseTrack } from './internal/createRegistry';
import { DeviceManager } from './internal/DeviceManager';
import { Renderer } from './internal/Renderer';
import { TrackStore } from './internal/TrackStore';
import { mediaEnvironmentExtensionPoint, mediaTokens } from './tokens';
import type { BrowserDetails } from './types';
import { MEDIA_VERSION } from './version';

/** Options of {@link mediaPlugin}. @public */
export interface MediaPluginOptions {
  /**
   * Replaces browser globals the plugin uses (`navigator.mediaDevices`, `document`,
   * `MediaStream`…), for tests and non-standard runtimes. Omitted members read `globalThis`.
   * A shorthand for contributing it to {@link mediaEnvironmentExtensionPoint}.
   * @default the browser's globals, or the contribution of an installed plugin (the proxy plugin)
   */
  environment?: Partial<MediaEnvironment>;
}

/** The API `mediaPlugin` contributes to the client. @public */
export interface MediaPluginApi {
  /** The `media` namespace. */
  media: MediaApi;
  /** The browser in use and its version (seed 000 `getBrowserDetails`). */
  getBrowserDetails(): BrowserDetails;
}

/**
 * The media plugin.
 * @example
 * ```ts
 * const client = createClient({ plugins: [mediaPlugin()] })
 * client.on('devices:change', () => console.log(client.media.getDevices()))
 * await client.media.initializeDevices()
 * ```
 * @public
 */
export function mediaPlugin(options: MediaPluginOptions = {}): Plugin<MediaPluginApi> {
  if (typeof options !== 'object' || options === null) throw new TypeError('mediaPlugin(options): options must be an object');
  return definePlugin<MediaPluginApi>({
    id: 'media',
    version: MEDIA_VERSION,
    sdkRange: '^0.1.0',
    exports: [mediaTokens.registry],
    events: mediaEvents,
    extensionPoints: [mediaEnvironmentExtensionPoint],
    // the fallback is the empty environment: every member then reads the browser's globals
    contributes: [contribute(mediaEnvironmentExtensionPoint, 'option', options.environment ?? {}, { fallback: !options.environment })],
    register(ctx) {
      const env: MediaEnvironment = { ...browserEnvironment(), ...ctx.extension(mediaEnvironmentExtensionPoint).value };
      const logger = ctx.logger;
      const emit: MediaEmit = (type, ...args) => void ctx.events.emit(type, ...args);
      let disposed = false;
      const store = new TrackStore(() => env.randomId(), emit, logger);
      const renderer = new Renderer(env, logger);
      const devices = new DeviceManager(env, emit, logger);
      const audioLevels = new AudioLevels(env, store, emit, logger);
      ctx.provide(mediaTokens.registry, createRegistry({ env, store, renderer, logger, isDisposed: () => disposed }));
      devices.start();
      return {
        api: {
          media: createMediaApi({ store, renderer, devices, audioLevels, emit, logger }),
          getBrowserDetails: () => getBrowserDetails(env.window()),
        },
        dispose() {
          disposed = true;
          devices.dispose();
          audioLevels.stop();
          for (const entry of store.all()) releaseTrack({ store, renderer }, entry);
        },
      };
    },
  });
}
