/** The `proxy` config section. */
import { is, type ConfigSection } from '@switchboard/core';

/** The `proxy` configuration. @public */
export interface ProxyConfig {
  /** How often (ms) the main side sends a heartbeat to an initialised remote (read when the client starts). @default 2000 */
  heartbeatInterval: number;
  /**
   * After how long (ms) without any message from the remote the channel is declared lost
   * (`proxy:error` `PROXY_CHANNEL_LOST`, proxied calls ended); also how long `initializeRemote`
   * waits for the answer, and what the remote waits before closing everything when the main side
   * goes silent. @default 6000
   */
  heartbeatTimeout: number;
}

/** The defaults of the `proxy` section. @public */
export const proxyConfigDefaults: Readonly<ProxyConfig> = Object.freeze({ heartbeatInterval: 2000, heartbeatTimeout: 6000 });

/** The `proxy` section. @internal */
export const proxyConfigSection: ConfigSection<ProxyConfig, 'proxy'> = {
  name: 'proxy',
  defaults: proxyConfigDefaults,
  schema: { heartbeatInterval: is.number({ min: 1 }), heartbeatTimeout: is.number({ min: 1 }) },
};
