/**
 * The call plugin's tokens and extension point.
 */
import { createToken, defineExtensionPoint } from '@switchboard/core';
import type { CallBackend, CallBackendFactory } from './adapters/backend';
import type { CallLookup } from './internal/CallRegistry';
import type { CallObject } from './types';

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

/** Services the call plugin provides to plugins registered after it. @public */
export const callTokens = Object.freeze({
  /** The active call backend (e.g. for a call-history plugin that wants the same gateway). */
  backend: createToken<CallBackend>('call.backend'),
  /** The read-only calls service. */
  calls: createToken<CallsService>('call.calls'),
  /**
   * The calls themselves (find one for an operation, or report a refused operation), for the
   * mid-call plugins of this package (`callControlsPlugin()`): they drive a call through its own
   * methods (operations, state, peer session), as the call plugin's own operations do.
   * @internal
   */
  lookup: createToken<CallLookup>('call.lookup'),
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

export type { CallBackendFactory };
