/**
 * `@switchboard/call`: audio/video calls over the Link gateway: the call plugin, the Link backend
 * adapter, the SDP pipeline and the `sdpHandlers` helpers.
 * @packageDocumentation
 */
export { callPlugin, CALL_PLUGIN_VERSION } from './plugin';
export type { CallPluginOptions } from './plugin';
export type { CallApi } from './api/callApi';
export { callConfigDefaults } from './config';
export type { CallConfig, LegacyCallConfig } from './config';
export { states, mediaConnectionStates, operations } from './constants';
export { callEvents } from './events';
export { callErrorCodes } from './errors';
export type { CallErrorCode } from './errors';
export type {
  CallAvailableCodecsEvent, CallEventMap, CallCustomParametersEvent, CallMediaConnectionChangeEvent, CallNewMediaEvent, CallOperationEvent,
  CallReceiveEvent, CallRemovedMediaEvent, CallStartEvent, CallStateChangeEvent, CallStatsReceivedEvent, CallTracksEvent,
} from './events';
export { callTokens, callBackendExtensionPoint } from './tokens';
export type { CallControl, CallHandle, CallsService } from './tokens';
export { linkCallBackend, linkCallBackendFactory } from './adapters/link';
export type {
  AuditResult, CallBackend, CallBackendContext, CallBackendFactory, CallSignal, CallSignalKind, CallSignalSink, CallStartRequest, RemoteNames,
} from './adapters/backend';
export { defaultIceCollectionCheck } from './internal/defaultIceCheck';
export type { PeerConnectionFactory } from './internal/PeerSession';
export { sdpHandlers, createCodecRemover } from './sdpHandlers/codecRemover';
export type { CodecSelector } from './sdpHandlers/codecRemover';
export { IceCollectionCheckResultType } from './types';
export type {
  AnswerOptions, BandwidthControls, CallError, CallMediaOptions, CallObject, CallOperation, CallState, CustomParameter,
  DSCPControls, IceCollectionCheckFunction, IceCollectionCheckResult, IceCollectionInfo, IceCollectionReason, IceServer,
  IceTimeouts, MakeOptions, MediaConnectionState, MediaConstraint, MediaOffered, OperationStatus, OperationTransition,
  RTCPeerConnectionConfig, SdpBandwidth, SdpHandlerFunction, SdpHandlerInfo, SdpMediaObject, SdpObject, SIP_URI, TEL_URI,
} from './types';
export { callTransferPlugin, CALL_TRANSFER_PLUGIN_VERSION } from './transfer/plugin';
export type { CallTransferApi, CallTransferPluginOptions } from './transfer/plugin';
export { transferOperations } from './transfer/constants';
export { callTransferEvents } from './transfer/events';
export type { CallJoinEvent, CallTransferEventMap } from './transfer/events';
export type { AudioMixer, AudioMixerFactory } from './internal/audioMixer';
