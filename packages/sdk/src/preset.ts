/**
 * `definePreset(factories)`: the `create(config, options)` of a preset, over any set of plugin
 * factories. The full preset ({@link create}) and every custom bundle (`pnpm bundle`) use it.
 */
import { BasicError, createClient, type AnyPlugin, type ClientOf } from '@switchboard/core';

/** A plugin factory of a preset, e.g. `callPlugin`: called with that plugin's options. @public */
export type PresetPluginFactory = (options?: never) => AnyPlugin;

/**
 * Creates a preset's `create(config, options)`: `create` builds a client with one plugin per
 * factory, each called with `options[<its key>]`, configured by `config` exactly as
 * `createClient({ plugins, config })` would be. It throws a TypeError when `config` or `options`
 * is not an object, and `INVALID_ARGUMENT` for an `options` key that names no plugin of the
 * preset (a typo would otherwise be ignored), before any plugin is created.
 * @param factories the plugin factories by name, e.g. `{ connectivity: connectivityPlugin }`
 * @example
 * ```ts
 * import { definePreset } from '@switchboard/sdk';
 * import { connectivityPlugin } from '@switchboard/connectivity';
 * export const create = definePreset({ connectivity: connectivityPlugin });
 * ```
 * @public
 */
export function definePreset(factories: Readonly<Record<string, PresetPluginFactory>>) {
  if (typeof factories !== 'object' || factories === null) throw new TypeError('definePreset(factories): factories must be an object');
  for (const [name, factory] of Object.entries(factories)) {
    if (typeof factory !== 'function') throw new TypeError(`definePreset(factories): factories.${name} must be a plugin factory`);
  }
  return function create(config: object = {}, options: Readonly<Record<string, unknown>> = {}): ClientOf<readonly AnyPlugin[]> {
    if (typeof config !== 'object' || config === null || Array.isArray(config)) throw new TypeError('create(config): config must be an object');
    if (typeof options !== 'object' || options === null) throw new TypeError('create(config, options): options must be an object');
    const unknown = Object.keys(options).filter((name) => !Object.hasOwn(factories, name));
    if (unknown.length) {
      throw new BasicError('INVALID_ARGUMENT', `create(config, options): options.${unknown[0]} names no plugin of this preset (${Object.keys(factories).join(', ')})`);
    }
    const plugins = Object.entries(factories).map(([name, factory]) => (factory as (o: unknown) => AnyPlugin)(options[name]));
    return createClient({ plugins, config: config as never });
  };
}
