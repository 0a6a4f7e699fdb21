/**
 * `@switchboard/sip-events`: `sipEventsPlugin()` (the `sip` namespace: SIP event subscriptions
 * through the Link gateway, solicited and unsolicited events, protocol §8 and §4.16) with its
 * backend extension point (the Link adapter as the default), and `sipCallLinksPlugin()`, which
 * links events to this client's calls (`links.callId`) when the call plugin is installed.
 * @packageDocumentation
 */
export { SIP_EVENTS_PLUGIN_VERSION } from './version';
export { sipErrorCodes } from './errors';
export type { SipErrorCode } from './errors';
export { sipEventsPlugin } from './plugin';
export type { SipEventsPluginOptions } from './plugin';
export { sipCallLinksPlugin, sipEventsTokens } from './callLinks';
export type { SipCallLinks, SipCallResolver } from './callLinks';
export { sipEvents } from './events';
export type { SipErrorEvent, SipEventMap, SipSubscriptionChangeEvent } from './events';
export { sipEventsBackendExtensionPoint } from './backend';
export type { SipEventsBackend, SipEventsBackendContext, SipEventsBackendFactory, SipGrant, SipSubscribeRequest, SipUpdateRequest, SipUpdateResult } from './backend';
export { linkSipEventsBackend, linkSipEventsBackendFactory } from './link';
export type { SipApi, SipCustomParameter, SipEventsChangeEvent, SipSubscriptionChange, SipSubscriptionDetails, SipUserLists } from './types';
