/**
 * Error codes of the click-to-call plugin (besides core's `INVALID_ARGUMENT`):
 * `CLICK_TO_CALL_FAILED` when the backend refused the request (the message has its statusCode),
 * delivered in `clickToCall:error`.
 */
import { BasicError, type ErrorCodesOf } from '@switchboard/core';

/** The codes the click-to-call plugin raises besides core's. @public */
export const clickToCallErrorCodes = /* @__PURE__ */ Object.freeze({
  /** The backend refused the click-to-call request. */
  CLICK_TO_CALL_FAILED: 'CLICK_TO_CALL_FAILED',
} as const);

declare module '@switchboard/core' {
  interface ErrorCodeMap extends ErrorCodesOf<typeof clickToCallErrorCodes> {}
}

/** A BasicError of this plugin. @internal */
export const clickToCallError = (code: 'CLICK_TO_CALL_FAILED' | 'INVALID_ARGUMENT', message: string, cause?: unknown): BasicError =>
  new BasicError(code, message, { pluginId: 'click-to-call', cause });
