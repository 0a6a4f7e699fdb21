/**
 * `call.changeInputDevices` / `call.changeSpeaker`: 3.x APIs that seed 000 replaces with general
 * ones (installed by callExtrasPlugin()). Both throw `CALL_API_REPLACED` whose message names the replacement.
 */
import { callError } from '../errors';

const replaced = (method: string, instead: string) => (): never => {
  throw callError('CALL_API_REPLACED', `call.${method} is replaced: use ${instead}.`);
};

/** `changeInputDevices`: use `call.replaceTrack(callId, trackId, media)`. @internal */
export const changeInputDevices = replaced('changeInputDevices', 'call.replaceTrack(callId, trackId, media) with the new deviceId');

/** `changeSpeaker`: re-render the audio track with another speaker. @internal */
export const changeSpeaker = replaced('changeSpeaker', 'media.removeTracks, then media.renderTracks with { speakerId }');
