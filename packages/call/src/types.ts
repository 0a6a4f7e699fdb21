/**
 * Public types of the call plugin (seed 000 `call.*` types).
 */
import type { BasicError } from '@switchboard/core';
import type { LocalMediaOptions, MediaConstraint } from '@switchboard/media';

export type { MediaConstraint };

/** A SIP URI, e.g. `sip:joe@domain.com`. @public */
export type SIP_URI = string;
/** A TEL URI, e.g. `tel:+18885559876`. @public */
export type TEL_URI = string;

/** A call state value (see `call.states`). @public */
export type CallState = 'Initiating' | 'Initiated' | 'Ringing' | 'Early Media' | 'Cancelled' | 'Connected' | 'On Hold' | 'Ended';

/** A media connection state: mirrors `RTCPeerConnection.iceConnectionState`. @public */
export type MediaConnectionState = 'new' | 'checking' | 'connected' | 'completed' | 'disconnected' | 'failed' | 'closed';

/** Status of an operation: handled locally (`ONGOING`) or waiting on the remote side (`PENDING`). @public */
export type OperationStatus = 'ONGOING' | 'PENDING';

/** Transition reported by `call:operation`. @public */
export type OperationTransition = 'START' | 'UPDATE' | 'FINISH';

/** One on-going operation of a call (`CallObject.currentOperations`). @public */
export interface CallOperation {
  /** Unique id of the operation. */
  id: string;
  /** Operation type, see `call.operations`. */
  type: string;
  /** Whether it is processed locally or waiting on the remote side. */
  status: OperationStatus;
  /** Whether the local user started it. */
  isLocal: boolean;
}

/** What the caller offered (seed 000 MediaOffered). @public */
export interface MediaOffered {
  audio: boolean;
  video: boolean;
}

/** Bandwidth limits, in kbps, of the media this side receives (seed 000 BandwidthControls). @public */
export interface BandwidthControls {
  /** Combined limit for all media of the call. */
  call?: number;
  /** Limit for received audio. */
  audio?: number;
  /** Limit for received video. */
  video?: number;
}

/** DSCP markings of sent media (seed 000 DSCPControls). Unset kinds use the browser default ("low"). @public */
export interface DSCPControls {
  audioNetworkPriority?: RTCPriorityType;
  videoNetworkPriority?: RTCPriorityType;
  screenNetworkPriority?: RTCPriorityType;
}

/** A custom SIP header (seed 000 CustomParameter). @public */
export interface CustomParameter {
  name: string;
  value: string;
}

/** Information about a call (seed 000 CallObject). A copy: changing it changes nothing. @public */
export interface CallObject {
  id: string;
  from: string;
  to: string;
  direction: 'outgoing' | 'incoming';
  state: CallState;
  mediaConnectionState: MediaConnectionState;
  localHold: boolean;
  remoteHold: boolean;
  localTracks: string[];
  remoteTracks: string[];
  mediaOffered?: MediaOffered;
  remoteParticipant: { displayNumber?: string; displayName?: string };
  bandwidth: BandwidthControls;
  customParameters: CustomParameter[];
  startTime: number;
  endTime?: number;
  currentOperations: CallOperation[];
}

/** Media options of `make`/`answer` (seed 000): audio, video and screen with their constraints. @public */
export type CallMediaOptions = LocalMediaOptions;

/** Options of `call.make`. @public */
export interface MakeOptions {
  bandwidth?: BandwidthControls;
  displayName?: string;
  customParameters?: CustomParameter[];
  dscpControls?: DSCPControls;
}

/** Options of `call.answer`. @public */
export interface AnswerOptions {
  bandwidth?: BandwidthControls;
  customParameters?: CustomParameter[];
  dscpControls?: DSCPControls;
}

/** An ICE server (seed 000 IceServer). @public */
export interface IceServer {
  urls: string | string[];
  username?: string;
  credential?: string;
}

/** Configuration of every RTCPeerConnection (seed 000 RTCPeerConnectionConfig). @public */
export interface RTCPeerConnectionConfig {
  iceServers?: IceServer[];
  /** @default 'unified-plan' (ignored by current browsers, which only implement unified plan). */
  sdpSemantics?: 'unified-plan' | 'plan-b';
  iceCandidatePoolSize?: number;
  iceTransportPolicy?: RTCIceTransportPolicy | 'public';
  bundlePolicy?: RTCBundlePolicy;
  rtcpMuxPolicy?: RTCRtcpMuxPolicy;
  certificates?: RTCCertificate[];
}

