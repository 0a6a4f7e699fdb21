/**
 * The version of `@switchboard/proxy`: the plugin's version and the proxy version the main and the
 * remote side compare in `initializeRemote` (they must be equal). @public
 */
export const PROXY_VERSION = '0.1.0';
