/** The `presence` config section. */
import { is, type ConfigSection } from '@switchboard/core';

/** The `presence` configuration. @public */
export interface PresenceConfig {
  /**
   * Publish `on-the-phone` while a call of this client is connected or on hold (needs the call
   * plugin — without it nothing happens — and a subscription holding `Presence`), and this user's
   * previous presence once the last call ends. @default true
   */
  reportOnThePhone: boolean;
}

/** The defaults of the `presence` section. @public */
export const presenceConfigDefaults: Readonly<PresenceConfig> = Object.freeze({ reportOnThePhone: true });

/** The `presence` section. @internal */
export const presenceConfigSection: ConfigSection<PresenceConfig, 'presence'> = {
  name: 'presence',
  defaults: presenceConfigDefaults,
  schema: { reportOnThePhone: is.boolean() },
};