/** Why the ICE collection check function was called. @public */
export type IceCollectionReason = 'NewCandidate' | 'IceGatheringStateChanged' | 'Scheduled';

/** Input of the ICE collection check (seed 000 IceCollectionInfo). @public */
export interface IceCollectionInfo {
  callId: string;
  callOperation: string;
  reason: IceCollectionReason;
  iceCandidates: RTCIceCandidate[];
  iceCollectionDuration: number;
  iceGatheringState: RTCIceGatheringState;
  rtcPeerConnectionConfig: RTCConfiguration;
  rtcLocalSessionDescription: string;
}

/** Result types of the ICE collection check (the seed's `IceCollectionCheckResultType`). @public */
export const IceCollectionCheckResultType = Object.freeze({ StartCall: 'StartCall', Error: 'Error', Wait: 'Wait' } as const);

/** Result of the ICE collection check (seed 000 IceCollectionCheckResult). @public */
export type IceCollectionCheckResult =
  | { type: 'StartCall' }
  | { type: 'Error'; error?: string | Error }
  | { type: 'Wait'; wait?: number };

/** ICE collection timeouts handed to the check function. @public */
export interface IceTimeouts {
  iceCollectionIdealTimeout: number;
  iceCollectionMaxTimeout: number;
}

/** Decides when negotiation may start (seed 000 IceCollectionCheckFunction). @public */
export type IceCollectionCheckFunction = (info: IceCollectionInfo, timeouts: IceTimeouts) => IceCollectionCheckResult;

/** Information given to an SDP handler (seed 000 SdpHandlerInfo). @public */
export interface SdpHandlerInfo {
  callId: string;
  type: RTCSdpType;
  /** `'set'`: the SDP will be set on the peer connection; `'send'`: it will be sent to the remote endpoint. */
  step: 'set' | 'send';
  /** Which end created the SDP. */
  endpoint: 'local' | 'remote';
}

/**
 * One `m=` section of an {@link SdpObject}, in sdp-transform's shape (`MediaDescription`); every
 * other parsed attribute is kept at run time.
 * @public
 */
export interface SdpMediaObject {
  type: string;
  port: number;
  protocol: string;
  payloads?: string;
  rtp: Array<{ payload: number; codec: string; rate?: number; encoding?: number }>;
  fmtp: Array<{ payload: number; config: string }>;
  rtcpFb?: Array<{ payload: number | string; type: string; subtype?: string }>;
  rtcpFbTrrInt?: Array<{ payload: number | string; value: number }>;
  bandwidth?: SdpBandwidth[];
  direction?: 'sendrecv' | 'recvonly' | 'sendonly' | 'inactive';
  mid?: string;
  iceOptions?: string;
}

/** A `b=` line of an {@link SdpObject}. @public */
export interface SdpBandwidth {
  type: 'TIAS' | 'AS' | 'CT' | 'RR' | 'RS';
  limit: number;
}

/**
 * A parsed SDP: sdp-transform's session description object. Declared here, not imported from
 * sdp-transform, so that the published declarations need no third-party types. It declares the
 * commonly used fields; it and sdp-transform's `SessionDescription` are assignable to each other
 * (`parse()` output can be given to a handler, a handler's result to `write()`), and every other
 * parsed attribute is kept at run time (cast to `SessionDescription` to read it typed).
 * @public
 */
export interface SdpObject {
  version: number;
  origin: { username: string; sessionId: string | number; sessionVersion: number; netType: string; ipVer: number; address: string };
  name: string;
  timing: { start: number; stop: number };
  groups?: Array<{ type: string; mids: string }>;
  iceOptions?: string;
  bandwidth?: SdpBandwidth[];
  direction?: 'sendrecv' | 'recvonly' | 'sendonly' | 'inactive';
  media: SdpMediaObject[];
}

/** One stage of the SDP pipeline (seed 000 SdpHandlerFunction). Returns the (modified) SDP. @public */
export type SdpHandlerFunction = (newSdp: SdpObject, info: SdpHandlerInfo, originalSdp: SdpObject) => SdpObject;

/** Error carried by failed operations. @public */
export type CallError = BasicError;
