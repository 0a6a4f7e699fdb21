/**
 * WebAudio mixing for a local three-way call (`join`): each call's outgoing audio becomes the
 * local microphone plus the other call's remote audio, so that each far end hears the other two.
 */

/** Mixes tracks into new tracks; `close()` releases everything. @public */
export interface AudioMixer {
  /** A new audio track carrying the sum of `tracks`. */
  mix(tracks: readonly MediaStreamTrack[]): MediaStreamTrack;
  /** Stops mixing (the mixed tracks end). */
  close(): void;
}

/** Creates an {@link AudioMixer}; tests pass a fake. @public */
export type AudioMixerFactory = () => AudioMixer;

/** The browser's mixer: one AudioContext, one MediaStreamAudioDestinationNode per mixed track. @internal */
export const webAudioMixer: AudioMixerFactory = () => {
  const ctx = new AudioContext();
  void ctx.resume().catch(() => undefined);
  const sinks: HTMLAudioElement[] = [];
  return {
    mix(tracks) {
      const dest = ctx.createMediaStreamDestination();
      for (const track of tracks) {
        const stream = new MediaStream([track]);
        // Chromium pulls remote WebRTC audio into WebAudio only while a media element plays it.
        const sink = document.createElement('audio');
        sink.muted = true;
        sink.srcObject = stream;
        void sink.play().catch(() => undefined);
        sinks.push(sink);
        ctx.createMediaStreamSource(stream).connect(dest);
      }
      return dest.stream.getAudioTracks()[0]!;
    },
    close() {
      for (const sink of sinks) sink.srcObject = null;
      void ctx.close().catch(() => undefined);
    },
  };
};
