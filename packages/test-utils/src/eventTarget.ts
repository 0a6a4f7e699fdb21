/** The event-target base of every fake: a real `EventTarget` that also counts its listeners. */

/**
 * A real `EventTarget` (Node ≥ 20 has one) that remembers its listeners, so a test can assert
 * that the code under test removed what it added.
 * @public
 */
export class FakeEventTarget extends EventTarget {
  private readonly listeners = new Map<string, Set<EventListenerOrEventListenerObject>>();

  override addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: AddEventListenerOptions | boolean): void {
    if (listener) {
      if (!this.listeners.has(type)) this.listeners.set(type, new Set());
      this.listeners.get(type)!.add(listener);
    }
    super.addEventListener(type, listener, options);
  }

  override removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: EventListenerOptions | boolean): void {
    if (listener) this.listeners.get(type)?.delete(listener);
    super.removeEventListener(type, listener, options);
  }

  /** How many listeners are registered for `type` (added and not removed). */
  listenerCount(type: string): number {
    return this.listeners.get(type)?.size ?? 0;
  }

  /**
   * Dispatches an `Event` of `type` carrying `fields` as own properties (e.g. `{ track, streams }`
   * for `track`), then calls the `on<type>` handler property when one is set.
   * @returns the dispatched event
   */
  dispatch<F extends object>(type: string, fields?: F): Event & F {
    const event = Object.assign(new Event(type), fields) as Event & F;
    this.dispatchEvent(event);
    const handler = (this as unknown as Record<string, unknown>)[`on${type}`];
    if (typeof handler === 'function') handler.call(this, event);
    return event;
  }
}
