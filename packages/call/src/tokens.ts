/**
 * The call plugin's tokens and extension point.
 */
import { createToken } from '@switchboard/core';
import type { CallBackend, CallBackendFactory } from './adapters/backend';
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
});

/**
 * The backend extension point: `callPlugin({ backend })` takes a {@link CallBackendFactory}
 * (or a ready {@link CallBackend}); the default is the Link adapter. This constant names it for
 * documentation and logs.
 * @public
 */
export const callBackendExtensionPoint = Object.freeze({
  id: 'call.backend',
  /** The factory used when `callPlugin()` gets no `backend` option. */
  defaultAdapter: 'link',
});

export type { CallBackendFactory };
