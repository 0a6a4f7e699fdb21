/**
 * The `client.media` namespace (seed 000 `media`): validates arguments, then calls the managers
 * directly. Wrong argument types throw a TypeError; unknown ids and selectors give coded
 * BasicErrors; in both cases nothing changes.
 */
import { BasicError, toBasicError, type Logger } from '@switchboard/core';
import { mediaErrorCodes } from '../errors';
import type { MediaEmit } from '../events';
import type { AudioLevels } from '../internal/AudioLevels';
import type { DeviceManager } from '../internal/DeviceManager';
import type { Renderer } from '../internal/Renderer';
import type { TrackEntry, TrackStore } from '../internal/TrackStore';
import type { MediaObject, TrackObject } from '../tokens';
import type { AudioLevelsOptions, DevicesObject, InitializeDevicesOptions, RenderOptions } from '../types';

/** The `client.media` namespace. @public */
export interface MediaApi {
  /** The available cameras, microphones and speakers. Kept current; `devices:change` says when it changed. */
  getDevices(): DevicesObject;
  /** A Media object by id, or undefined. */
  getById(mediaId: string): MediaObject | undefined;
  /** A Track object by id, or undefined. */
  getTrackById(trackId: string): TrackObject | undefined;
  /**
   * Asks for device permissions ahead of a call (so device labels become visible), then re-reads
   * the devices. Emits `devices:change`, or `devices:error`. The promise never rejects.
   * Firefox reads the devices of a page only while it is visible and focused: in a background or
   * unfocused page the promise (and the event) waits until the user returns to it.
   * @throws TypeError when `constraints` is not an object or `audio`/`video` not booleans.
   */
  initializeDevices(constraints?: InitializeDevicesOptions): Promise<void>;
  /**
   * Renders tracks in the element matched by `cssSelector` (one `<audio>`/`<video>` per track).
   * Emits `media:trackRendered` (with `error` on failure: `INVALID_ARGUMENT` for an empty list,
   * `MEDIA_TRACK_NOT_FOUND`, `MEDIA_CONTAINER_NOT_FOUND`) and resolves after it; never rejects.
   * @throws TypeError when `trackIds` is not an array of strings, `cssSelector` not a string or
   *   `options` not an object.
   */
  renderTracks(trackIds: string[], cssSelector: string, options?: RenderOptions): Promise<void>;
  /**
   * Removes tracks' elements from the container of `cssSelector`. Unknown or unrendered ids are ignored.
   * @throws TypeError when `trackIds` is not an array of strings or `cssSelector` not a string.
   */
  removeTracks(trackIds: string[], cssSelector: string): void;
  /**
   * Mutes tracks (silence / black frames; a muted local track is muted for the remote side too). Emits `media:muted`.
   * @throws TypeError when `trackIds` is not an array of strings; BasicError `INVALID_ARGUMENT` for
   *   an empty list, `MEDIA_TRACK_NOT_FOUND` for an unknown id (then no track changes).
   */
  muteTracks(trackIds: string[]): void;
  /** Unmutes tracks. Emits `media:unmuted`. @throws like {@link MediaApi.muteTracks}. */
  unmuteTracks(trackIds: string[]): void;
  /** (ref-only) Alias of {@link MediaApi.renderTracks}, named in seed 000's `changeSpeaker` example. */
  renderTrack(trackIds: string[], cssSelector: string, options?: RenderOptions): Promise<void>;
  /** (ref-only) Alias of {@link MediaApi.removeTracks}, named in seed 000's `changeSpeaker` example. */
  removeTrack(trackIds: string[], cssSelector: string): void;
  /**
   * (proposed, §9.4) Samples audio levels every `interval` ms (default 100); emits `media:audioLevels`.
   * @throws TypeError when `options` is not an object or `interval` not a number; BasicError
   *   `INVALID_ARGUMENT` when `interval` is not a finite number >= 10.
   */
  startAudioLevels(options?: AudioLevelsOptions): void;
  /** (proposed, §9.4) Stops sampling audio levels. */
  stopAudioLevels(): void;
}

/** Collaborators of the API. @internal */
export interface MediaApiDeps {
  store: TrackStore;
  renderer: Renderer;
  devices: DeviceManager;
  audioLevels: AudioLevels;
  emit: MediaEmit;
  logger: Logger;
}

const isOptions = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const invalidArgument = (method: string, text: string) =>
  new BasicError('INVALID_ARGUMENT', `media.${method}(): ${text}`, { pluginId: 'media' });

function assertIds(method: string, trackIds: unknown): asserts trackIds is string[] {
  if (!Array.isArray(trackIds) || !trackIds.every((id) => typeof id === 'string')) {
    throw new TypeError(`media.${method}(trackIds): trackIds must be an array of strings`);
  }
}

function assertSelector(method: string, cssSelector: unknown): asserts cssSelector is string {
  if (typeof cssSelector !== 'string') throw new TypeError(`media.${method}(trackIds, cssSelector): cssSelector must be a string`);
}

