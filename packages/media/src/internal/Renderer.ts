/**
 * Renders tracks into page containers: one `<audio>`/`<video>` element per track and container
 * (reused when rendered again), autoplaying inline, local video muted, audio routed to a
 * speaker with `setSinkId` where supported. Elements are tagged `data-track-id`.
 */
import { BasicError, type Logger } from '@switchboard/core';
import type { MediaEnvironment } from '../adapters/environment';
import { mediaErrorCodes, notSupportedError, toMediaError } from '../errors';
import type { TrackEntry } from './TrackStore';

type SinkElement = HTMLMediaElement & { setSinkId?: (sinkId: string) => Promise<void> };

/** Attaches and detaches media elements. @internal */
export class Renderer {
  /** trackId → selector → element. */
  private readonly elements = new Map<string, Map<string, HTMLMediaElement>>();

  constructor(private readonly env: MediaEnvironment, private readonly logger: Logger) {}

  /** Finds the container of a selector, or returns the coded error. */
  findContainer(selector: string): Element | BasicError {
    const doc = this.env.document();
    if (!doc) return notSupportedError('renderTracks()');
    let container: Element | null;
    try {
      container = doc.querySelector(selector);
    } catch (error) {
      return new BasicError('INVALID_ARGUMENT', `renderTracks(): "${selector}" is not a valid CSS selector.`, { cause: error });
    }
    return container ?? new BasicError(mediaErrorCodes.CONTAINER_NOT_FOUND, `renderTracks(): no element matches "${selector}".`);
  }

  /**
   * Renders entries into the container. Resolves with the first error (a failed `setSinkId`),
   * or undefined. Updates each entry's `containers`.
   */
  async render(entries: readonly TrackEntry[], selector: string, container: Element, speakerId?: string): Promise<BasicError | undefined> {
    const sinks: Array<Promise<BasicError | undefined>> = [];
    for (const entry of entries) {
      const el = this.elementFor(entry, selector, container);
      if (entry.native.kind === 'audio' && speakerId !== undefined) sinks.push(this.setSink(el as SinkElement, speakerId));
      if (!entry.containers.includes(selector)) entry.containers.push(selector);
    }
    const errors = await Promise.all(sinks);
    return errors.find((e) => e !== undefined);
  }

  /** Detaches entries from the container of `selector`; unrendered ones are ignored. */
  remove(entries: readonly TrackEntry[], selector: string): void {
    for (const entry of entries) {
      const bySelector = this.elements.get(entry.id);
      const el = bySelector?.get(selector);
      if (el) detach(el);
      bySelector?.delete(selector);
      if (bySelector?.size === 0) this.elements.delete(entry.id);
      entry.containers = entry.containers.filter((s) => s !== selector);
    }
  }

  /** Detaches a track from every container. */
  detachAll(entry: TrackEntry): void {
    for (const el of this.elements.get(entry.id)?.values() ?? []) detach(el);
    this.elements.delete(entry.id);
    entry.containers = [];
  }

  private elementFor(entry: TrackEntry, selector: string, container: Element): HTMLMediaElement {
    let bySelector = this.elements.get(entry.id);
    const existing = bySelector?.get(selector);
    if (existing && existing.parentNode === container) return existing;
    if (existing) detach(existing); // the container was replaced since the last render
    const kind = entry.native.kind === 'video' ? 'video' : 'audio';
    const el = this.env.document()!.createElement(kind);
    el.autoplay = true;
    el.setAttribute('playsinline', ''); // reflected by HTMLVideoElement.playsInline
    // Local video is muted so autoplay is allowed (and it has no audio anyway).
    el.muted = entry.isLocal && kind === 'video';
    el.setAttribute('data-track-id', entry.id);
    el.srcObject = this.env.createStream([entry.native]);
    container.appendChild(el);
    // play() returns undefined in old browsers
    el.play()?.catch?.((error: unknown) => this.logger.debug(`renderTracks() | play() was refused [trackId:${entry.id}]`, error));
    if (!bySelector) this.elements.set(entry.id, (bySelector = new Map()));
    bySelector.set(selector, el);
    return el;
  }

  private async setSink(el: SinkElement, speakerId: string): Promise<BasicError | undefined> {
    if (typeof el.setSinkId !== 'function') {
      this.logger.warn('renderTracks() | this browser cannot choose a speaker (no setSinkId); using the default');
      return undefined;
    }
    try {
      await el.setSinkId(speakerId);
      return undefined;
    } catch (error) {
      return toMediaError(error, 'setSinkId');
    }
  }
}

function detach(el: HTMLMediaElement): void {
  el.srcObject = null;
  el.parentNode?.removeChild(el);
}
