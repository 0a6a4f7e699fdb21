/** `create(config)`: a client with every first-party plugin, the drop-in for the Ribbon SDK's `create`. */
import type { ClientOf, ConfigInput } from '@switchboard/core';
import { connectivityPlugin, type ConnectivityPluginOptions } from '@switchboard/connectivity';
import { mediaPlugin, type MediaPluginOptions } from '@switchboard/media';
import {
  callControlsPlugin, callExtrasPlugin, callHistoryPlugin, callPlugin, callReportPlugin, callTransferPlugin, clickToCallPlugin,
  type CallControlsPluginOptions, type CallExtrasPluginOptions, type CallHistoryPluginOptions, type CallPluginOptions, type CallTransferPluginOptions, type ClickToCallPluginOptions,
} from '@switchboard/call';
import { messagingPlugin, voicemailPlugin, type MessagingPluginOptions, type VoicemailPluginOptions } from '@switchboard/messaging';
import {
  contactsPlugin, presencePlugin, userPlugin, type ContactsPluginOptions, type PresencePluginOptions, type UserPluginOptions,
} from '@switchboard/presence';
import { sipCallLinksPlugin, sipEventsPlugin, type SipEventsPluginOptions } from '@switchboard/sip-events';
import { proxyPlugin, type ProxyPluginOptions } from '@switchboard/proxy';
import { definePreset } from './preset';

/** The first-party plugins {@link create} installs, in order. @public */
export type SdkPlugins = readonly [
  ReturnType<typeof connectivityPlugin>, ReturnType<typeof mediaPlugin>, ReturnType<typeof callPlugin>,
  ReturnType<typeof callHistoryPlugin>, ReturnType<typeof clickToCallPlugin>, ReturnType<typeof callControlsPlugin>,
  ReturnType<typeof callExtrasPlugin>, ReturnType<typeof callReportPlugin>, ReturnType<typeof callTransferPlugin>,
  ReturnType<typeof proxyPlugin>,
  ReturnType<typeof messagingPlugin>, ReturnType<typeof voicemailPlugin>,
  ReturnType<typeof presencePlugin>, ReturnType<typeof userPlugin>, ReturnType<typeof contactsPlugin>,
  ReturnType<typeof sipEventsPlugin>, ReturnType<typeof sipCallLinksPlugin>,
];

/** What {@link create} accepts: core's sections and every first-party plugin's, all optional. @public */
export type SdkConfigInput = ConfigInput<SdkPlugins>;

/** The client {@link create} returns: core's methods plus the `connection`, `media`, `call`, … namespaces. @public */
export type SdkClient = ClientOf<SdkPlugins>;

/**
 * Options of the plugins themselves (not configuration): e.g. a `fetch` or `WebSocket` for Node, a
 * media environment or a peer-connection factory. Browsers need none.
 * @public
 */
export interface SdkOptions {
  /** Options of the connectivity plugin. */
  connectivity?: ConnectivityPluginOptions;
  /** Options of the media plugin. */
  media?: MediaPluginOptions;
  /** Options of the call plugin. */
  call?: CallPluginOptions;
  /** Options of the call-history plugin (`call.history`). */
  callHistory?: CallHistoryPluginOptions;
  /** Options of the click-to-call plugin. */
  clickToCall?: ClickToCallPluginOptions;
  /** Options of the call-controls plugin (the automatic media restarts: `mediaRestartAttempts`). */
  callControls?: CallControlsPluginOptions;
  /** Options of the call-extras plugin (custom parameters, `playAudioFile`). */
  callExtras?: CallExtrasPluginOptions;
  /** Options of the transfer plugin (`call.forward`, `directTransfer`, `consultativeTransfer`, `join`). */
  callTransfer?: CallTransferPluginOptions;
  /**
   * Options of the proxy plugin (proxy mode). `media.environment` and `call.peerConnectionFactory`
   * are handed to it (it owns both extension points; they are used while proxy mode is off).
   */
  proxy?: ProxyPluginOptions;
  /** Options of the messaging plugin (`conversation`: a messaging backend). */
  messaging?: MessagingPluginOptions;
  /** Options of the voicemail plugin (a voicemail backend). */
  voicemail?: VoicemailPluginOptions;
  /** Options of the presence plugin (`presence`: its backend). */
  presence?: PresencePluginOptions;
  /** Options of the user (directory) plugin (`user`: its backend). */
  user?: UserPluginOptions;
  /** Options of the contacts (address book) plugin (`contacts`: its backend). */
  contacts?: ContactsPluginOptions;
  /** Options of the SIP events plugin (`sip`: its backend). */
  sipEvents?: SipEventsPluginOptions;
}

/**
 * Creates a client with every first-party plugin (connectivity, media, call, call history, click-to-call, call controls, call
 * extras, call reports, call transfers, proxy mode, messaging, voicemail, presence, user directory, contacts, SIP events and their call links), configured by
 * `config` exactly as `createClient({ plugins, config })` would be.
 * @param config the configuration; checked by core (a wrong value throws `INVALID_CONFIG`)
 * @param options the plugins' own options (see {@link SdkOptions})
 * @throws TypeError when `config` or `options` is not an object
 * @example
 * ```ts
 * import { create } from '@switchboard/sdk';
 * const client = create({ authentication: { server: { base: '127.0.0.1', protocol: 'http', port: 8080 } } });
 * ```
 * @public
 */
export function create(config: SdkConfigInput = {}, options: SdkOptions = {}): SdkClient {
  return createFull(config, toProxy(options) as Readonly<Record<string, unknown>>) as unknown as SdkClient;
}

/**
 * The proxy plugin contributes the media environment and the peer connection factory (switching
 * them with the proxy mode), so `media.environment` and `call.peerConnectionFactory` become its
 * options (two contributions to one extension point would conflict).
 */
function toProxy(options: SdkOptions): SdkOptions {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
  if (!isObject(options) || (!isObject(options.media) && !isObject(options.call))) return options;
  const { environment, ...media } = (options.media ?? {}) as MediaPluginOptions;
  const { peerConnectionFactory, ...call } = (options.call ?? {}) as CallPluginOptions;
  if (environment === undefined && peerConnectionFactory === undefined) return options;
  return { ...options, media, call, proxy: { environment, peerConnectionFactory, ...(options.proxy as ProxyPluginOptions | undefined) } };
}

/** The preset over every first-party plugin, in {@link SdkPlugins} order. */
const createFull = definePreset({
  connectivity: connectivityPlugin, media: mediaPlugin, call: callPlugin, callHistory: callHistoryPlugin, clickToCall: clickToCallPlugin,
  callControls: callControlsPlugin, callExtras: callExtrasPlugin, callReport: callReportPlugin, callTransfer: callTransferPlugin,
  proxy: proxyPlugin,
  messaging: messagingPlugin, voicemail: voicemailPlugin,
  presence: presencePlugin, user: userPlugin, contacts: contactsPlugin,
  sipEvents: sipEventsPlugin, sipCallLinks: sipCallLinksPlugin,
});
