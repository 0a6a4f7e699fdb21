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
  CallReceiveEvent, CallRemovedMediaEvent, CallStartEvent, CallStateChangeEvent, CallStatsReceivedEvent, CallTrackEvent, CallTracksEvent,
} from './events';
export { callTokens, callBackendExtensionPoint, peerConnectionExtensionPoint } from './tokens';
export type { CallControl, CallHandle, CallsService } from './tokens';
export { callExtrasPlugin, CALL_EXTRAS_PLUGIN_VERSION } from './extras/plugin';
export type { CallExtrasApi, CallExtrasPluginOptions } from './extras/plugin';
export { browserAudioFileLoader } from './extras/audioFile';
export type { AudioFileLoader, AudioFileSource } from './extras/audioFile';
export { customParameterOperations } from './extras/customParameters';
export { PLAY_AUDIO } from './extras/playAudioFile';
export type { AudioFilePlaying, PlayAudioFilePromise } from './extras/playAudioFile';
export { callReportPlugin, CALL_REPORT_PLUGIN_VERSION } from './report/plugin';
export type { CallReportApi } from './report/plugin';
export type { CallReport, CallReportEvent, CallReportEventData, CallReportMetric } from './report/types';
export { reportEvents, metrics } from './report/constants';
export { linkCallBackend, linkCallBackendFactory } from './adapters/link';
export type {
  AuditResult, CallBackend, CallBackendContext, CallBackendFactory, CallSignal, CallSignalKind, CallSignalSink, CallStartRequest, LegState, RemoteNames,
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
// the call-history plugin (client.call.history) and the click-to-call plugin (client.clickToCall): separate plugins
export { callHistoryPlugin, CALL_HISTORY_PLUGIN_VERSION } from './history/plugin';
export type { CallHistoryPluginOptions } from './history/plugin';
export { callHistoryBackendExtensionPoint } from './history/backend';
export type { CallHistoryBackend, CallHistoryBackendContext, CallHistoryBackendFactory } from './history/backend';
export { linkCallHistoryBackend, linkCallHistoryBackendFactory } from './history/link';
export { callHistoryEvents } from './history/events';
export type { CallHistoryErrorEvent, CallHistoryEventMap } from './history/events';
export { callHistoryErrorCodes } from './history/errors';
export type { CallHistoryApi, CallLogDirection, CallLogRecord } from './history/types';
export { clickToCallPlugin, CLICK_TO_CALL_PLUGIN_VERSION } from './clickToCall/plugin';
export type { ClickToCallPluginOptions } from './clickToCall/plugin';
export { clickToCallBackendExtensionPoint } from './clickToCall/backend';
export type { ClickToCallBackend, ClickToCallBackendContext, ClickToCallBackendFactory } from './clickToCall/backend';
export { linkClickToCallBackend, linkClickToCallBackendFactory } from './clickToCall/link';
export { clickToCallEvents } from './clickToCall/events';
export type { ClickToCallErrorEvent, ClickToCallEventMap, ClickToCallStartEvent } from './clickToCall/events';
export { clickToCallErrorCodes } from './clickToCall/errors';
export type { ClickToCallApi, ClickToCallRecord } from './clickToCall/types';
// the call-controls plugin (hold, media changes, replaceTrack, restartMedia on client.call): a separate plugin
export { callControlsPlugin, CALL_CONTROLS_PLUGIN_VERSION } from './controls/plugin';
export type { CallControlsApi, CallControlsPluginOptions } from './controls/plugin';
export { callControlsEvents } from './controls/events';
export type { CallControlsEventMap, CallMediaRestartEvent, CallTrackReplacedEvent } from './controls/events';
export type { MediaChangeOptions, ScreenOptions, VideoOptions } from './operations/media';
// the call-transfer plugin (forward, directTransfer, consultativeTransfer, join on client.call): a separate plugin
export { callTransferPlugin, CALL_TRANSFER_PLUGIN_VERSION } from './transfer/plugin';
export type { CallTransferApi, CallTransferPluginOptions } from './transfer/plugin';
export { transferOperations } from './transfer/constants';
export { callTransferEvents } from './transfer/events';
export type { CallJoinEvent, CallTransferEventMap } from './transfer/events';
export type { AudioMixer, AudioMixerFactory } from './internal/audioMixer';
