/**
 * `callControlsPlugin()`: adds the renegotiation family to `client.call` (seed 000): `hold`,
 * `unhold`, `addMedia`, `removeMedia`, `startVideo`, `stopVideo`, `startScreenshare`,
 * `stopScreenshare`, `replaceTrack`, `restartMedia`. A separate import: a client with only
 * `callPlugin()` has none of these members and pays nothing for them. Each method is one module
 * under `../operations/`; the far end's side of a renegotiation (answering it, remote hold) is the
 * call plugin's own (`signals/update.ts`), installed or not.
 */
import { definePlugin } from '@switchboard/core';
import { mediaTokens } from '@switchboard/media';
import type { CallConfig } from '../config';
import { invalidArgument } from '../errors';
import { holdOperation } from '../operations/hold';
import {
  addMediaOperation, removeMediaOperation, startScreenshareOperation, startVideoOperation, stopScreenshareOperation, stopVideoOperation,
  type MediaChangeOptions, type ScreenOptions, type VideoOptions,
} from '../operations/media';
import { Renegotiator } from '../operations/renegotiate';
import { replaceTrackOperation } from '../operations/replaceTrack';
import { restartMedia, restartMediaOperation } from '../operations/restartMedia';
import { callTokens } from '../tokens';
import type { CallMediaOptions } from '../types';
import { callControlsEvents } from './events';
import { startMediaRecovery } from './mediaRecovery';

/**
 * The members `callControlsPlugin()` adds to `client.call`. Every method reports its progress in
 * `call:operation` (START, UPDATE to PENDING while the far end answers, FINISH with `error` on
 * failure). Wrong argument types throw a TypeError; wrong values (`INVALID_ARGUMENT`), an unknown
 * call (`CALL_NOT_FOUND`) or track (`CALL_TRACK_NOT_FOUND`), or a call in the wrong state or in
 * the middle of another renegotiation (`CALL_INVALID_STATE`) are reported in `call:operation`
 * before anything changes or is sent.
 * @public
 */
export interface CallControlsApi {
  /** Holds a Connected call (not already held locally): no media either way; On Hold, `localHold`. Operation `HOLD`. */
  hold(callId: string): void;
  /** Takes a locally held call off hold: Connected again unless the far end holds it. Operation `UNHOLD`. */
  unhold(callId: string): void;
  /** Adds local media (audio, video and/or screen) to a Connected call. Operation `ADD_MEDIA`. */
  addMedia(callId: string, media?: CallMediaOptions, options?: MediaChangeOptions): void;
  /** Removes local tracks from a Connected call (`call:tracksRemoved` on both sides). Operation `REMOVE_MEDIA`. */
  removeMedia(callId: string, trackIds: string[], options?: MediaChangeOptions): void;
  /** Adds a camera to a Connected call that has no local video. Operation `ADD_BASIC_MEDIA`. */
  startVideo(callId: string, videoOptions?: VideoOptions, options?: MediaChangeOptions): void;
  /** Removes the call's one local camera track. Operation `REMOVE_BASIC_MEDIA`. */
  stopVideo(callId: string): void;
  /** `addMedia(callId, { screen: true, screenOptions })`. Operation `ADD_MEDIA`. */
  startScreenshare(callId: string, screenOptions?: ScreenOptions): void;
  /** Removes the call's screen-share track(s) (video tracks with a `displaySurface`). Operation `REMOVE_MEDIA`. */
  stopScreenshare(callId: string): void;
  /** Replaces a local track with a new one of the same kind, seamlessly for the far end. Outcome: `call:trackReplaced`. Operation `REPLACE_TRACK`. */
  replaceTrack(callId: string, trackId: string, media?: CallMediaOptions): void;
  /** Restarts ICE (after `mediaConnectionState` `failed`, or any time). Outcome: `call:mediaRestart`. Operation `MEDIA_RESTART`. */
  restartMedia(callId: string): void;
}

/** Options of {@link callControlsPlugin}. @public */
export interface CallControlsPluginOptions {
  /**
   * Automatic media restarts per outage of a call's media connection (`disconnected`/`failed`):
   * the DTLS active side restarts at once, the passive side after `call.mediaConnectionRetryDelay`.
   * `0` turns them off (only `restartMedia` restarts). A non-negative integer. @default 5
   */
  mediaRestartAttempts?: number;
}

/** The call-controls plugin's version. @public */
export const CALL_CONTROLS_PLUGIN_VERSION = '0.1.0';

/**
 * Creates the call-controls plugin (id `call-controls`; it needs `call` and `media`). It also
 * restarts a call's media automatically when its connection goes `disconnected` or `failed`
 * (`./mediaRecovery.ts`; `options.mediaRestartAttempts`). Throws a TypeError for malformed options
 * and `INVALID_ARGUMENT` for a negative or fractional `mediaRestartAttempts`.
 * @example
 * ```ts
 * const client = createClient({ plugins: [connectivityPlugin(), mediaPlugin(), callPlugin(), callControlsPlugin()] })
 * client.call.hold(callId)
 * client.on('call:stateChange', ({ callId, state }) => state === client.call.states.ON_HOLD && client.call.unhold(callId))
 * ```
 * @public
 */
export function callControlsPlugin(options: CallControlsPluginOptions = {}) {
  const attempts = options?.mediaRestartAttempts ?? 5;
  if (typeof options !== 'object' || !options || typeof attempts !== 'number') throw new TypeError('callControlsPlugin: mediaRestartAttempts must be a number');
  if (!(Number.isInteger(attempts) && attempts >= 0)) throw invalidArgument(`callControlsPlugin: mediaRestartAttempts ${attempts} is not an integer >= 0`);
  return definePlugin({
    id: 'call-controls',
    version: CALL_CONTROLS_PLUGIN_VERSION,
    sdkRange: '^0.1.0',
    dependsOn: ['call', 'media'],
    events: callControlsEvents,
    deps: { calls: callTokens.lookup, backend: callTokens.backend, media: mediaTokens.registry },
    register(ctx): {
      api: {
        /** The methods added to the `call` namespace. */
        call: CallControlsApi;
      };
      dispose: () => void;
    } {
      const { calls, backend, media } = ctx.deps;
      // The call plugin's section (this plugin owns none): read at use time, like the call plugin does.
      const callConfig = ctx.config as unknown as { section(name: 'call'): Readonly<CallConfig> };
      const { events, logger } = ctx;
      const renegotiator = new Renegotiator({ backend, events, logger });
      const c = { calls, media, events, logger, renegotiator, config: () => callConfig.section('call') };
      const api: CallControlsApi = {
        hold: holdOperation(c, true),
        unhold: holdOperation(c, false),
        addMedia: addMediaOperation(c),
        removeMedia: removeMediaOperation(c),
        startVideo: startVideoOperation(c),
        stopVideo: stopVideoOperation(c),
        startScreenshare: startScreenshareOperation(c),
        stopScreenshare: stopScreenshareOperation(c),
        replaceTrack: replaceTrackOperation(c),
        restartMedia: restartMediaOperation(c),
      };
      const dispose = attempts ? startMediaRecovery({ ...c, restart: (call) => restartMedia(c, call, false) }, attempts) : () => {};
      return { api: { call: api }, dispose };
    },
  });
}
