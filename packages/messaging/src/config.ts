/**
 * The `messaging` config section: the checks a message passes before anything is sent.
 */
import { is, type ConfigSection } from '@switchboard/core';

/** The `messaging` configuration. @public */
export interface MessagingConfig {
  /** Largest message, in bytes of UTF-8 text as sent (the reference gateway's `maxMessageBytes`). @default 16384 */
  maxMessageBytes: number;
  /** Largest file of a `file` part, in bytes (the reference gateway's `maxFileBytes`). @default 5242880 */
  maxFileBytes: number;
}

/** Default values of the `messaging` section. @public */
export const messagingConfigDefaults: MessagingConfig = Object.freeze({ maxMessageBytes: 16384, maxFileBytes: 5242880 });

/** The `messaging` config section. @internal */
export const messagingConfigSection: ConfigSection<MessagingConfig, 'messaging'> = {
  name: 'messaging',
  defaults: messagingConfigDefaults,
  schema: { maxMessageBytes: is.number({ min: 1, integer: true }), maxFileBytes: is.number({ min: 1, integer: true }) },
};
