/** The public types of the proxy plugin. */

/**
 * The channel the app provides (seed 000 `proxy.Channel`): `send` delivers one message (a plain,
 * JSON-safe object) to the remote side; the SDK assigns `receive`, and the app calls it with every
 * message that arrives from the remote side.
 * @public
 */
export interface ProxyChannel {
  /** Sends a message to the other side (encode/wrap it as the transport needs). */
  send(data: object): void;
  /** Set by the SDK: call it with every inbound message. */
  receive?: (data: object) => void;
}

/** The remote browser (as `getBrowserDetails()` returns it there); empty before initialisation. @public */
export interface ProxyDetails {
  /** The browser's name (`chrome`, `firefox`, `safari`…). */
  browser?: string;
  /** Its version. */
  version?: number | string;
}

/** `proxy.getInfo()`. @public */
export interface ProxyInfo {
  /** Whether WebRTC and media run on the remote side. */
  proxyMode: boolean;
  /** Whether a channel was set. */
  hasChannel: boolean;
  /** Whether the remote answered `initializeRemote` with the same version. */
  remoteInitialized: boolean;
  /** The remote browser's details (see {@link ProxyDetails}). */
  browser: ProxyDetails;
}

/** The `proxy` namespace (seed 000 `proxy`). @public */
export interface ProxyApi {
  /**
   * Sets the channel to the remote side (the first step). Refused while a call is ongoing
   * (`PROXY_CALL_IN_PROGRESS`), and when another client's proxy listens to the channel
   * (`PROXY_CHANNEL_IN_USE`). A new channel resets `remoteInitialized` and the proxy mode.
   * Emits `proxy:change`, or `proxy:error`.
   * @throws TypeError when `channel` is not an object with a `send` function, or its `receive` is
   *   neither absent nor a function
   */
  setChannel(channel: ProxyChannel): void;
  /**
   * Initialises the remote side: sends `init` with this SDK's proxy version and `config` (plain
   * data, kept by the remote). Needs a channel (`PROXY_NO_CHANNEL`); the remote's version must be
   * equal (`PROXY_VERSION_MISMATCH`); no answer within `heartbeatTimeout` → `PROXY_TIMEOUT`.
   * Emits `proxy:change`, or `proxy:error`.
   * @throws TypeError when `config` is given and is not a plain object
   */
  initializeRemote(config?: Record<string, unknown>): void;
  /**
   * Routes WebRTC and media through the channel (`true`) or runs them locally (`false`).
   * `true` needs a channel (`PROXY_NO_CHANNEL`) and an initialised remote (`PROXY_NOT_INITIALIZED`);
   * refused while a call is ongoing (`PROXY_CALL_IN_PROGRESS`). Emits `proxy:change`, or `proxy:error`.
   * @throws TypeError when `value` is not a boolean
   */
  setProxyMode(value: boolean): void;
  /** Whether proxy mode is on. */
  getProxyMode(): boolean;
  /** The proxy state. */
  getInfo(): ProxyInfo;
  /** The remote browser's details (`{}` before initialisation). */
  getProxyDetails(): ProxyDetails;
}
