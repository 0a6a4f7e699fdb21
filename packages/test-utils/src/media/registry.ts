/** An in-memory media registry (`mediaTokens.registry`) over fake tracks, for plugins that consume media. */
import type { BasicError } from '@switchboard/core';
import type { LocalMediaOptions, MediaObject, MediaRegistry, TrackObject } from '@switchboard/media';
import { FakeMediaStreamTrack } from './tracks';

/**
 * A fake `MediaRegistry`: `createLocalMedia` registers one {@link FakeMediaStreamTrack} per
 * requested kind (or rejects with `fail` when set); remote tracks are registered as given;
 * `removeTracks` stops local tracks and records the ids in `removed`.
 * @public
 */
export class FakeMediaRegistry implements MediaRegistry {
  /** Registered tracks with their native fakes, by track id. */
  readonly tracks = new Map<
    string,
    {
      /** The track's `TrackObject`. */
      obj: TrackObject;
      /** The fake native track. */
      native: FakeMediaStreamTrack;
      /** The id of the call that owns it, if any. */
      owner?: string;
    }
  >();
  /** Every removed track id. */
  readonly removed: string[] = [];
  /** When set, createLocalMedia rejects with it. */
  fail: BasicError | undefined;
  private n = 0;

  async createLocalMedia(options: LocalMediaOptions, owner?: { callId: string }): Promise<MediaObject> {
    if (this.fail) throw this.fail;
    const streamId = `local-media-${++this.n}`;
    const kinds: Array<'audio' | 'video'> = [];
    if (options.audio) kinds.push('audio');
    if (options.video) kinds.push('video');
    if (options.screen) kinds.push('video');
    const tracks = kinds.map((kind) => this.register(new FakeMediaStreamTrack(kind), true, streamId, owner?.callId));
    return { id: streamId, local: true, tracks };
  }

  addRemoteTrack(track: MediaStreamTrack, stream: MediaStream | undefined, owner?: { callId: string }): TrackObject {
    return this.register(track as unknown as FakeMediaStreamTrack, false, stream?.id ?? 'remote-default', owner?.callId);
  }

  getNativeTrack(id: string): MediaStreamTrack | undefined {
    return this.tracks.get(id)?.native as unknown as MediaStreamTrack | undefined;
  }

  findByNative(track: MediaStreamTrack): TrackObject | undefined {
    for (const t of this.tracks.values()) if ((t.native as unknown) === track) return t.obj;
    return undefined;
  }

  removeTracks(ids: readonly string[]): void {
    for (const id of ids) {
      const t = this.tracks.get(id);
      if (t?.obj.isLocal) t.native.stop();
      this.tracks.delete(id);
      this.removed.push(id);
    }
  }

  tracksOf(callId: string): string[] {
    return [...this.tracks.entries()].filter(([, t]) => t.owner === callId).map(([id]) => id);
  }

  getTrack(id: string): TrackObject | undefined {
    return this.tracks.get(id)?.obj;
  }

  private register(native: FakeMediaStreamTrack, isLocal: boolean, streamId: string, owner: string | undefined): TrackObject {
    const obj: TrackObject = {
      id: `track-${++this.n}`, kind: native.kind, isLocal, streamId, containers: [], disabled: false, label: native.label, muted: false, sourceMuted: false, state: 'live',
    };
    this.tracks.set(obj.id, { obj, native, owner });
    return obj;
  }
}
