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
  /** Whether audio was offered. */
  audio: boolean;
  /** Whether video was offered. */
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
  /** Priority of sent audio. */
  audioNetworkPriority?: RTCPriorityType;
  /** Priority of sent video. */
  videoNetworkPriority?: RTCPriorityType;
  /** Priority of a sent screen share. */
  screenNetworkPriority?: RTCPriorityType;
}

/** A custom SIP header (seed 000 CustomParameter). @public */
export interface CustomParameter {
  /** The header name. */
  name: string;
  /** The header value. */
  value: string;
}

/** Information about a call (seed 000 CallObject). A copy: changing it changes nothing. @public */
export interface CallObject {
  /** The call's id. */
  id: string;
  /** Who placed the call. */
  from: string;
  /** Who was called. */
  to: string;
  /** `outgoing` (made here) or `incoming`. */
  direction: 'outgoing' | 'incoming';
  /** The current state (see `call.states`). */
  state: CallState;
  /** The ICE connection state, `failed` also once `connectionState` is (see `call.mediaConnectionStates`). */
  mediaConnectionState: MediaConnectionState;
  /** Whether this side has the call on hold. */
  localHold: boolean;
  /** Whether the far end has the call on hold. */
  remoteHold: boolean;
  /** Ids of the tracks this side sends. */
  localTracks: string[];
  /** Ids of the tracks received from the far end. */
  remoteTracks: string[];
  /** What the caller offered (incoming calls). */
  mediaOffered?: MediaOffered;
  /** The far end. */
  remoteParticipant: {
    /** The far end's address (user or number). */
    displayNumber?: string;
    /** The far end's display name, when known. */
    displayName?: string;
  };
  /** The bandwidth limits in effect. */
  bandwidth: BandwidthControls;
  /** The custom parameters of the call. */
  customParameters: CustomParameter[];
  /** When the call started (ms since the epoch). */
  startTime: number;
  /** When it ended (ms since the epoch), once ended. */
  endTime?: number;
  /** The operations in progress. */
  currentOperations: CallOperation[];
}

/** Media options of `make`/`answer` (seed 000): audio, video and screen with their constraints. @public */
export type CallMediaOptions = LocalMediaOptions;

/** Options of `call.make`. @public */
export interface MakeOptions {
  /** Limits of the received media. */
  bandwidth?: BandwidthControls;
  /** The caller name shown to the callee. */
  displayName?: string;
  /** Custom SIP headers sent with the call. */
  customParameters?: CustomParameter[];
  /** DSCP markings of the sent media. */
  dscpControls?: DSCPControls;
}

/** Options of `call.answer`. @public */
export interface AnswerOptions {
  /** Limits of the received media. */
  bandwidth?: BandwidthControls;
  /** Custom SIP headers sent with the answer. */
  customParameters?: CustomParameter[];
  /** DSCP markings of the sent media. */
  dscpControls?: DSCPControls;
}

/** An ICE server (seed 000 IceServer). @public */
export interface IceServer {
  /** The server URL(s): `stun:`, `turn:` or `turns:`. */
  urls: string | string[];
  /** The TURN username. */
  username?: string;
  /** The TURN credential. */
  credential?: string;
}

/** Configuration of every RTCPeerConnection (seed 000 RTCPeerConnectionConfig). @public */
export interface RTCPeerConnectionConfig {
  /** The STUN/TURN servers. */
  iceServers?: IceServer[];
  /** @default 'unified-plan' (ignored by current browsers, which only implement unified plan). */
  sdpSemantics?: 'unified-plan' | 'plan-b';
  /** Candidates to gather ahead of time. */
  iceCandidatePoolSize?: number;
  /** `'all'` or `'relay'` (`'public'` is taken as `'all'`, with a warning). */
  iceTransportPolicy?: RTCIceTransportPolicy | 'public';
  /** As `RTCConfiguration.bundlePolicy`. */
  bundlePolicy?: RTCBundlePolicy;
  /** As `RTCConfiguration.rtcpMuxPolicy`. */
  rtcpMuxPolicy?: RTCRtcpMuxPolicy;
  /** As `RTCConfiguration.certificates`. */
  certificates?: RTCCertificate[];
}

/** Why the ICE collection check function was called. @public */
export type IceCollectionReason = 'NewCandidate' | 'IceGatheringStateChanged' | 'Scheduled';

/** Input of the ICE collection check (seed 000 IceCollectionInfo). @public */
export interface IceCollectionInfo {
  /** The call's id. */
  callId: string;
  /** The operation collecting (`MAKE`, `ANSWER`, …). */
  callOperation: string;
  /** Why the check is called now. */
  reason: IceCollectionReason;
  /** The candidates gathered so far. */
  iceCandidates: RTCIceCandidate[];
  /** How long collection has run, in ms. */
  iceCollectionDuration: number;
  /** The peer connection's gathering state. */
  iceGatheringState: RTCIceGatheringState;
  /** The peer connection's configuration. */
  rtcPeerConnectionConfig: RTCConfiguration;
  /** The local SDP so far. */
  rtcLocalSessionDescription: string;
}

