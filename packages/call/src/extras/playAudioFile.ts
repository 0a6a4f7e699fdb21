/**
 * `call.playAudioFile(callId, filePath)` (seed 000): plays an audio file to the far end in place
 * of the call's local audio track, then puts the original track back. Returns a promise with a
 * chainable `onPlaying`. When the original track cannot be put back after a failure, it is ended
 * (released) and `media:trackEnded` fires for it, so the app can `replaceTrack` it.
 */
import type { Logger } from '@switchboard/core';
import type { MediaRegistry } from '@switchboard/media';
import { assertString } from '../api/validate';
import { states } from '../constants';
import { asCallError, callNotFound, endedDuring, invalidState } from '../errors';
import { runOperation } from '../internal/runOperation';
import type { CallControl, CallHandle } from '../tokens';
import type { AudioFileLoader, AudioFileSource } from './audioFile';

/** Operation type of `playAudioFile` (`call:operation`, seed `reportEvents.PLAY_AUDIO`). @public */
export const PLAY_AUDIO = 'PLAY_AUDIO';

/** What `onPlaying` listeners receive: the file's duration in seconds. @public */
export interface AudioFilePlaying {
  /** The file's duration in seconds. */
  duration: number;
}

/** The promise `playAudioFile` returns: resolves when the original audio is back. @public */
export interface PlayAudioFilePromise extends Promise<void> {
  /** Registers a listener for the moment the file starts playing; call it before `then`/`catch`. */
  onPlaying(listener: (info: AudioFilePlaying) => void): PlayAudioFilePromise;
}

/** What `playAudioFile` uses. @internal */
export interface PlayAudioFileCollaborators {
  control: CallControl;
  media: Pick<MediaRegistry, 'getTrack'>;
  loadAudioFile: AudioFileLoader;
  logger: Logger;
}

/** Builds `call.playAudioFile(callId, filePath)`: types throw; refusals and failures reject (and show in `call:operation`). @internal */
export function playAudioFileOperation(c: PlayAudioFileCollaborators) {
  return (callId: string, filePath: string): PlayAudioFilePromise => {
    assertString('playAudioFile', 'callId', callId);
    assertString('playAudioFile', 'filePath', filePath);
    const listeners: Array<(info: AudioFilePlaying) => void> = [];
    const promise = play(c, callId, filePath, (info) => {
      for (const listener of listeners) {
        try {
          listener(info);
        } catch (error) {
          c.logger.warn('a playAudioFile onPlaying listener threw', error);
        }
      }
    }) as PlayAudioFilePromise;
    promise.onPlaying = (listener) => {
      if (typeof listener !== 'function') throw new TypeError('call.playAudioFile().onPlaying(listener): listener must be a function');
      listeners.push(listener);
      return promise;
    };
    return promise;
  };
}

async function play(c: PlayAudioFileCollaborators, callId: string, filePath: string, playing: (info: AudioFilePlaying) => void): Promise<void> {
  const call = c.control.get(callId);
  const state = call?.data.state ?? '';
  const trackId = call?.data.localTracks.find((id) => c.media.getTrack(id)?.kind === 'audio');
  const sender = trackId ? call?.senderOf(trackId) : undefined;
  const refusal = !call
    ? callNotFound(callId)
    : state !== states.CONNECTED ? invalidState('play an audio file on', state) : !sender?.track ? invalidState('play an audio file on', state, 'no local audio track') : undefined;
  if (refusal) {
    c.control.refuse(callId, PLAY_AUDIO, refusal);
    throw refusal;
  }
  await runOperation(call as CallHandle, PLAY_AUDIO, () => swap(call as CallHandle, sender as RTCRtpSender, c.loadAudioFile, filePath, playing));
}

async function swap(call: CallHandle, sender: RTCRtpSender, load: AudioFileLoader, filePath: string, playing: (info: AudioFilePlaying) => void): Promise<void> {
  const original = sender.track as MediaStreamTrack;
  let source: AudioFileSource | undefined;
  let failure: unknown;
  try {
    source = await load(filePath);
    await sender.replaceTrack(source.track);
    playing(await source.play());
    await source.finished;
  } catch (error) {
    failure = asCallError(error, 'CALL_AUDIO_FILE_FAILED', `The audio file ${filePath} could not be played.`);
  }
  source?.close();
  if (call.data.state === states.ENDED) throw endedDuring(PLAY_AUDIO);
  try {
    await sender.replaceTrack(original);
  } catch (error) {
    // Could not put the microphone back: end it (releases the device; media:trackEnded fires).
    original.stop();
    original.dispatchEvent(new Event('ended'));
    failure ??= asCallError(error, 'CALL_AUDIO_FILE_FAILED', 'The original audio track could not be restored.');
  }
  if (failure) throw failure;
}
