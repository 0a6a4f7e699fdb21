/**
 * Typed extension points. A plugin declares a point (`defineExtensionPoint<CallBackendFactory>('call.backend')`)
 * in its `extensionPoints`; any plugin (the owner too, for its default) contributes to it in its own
 * definition with {@link contribute}; the owner reads the contributions in `register` through
 * `ctx.extension(point)` / `ctx.contributions(point)`. Points are matched by id, so two copies of a
 * package (ESM and CJS) still meet.
 */
import { BasicError } from './errors';

/** A typed extension point: `T` is what contributors supply. @public */
export interface ExtensionPoint<T> {
  /** Stable id, `'<pluginId>.<name>'`. */
  readonly id: string;
  /** @internal phantom type carrier. */
  readonly __type?: T;
}

/** One plugin's contribution to an extension point. @public */
export interface Contribution<T> {
  /** The point contributed to. */
  readonly point: ExtensionPoint<T>;
  /** The adapter's name (e.g. `'link'`), for logs and errors. */
  readonly name: string;
  /** What the owner receives. */
  readonly value: T;
  /** A fallback (the owner's default) is used only when nothing else is contributed. */
  readonly fallback: boolean;
  /** @internal id of the contributing plugin, set by the host. */
  readonly pluginId?: string;
}

/** Any contribution, as listed in a plugin's `contributes`. @public */
export type AnyContribution = Contribution<never> | Contribution<unknown>;

const POINT_ID = /^[a-z][a-z0-9-]*\.[A-Za-z][A-Za-z0-9-]*$/;

/**
 * Declares an extension point. List it in the owner's `extensionPoints`.
 * @example
 * ```ts
 * export const recorderStorage = defineExtensionPoint<RecordingStore>('recorder.storage')
 * ```
 * @public
 */
export function defineExtensionPoint<T>(id: string): ExtensionPoint<T> {
  if (typeof id !== 'string' || !POINT_ID.test(id)) {
    throw new TypeError(`defineExtensionPoint(): id must look like "<plugin-id>.<name>", got ${String(id)}`);
  }
  return Object.freeze({ id });
}

/**
 * A contribution to an extension point, for a plugin's `contributes` list.
 * @param options.fallback the owner's default: used only when no other plugin contributes
 * @public
 */
export function contribute<T>(point: ExtensionPoint<T>, name: string, value: T, options: { fallback?: boolean } = {}): Contribution<T> {
  if (typeof point?.id !== 'string' || typeof name !== 'string') throw new TypeError('contribute(point, name, value): point and name are required');
  return Object.freeze({ point, name, value, fallback: options.fallback === true });
}

/**
 * The one contribution an owner uses: the single non-fallback contribution, else the single
 * fallback. Throws `SDK_EXTENSION_MISSING` when there is none and `SDK_EXTENSION_CONFLICT` when two
 * plugins contribute (or two fallbacks, and nothing else, are present).
 * @internal
 */
export function pickContribution<T>(point: ExtensionPoint<T>, all: readonly Contribution<T>[]): Contribution<T> {
  // the non-fallback contributions if there are any, else the fallbacks: exactly one must remain
  const chosen = all.some((c) => !c.fallback) ? all.filter((c) => !c.fallback) : all;
  if (chosen.length !== 1) {
    throw new BasicError(
      chosen.length ? 'SDK_EXTENSION_CONFLICT' : 'SDK_EXTENSION_MISSING',
      `Extension point "${point.id}" needs one contribution, got: ${chosen.map((c) => c.name).join(', ') || 'none'}.`,
    );
  }
  return chosen[0]!;
}
