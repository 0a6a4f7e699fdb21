/** The `proxy` namespace: argument checks (synchronous TypeErrors), then the {@link Proxy}. */
import type { Proxy } from './main/Proxy';
import type { ProxyApi } from './types';

const isPlain = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && [Object.prototype, null].includes(Object.getPrototypeOf(v));

/** Creates the namespace. @internal */
export function createProxyApi(proxy: Proxy): ProxyApi {
  return Object.freeze({
    setChannel(channel: unknown) {
      if (typeof channel !== 'object' || channel === null || typeof (channel as { send?: unknown }).send !== 'function') {
        throw new TypeError('proxy.setChannel(channel): channel must be an object with a send(data) function');
      }
      const receive = (channel as { receive?: unknown }).receive;
      if (receive !== undefined && receive !== null && typeof receive !== 'function') throw new TypeError('proxy.setChannel(channel): channel.receive must be a function or absent');
      proxy.setChannel(channel as Parameters<ProxyApi['setChannel']>[0]);
    },
    initializeRemote(config: unknown = {}) {
      if (!isPlain(config)) throw new TypeError('proxy.initializeRemote(config): config must be a plain object');
      try {
        JSON.stringify(config);
      } catch {
        throw new TypeError('proxy.initializeRemote(config): config must be JSON-serialisable data');
      }
      proxy.initializeRemote(config);
    },
    setProxyMode(value: unknown) {
      if (typeof value !== 'boolean') throw new TypeError('proxy.setProxyMode(value): value must be a boolean');
      proxy.setProxyMode(value);
    },
    getProxyMode: () => proxy.getProxyMode(),
    getInfo: () => proxy.getInfo(),
    getProxyDetails: () => proxy.getProxyDetails(),
  }) as ProxyApi;
}
