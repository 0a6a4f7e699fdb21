/**
 * Error codes of the messaging and voicemail plugins (besides core's `INVALID_ARGUMENT`
 * and `NOT_IMPLEMENTED`), delivered in `messages:error` / `voicemail:error` and as
 * rejections.
 */
import { BasicError, type ErrorCodesOf } from '@switchboard/core';

/** The codes the messaging plugins raise besides core's. @public */
export const messagingErrorCodes = /* @__PURE__ */ Object.freeze({
  /** The gateway refused to send a message (the message has the statusCode); nothing was sent. */
  MESSAGE_SEND_FAILED: 'MESSAGE_SEND_FAILED',
  /** The destination is no known user or number (the gateway's 404 + 1004); nothing was sent. */
  UNKNOWN_DESTINATION: 'UNKNOWN_DESTINATION',
  /** The message is larger than the gateway accepts (`messaging.maxMessageBytes`, or its 413). */
  MESSAGE_TOO_LARGE: 'MESSAGE_TOO_LARGE',
  /** The gateway refused a conversation or group request (history, thread list, group creation). */
  MESSAGING_REQUEST_FAILED: 'MESSAGING_REQUEST_FAILED',
  /** The gateway refused the voicemail request (statusCode 52: no voicemail box). */
  VOICEMAIL_REQUEST_FAILED: 'VOICEMAIL_REQUEST_FAILED',
} as const);

declare module '@switchboard/core' {
  interface ErrorCodeMap extends ErrorCodesOf<typeof messagingErrorCodes> {}
}

/** A code of this package, or one of core's it raises. @public */
export type MessagingErrorCode = keyof typeof messagingErrorCodes | 'INVALID_ARGUMENT' | 'NOT_IMPLEMENTED';

/** A BasicError of the messaging plugin. @internal */
export const messagingError = (code: MessagingErrorCode, message: string, cause?: unknown): BasicError =>
  new BasicError(code, message, { pluginId: 'messaging', cause });
