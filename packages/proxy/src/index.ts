/**
 * `@switchboard/proxy`: proxy mode (seed 000 `proxy`) — the calls' WebRTC and media run on another
 * machine (the VDI case: the app on a hosted desktop, the media on the user's own machine), over a
 * channel the app provides. `proxyPlugin()` is the main side; the remote side is the
 * `@switchboard/proxy/remote` entry (`createRemote`). The channel protocol is in the README.
 * @packageDocumentation
 */
export { proxyPlugin } from './plugin';
export type { ProxyPluginOptions } from './plugin';
export type { ProxyApi, ProxyChannel, ProxyDetails, ProxyInfo } from './types';
export { proxyConfigDefaults } from './config';
export type { ProxyConfig } from './config';
export { proxyEvents } from './events';
export type { ProxyErrorEvent, ProxyEventMap } from './events';
export { proxyErrorCodes } from './errors';
export type { ProxyErrorCode } from './errors';
export { PROXY_VERSION } from './version';
export { PROTOCOL_VERSION } from './protocol/schema';
// the message shapes themselves are listed in the README ("Channel messages")
export type { Json, PeerEventName, PeerMethod, WireDescription, WireError, WirePeerState, WireTrack, WireTransceiver } from './protocol/schema';
