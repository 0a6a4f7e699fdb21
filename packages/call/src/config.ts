/**
 * The `call` config section (seed 000 `config.call`): defaults, schema and compatibility aliases.
 */
import { is, type ConfigAliases, type ConfigSection } from '@switchboard/core';
import { defaultIceCollectionCheck } from './internal/defaultIceCheck';
import type { IceCollectionCheckFunction, IceServer, RTCPeerConnectionConfig, SdpHandlerFunction } from './types';

/** The `call` configuration. @public */
export interface CallConfig {
  /** RTCPeerConnection configuration of every call; the place for ICE servers. */
  defaultPeerConfig: RTCPeerConnectionConfig;
  /** ms to wait for an ideal candidate set (used by the default check). @default 1000 */
  iceCollectionIdealTimeout: number;
  /** ms after which the call proceeds with what was gathered (used by the default check). @default 3000 */
  iceCollectionMaxTimeout: number;
  /** Decides when negotiation may start. @default the documented default algorithm */
  iceCollectionCheckFunction: IceCollectionCheckFunction;
  /** Copy the subscription's TURN credentials into every configured ICE server. @default true */
  serverTurnCredentials: boolean;
  /** SDP handlers applied to every call (replaced by `call.setSdpHandlers`). @default [] */
  sdpHandlers: SdpHandlerFunction[];
  /** Support early media (`supported: ["earlymedia"]` on callStart). @default false */
  earlyMedia: boolean;
  /** After the notification socket reconnects, re-sync each call's state from the gateway's leg query (protocol §5.17; `RESYNC` in `call:operation`). @default false */
  resyncOnConnect: boolean;
  /**
   * All calls are anchored on the media broker (the gateway is in broker-only mode): a slow-start
   * remote update (an offer-less `startCallUpdate`, protocol §4.8) is offered from the call's
   * current peer connection instead of a new one. @default false
   */
  mediaBrokerOnly: boolean;
  /** Strip `a=group` (BUNDLE) from incoming and outgoing SDP. @default false */
  removeBundling: boolean;
  /** Who sends ringing feedback: the SDK on receipt ('auto') or the app (`sendRingingFeedback`). @default 'auto' */
  ringingFeedbackMode: 'auto' | 'manual';
  /** ms between call audits (never below 10 s, protocol §5.16). @default 25000 */
  callAuditTimer: number;
  /** ms the passive side waits before a media reconnection. @default 3000 */
  mediaConnectionRetryDelay: number;
  /** Normalize destinations to `sip:user@domain` (protocol §5.21). @default true */
  normalizeDestination: boolean;
  /**
   * 001/002: remove the H264 codecs from every SDP set or sent (the `createCodecRemover(['H264'])`
   * stage, before the SDP handlers). @default false (`true` under a `compatibility` profile)
   */
  removeH264Codecs: boolean;
}

/** Default values of the `call` section. @public */
export const callConfigDefaults: CallConfig = Object.freeze({
  defaultPeerConfig: { iceServers: [], sdpSemantics: 'unified-plan' },
  iceCollectionIdealTimeout: 1000,
  iceCollectionMaxTimeout: 3000,
  iceCollectionCheckFunction: defaultIceCollectionCheck,
  serverTurnCredentials: true,
  sdpHandlers: [],
  earlyMedia: false,
  resyncOnConnect: false,
  mediaBrokerOnly: false,
  removeBundling: false,
  ringingFeedbackMode: 'auto',
  callAuditTimer: 25000,
  mediaConnectionRetryDelay: 3000,
  normalizeDestination: true,
  removeH264Codecs: false,
}) as CallConfig;

/** The `call` config section. @internal */
export const callConfigSection: ConfigSection<CallConfig, 'call'> = {
  name: 'call',
  defaults: callConfigDefaults,
  schema: {
    // every RTCConfiguration key, so that a misspelled one (`iceServer`) is warned about, not silently dropped
    defaultPeerConfig: {
      iceServers: is.arrayOf(is.object()),
      sdpSemantics: is.oneOf(['unified-plan', 'plan-b']),
      iceCandidatePoolSize: is.number({ min: 0, integer: true }),
      iceTransportPolicy: is.oneOf(['all', 'relay', 'public']),
      bundlePolicy: is.oneOf(['balanced', 'max-compat', 'max-bundle']),
      rtcpMuxPolicy: is.oneOf(['require', 'negotiate']),
      certificates: is.any(),
    },
    iceCollectionIdealTimeout: is.number({ min: 0 }),
    iceCollectionMaxTimeout: is.number({ min: 0 }),
    iceCollectionCheckFunction: is.function(),
    serverTurnCredentials: is.boolean(),
    sdpHandlers: is.arrayOf(is.function()),
    earlyMedia: is.boolean(),
    resyncOnConnect: is.boolean(),
    mediaBrokerOnly: is.boolean(),
    removeBundling: is.boolean(),
    ringingFeedbackMode: is.oneOf(['auto', 'manual']),
    callAuditTimer: is.number({ min: 0 }),
    mediaConnectionRetryDelay: is.number({ min: 0 }),
    normalizeDestination: is.boolean(),
    removeH264Codecs: is.boolean(),
  },
  // the 001/002 default (seed 001 `call.removeH264Codecs`)
  legacyDefaults: { removeH264Codecs: true },
};

/**
 * Compatibility keys: 001/002 `call.iceServers` / `call.sdpSemantics`, and the names the seed's
 * default-check text uses (`idealIceCollectionTimeout` / `maxIceCollectionTimeout`).
 * @internal
 */
export const callConfigAliases = [
  { from: 'call.iceServers', to: 'call.defaultPeerConfig.iceServers', map: toIceServers },
  { from: 'call.sdpSemantics', to: 'call.defaultPeerConfig.sdpSemantics' },
  { from: 'call.idealIceCollectionTimeout', to: 'call.iceCollectionIdealTimeout' },
  { from: 'call.maxIceCollectionTimeout', to: 'call.iceCollectionMaxTimeout' },
] as ConfigAliases<LegacyCallConfig>;

/** Compatibility keys of the `call` section, still accepted (and typed). @public */
export interface LegacyCallConfig {
  /** The 001/002 keys of the `call` section. */
  call: {
    /** @deprecated 001/002: use `defaultPeerConfig.iceServers` (`url` is read as `urls`). */
    iceServers: Array<
      | IceServer
      | {
          /** The server URL(s) (001's singular name). */
          url: string | string[];
          /** The TURN username. */
          username?: string;
          /** The TURN credential. */
          credential?: string;
        }
    >;
    /** @deprecated 001/002: use `defaultPeerConfig.sdpSemantics`. */
    sdpSemantics: 'unified-plan' | 'plan-b';
    /** @deprecated use `iceCollectionIdealTimeout`. */
    idealIceCollectionTimeout: number;
    /** @deprecated use `iceCollectionMaxTimeout`. */
    maxIceCollectionTimeout: number;
  };
}

/** 001's `{ url }` ICE servers become `{ urls }`. */
function toIceServers(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  return value.map((s: Record<string, unknown>) => {
    if (s && typeof s === 'object' && s.urls === undefined && s.url !== undefined) {
      const { url, ...rest } = s;
      return { ...rest, urls: url };
    }
    return s;
  });
}
