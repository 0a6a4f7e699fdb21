/**
 * `callExtrasPlugin()`: adds `setCustomParameters`, `sendCustomParameters`, `playAudioFile` and the
 * compatibility guidance of `changeInputDevices` / `changeSpeaker` (seed 000) to the `call` namespace. A separate import: a client without it pays nothing for them.
 */
import { definePlugin } from '@switchboard/core';
import { mediaTokens } from '@switchboard/media';
import { callTokens } from '../tokens';
import type { CustomParameter } from '../types';
import { browserAudioFileLoader, type AudioFileLoader } from './audioFile';
import { changeInputDevices, changeSpeaker } from './compat';
import { sendCustomParametersOperation, setCustomParametersOperation } from './customParameters';
import { playAudioFileOperation, type PlayAudioFilePromise } from './playAudioFile';

/** Options of {@link callExtrasPlugin}. @public */
export interface CallExtrasPluginOptions {
  /** Loads the files of `playAudioFile`. @default {@link browserAudioFileLoader} (`Audio` + WebAudio) */
  loadAudioFile?: AudioFileLoader;
}

/** What `callExtrasPlugin()` adds to `client.call`. @public */
export interface CallExtrasApi {
  /**
   * Replaces a call's custom parameters (sent with its later requests; none removes them).
   * @throws TypeError when `callId` is not a string or `customParameters` not an array of
   *   `{ name: string, value: string }`. An unknown call is refused in `call:operation` (`CALL_NOT_FOUND`).
   */
  setCustomParameters(callId: string, customParameters?: CustomParameter[]): void;
  /**
   * Sends a call's custom parameters now (`sendCustomHeaders`, protocol §5.12); the far end gets
   * them as `call:customParameters` when its gateway relays them. Connected or On Hold calls only.
   * Outcome: `call:operation` (`SEND_CUSTOM_PARAMETERS`); refusals: `CALL_NOT_FOUND`,
   * `CALL_INVALID_STATE`, `CALL_INVALID_OPERATION` (no parameters set); failures `CALL_REQUEST_FAILED`.
   * @throws TypeError when `callId` is not a string.
   */
  sendCustomParameters(callId: string): void;
  /**
   * Plays an audio file to the far end in place of the call's local audio track (Connected calls
   * only), then restores the track. `onPlaying(({ duration }) => …)` (seconds) is chainable before
   * `then`/`catch`. Rejects with `CALL_NOT_FOUND`, `CALL_INVALID_STATE` (not Connected, no local
   * audio track) or `CALL_AUDIO_FILE_FAILED`; when the original track cannot be restored it is
   * ended and `media:trackEnded` fires. Progress: `call:operation` (`PLAY_AUDIO`), local only.
   * @throws TypeError when `callId` or `filePath` is not a string.
   */
  playAudioFile(callId: string, filePath: string): PlayAudioFilePromise;
  /**
   * A 3.x API: use `call.replaceTrack(callId, trackId, media)` with the new `deviceId` (seed 000).
   * @throws BasicError `CALL_API_REPLACED` naming the replacement, always.
   */
  changeInputDevices(...args: unknown[]): never;
  /**
   * A 3.x API: re-render the audio track, `media.removeTracks` then `media.renderTracks` with
   * `{ speakerId }` (seed 000).
   * @throws BasicError `CALL_API_REPLACED` naming the replacement, always.
   */
  changeSpeaker(...args: unknown[]): never;
}

/** The extras plugin's version. @public */
export const CALL_EXTRAS_PLUGIN_VERSION = '0.1.0';

/**
 * Creates the call-extras plugin (id `call-extras`; it needs `call` and `media`).
 * @example
 * ```ts
 * const client = createClient({ plugins: [connectivityPlugin(), mediaPlugin(), callPlugin(), callExtrasPlugin()] })
 * client.call.setCustomParameters(callId, [{ name: 'X-Status', value: 'recording' }])
 * client.call.sendCustomParameters(callId)
 * await client.call.playAudioFile(callId, '/sounds/welcome.wav').onPlaying(({ duration }) => show(duration))
 * ```
 * @public
 */
export function callExtrasPlugin(options: CallExtrasPluginOptions = {}) {
  if (typeof options !== 'object' || options === null) throw new TypeError('callExtrasPlugin(options): options must be an object');
  if (options.loadAudioFile !== undefined && typeof options.loadAudioFile !== 'function') {
    throw new TypeError('callExtrasPlugin(options): options.loadAudioFile must be a function');
  }
  return definePlugin({
    id: 'call-extras',
    version: CALL_EXTRAS_PLUGIN_VERSION,
    sdkRange: '^0.1.0',
    dependsOn: ['call', 'media'],
    deps: { control: callTokens.control, backend: callTokens.backend, media: mediaTokens.registry },
    register(ctx): {
      api: {
        /** The methods added to the `call` namespace. */
        call: CallExtrasApi;
      };
    } {
      const { control, backend, media } = ctx.deps;
      const custom = { control, backend };
      const api: CallExtrasApi = {
        setCustomParameters: setCustomParametersOperation(custom),
        sendCustomParameters: sendCustomParametersOperation(custom),
        playAudioFile: playAudioFileOperation({ control, media, loadAudioFile: options.loadAudioFile ?? browserAudioFileLoader, logger: ctx.logger }),
        changeInputDevices,
        changeSpeaker,
      };
      return { api: { call: api } };
    },
  });
}
