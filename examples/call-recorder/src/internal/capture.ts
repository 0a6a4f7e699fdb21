/**
 * Picks the audio tracks of a call through public read APIs (the call's `remoteTracks` /
 * `localTracks` ids from `callTokens.calls`, their native tracks from `mediaTokens.registry`) and
 * turns them into one MediaStream: the track itself when there is one, a Web Audio mix otherwise.
 */
import type { CallObject } from '@switchboard/call';
import type { MediaRegistry } from '@switchboard/media';
import type { ResolvedEnvironment } from '../environment';
import { recorderError } from '../errors';

/** A recordable audio track of a call. @internal */
export interface PickedTrack {
  id: string;
  track: MediaStreamTrack;
}

/** The stream handed to MediaRecorder, and how to release what was opened for it. @internal */
export interface Capture {
  stream: MediaStream;
  release(): void;
}

/** The live audio tracks of a call: remote ones, plus local ones when `includeLocal`. @internal */
export function pickAudioTracks(call: CallObject, media: MediaRegistry, includeLocal: boolean): PickedTrack[] {
  const ids = includeLocal ? [...call.remoteTracks, ...call.localTracks] : call.remoteTracks;
  const picked: PickedTrack[] = [];
  for (const id of ids) {
    const info = media.getTrack(id);
    const track = media.getNativeTrack(id);
    if (info?.kind === 'audio' && info.state === 'live' && track && track.readyState === 'live') picked.push({ id, track });
  }
  return picked;
}

/**
 * Checks that the environment can record `count` tracks; returns the error to reject with, if any.
 * Called before anything is opened, so a refusal leaves nothing behind.
 * @internal
 */
export function captureProblem(env: ResolvedEnvironment, count: number): Error | undefined {
  if (!env.MediaStream) return recorderError('RECORDER_UNSUPPORTED', 'MediaStream is not available in this runtime.');
  if (count > 1 && !env.createAudioContext) {
    return recorderError('RECORDER_UNSUPPORTED', 'Mixing several tracks needs an AudioContext, which this runtime lacks.');
  }
  return undefined;
}

/** Builds the stream to record. Call {@link captureProblem} first. @internal */
export function createCapture(env: ResolvedEnvironment, tracks: readonly PickedTrack[]): Capture {
  const Stream = env.MediaStream!;
  if (tracks.length === 1) return { stream: new Stream([tracks[0]!.track]), release: () => {} };
  const context = env.createAudioContext!();
  const destination = context.createMediaStreamDestination();
  const sources = tracks.map(({ track }) => {
    const source = context.createMediaStreamSource(new Stream([track]));
    source.connect(destination);
    return source;
  });
  return {
    stream: destination.stream,
    release() {
      for (const source of sources) source.disconnect();
      void context.close().catch(() => undefined);
    },
  };
}
