/**
 * Audio files as tracks, for `call.playAudioFile`: the browser loader reads the file with the
 * `Audio` constructor (seed 000) and turns it into a `MediaStreamTrack` through WebAudio.
 */

/** A loaded audio file, as a track to send. @public */
export interface AudioFileSource {
  /** The file's audio. */
  readonly track: MediaStreamTrack;
  /** Starts playing; resolves with the file's duration in seconds once it plays. */
  play(): Promise<{
    /** The file's duration in seconds. */
    duration: number;
  }>;
  /** Resolves when the file has played to its end; rejects on a playback error. */
  readonly finished: Promise<void>;
  /** Stops and releases the source (the track, the audio context). */
  close(): void;
}

/** Loads an audio file (a relative path or a URL); rejects when it cannot be loaded. @public */
export type AudioFileLoader = (filePath: string) => Promise<AudioFileSource>;

/** The browser loader: `new Audio(filePath)` → `MediaElementAudioSourceNode` → a track. @public */
export const browserAudioFileLoader: AudioFileLoader = async (filePath) => {
  const audio = new Audio();
  audio.crossOrigin = 'anonymous';
  const context = new AudioContext();
  const failed = () => new Error(`The audio file ${filePath} could not be loaded or played (${audio.error?.message || `media error ${audio.error?.code ?? '?'}`}).`);
  try {
    await new Promise<void>((resolve, reject) => {
      audio.oncanplaythrough = () => resolve();
      audio.onerror = () => reject(failed());
      audio.src = filePath;
      audio.load();
    });
    const destination = context.createMediaStreamDestination();
    context.createMediaElementSource(audio).connect(destination);
    const track = destination.stream.getAudioTracks()[0]!;
    const finished = new Promise<void>((resolve, reject) => {
      audio.onended = () => resolve();
      audio.onerror = () => reject(failed());
    });
    finished.catch(() => undefined); // awaited by the operation; never unhandled when playing fails first
    return {
      track,
      finished,
      async play() {
        // Not awaited: a context the autoplay policy holds (Firefox, no user gesture yet) resumes
        // later instead of blocking playAudioFile for ever.
        void context.resume().catch(() => undefined);
        await audio.play();
        return { duration: audio.duration };
      },
      close() {
        audio.pause();
        audio.removeAttribute('src');
        track.stop();
        void context.close().catch(() => undefined);
      },
    };
  } catch (error) {
    void context.close().catch(() => undefined);
    throw error;
  }
};
