/**
 * The interface the call plugin needs from a signalling backend, in both directions: operations
 * out (`start`, `answer`, …) and call signals in (`listen`). The first-party adapter is
 * `linkCallBackend` (Kandy Link REST v1, protocol §5, notifications §4); another gateway, an
 * in-memory fake or a proxy contributes its own to {@link callBackendExtensionPoint}.
 */
import type { Logger } from '@switchboard/core';
import type { LinkTransport, NotificationRegistry } from '@switchboard/connectivity';
import type { CustomParameter } from '../types';

/**
 * What a signal is about:
 * - `incoming`: a new incoming call (`sdp` is the offer, absent for a slow-start call);
 * - `ringing`: the callee is alerted;
 * - `progress`: early media (`sdp` is a provisional answer);
 * - `answer`: the answer to this side's offer (`sdp`), or a refusal (`statusCode` ≠ 0, no `sdp`);
 * - `update`: the far end renegotiates (`sdp` is its offer, absent for a slow-start update);
 * - `ended`: the far end ended the call;
 * - `cancelled`: the caller gave up before the call was answered.
 * @public
 */
export type CallSignalKind = 'incoming' | 'ringing' | 'progress' | 'answer' | 'update' | 'ended' | 'cancelled';

/** Who the far end is, as the backend reports it. @public */
export interface RemoteNames {
  /** The caller's display name. */
  callerName?: string;
  /** The caller's address or number. */
  callerDisplayNumber?: string;
  /** The callee's address or number. */
  calleeDisplayNumber?: string;
  /** The far end's display name. */
  remoteName?: string;
  /** The far end's address or number. */
  remoteDisplayNumber?: string;
}

/** One incoming call event, already validated by the backend. @public */
export interface CallSignal {
  /** What happened. */
  kind: CallSignalKind;
  /** The leg id the backend gave this side (`start`'s `sessionId`, or the incoming call's). */
  sessionId: string;
  /** A complete SDP (`v=0…`), when the signal carries one. */
  sdp?: string;
  /** The far end's status code (0 or absent = success). */
  statusCode?: number;
  /** Text for the status. */
  reasonText?: string;
  /** Names and numbers of the parties. */
  remote?: RemoteNames;
  /** Custom SIP headers that came with the signal. */
  customParameters?: CustomParameter[];
}

/** Receives a backend's incoming signals. @public */
export type CallSignalSink = (signal: CallSignal) => void;

/** The body of a new outgoing call. @public */
export interface CallStartRequest {
  /** Caller address (`sip:alice@example.com`, or `Name<sip:…>` with a display name). */
  from: string;
  /** Destination (normalized unless `normalizeDestination` is false). */
  to: string;
  /** Complete SDP offer. */
  sdp: string;
  /** Ask for early media (`supported: ["earlymedia"]`). */
  earlyMedia: boolean;
  /** Custom SIP headers to send. */
  customParameters?: CustomParameter[];
}

/** Outcome of a call audit. @public */
export type AuditResult = 'alive' | 'gone';

/**
 * What a leg query (re-sync, protocol §5.17) found: the leg can still be answered (`RINGING`), is
 * established (`ANSWERED`), or the gateway no longer knows it (`gone`).
 * @public
 */
export type LegState = 'RINGING' | 'ANSWERED' | 'gone';

/**
 * Call signalling operations. Every method rejects with a BasicError (`CALL_REQUEST_FAILED` for a
 * gateway error, the transport's `NETWORK_ERROR`/`ABORTED` otherwise).
 * @public
 */
export interface CallBackend {
  /** Adapter name, for logs. */
  readonly name: string;
  /** Starts an outgoing call; resolves with this user's leg id. */
  start(request: CallStartRequest): Promise<{
    /** The new leg's id. */
    sessionId: string;
  }>;
  /** Sends ringing feedback for an incoming call. */
  ringing(sessionId: string): Promise<void>;
  /** Answers an incoming call with an SDP answer (or an offer, for a slow-start call). */
  answer(sessionId: string, sdp: string, customParameters?: CustomParameter[]): Promise<void>;
  /** Rejects an incoming call. */
  reject(sessionId: string): Promise<void>;
  /** Ends (or abandons) a call leg. */
  end(sessionId: string): Promise<void>;
  /** Starts a renegotiation with a new offer. */
  startUpdate(sessionId: string, sdp: string, customParameters?: CustomParameter[]): Promise<void>;
  /** Answers a remote renegotiation (an answer, or an offer for a slow-start update). */
  respondUpdate(sessionId: string, sdp: string, customParameters?: CustomParameter[]): Promise<void>;
  /** Audits a leg: `'gone'` when the gateway no longer knows it; rejects for other failures. */
  audit(sessionId: string): Promise<AuditResult>;
  /**
   * Queries a leg's state on the gateway (re-sync, §5.17). Optional: without it `resyncOnConnect`
   * does nothing.
   */
  query?(sessionId: string): Promise<LegState>;
  /**
   * Sends custom headers on an established leg (§5.12). Optional: without it
   * `call.sendCustomParameters` (the `callExtrasPlugin()`) fails with `CALL_INVALID_OPERATION`.
   */
  sendCustomHeaders?(sessionId: string, customParameters: CustomParameter[]): Promise<void>;
  /**
   * Starts delivering incoming call signals to `sink`; returns the function that stops it (called
   * on `destroy()`). Each call adds a listener: every listener gets every signal. Malformed input is
   * the backend's to log and drop: `sink` gets valid signals only.
   */
  listen(sink: CallSignalSink): () => void;
}

/**
 * What a backend factory receives: a logger, and the connectivity plugin's Link services (which
 * the Link adapter uses and other adapters may ignore).
 * @public
 */
export interface CallBackendContext {
  /** The connectivity plugin's Link transport (authenticated REST requests). */
  transport: LinkTransport;
  /** The connectivity plugin's notification registry (register handlers per event type). */
  notifications: NotificationRegistry;
  /** A logger for the backend. */
  logger: Logger;
}

/** Creates a backend for one client. @public */
export type CallBackendFactory = (context: CallBackendContext) => CallBackend;
