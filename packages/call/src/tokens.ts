/**
 * The call plugin's tokens and extension point.
 */
import { createToken } from '@switchboard/core';
import type { CallBackend, CallBackendFactory } from './adapters/backend';

/** Services the call plugin provides to plugins registered after it. @public */
export const callTokens = Object.freeze({
  /** The active call backend (e.g. for a call-history plugin that wants the same gateway). */
  backend: createToken<CallBackend>('call.backend'),
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
