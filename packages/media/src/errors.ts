/**
 * Media error codes, and the mapping from a `getUserMedia`/`getDisplayMedia` failure
 * (a DOMException name) to a coded {@link BasicError}.
 */
import { BasicError } from '@switchboard/core';

declare module '@switchboard/core' {
  interface ErrorCodeMap {
    /** The user or the browser denied access to a device. */
    MEDIA_PERMISSION_DENIED: true;
    /** No device matches the request. */
    MEDIA_DEVICE_NOT_FOUND: true;
    /** A device exists but cannot satisfy an `exact` constraint. */
    MEDIA_CONSTRAINTS_UNSATISFIABLE: true;
    /** `navigator.mediaDevices` is missing (no browser, or not a secure context). */
    MEDIA_NOT_SUPPORTED: true;
    /** Any other media failure (device busy, aborted…). */
    MEDIA_ERROR: true;
    /** A track id is unknown. */
    MEDIA_TRACK_NOT_FOUND: true;
    /** The CSS selector matches no element. */
    MEDIA_CONTAINER_NOT_FOUND: true;
  }
}

/** The codes this package raises. @public */
export const mediaErrorCodes = Object.freeze({
  PERMISSION_DENIED: 'MEDIA_PERMISSION_DENIED',
  DEVICE_NOT_FOUND: 'MEDIA_DEVICE_NOT_FOUND',
  CONSTRAINTS_UNSATISFIABLE: 'MEDIA_CONSTRAINTS_UNSATISFIABLE',
  NOT_SUPPORTED: 'MEDIA_NOT_SUPPORTED',
  ERROR: 'MEDIA_ERROR',
  TRACK_NOT_FOUND: 'MEDIA_TRACK_NOT_FOUND',
  CONTAINER_NOT_FOUND: 'MEDIA_CONTAINER_NOT_FOUND',
} as const);

const BY_NAME: Record<string, string> = {
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
