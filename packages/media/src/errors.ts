/**
 * Media error codes, and the mapping from a `getUserMedia`/`getDisplayMedia` failure
 * (a DOMException name) to a coded {@link BasicError}.
 */
import { BasicError, type ErrorCodesOf } from '@switchboard/core';

/** The codes this package raises (name → code); the `ErrorCodeMap` entries are derived from it. @public */
export const mediaErrorCodes = /* @__PURE__ */ Object.freeze({
  /** The user or the browser denied access to a device. */
  PERMISSION_DENIED: 'MEDIA_PERMISSION_DENIED',
  /** No device matches the request. */
  DEVICE_NOT_FOUND: 'MEDIA_DEVICE_NOT_FOUND',
  /** A device exists but cannot satisfy an `exact` constraint. */
  CONSTRAINTS_UNSATISFIABLE: 'MEDIA_CONSTRAINTS_UNSATISFIABLE',
  /** `navigator.mediaDevices` is missing (no browser, or not a secure context). */
  NOT_SUPPORTED: 'MEDIA_NOT_SUPPORTED',
  /** Any other media failure (device busy, aborted…). */
  ERROR: 'MEDIA_ERROR',
  /** A track id is unknown. */
  TRACK_NOT_FOUND: 'MEDIA_TRACK_NOT_FOUND',
  /** The CSS selector matches no element. */
  CONTAINER_NOT_FOUND: 'MEDIA_CONTAINER_NOT_FOUND',
} as const);

/** A code of the media plugin. @public */
export type MediaErrorCode = (typeof mediaErrorCodes)[keyof typeof mediaErrorCodes];

declare module '@switchboard/core' {
  interface ErrorCodeMap extends ErrorCodesOf<typeof mediaErrorCodes> {}
}

const BY_NAME: Partial<Record<string, MediaErrorCode>> = {
  NotAllowedError: mediaErrorCodes.PERMISSION_DENIED,
  PermissionDeniedError: mediaErrorCodes.PERMISSION_DENIED,
  SecurityError: mediaErrorCodes.PERMISSION_DENIED,
  NotFoundError: mediaErrorCodes.DEVICE_NOT_FOUND,
  DevicesNotFoundError: mediaErrorCodes.DEVICE_NOT_FOUND,
  OverconstrainedError: mediaErrorCodes.CONSTRAINTS_UNSATISFIABLE,
  ConstraintNotSatisfiedError: mediaErrorCodes.CONSTRAINTS_UNSATISFIABLE,
};

/**
 * Converts a media failure into a coded BasicError (the original error is its `cause`).
 * @internal
 */
export function toMediaError(error: unknown, what = 'getUserMedia'): BasicError {
  if (error instanceof BasicError) return error;
  const name = typeof error === 'object' && error !== null ? String((error as { name?: unknown }).name) : '';
  const code = BY_NAME[name] ?? mediaErrorCodes.ERROR;
  const constraint = (error as { constraint?: unknown } | null)?.constraint;
  const detail = typeof constraint === 'string' && constraint ? ` (constraint "${constraint}")` : '';
  return new BasicError(code, `${what}() failed with ${name || 'an error'}${detail}`, { cause: error, pluginId: 'media' });
}

/** The error raised when `navigator.mediaDevices` is unavailable. @internal */
export function notSupportedError(what: string): BasicError {
  return new BasicError(
    mediaErrorCodes.NOT_SUPPORTED,
    `${what}: navigator.mediaDevices is unavailable (not a browser, or not a secure context).`,
    { pluginId: 'media' },
  );
}
