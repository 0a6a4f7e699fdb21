/**
 * The interface the call plugin needs from a signalling backend. The first-party adapter is
 * `linkCallBackend` (Kandy Link REST v1, protocol §5); a test or another gateway plugs its own in
 * through `callPlugin({ backend })`. Incoming events reach the plugin as Link notifications.
 */
import type { Logger } from '@switchboard/core';
import type { LinkTransport } from '@switchboard/connectivity';
import type { CustomParameter } from '../types';

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
  customParameters?: CustomParameter[];
}

/** Outcome of a call audit. @public */
export type AuditResult = 'alive' | 'gone';

/**
 * Call signalling operations. Every method rejects with a BasicError (`CALL_REQUEST_FAILED` for a
 * gateway error, the transport's `NETWORK_ERROR`/`ABORTED` otherwise).
 * @public
 */
export interface CallBackend {
  /** Adapter name, for logs. */
  readonly name: string;
  /** Starts an outgoing call; resolves with this user's leg id. */
  start(request: CallStartRequest): Promise<{ sessionId: string }>;
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
}

/** What a backend factory receives. @public */
export interface CallBackendContext {
  transport: LinkTransport;
  logger: Logger;
}

/** Creates a backend for one client. @public */
export type CallBackendFactory = (context: CallBackendContext) => CallBackend;
