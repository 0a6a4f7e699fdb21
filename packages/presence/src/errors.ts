/**
 * Error codes of the presence, user (directory) and contacts plugins (besides core's
 * `INVALID_ARGUMENT`), delivered in `presence:error`, `directory:error` / `users:error` and
 * `contacts:error`.
 */
import { BasicError, type ErrorCodesOf } from '@switchboard/core';

/** The codes the plugins of `@switchboard/presence` raise besides core's. @public */
export const presenceErrorCodes = /* @__PURE__ */ Object.freeze({
  /** The gateway refused a presence request (the message has its statusCode). */
  PRESENCE_REQUEST_FAILED: 'PRESENCE_REQUEST_FAILED',
  /** The gateway refused a directory or own-profile request (the message has its statusCode). */
  DIRECTORY_REQUEST_FAILED: 'DIRECTORY_REQUEST_FAILED',
  /** `user.fetch(userId)`: the directory has no such user. */
  USER_NOT_FOUND: 'USER_NOT_FOUND',
  /** The gateway refused an address-book request (the message has its statusCode). */
  CONTACTS_REQUEST_FAILED: 'CONTACTS_REQUEST_FAILED',
} as const);

/** A code of {@link presenceErrorCodes}. @public */
export type PresenceErrorCode = keyof typeof presenceErrorCodes;

declare module '@switchboard/core' {
  interface ErrorCodeMap extends ErrorCodesOf<typeof presenceErrorCodes> {}
}

/** A BasicError of one of this package's plugins. @internal */
export const pluginError = (pluginId: string, code: PresenceErrorCode | 'INVALID_ARGUMENT', message: string, cause?: unknown): BasicError =>
  new BasicError(code, message, { pluginId, cause });
