/** The version of `@switchboard/core`, kept in step with package.json by the build. */
export const SDK_VERSION = '0.1.0';
