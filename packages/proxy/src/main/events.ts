/**
 * A small `EventTarget` for the proxied objects (tracks, streams, devices, peer connections):
 * `addEventListener`/`removeEventListener`/`dispatchEvent` plus the `on<type>` handler, without the
 * platform's `EventTarget`/`Event` (a bundle of the SDK must load where they are missing, e.g. a
 * bare script context). Events are plain objects `{ type, ...fields }`. As in a browser, a
 * listener that throws does not stop the others; its error is reported asynchronously.
 */

type Listener = EventListenerOrEventListenerObject;

/** A proxied event: its type and its members (`track`, `candidate`…). @internal */
export const eventOf = <F extends object>(type: string, fields?: F): Event & F => ({ type, ...fields }) as unknown as Event & F;

/** The event target of the proxied objects. @internal */
export class ProxyEventTarget {
  private readonly listeners = new Map<string, Listener[]>();

  addEventListener(type: string, listener: Listener | null): void {
    if (!listener) return;
    const list = this.listeners.get(type) ?? [];
    if (!list.includes(listener)) list.push(listener);
    this.listeners.set(type, list);
  }

  removeEventListener(type: string, listener: Listener | null): void {
    const list = this.listeners.get(type) ?? [];
    const i = listener ? list.indexOf(listener) : -1;
    if (i >= 0) list.splice(i, 1);
  }

  dispatchEvent(event: Event): boolean {
    const handler = (this as unknown as Record<string, unknown>)[`on${event.type}`];
    const all = [...(this.listeners.get(event.type) ?? []), ...(typeof handler === 'function' ? [handler as EventListener] : [])];
    for (const l of all) {
      try {
        if (typeof l === 'function') l.call(this, event);
        else l.handleEvent(event);
      } catch (error) {
        setTimeout(() => {
          throw error;
        }, 0);
      }
    }
    return true;
  }
}
