/**
 * Error codes of the proxy plugin (besides core's `INVALID_ARGUMENT`), delivered in `proxy:error`.
 *
 * | code | when |
 * |---|---|
 * | `PROXY_NO_CHANNEL` | `initializeRemote` or `setProxyMode(true)` without a channel |
 * | `PROXY_NOT_INITIALIZED` | `setProxyMode(true)` before the remote was initialised |
 * | `PROXY_VERSION_MISMATCH` | the remote answered `init` with another proxy version |
 * | `PROXY_CALL_IN_PROGRESS` | `setChannel` / `setProxyMode` while a call is ongoing |
 * | `PROXY_CHANNEL_IN_USE` | `setChannel` with a channel another client's proxy listens to |
 * | `PROXY_INVALID_MESSAGE` | a malformed or unexpected message arrived on the channel (dropped) |
 * | `PROXY_CHANNEL_LOST` | nothing came from the remote for `heartbeatTimeout` ms: proxied calls are ended |
 * | `PROXY_REMOTE_ERROR` | the remote refused a request or reported an error |
 * | `PROXY_TIMEOUT` | the remote did not answer `init` within `heartbeatTimeout` ms |
 */
import { BasicError, type ErrorCodesOf } from '@switchboard/core';

/** The codes the proxy plugin raises besides core's. @public */
export const proxyErrorCodes = /* @__PURE__ */ Object.freeze({
  /** `initializeRemote` or `setProxyMode(true)` without a channel (`setChannel` first). */
  PROXY_NO_CHANNEL: 'PROXY_NO_CHANNEL',
  /** `setProxyMode(true)` before `initializeRemote` succeeded. */
  PROXY_NOT_INITIALIZED: 'PROXY_NOT_INITIALIZED',
  /** The remote SDK's proxy version differs from this SDK's. */
  PROXY_VERSION_MISMATCH: 'PROXY_VERSION_MISMATCH',
  /** The channel or the mode cannot change while a call is ongoing. */
  PROXY_CALL_IN_PROGRESS: 'PROXY_CALL_IN_PROGRESS',
  /** `setChannel`: another client's proxy listens to the channel (its `receive`); one channel joins one client to one remote. */
  PROXY_CHANNEL_IN_USE: 'PROXY_CHANNEL_IN_USE',
  /** A malformed or unexpected message arrived on the channel; it was dropped. */
  PROXY_INVALID_MESSAGE: 'PROXY_INVALID_MESSAGE',
  /** The remote went silent for `proxy.heartbeatTimeout` ms; every proxied call was ended. */
  PROXY_CHANNEL_LOST: 'PROXY_CHANNEL_LOST',
  /** The remote refused a request or reported an error. */
  PROXY_REMOTE_ERROR: 'PROXY_REMOTE_ERROR',
  /** The remote did not answer `init` in time. */
  PROXY_TIMEOUT: 'PROXY_TIMEOUT',
} as const);

/** A code of {@link proxyErrorCodes}. @public */
export type ProxyErrorCode = keyof typeof proxyErrorCodes;

declare module '@switchboard/core' {
  interface ErrorCodeMap extends ErrorCodesOf<typeof proxyErrorCodes> {}
}

/** A BasicError of the proxy plugin. @internal */
export const proxyError = (code: ProxyErrorCode, message: string, cause?: unknown): BasicError =>
  new BasicError(code, message, { pluginId: 'proxy', cause });