function assertId(method: string, id: unknown): asserts id is string {
  if (typeof id !== 'string') throw new TypeError(`media.${method}(id): id must be a string`);
}

/** Builds the frozen `client.media` namespace. @internal */
export function createMediaApi(deps: MediaApiDeps): MediaApi {
  const { store, renderer, devices, audioLevels, emit, logger } = deps;

  /** Entries of all ids, or the error naming the unknown ones. */
  const lookup = (method: string, ids: readonly string[]): TrackEntry[] | BasicError => {
    const entries = ids.map((id) => store.get(id));
    const unknown = ids.filter((_, i) => !entries[i]);
    if (unknown.length) return new BasicError(mediaErrorCodes.TRACK_NOT_FOUND, `media.${method}(): unknown track id(s): ${unknown.join(', ')}.`);
    return entries as TrackEntry[];
  };

  const setMuted = (method: 'muteTracks' | 'unmuteTracks', trackIds: unknown, muted: boolean) => {
    assertIds(method, trackIds);
    if (!trackIds.length) throw invalidArgument(method, 'trackIds must name at least one track');
    const entries = lookup(method, trackIds);
    if (entries instanceof BasicError) throw entries;
    for (const e of entries) {
      e.native.enabled = !muted;
      e.muted = muted;
    }
    logger.debug(`${method}() | [tracks:${trackIds.join(',')}]`);
    emit(muted ? 'media:muted' : 'media:unmuted', { tracks: [...trackIds] });
  };

  // NOTE: not `async`, so argument errors throw synchronously instead of rejecting.
  function renderTracks(trackIds: string[], cssSelector: string, options?: RenderOptions): Promise<void> {
    assertIds('renderTracks', trackIds);
    assertSelector('renderTracks', cssSelector);
    if (options !== undefined && !isOptions(options)) {
      throw new TypeError('media.renderTracks(trackIds, cssSelector, options): options must be an object');
    }
    const speakerId = options?.speakerId;
    if (speakerId !== undefined && typeof speakerId !== 'string') throw new TypeError('media.renderTracks(): options.speakerId must be a string');
    return render([...trackIds], cssSelector, speakerId);
  }

  async function render(ids: string[], selector: string, speakerId: string | undefined): Promise<void> {
    let error: BasicError | undefined;
    const entries = ids.length ? lookup('renderTracks', ids) : invalidArgument('renderTracks', 'trackIds must name at least one track');
    const container = entries instanceof BasicError ? entries : renderer.findContainer(selector);
    if (container instanceof BasicError) error = container;
    else {
      try {
        error = await renderer.render(entries as TrackEntry[], selector, container, speakerId);
      } catch (e) {
        error = toBasicError(e, mediaErrorCodes.ERROR);
      }
    }
    if (error) logger.warn(`renderTracks() | ${error.message}`);
    emit('media:trackRendered', error ? { trackIds: ids, selector, error } : { trackIds: ids, selector });
  }

  function removeTracks(trackIds: string[], cssSelector: string): void {
    assertIds('removeTracks', trackIds);
    assertSelector('removeTracks', cssSelector);
    const entries = trackIds.map((id) => store.get(id)).filter((e): e is TrackEntry => e !== undefined);
    if (entries.length < trackIds.length) logger.debug('removeTracks() | ignoring unknown track ids');
    renderer.remove(entries, cssSelector);
  }

  return Object.freeze({
    getDevices: () => devices.get(),
    getById(mediaId: string) {
      assertId('getById', mediaId);
      return store.getMedia(mediaId);
    },
    getTrackById(trackId: string) {
      assertId('getTrackById', trackId);
      return store.getTrack(trackId);
    },
    initializeDevices(constraints: InitializeDevicesOptions = {}) {
      if (!isOptions(constraints)) throw new TypeError('media.initializeDevices(constraints): constraints must be an object');
      const { audio = true, video = true } = constraints;
      if (typeof audio !== 'boolean' || typeof video !== 'boolean') throw new TypeError('media.initializeDevices(): audio and video must be booleans');
      return devices.initialize(audio, video);
    },
    renderTracks,
    removeTracks,
    muteTracks: (trackIds: string[]) => setMuted('muteTracks', trackIds, true),
    unmuteTracks: (trackIds: string[]) => setMuted('unmuteTracks', trackIds, false),
    renderTrack: renderTracks,
    removeTrack: removeTracks,
    startAudioLevels(options: AudioLevelsOptions = {}) {
      if (!isOptions(options)) throw new TypeError('media.startAudioLevels(options): options must be an object');
      const interval = options.interval ?? 100;
      if (typeof interval !== 'number') throw new TypeError('media.startAudioLevels(options): options.interval must be a number');
      if (!Number.isFinite(interval) || interval < 10) throw invalidArgument('startAudioLevels', 'options.interval must be a finite number >= 10 (ms)');
      audioLevels.start(interval);
    },
    stopAudioLevels: () => audioLevels.stop(),
  });
}
