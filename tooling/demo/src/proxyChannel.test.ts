import { relayUrl } from './proxyChannel';

describe('relayUrl', () => {
  it('follows the origin: http → ws, https → wss, the port when there is one, the room encoded', () => {
    expect(relayUrl({ protocol: 'http:', hostname: '127.0.0.1', port: '8080' }, 'alice', 'app')).toBe('ws://127.0.0.1:8080/demo/proxy-relay/alice?role=app');
    expect(relayUrl({ protocol: 'https:', hostname: 'demo.test', port: '' }, 'a b/c', 'remote')).toBe('wss://demo.test/demo/proxy-relay/a%20b%2Fc?role=remote');
  });
});
