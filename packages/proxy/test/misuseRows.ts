/**
 * Misuse rows of the proxy plugin (`proxy.*`; see packages/core/test/misuse.ts). The misuse
 * client has no channel: the wrong states are `PROXY_NO_CHANNEL`, delivered by `proxy:error`.
 * The refusals during a call and the other codes: packages/proxy/src/proxyState.test.ts.
 */
import type { MisuseTable } from '../../core/test/misuse';
import type { ProxyApi } from '../src/index';

const noChannel = (args: unknown[]) => ({ args, code: 'PROXY_NO_CHANNEL', via: { event: 'proxy:error' } });

/** The proxy package's misuse table. */
export const proxyMisuse: MisuseTable = {
  plugin: 'proxy',
  state: (client) => (client as { proxy: ProxyApi }).proxy.getInfo(),
  rows: [
    {
      method: 'proxy.setChannel',
      wrongTypes: [[], [5], [null], ['channel'], [{}], [{ send: 'x' }], [{ receive: () => undefined }], [{ send: () => undefined, receive: 5 }], [{ send: () => undefined, receive: 'x' }]],
      reason: 'any object with a send function is a channel; refused only during a call (proxyState.test.ts)',
    },
    {
      method: 'proxy.initializeRemote',
      wrongTypes: [[5], ['x'], [null], [[]], [new Date()], [Object.create({ tag: 'x' })], [{ big: 1n }], [{ get bad(): never { throw new Error('getter') } }]],
      wrongValues: [noChannel([]), noChannel([{ iceServers: [] }])],
    },
    { method: 'proxy.setProxyMode', wrongTypes: [[], ['yes'], ['true'], [1], [0], [null], [{}]], wrongValues: [noChannel([true])] },
    { method: 'proxy.getProxyMode', noArgs: 'returns the mode' },
    { method: 'proxy.getInfo', noArgs: 'returns a snapshot' },
    { method: 'proxy.getProxyDetails', noArgs: 'returns a snapshot' },
  ],
};
