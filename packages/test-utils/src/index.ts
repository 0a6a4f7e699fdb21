/**
 * `@switchboard/test-utils`: the Switchboard test kit. Fakes of the browser APIs the SDK uses
 * (media devices, tracks, streams, a minimal DOM, `RTCPeerConnection`, `fetch`, `WebSocket`),
 * in-memory stand-ins for the connectivity and media services, an in-memory call backend for the
 * call plugin's extension point, `createTestClient`, and small helpers. The real gateway
 * in-process: `@switchboard/test-utils/gateway`.
 * @packageDocumentation
 */
export { FakeEventTarget } from './eventTarget';
export { FakeMediaStream, FakeMediaStreamTrack, asNative } from './media/tracks';
export type { FakeTrackOptions } from './media/tracks';
export { DEFAULT_DEVICES, FakeMediaDevices, domError } from './media/devices';
export type { FakeDeviceInfo } from './media/devices';
export { FakeDocument, FakeElement } from './media/dom';
export { fakeMediaEnvironment } from './media/environment';
export type { FakeMediaEnvironment, FakeMediaEnvironmentOptions } from './media/environment';
export { FakeMediaRegistry } from './media/registry';
export { chromeAnswer, chromeOffer } from './webrtc/chromeSdp';
export { firefoxAnswerToChrome, firefoxOffer } from './webrtc/firefoxSdp';
export { Gate } from './webrtc/gate';
export { FakeDTMFSender, FakeRTCRtpReceiver, FakeRTCRtpSender, FakeRTCRtpTransceiver } from './webrtc/rtp';
export { FakeRTCPeerConnection, HOST_CANDIDATES, fakePeerConnections } from './webrtc/peerConnection';
export type {
  FakeCandidate, FakeDescription, FakePeerConnectionOptions, FakePeerConnections, PeerConnectionOperation,
} from './webrtc/peerConnection';
export { fakeFetch } from './network/fetch';
export type { FakeFetch, FetchHandler, Reply, SeenRequest } from './network/fetch';
export { FakeWebSocket, asWebSocket, fakeWebSockets } from './network/webSocket';
export { linkGateway, subscribeResponse } from './network/linkGateway';
export { FakeLinkTransport, FakeNotificationRegistry, errorResponse } from './link/transport';
export type { LinkResponder, SentRequest } from './link/transport';
export { fakeConnectivityPlugin, fakeMediaPlugin, fakeSubscriptionView } from './link/plugins';
export type { FakeConnectivity, FakeSubscriptionView } from './link/plugins';
export { createTestClient } from './client';
export type { BuiltinPlugin, RecordedEvent, TestClient, TestClientOptions, TestClientPlugins } from './client';
export { emitRecorder, flush, silentLogger, until } from './helpers';
export type { EmitRecorder } from './helpers';
export { createMemoryCallBackend, memoryCallBackendPlugin } from './call/memoryCallBackend';
export { createMemoryMessaging } from './messaging/memoryMessaging';
export type { MemoryMessaging } from './messaging/memoryMessaging';
export { createMemorySipEvents } from './sipEvents/memorySipEvents';
export type { MemorySipEvents, MemorySipSubscription } from './sipEvents/memorySipEvents';
export type {
  MemoryCallBackend, MemoryCallBackendOptions, MemoryCallOp, MemoryCallOperation, MemoryRemoteSide, MemorySignalExtras,
} from './call/memoryCallBackend';
