/**
 * Error codes of the call-history plugin (besides core's `INVALID_ARGUMENT`):
 * `CALL_HISTORY_REQUEST_FAILED` when the backend refused a fetch or delete (the message has its
 * statusCode), delivered as the rejection of the method and in `callHistory:error`.
 */
import { BasicError, type ErrorCodesOf } from '@switchboard/core';

/** The codes the call-history plugin raises besides core's. @public */
export const callHistoryErrorCodes = /* @__PURE__ */ Object.freeze({
  /** The backend refused a call-history request (the message has its statusCode). */
  CALL_HISTORY_REQUEST_FAILED: 'CALL_HISTORY_REQUEST_FAILED',
} as const);

declare module '@switchboard/core' {
  interface ErrorCodeMap extends ErrorCodesOf<typeof callHistoryErrorCodes> {}
}

/** A BasicError of this plugin. @internal */
export const historyError = (code: 'CALL_HISTORY_REQUEST_FAILED' | 'INVALID_ARGUMENT', message: string, cause?: unknown): BasicError =>
  new BasicError(code, message, { pluginId: 'call-history', cause });
