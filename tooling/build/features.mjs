/**
 * The feature table: every first-party feature plugin a bundle can hold (`pnpm bundle --features`,
 * tooling/build/bundle.mjs), and what the size gates and the bundle tests derive from it (the
 * added cost of each plugin, tooling/bench/budgets.mjs). A plugin that lands is added here, once:
 *
 * - `package` / `plugin`: where its factory comes from (`import { <plugin> } from '<package>'`);
 * - `requires`: the features it depends on (its `dependsOn`); a bundle adds them automatically;
 * - `namespaces`: the object members it adds to the client (`client.call`, constant tables such as
 *   `client.subscriptionStates`; its methods are not listed);
 * - `exports`: other names of its package a bundle re-exports (the call package's `sdpHandlers`).
 *
 * Table order is install order; it is also the order of `@switchboard/sdk`'s `create` (SdkPlugins).
 */

/** @typedef {{ package: string, plugin: string, requires: string[], namespaces: string[], exports?: string[] }} Feature */

/** @type {Readonly<Record<string, Feature>>} */
export const FEATURES = Object.freeze({
  connectivity: {
    package: '@switchboard/connectivity',
    plugin: 'connectivityPlugin',
    requires: [],
    namespaces: ['services', 'connection', 'notification', 'notifications', 'request', 'subscriptionStates', 'disconnectReasons'],
  },
  media: { package: '@switchboard/media', plugin: 'mediaPlugin', requires: [], namespaces: ['media'] },
  call: { package: '@switchboard/call', plugin: 'callPlugin', requires: ['connectivity', 'media'], namespaces: ['call'], exports: ['sdpHandlers'] },
  // `call.history`: a member it adds to the call namespace, not a namespace of its own
  callHistory: { package: '@switchboard/call', plugin: 'callHistoryPlugin', requires: ['connectivity', 'call'], namespaces: [] },
  clickToCall: { package: '@switchboard/call', plugin: 'clickToCallPlugin', requires: ['connectivity'], namespaces: ['clickToCall'] },
  // hold, addMedia, replaceTrack, restartMedia, …: members it adds to the call namespace, not a namespace of its own
  callControls: { package: '@switchboard/call', plugin: 'callControlsPlugin', requires: ['media', 'call'], namespaces: [] },
  // custom parameters, playAudioFile; getReport: members they add to the call namespace, not namespaces of their own
  callExtras: { package: '@switchboard/call', plugin: 'callExtrasPlugin', requires: ['media', 'call'], namespaces: [] },
  callReport: { package: '@switchboard/call', plugin: 'callReportPlugin', requires: ['call'], namespaces: [] },
  // forward, directTransfer, consultativeTransfer, join: members it adds to the call namespace
  callTransfer: { package: '@switchboard/call', plugin: 'callTransferPlugin', requires: ['connectivity', 'call'], namespaces: [] },
  // proxy mode: the media environment and the peer connections switch to a channel (its remote side is @switchboard/proxy/remote)
  proxy: { package: '@switchboard/proxy', plugin: 'proxyPlugin', requires: ['media', 'call'], namespaces: ['proxy'] },
  messaging: { package: '@switchboard/messaging', plugin: 'messagingPlugin', requires: ['connectivity'], namespaces: ['conversation'] },
  voicemail: { package: '@switchboard/messaging', plugin: 'voicemailPlugin', requires: ['connectivity'], namespaces: ['voicemail'] },
  // presence (own and watched presence; on-the-phone during calls when the call plugin is installed, not required)
  presence: { package: '@switchboard/presence', plugin: 'presencePlugin', requires: ['connectivity'], namespaces: ['presence'] },
  user: { package: '@switchboard/presence', plugin: 'userPlugin', requires: ['connectivity'], namespaces: ['user'] },
  contacts: { package: '@switchboard/presence', plugin: 'contactsPlugin', requires: ['connectivity'], namespaces: ['contacts'] },
  // SIP event subscriptions (works without the call plugin)
  sipEvents: { package: '@switchboard/sip-events', plugin: 'sipEventsPlugin', requires: ['connectivity'], namespaces: ['sip'] },
  // links.callId of SIP events to this client's calls (no namespace)
  sipCallLinks: { package: '@switchboard/sip-events', plugin: 'sipCallLinksPlugin', requires: ['call', 'sipEvents'], namespaces: [] },
});

/** Every feature, in table order (what the full preset holds). */
export const ALL_FEATURES = Object.freeze(Object.keys(FEATURES));

/**
 * The features to bundle for a request: the requested ones plus everything they require,
 * transitively, in table order.
 * @param {readonly string[]} requested feature names
 * @returns {{ features: string[], added: string[] }} the full list, and the features added as dependencies
 * @throws {Error} `code: 'UNKNOWN_FEATURE'` for a name that is not in the table
 */
export function resolveFeatures(requested) {
  const unknown = requested.filter((name) => !Object.hasOwn(FEATURES, name));
  if (unknown.length > 0) {
    const error = new Error(`unknown feature${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')} (known: ${ALL_FEATURES.join(', ')})`);
    error.code = 'UNKNOWN_FEATURE';
    throw error;
  }
  const chosen = new Set();
  const visit = (name) => {
    if (chosen.has(name)) return;
    chosen.add(name);
    for (const dependency of FEATURES[name].requires) visit(dependency);
  };
  for (const name of requested) visit(name);
  const features = ALL_FEATURES.filter((name) => chosen.has(name));
  return { features, added: features.filter((name) => !requested.includes(name)) };
}

/**
 * The entry module of a bundle of `features` (already resolved): it imports each plugin factory,
 * exports the preset's `create(config, options)` over them (`definePreset` of `@switchboard/sdk`)
 * and each feature's `exports`.
 * @param {readonly string[]} features
 * @returns {string} ESM source
 */
export function entrySource(features) {
  const lines = ["import { definePreset } from '@switchboard/sdk';"];
  for (const name of features) lines.push(`import { ${FEATURES[name].plugin} } from '${FEATURES[name].package}';`);
  for (const name of features) {
    for (const exported of FEATURES[name].exports ?? []) lines.push(`export { ${exported} } from '${FEATURES[name].package}';`);
  }
  const factories = features.map((name) => `${JSON.stringify(name)}: ${FEATURES[name].plugin}`).join(', ');
  lines.push(`/** create(config, options): a client with ${features.length ? features.join(', ') : 'no plugin'}. */`);
  lines.push(`export const create = definePreset({ ${factories} });`);
  return `${lines.join('\n')}\n`;
}