/** Result types of the ICE collection check (the seed's `IceCollectionCheckResultType`). @public */
export const IceCollectionCheckResultType = Object.freeze({
  /** Start negotiating with the candidates gathered. */
  StartCall: 'StartCall',
  /** Fail the operation. */
  Error: 'Error',
  /** Check again later. */
  Wait: 'Wait',
} as const);

/** Result of the ICE collection check (seed 000 IceCollectionCheckResult). @public */
export type IceCollectionCheckResult =
  | {
      /** Start negotiating now. */
      type: 'StartCall';
    }
  | {
      /** Fail the operation. */
      type: 'Error';
      /** Why. */
      error?: string | Error;
    }
  | {
      /** Check again later. */
      type: 'Wait';
      /** After this many ms (else at the next candidate or timeout). */
      wait?: number;
    };

/** ICE collection timeouts handed to the check function. @public */
export interface IceTimeouts {
  /** `call.iceCollectionIdealTimeout`, in ms. */
  iceCollectionIdealTimeout: number;
  /** `call.iceCollectionMaxTimeout`, in ms. */
  iceCollectionMaxTimeout: number;
}

/** Decides when negotiation may start (seed 000 IceCollectionCheckFunction). @public */
export type IceCollectionCheckFunction = (info: IceCollectionInfo, timeouts: IceTimeouts) => IceCollectionCheckResult;

/** Information given to an SDP handler (seed 000 SdpHandlerInfo). @public */
export interface SdpHandlerInfo {
  /** The call's id. */
  callId: string;
  /** `offer` or `answer` (or `pranswer`). */
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
  /** `audio`, `video`, `application`, … */
  type: string;
  /** The port of the `m=` line. */
  port: number;
  /** The transport protocol, e.g. `UDP/TLS/RTP/SAVPF`. */
  protocol: string;
  /** The payload types, space-separated. */
  payloads?: string;
  /** The `a=rtpmap` lines. */
  rtp: Array<{
    /** The payload type. */
    payload: number;
    /** The codec name, e.g. `opus`. */
    codec: string;
    /** The clock rate. */
    rate?: number;
    /** The channel count (audio). */
    encoding?: number;
  }>;
  /** The `a=fmtp` lines. */
  fmtp: Array<{
    /** The payload type. */
    payload: number;
    /** The format parameters. */
    config: string;
  }>;
  /** The `a=rtcp-fb` lines. */
  rtcpFb?: Array<{
    /** The payload type, or `*`. */
    payload: number | string;
    /** The feedback type, e.g. `nack`. */
    type: string;
    /** Its subtype, e.g. `pli`. */
    subtype?: string;
  }>;
  /** The `a=rtcp-fb` `trr-int` lines. */
  rtcpFbTrrInt?: Array<{
    /** The payload type, or `*`. */
    payload: number | string;
    /** The interval. */
    value: number;
  }>;
  /** The `b=` lines. */
  bandwidth?: SdpBandwidth[];
  /** The direction attribute. */
  direction?: 'sendrecv' | 'recvonly' | 'sendonly' | 'inactive';
  /** The `a=mid` value. */
  mid?: string;
  /** The `a=ice-options` value. */
  iceOptions?: string;
}

/** A `b=` line of an {@link SdpObject}. @public */
export interface SdpBandwidth {
  /** The bandwidth modifier. */
  type: 'TIAS' | 'AS' | 'CT' | 'RR' | 'RS';
  /** The limit (kbps for `AS`/`CT`, bps for `TIAS`). */
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
  /** The `v=` line. */
  version: number;
  /** The `o=` line. */
  origin: {
    /** The origin's username. */
    username: string;
    /** The session id. */
    sessionId: string | number;
    /** The session version. */
    sessionVersion: number;
    /** `IN`. */
    netType: string;
    /** `4` or `6`. */
    ipVer: number;
    /** The origin's address. */
    address: string;
  };
  /** The `s=` line. */
  name: string;
  /** The `t=` line. */
  timing: {
    /** The start time. */
    start: number;
    /** The stop time. */
    stop: number;
  };
  /** The `a=group` lines. */
  groups?: Array<{
    /** The group semantics, e.g. `BUNDLE`. */
    type: string;
    /** The mids of the group, space-separated. */
    mids: string;
  }>;
  /** The session-level `a=ice-options` value. */
  iceOptions?: string;
  /** The session-level `b=` lines. */
  bandwidth?: SdpBandwidth[];
  /** The session-level direction attribute. */
  direction?: 'sendrecv' | 'recvonly' | 'sendonly' | 'inactive';
  /** The `m=` sections. */
  media: SdpMediaObject[];
}

/** One stage of the SDP pipeline (seed 000 SdpHandlerFunction). Returns the (modified) SDP. @public */
export type SdpHandlerFunction = (newSdp: SdpObject, info: SdpHandlerInfo, originalSdp: SdpObject) => SdpObject;

/** Error carried by failed operations. @public */
export type CallError = BasicError;
