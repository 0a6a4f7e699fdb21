/**
 * `@switchboard/proxy/remote`: the remote side of proxy mode. Run it in the page on the user's own
 * machine, joined to the main SDK by the same channel (the app's transport):
 * ```ts
 * import { createRemote } from '@switchboard/proxy/remote'
 * const channel = { send: (data) => socket.send(JSON.stringify(data)) }
 * socket.onmessage = (e) => channel.receive?.(JSON.parse(e.data))
 * const remote = createRemote({ channel, container: '#media' })
 * ```
 * @packageDocumentation
 */
import { Remote, type ProxyRemote, type RemoteOptions } from './remote/Remote';

export type { ProxyRemote, RemoteDocument, RemoteInfo, RemoteLogger, RemoteOptions, RemotePlatform } from './remote/Remote';
export type { ProxyChannel } from './types';
export { PROXY_VERSION } from './version';

/**
 * Starts the remote side on `channel` (it assigns `channel.receive`).
 * @throws TypeError when `options.channel` is not an object with a `send` function (and a
 *   `receive` that is absent or a function), or
 *   `container` is neither an element nor a selector
 * @public
 */
export function createRemote(options: RemoteOptions): ProxyRemote {
  if (typeof options !== 'object' || options === null) throw new TypeError('createRemote(options): options must be an object');
  const channel = options.channel as unknown;
  if (typeof channel !== 'object' || channel === null || typeof (channel as { send?: unknown }).send !== 'function') {
    throw new TypeError('createRemote(options): options.channel must be an object with a send(data) function');
  }
  const receive = (channel as { receive?: unknown }).receive;
  if (receive !== undefined && receive !== null && typeof receive !== 'function') throw new TypeError('createRemote(options): options.channel.receive must be a function or absent');
  if (options.container !== undefined && typeof options.container !== 'string' && (typeof options.container !== 'object' || options.container === null)) {
    throw new TypeError('createRemote(options): options.container must be an element or a selector');
  }
  const remote = new Remote(options);
  return Object.freeze({ destroy: () => remote.destroy(), info: () => remote.info() });
}
