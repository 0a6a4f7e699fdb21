/**
 * The registry's state: Media and Track entries wrapping native MediaStreamTracks, keyed by ids
 * the store generates (unique per client, never the native ids). It listens to each native
 * track's `mute`/`unmute`/`ended` events and turns them into `media:sourceMuted`,
 * `media:sourceUnmuted` and (for local tracks) `media:trackEnded`.
 */
import type { Logger } from '@switchboard/core';
import type { MediaEmit } from '../events';
import type { MediaObject, TrackObject } from '../tokens';

/** A registered track. @internal */
export interface TrackEntry {
  readonly id: string;
  readonly native: MediaStreamTrack;
  readonly isLocal: boolean;
  readonly mediaId: string;
  readonly owner?: { readonly callId: string };
  muted: boolean;
  sourceMuted: boolean;
  disabled: boolean;
  state: 'live' | 'ended';
  containers: string[];
  /** Removes the native listeners. */
  unlisten(): void;
}

interface MediaEntry {
  readonly id: string;
  readonly local: boolean;
  readonly trackIds: string[];
  readonly stream?: MediaStream;
}

/** Holds Media and Track entries. @internal */
export class TrackStore {
  private readonly tracks = new Map<string, TrackEntry>();
  private readonly byNative = new Map<MediaStreamTrack, string>();
  private readonly media = new Map<string, MediaEntry>();
  private readonly remoteStreams = new Map<MediaStream, string>();

  constructor(private readonly newId: () => string, private readonly emit: MediaEmit, private readonly logger: Logger) {}

  /** Registers local native tracks as one new local Media (an empty one is returned but not kept, like a Media whose last track went). */
  addLocal(natives: readonly MediaStreamTrack[], owner?: { callId: string }): MediaObject {
    const media: MediaEntry = { id: this.newId(), local: true, trackIds: [] };
    if (!natives.length) return Object.freeze({ id: media.id, local: true, tracks: Object.freeze([]) as unknown as TrackObject[] });
    this.media.set(media.id, media);
    for (const native of natives) media.trackIds.push(this.add(native, media.id, true, owner).id);
    return this.getMedia(media.id)!;
  }

  /** Registers a remote native track under the remote Media of its stream (idempotent). */
  addRemote(native: MediaStreamTrack, stream: MediaStream | undefined, owner: { callId: string }): TrackObject {
    const known = this.findByNative(native);
    if (known) return known;
    let mediaId = stream ? this.remoteStreams.get(stream) : undefined;
    if (!mediaId) {
      const media: MediaEntry = { id: this.newId(), local: false, trackIds: [], stream };
      this.media.set(media.id, media);
      if (stream) this.remoteStreams.set(stream, media.id);
      mediaId = media.id;
    }
    const entry = this.add(native, mediaId, false, owner);
    this.media.get(mediaId)!.trackIds.push(entry.id);
    return this.snapshot(entry);
  }

  /** The entry of a track id. */
  get(trackId: string): TrackEntry | undefined {
    return this.tracks.get(trackId);
  }

  /** Every entry. */
  all(): TrackEntry[] {
    return [...this.tracks.values()];
  }

  /** Snapshot of a native track's entry. */
  findByNative(native: MediaStreamTrack): TrackObject | undefined {
    const id = this.byNative.get(native);
    return id === undefined ? undefined : this.getTrack(id);
  }

  /** Snapshot of a track. */
  getTrack(trackId: string): TrackObject | undefined {
    const entry = this.tracks.get(trackId);
    return entry && this.snapshot(entry);
  }

  /** Snapshot of a Media. */
  getMedia(mediaId: string): MediaObject | undefined {
    const media = this.media.get(mediaId);
    if (!media) return undefined;
    const tracks = media.trackIds.map((id) => this.snapshot(this.tracks.get(id)!));
    return Object.freeze({ id: media.id, local: media.local, tracks: Object.freeze(tracks) as TrackObject[] });
  }

  /** Ids of the tracks owned by a call. */
  tracksOf(callId: string): string[] {
    return this.all().filter((e) => e.owner?.callId === callId).map((e) => e.id);
  }

  /** Forgets a track (and its Media once empty); returns the removed entry. Does not stop it. */
  forget(trackId: string): TrackEntry | undefined {
    const entry = this.tracks.get(trackId);
    if (!entry) return undefined;
    entry.unlisten();
    this.tracks.delete(trackId);
    this.byNative.delete(entry.native);
    const media = this.media.get(entry.mediaId);
    if (media) {
      media.trackIds.splice(media.trackIds.indexOf(trackId), 1);
      if (media.trackIds.length === 0) {
        this.media.delete(media.id);
        if (media.stream) this.remoteStreams.delete(media.stream);
      }
    }
    return entry;
  }

  /** A frozen TrackObject copy of an entry. */
  snapshot(e: TrackEntry): TrackObject {
    return Object.freeze({
      containers: Object.freeze([...e.containers]) as string[],
      disabled: e.disabled,
      isLocal: e.isLocal,
      id: e.id,
      kind: e.native.kind === 'video' ? 'video' : 'audio',
      label: e.native.label,
      muted: e.muted,
      sourceMuted: e.sourceMuted,
      state: e.state,
      streamId: e.mediaId,
    });
  }

  private add(native: MediaStreamTrack, mediaId: string, isLocal: boolean, owner?: { callId: string }): TrackEntry {
    const id = this.newId();
    const onMute = () => {
      entry.sourceMuted = true;
      this.emit('media:sourceMuted', { trackId: id });
    };
    const onUnmute = () => {
      entry.sourceMuted = false;
      this.emit('media:sourceUnmuted', { trackId: id });
    };
    // NOTE: `ended` only fires when the track ends outside our control (track.stop() does not fire it).
    const onEnded = () => {
      if (entry.state === 'ended') return;
      entry.state = 'ended';
      entry.disabled = true;
      this.logger.info(`track ended [trackId:${id}] [local:${isLocal}]`);
      if (isLocal) this.emit('media:trackEnded', owner ? { trackId: id, callId: owner.callId } : { trackId: id });
    };
    native.addEventListener('mute', onMute);
    native.addEventListener('unmute', onUnmute);
    native.addEventListener('ended', onEnded);
    const entry: TrackEntry = {
      id,
      native,
      isLocal,
      mediaId,
      owner: owner ? Object.freeze({ callId: owner.callId }) : undefined,
      muted: native.enabled === false,
      sourceMuted: native.muted === true,
      disabled: false,
      state: native.readyState === 'ended' ? 'ended' : 'live',
      containers: [],
      unlisten() {
        native.removeEventListener('mute', onMute);
        native.removeEventListener('unmute', onUnmute);
        native.removeEventListener('ended', onEnded);
      },
    };
    this.tracks.set(id, entry);
    this.byNative.set(native, id);
    return entry;
  }
}
