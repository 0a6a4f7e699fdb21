/**
 * Typed events. {@link TypedEmitter} is a small typed facade over eventemitter3 whose `emit`
 * isolates listeners: a listener that throws is reported to `onListenerError` and never breaks
 * the emitter or SDK state. {@link EventBus} is the client's emitter: it only accepts declared
 * event types (seed 000: `on`/`off` throw "Invalid event type") and supports global listeners.
 */
import EventEmitter from 'eventemitter3';
import { BasicError } from './errors';

/**
 * Core's own events (event name → listener argument tuple). Their runtime list is {@link coreEvents}.
 * @public
 */
export interface CoreEventMap {
  /**
   * The user's authentication state changed. One meaning, two kinds of change, always `{}`:
   * the credentials were set or replaced (`setCredentials`, `updateToken`; seed 000: read them with
   * `getUserInfo()`), or — with the connectivity plugin — the platform connection that
   * authenticates the user opened or closed (subscribed, unsubscribed, lost; seeds 001/002: read it
   * with `getConnection()`). Emitted after the new state is readable.
   */
  'auth:change': [params: Record<string, never>];
  /** A REST request was rejected for an authorization reason. */
  'request:error': [
    params: {
      /** The error of the failed request. */
      error: BasicError;
    },
  ];
  /**
   * Something was accepted but is probably a mistake (e.g. a config key nothing owns). Emitted on a
   * microtask, so that the warnings of `createClient` reach listeners added right after it returns.
   */
  'sdk:warning': [params: SdkWarning];
}

/** Codes of {@link SdkWarning}. @public */
export type SdkWarningCode = 'CONFIG_UNKNOWN_KEY';

/** Payload of `sdk:warning`. @public */
export interface SdkWarning {
  /** What kind of warning. */
  code: SdkWarningCode;
  /** A readable description (also logged once at warn level). */
  message: string;
  /** The dotted config path concerned, e.g. `'call.iceCollectionIdealTimeot'`. */
  key?: string;
  /** The closest known key, e.g. `'call.iceCollectionIdealTimeout'`. */
  suggestion?: string;
}

/**
 * The SDK's event map: event name → listener argument tuple. Each plugin defines its own map and
 * merges it in, then derives the names it declares from the same map with {@link eventNames}:
 * ```ts
 * export interface GreeterEventMap { 'greeter:hello': [params: { name: string }] }
 * declare module '@switchboard/core' { interface SdkEventMap extends GreeterEventMap {} }
 * export const greeterEvents = eventNames<GreeterEventMap>()({ 'greeter:hello': true });
 * ```
 * @public
 */
export interface SdkEventMap extends CoreEventMap {}

/**
 * The runtime list of an event map's names, derived from a table that must name every event of
 * `M` and nothing else: `{ [K in keyof M]: true }` exactly, so a missing or an extra name is a
 * compile error and the list cannot drift from the typed map. (Curried so that `M` is explicit
 * while the table's own type is inferred and checked for extra keys.)
 * @example
 * ```ts
 * export const callEvents = eventNames<CallEventMap>()({ 'call:start': true, 'call:receive': true, … });
 * ```
 * @returns a frozen array of the names, in table order.
 * @public
 */
/* #__NO_SIDE_EFFECTS__ */
export function eventNames<M extends object>() {
  return <const T extends EventNameTable<M>>(table: T & { readonly [K in Exclude<keyof T, keyof M>]: never }): readonly EventName<M>[] =>
    Object.freeze(Object.keys(table)) as readonly EventName<M>[];
}

/** The table {@link eventNames} takes: every event name of `M` mapped to `true`. @public */
export type EventNameTable<M> = { readonly [K in keyof M]: true };

/** The (string) event names of map `M`. @public */
export type EventName<M> = keyof M & string;

/** Core's own event names, declared by every client. @public */
export const coreEvents = ['auth:change', 'request:error', 'sdk:warning'] as const satisfies readonly EventName<CoreEventMap>[];

/**
 * Compile-time only: `coreEvents` names every event of {@link CoreEventMap} and nothing else (the
 * same guarantee as {@link eventNames}, without its few bytes in a core-only bundle).
 */
type MissingCoreEvents = Exclude<keyof CoreEventMap, (typeof coreEvents)[number]>;
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- a type assertion, erased
const coreEventsAreExact: [MissingCoreEvents] extends [never] ? true : MissingCoreEvents = true;

/** Any event map: names to argument tuples. @public */
export type EventMapBase = { [K in string]: unknown[] };

/** A listener for event `K` of map `E`. @public */
export type Listener<E, K extends keyof E> = E[K] extends unknown[] ? (...args: E[K]) => void : never;

/** A global listener, called as `(type, ...args)` for every event. @public */
export type GlobalListener = (type: string, ...args: unknown[]) => void;

