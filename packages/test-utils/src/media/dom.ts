/** Just enough DOM for rendering media: elements with `srcObject`/`play`/`setSinkId`, and a document. */
import { domError } from './devices';
import type { FakeMediaStream } from './tracks';

/**
 * A fake element: a container (`div`) or a media element (`audio`/`video`).
 * @public
 */
export class FakeElement {
  /** Appended children, in order. */
  readonly children: FakeElement[] = [];
  /** The element it was appended to, or null. */
  parentNode: FakeElement | null = null;
  /** Attributes set with `setAttribute`. */
  readonly attributes = new Map<string, string>();
  /** As `HTMLMediaElement.autoplay`. */
  autoplay = false;
  /** As `HTMLMediaElement.muted`. */
  muted = false;
  /** As `HTMLVideoElement.playsInline` (set by the `playsinline` attribute). */
  playsInline = false;
  /** The rendered stream, or null. */
  srcObject: FakeMediaStream | null = null;
  /** The output device set with `setSinkId` (`''`: the default). */
  sinkId = '';
  /** How many times `play()` was called. */
  played = 0;
  /** Present when sink selection is supported (the document's `sinkSupport`). */
  setSinkId?: (id: string) => Promise<void>;

  /**
   * @param tagName the lower-case tag name
   * @param sinkSupport whether `setSinkId` exists
   * @param sinkError when set, `setSinkId` rejects with it
   */
  constructor(readonly tagName: string, sinkSupport = true, sinkError?: Error) {
    if (sinkSupport) {
      this.setSinkId = async (id: string) => {
        if (sinkError) throw sinkError;
        this.sinkId = id;
      };
    }
  }

  /** Appends `child` (sets its `parentNode`). */
  appendChild(child: FakeElement): FakeElement {
    child.parentNode = this;
    this.children.push(child);
    return child;
  }

  /** Removes `child` (clears its `parentNode`). */
  removeChild(child: FakeElement): FakeElement {
    const i = this.children.indexOf(child);
    if (i < 0) throw domError('NotFoundError');
    this.children.splice(i, 1);
    child.parentNode = null;
    return child;
  }

  /** Sets the attribute `name` (recorded in `attributes`); `playsinline` is reflected by `playsInline` on a video, as in a browser. */
  setAttribute(name: string, value: string): void {
    this.attributes.set(name, value);
    if (name === 'playsinline' && this.tagName === 'video') this.playsInline = true;
  }

  /** The attribute `name`, or null. */
  getAttribute(name: string): string | null {
    return this.attributes.get(name) ?? null;
  }

  /** Counts the call in `played` and resolves. */
  play(): Promise<void> {
    this.played++;
    return Promise.resolve();
  }
}

/**
 * A fake document: `querySelector` looks selectors up in `containers` (add them with
 * {@link FakeDocument.addContainer}); a selector starting with `!` throws a `SyntaxError` like an
 * invalid one.
 * @public
 */
export class FakeDocument {
  /** Containers by selector. */
  readonly containers = new Map<string, FakeElement>();
  /** Every element created by `createElement`. */
  readonly created: FakeElement[] = [];
  /** Whether created media elements have `setSinkId`. @default true */
  sinkSupport = true;
  /** When set, created elements' `setSinkId` rejects with it. */
  sinkError: Error | undefined;

  /** The container registered for `selector`, or null. */
  querySelector(selector: string): FakeElement | null {
    if (selector.startsWith('!')) throw domError('SyntaxError');
    return this.containers.get(selector) ?? null;
  }

  /** Creates a fake element (recorded in `created`). */
  createElement(tag: string): FakeElement {
    const el = new FakeElement(tag, this.sinkSupport, this.sinkError);
    this.created.push(el);
    return el;
  }

  /** Adds a `div` that `querySelector(selector)` finds. */
  addContainer(selector: string): FakeElement {
    const el = new FakeElement('div');
    this.containers.set(selector, el);
    return el;
  }
}
