/** The version of `@switchboard/media` (lockstep with `@switchboard/core`). @public */
export const MEDIA_VERSION = '0.1.0';