/** What {@link TypedEmitter} uses of eventemitter3. */
interface ListenerStore {
  on(type: string, fn: (...a: unknown[]) => void): unknown;
  once(type: string, fn: (...a: unknown[]) => void): unknown;
  off(type: string, fn: (...a: unknown[]) => void): unknown;
  listeners(type: string): Array<(...a: never[]) => unknown>;
  listenerCount(type: string): number;
  removeAllListeners(): unknown;
}

/**
 * A typed event emitter whose `emit` never throws because of a listener.
 * @public
 */
export class TypedEmitter<E extends { [K in keyof E]: unknown[] }> {
  // Typed structurally and private: the published declarations must not name eventemitter3's
  // types, which do not resolve as a type under `moduleResolution: node16` (TS2709).
  private readonly ee: ListenerStore = new EventEmitter();

  /**
   * @param onListenerError called when a listener throws (the SDK logs it at error level).
   */
  constructor(protected readonly onListenerError: (type: string, error: unknown) => void = () => {}) {}

  /** Adds a listener. */
  on<K extends keyof E & string>(type: K, listener: Listener<E, K>): this {
    this.ee.on(type, listener as unknown as (...a: unknown[]) => void);
    return this;
  }

  /** Adds a listener that is removed after its first call. */
  once<K extends keyof E & string>(type: K, listener: Listener<E, K>): this {
    this.ee.once(type, listener as unknown as (...a: unknown[]) => void);
    return this;
  }

  /** Removes a listener. */
  off<K extends keyof E & string>(type: K, listener: Listener<E, K>): this {
    this.ee.off(type, listener as unknown as (...a: unknown[]) => void);
    return this;
  }

  /** Calls every listener of `type` with `args`, isolating each one. Returns whether any ran. */
  emit<K extends keyof E & string>(type: K, ...args: E[K]): boolean {
    const listeners = this.ee.listeners(type);
    for (const listener of listeners) this.callSafely(type, listener, args);
    return listeners.length > 0;
  }

  /** Number of listeners of `type`. */
  listenerCount(type: keyof E & string): number {
    return this.ee.listenerCount(type);
  }

  /** Removes every listener. */
  removeAllListeners(): void {
    this.ee.removeAllListeners();
  }

  /** @internal */
  protected callSafely(type: string, listener: (...a: never[]) => unknown, args: readonly unknown[]): void {
    try {
      (listener as (...a: unknown[]) => unknown)(...args);
    } catch (error) {
      this.onListenerError(type, error);
    }
  }
}

/**
 * The client's event bus: typed, restricted to declared event types, with global listeners.
 * @public
 */
export class EventBus extends TypedEmitter<SdkEventMap> {
  private readonly declared = new Set<string>();
  private readonly globals = new Set<GlobalListener>();

  /** Declares event types that may be listened to (each plugin declares its own). */
  declare(types: readonly string[]): void {
    for (const type of types) this.declared.add(type);
  }

  override on<K extends keyof SdkEventMap & string>(type: K, listener: Listener<SdkEventMap, K>): this {
    this.assertListenable(type, listener);
    return super.on(type, listener);
  }

  override once<K extends keyof SdkEventMap & string>(type: K, listener: Listener<SdkEventMap, K>): this {
    this.assertListenable(type, listener);
    return super.once(type, listener);
  }

  override off<K extends keyof SdkEventMap & string>(type: K, listener: Listener<SdkEventMap, K>): this {
    this.assertListenable(type, listener);
    return super.off(type, listener);
  }

  /** Adds a global listener called as `(type, ...args)`. Throws "Listener not a function". */
  subscribe(listener: GlobalListener): void {
    if (typeof listener !== 'function') throw new TypeError('Listener not a function');
    this.globals.add(listener);
  }

  /** Removes a global listener. Throws "Listener not a function". */
  unsubscribe(listener: GlobalListener): void {
    if (typeof listener !== 'function') throw new TypeError('Listener not a function');
    this.globals.delete(listener);
  }

  override emit<K extends keyof SdkEventMap & string>(type: K, ...args: SdkEventMap[K]): boolean {
    const ran = super.emit(type, ...args);
    for (const listener of [...this.globals]) this.callSafely(type, listener, [type, ...args]);
    return ran || this.globals.size > 0;
  }

  override removeAllListeners(): void {
    super.removeAllListeners();
    this.globals.clear();
  }

  private assertListenable(type: string, listener: unknown): void {
    if (typeof type !== 'string') throw new TypeError('Invalid event type');
    if (!this.declared.has(type)) throw new BasicError('INVALID_ARGUMENT', 'Invalid event type');
    if (typeof listener !== 'function') throw new TypeError('Listener not a function');
  }
}
