/** The version of `@switchboard-examples/call-recorder`. @public */
export const CALL_RECORDER_VERSION = '0.1.0';
