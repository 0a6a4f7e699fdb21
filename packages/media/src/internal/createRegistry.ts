/**
 * The {@link MediaRegistry} given to the call plugin: creates local media with
 * `getUserMedia`/`getDisplayMedia`, adopts remote tracks, and releases tracks (stopping local
 * ones and detaching their rendered elements).
 */
import { BasicError, type Logger } from '@switchboard/core';
import type { MediaEnvironment } from '../adapters/environment';
import { notSupportedError, toMediaError } from '../errors';
import type { LocalMediaOptions, MediaRegistry } from '../tokens';
import { displayMediaConstraints, userMediaConstraints } from './constraints';
import type { Renderer } from './Renderer';
import type { TrackEntry, TrackStore } from './TrackStore';

/** Collaborators of the registry. @internal */
export interface RegistryDeps {
  env: MediaEnvironment;
  store: TrackStore;
  renderer: Renderer;
  logger: Logger;
  /** True once the plugin is disposed: media obtained afterwards is released at once. */
  isDisposed(): boolean;
}

/** Stops a local track's device, detaches its elements and forgets it. @internal */
export function releaseTrack(deps: Pick<RegistryDeps, 'store' | 'renderer'>, entry: TrackEntry): void {
  deps.renderer.detachAll(entry);
  deps.store.forget(entry.id);
  if (entry.isLocal) entry.native.stop();
}

async function acquire(env: MediaEnvironment, options: LocalMediaOptions): Promise<MediaStreamTrack[]> {
  const user = userMediaConstraints(options);
  const display = displayMediaConstraints(options);
  if (!user && !display) return [];
  const md = env.mediaDevices();
  if (!md) throw notSupportedError('createLocalMedia()');
  const tracks: MediaStreamTrack[] = [];
  let step = 'getUserMedia';
  try {
    if (user) tracks.push(...(await md.getUserMedia(user)).getTracks());
    if (display) {
      step = 'getDisplayMedia';
      if (typeof md.getDisplayMedia !== 'function') throw notSupportedError('createLocalMedia(): getDisplayMedia');
      tracks.push(...(await md.getDisplayMedia(display)).getTracks());
    }
    return tracks;
  } catch (error) {
    for (const t of tracks) t.stop();
    throw toMediaError(error, step);
  }
}

/** Creates the registry. @internal */
export function createRegistry(deps: RegistryDeps): MediaRegistry {
  const { env, store, logger } = deps;
  return Object.freeze({
    async createLocalMedia(options: LocalMediaOptions, owner?: { callId: string }) {
      if (typeof options !== 'object' || options === null) throw new TypeError('createLocalMedia(options): options must be an object');
      const tracks = await acquire(env, options);
      if (deps.isDisposed()) {
        for (const t of tracks) t.stop();
        throw new BasicError('SDK_DESTROYED', 'createLocalMedia(): the SDK was destroyed meanwhile.');
      }
      const media = store.addLocal(tracks, owner);
      logger.debug(`createLocalMedia() | [mediaId:${media.id}] [tracks:${media.tracks.map((t) => `${t.kind}:${t.id}`).join(',')}]`);
      return media;
    },
    addRemoteTrack: (track: MediaStreamTrack, stream: MediaStream | undefined, owner: { callId: string }) =>
      store.addRemote(track, stream, owner),
    getNativeTrack: (trackId: string) => store.get(trackId)?.native,
    findByNative: (track: MediaStreamTrack) => store.findByNative(track),
    removeTracks(trackIds: readonly string[]) {
      for (const id of trackIds) {
        const entry = store.get(id);
        if (entry) releaseTrack(deps, entry);
      }
    },
    tracksOf: (callId: string) => store.tracksOf(callId),
    getTrack: (trackId: string) => store.getTrack(trackId),
    getMedia: (mediaId: string) => store.getMedia(mediaId),
  });
}
