/** The fake media environment: one `MediaEnvironment` for the media plugin over the fakes. */
import type { MediaEnvironment } from '@switchboard/media';
import { FakeMediaDevices, type FakeDeviceInfo } from './devices';
import { FakeDocument } from './dom';
import { FakeMediaStream, type FakeMediaStreamTrack } from './tracks';

/** Options of {@link fakeMediaEnvironment}. @public */
export interface FakeMediaEnvironmentOptions {
  /** The initial device list. @default none */
  devices?: readonly FakeDeviceInfo[];
  /** Members that replace the fake ones (e.g. `createAudioContext`). */
  overrides?: Partial<MediaEnvironment>;
}

/** A fake media environment and its parts. @public */
export interface FakeMediaEnvironment {
  /** Pass it as `mediaPlugin({ environment })`. */
  environment: MediaEnvironment;
  /** The fake `navigator.mediaDevices`. */
  mediaDevices: FakeMediaDevices;
  /** The fake `document`. */
  document: FakeDocument;
}

/**
 * Creates a media environment over {@link FakeMediaDevices} and {@link FakeDocument}: streams are
 * {@link FakeMediaStream}s, there is no window and no Web Audio (override `createAudioContext`),
 * ids are `id-1`, `id-2`, ….
 * @example
 * ```ts
 * const media = fakeMediaEnvironment({ devices: DEFAULT_DEVICES })
 * const client = createClient({ plugins: [mediaPlugin({ environment: media.environment })] })
 * media.mediaDevices.userMediaError = domError('NotAllowedError')
 * ```
 * @public
 */
export function fakeMediaEnvironment(options: FakeMediaEnvironmentOptions = {}): FakeMediaEnvironment {
  const mediaDevices = new FakeMediaDevices(options.devices);
  const document = new FakeDocument();
  let n = 0;
  const environment: MediaEnvironment = {
    mediaDevices: () => mediaDevices as unknown as MediaDevices,
    document: () => document as unknown as ReturnType<MediaEnvironment['document']>,
    createStream: (tracks) => new FakeMediaStream(tracks as unknown as FakeMediaStreamTrack[]) as unknown as MediaStream,
    window: () => undefined,
    createAudioContext: () => undefined,
    randomId: () => `id-${++n}`,
    ...options.overrides,
  };
  return { environment, mediaDevices, document };
}
