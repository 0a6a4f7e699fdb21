/** The proxy events (seed 000 `proxy:change`, `proxy:error`), merged into core's `SdkEventMap`. */
import { eventNames, type BasicError } from '@switchboard/core';

/** `proxy:error` payload. @public */
export interface ProxyErrorEvent {
  /** What failed, with a code of `proxyErrorCodes`. */
  error: BasicError;
}

/** The proxy plugin's events. @public */
export interface ProxyEventMap {
  /**
   * A proxy API completed and changed the proxy state (`setChannel`, `initializeRemote`,
   * `setProxyMode`), or the state changed on its own (the channel was lost: `remoteInitialized`
   * became false). The payload is empty (`{}`): read the state with `proxy.getInfo()`.
   */
  'proxy:change': [params: Record<string, never>];
  /** A proxy API failed, or the channel misbehaved (invalid message, lost channel, remote error). */
  'proxy:error': [params: ProxyErrorEvent];
}

declare module '@switchboard/core' {
  interface SdkEventMap extends ProxyEventMap {}
}

/** Every event the proxy plugin emits. @public */
export const proxyEvents = /* @__PURE__ */ eventNames<ProxyEventMap>()({
  'proxy:change': true,
  'proxy:error': true,
});
