/**
 * `@switchboard/sdk`: the preset. `create(config)` builds a client with every first-party plugin,
 * and `sdpHandlers` is the call package's SDP helpers — the same two names the Ribbon SDK exports.
 * @packageDocumentation
 */
export { create } from './create';
export type { SdkClient, SdkConfigInput, SdkOptions, SdkPlugins } from './create';
export { definePreset } from './preset';
export type { PresetPluginFactory } from './preset';
export { sdpHandlers } from '@switchboard/call';
