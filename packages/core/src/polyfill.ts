/**
 * Side-effect entry: makes sure the Reflect metadata API exists before tsyringe is imported
 * (tsyringe throws at import time without it).
 *
 * NOTE: deliberately not `reflect-metadata/lite`: that polyfill costs 2.8 KB min+gzip — more
 * than this whole plugin host — while the SDK registers everything by typed token and never
 * uses decorator metadata. This shim implements the subset tsyringe and TypeScript's
 * `emitDecoratorMetadata` output call (`metadata`, `defineMetadata`, `getMetadata`,
 * `getOwnMetadata`, `hasMetadata`, `hasOwnMetadata`), with property keys and prototype-chain
 * lookup. It installs nothing when a Reflect metadata polyfill is already present, so an app that
 * needs the full API imports `reflect-metadata` first. This is the only module with a side effect;
 * `package.json#sideEffects` lists it.
 */
type Key = string | symbol | undefined;
const R = Reflect as unknown as Record<string, unknown>;

if (typeof R.getMetadata !== 'function') {
  const store = new WeakMap<object, Map<Key, Map<unknown, unknown>>>();
  const own = (target: object, prop: Key, create?: boolean) => {
    let byProp = store.get(target);
    if (!byProp && create) store.set(target, (byProp = new Map()));
    let map = byProp?.get(prop);
    if (!map && create) byProp!.set(prop, (map = new Map()));
    return map;
  };
  const find = (key: unknown, target: object, prop?: Key): Map<unknown, unknown> | undefined => {
    for (let t: object | null = target; t; t = Object.getPrototypeOf(t)) {
      const map = own(t, prop);
      if (map?.has(key)) return map;
    }
    return undefined;
  };
  const defineMetadata = (key: unknown, value: unknown, target: object, prop?: Key) => void own(target, prop, true)!.set(key, value);
  Object.assign(R, {
    defineMetadata,
    metadata: (key: unknown, value: unknown) => (target: object, prop?: Key) => defineMetadata(key, value, target, prop),
    getMetadata: (key: unknown, target: object, prop?: Key) => find(key, target, prop)?.get(key),
    getOwnMetadata: (key: unknown, target: object, prop?: Key) => own(target, prop)?.get(key),
    hasMetadata: (key: unknown, target: object, prop?: Key) => !!find(key, target, prop),
    hasOwnMetadata: (key: unknown, target: object, prop?: Key) => !!own(target, prop)?.has(key),
  });
}

export {};
