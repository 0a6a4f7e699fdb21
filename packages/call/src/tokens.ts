/**
 * The call plugin's tokens and extension point.
 */
import { createToken, defineExtensionPoint } from '@switchboard/core';
import type { CallBackend, CallBackendFactory } from './adapters/backend';
import type { BasicError } from '@switchboard/core';
import type { CallLookupService } from './internal/CallRegistry';
import type { PeerConnectionFactory } from './internal/PeerSession';
import type { CallObject, CallOperation, CustomParameter } from './types';

/**
 * Read-only access to this client's calls, for other plugins (a recorder asks whether a call has
 * ended; a presence plugin whether the user is on the phone). Values are copies, as `call.getById`.
 * Changes are announced by `call:stateChange` (which carries the new `state`).
 * @public
 */
export interface CallsService {
  /** One call, or undefined. */
  get(callId: string): CallObject | undefined;
  /** Every call of this client (ended ones included). */
  getAll(): CallObject[];
}

/**
 * One call, as a plugin that adds operations to the `call` namespace drives it (the
 * `callExtrasPlugin()` does): what it may read and the few things it may do. @public
 */
export interface CallHandle {
  /** The call's information, live (read only; `getById` gives copies). */
  readonly data: Readonly<CallObject>;
  /** This user's leg id on the gateway, once known. */
  readonly sessionId?: string;
  /** Starts a local operation of `type`: listed in `currentOperations`, `call:operation` START. */
  startOp(type: string): CallOperation;
  /** Finishes an operation: `call:operation` FINISH, with `error` when it failed. */
  finishOp(op: CallOperation, error?: BasicError): void;
  /** The RTCRtpSender of one of the call's local tracks, if on the peer connection. */
  senderOf(trackId: string): RTCRtpSender | undefined;
  /** Replaces the custom parameters sent with the call's later requests. */
  setCustomParameters(params: readonly CustomParameter[]): void;
  /**
   * Gives the call up on this side (its media is gone: the proxy plugin's lost channel): releases its
   * leg on the gateway (best effort, so the far end gets its end) and ends it locally
   * (`call:stateChange` to Ended, with `error` when given); no-op when it is already over.
   */
  hangUp(transition?: { statusCode?: number; reasonText?: string }, error?: BasicError): void;
}

/** The calls, for plugins that add operations to the `call` namespace. @public */
export interface CallControl {
  /** One call, or undefined. */
  get(callId: string): CallHandle | undefined;
  /** Reports an operation refused before it started (`call:operation` FINISH with `error`). */
  refuse(callId: string, type: string, error: BasicError): void;
}

/** Services the call plugin provides to plugins registered after it. @public */
export const callTokens = Object.freeze({
  /** The active call backend (e.g. for a call-history plugin that wants the same gateway). */
  backend: createToken<CallBackend>('call.backend'),
  /** The read-only calls service. */
  calls: createToken<CallsService>('call.calls'),
  /**
   * The calls themselves (find one for an operation, report a refused operation, create a local
   * call), for the mid-call plugins of this package (`callControlsPlugin()`, `callTransferPlugin()`):
   * they drive a call through its own methods (operations, state, peer session), as the call
   * plugin's own operations do.
   * @internal
   */
  lookup: createToken<CallLookupService>('call.lookup'),
  /** The calls as extension plugins drive them (operations with `call:operation` tracking). */
  control: createToken<CallControl>('call.control'),
});

/**
 * The call backend extension point. The call plugin contributes the Link adapter as its fallback;
 * an adapter plugin replaces it by contributing its own factory in its definition:
 * `contributes: [contribute(callBackendExtensionPoint, 'my-gateway', (ctx) => myBackend(ctx))]`.
 * `callPlugin({ backend })` is a shorthand for the same contribution. Two contributions (besides
 * the fallback) fail `createClient` with `SDK_EXTENSION_CONFLICT`.
 * @public
 */
export const callBackendExtensionPoint = defineExtensionPoint<CallBackendFactory>('call.backend');

/**
 * The peer connection extension point: what creates each call's `RTCPeerConnection`. The call plugin
 * contributes the browser's constructor as its fallback; a plugin that runs WebRTC elsewhere (the
 * proxy plugin) contributes its own factory: `contribute(peerConnectionExtensionPoint, 'proxy', factory)`.
 * `callPlugin({ peerConnectionFactory })` is a shorthand for the same contribution; two contributions
 * (besides the fallback) fail `createClient` with `SDK_EXTENSION_CONFLICT`.
 * @public
 */
export const peerConnectionExtensionPoint = defineExtensionPoint<PeerConnectionFactory>('call.peerConnection');

export type { CallBackendFactory };
