/**
 * The `recorder` config section: its type (TSDoc `@default` on every key), defaults and schema.
 * Listing the section in the plugin's `config` makes `config.recorder` part of the client's
 * config type, so `createClient({ config: { recorder: { timeslise: 1 } } })` is a compile error.
 */
import { is, type ConfigSection } from '@switchboard/core';

/** The `recorder` configuration. @public */
export interface RecorderConfig {
  /**
   * MIME type of the recordings, e.g. `'audio/webm;codecs=opus'`. Empty: the first of
   * `audio/webm;codecs=opus`, `audio/ogg;codecs=opus`, `audio/webm` the browser supports.
   * @default ''
   */
  mimeType: string;
  /** ms of media per chunk handed over by MediaRecorder; 0: one chunk when the recording stops. @default 1000 */
  timeslice: number;
  /** A recording stops by itself after this many ms; 0: no limit. @default 3600000 (one hour) */
  maxDurationMs: number;
  /** Start recording every call when it becomes `Connected`. @default false */
  autoRecord: boolean;
  /** Mix the local (microphone) audio into recordings as well as the remote audio. @default false */
  includeLocal: boolean;
}

/** Default values of the `recorder` section. @public */
export const recorderConfigDefaults: RecorderConfig = Object.freeze({
  mimeType: '',
  timeslice: 1000,
  maxDurationMs: 3_600_000,
  autoRecord: false,
  includeLocal: false,
});

/** The `recorder` config section. @public */
export const recorderConfigSection: ConfigSection<RecorderConfig, 'recorder'> = {
  name: 'recorder',
  defaults: recorderConfigDefaults,
  schema: {
    mimeType: is.string(),
    timeslice: is.number({ min: 0, integer: true }),
    maxDurationMs: is.number({ min: 0, integer: true }),
    autoRecord: is.boolean(),
    includeLocal: is.boolean(),
  },
};
