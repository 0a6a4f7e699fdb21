import { peerConnectionConfig } from './peerConfig';

const TURN = { username: '1718000000:alice', password: 'e3iGiMCsKYEu91ScN9WznzGEVAw=' };
const logger = () => ({ warn: jest.fn() });

describe('peerConnectionConfig', () => {
  test('copies the server credentials into every configured ICE server, keeping the policy, without touching the config', () => {
    const defaultPeerConfig = {
      iceServers: [{ urls: 'turn:127.0.0.1:3478?transport=udp' }, { urls: ['turns:turn.test:443?transport=tcp'], username: 'mine', credential: 'x' }],
      iceTransportPolicy: 'relay' as const,
    };
    const before = JSON.stringify(defaultPeerConfig);
    const peer = peerConnectionConfig({ defaultPeerConfig, serverTurnCredentials: true }, TURN, logger());
    expect(peer).toEqual({
      iceServers: [
        { urls: 'turn:127.0.0.1:3478?transport=udp', username: TURN.username, credential: TURN.password },
        { urls: ['turns:turn.test:443?transport=tcp'], username: TURN.username, credential: TURN.password },
      ],
      iceTransportPolicy: 'relay',
    });
    expect(JSON.stringify(defaultPeerConfig)).toBe(before);
  });

  test('IceServer URL rules (Chromium 110+): STUN without a query, TURN with only transport; each drop is logged without the query', () => {
    const defaultPeerConfig = {
      iceServers: [
        { urls: 'stun:s.test:3478?transport=udp' },
        { urls: ['turn:t.test:3478?transport=tcp&ttl=86400', 'turns:t.test:443?key=abc', 'turn:t.test?transport=udp', 'stun:plain.test'] },
      ],
    };
    const log = logger();
    const peer = peerConnectionConfig({ defaultPeerConfig, serverTurnCredentials: false }, undefined, log);
    expect(peer.iceServers).toEqual([
      { urls: 'stun:s.test:3478' },
      { urls: ['turn:t.test:3478?transport=tcp', 'turns:t.test:443', 'turn:t.test?transport=udp', 'stun:plain.test'] },
    ]);
    expect(log.warn).toHaveBeenCalledTimes(3);
    const messages = log.warn.mock.calls.map(([m]) => String(m));
    expect(messages[0]).toContain('stun:s.test:3478');
    expect(messages.join('\n')).not.toMatch(/abc|ttl|86400/); // the dropped query (it may hold a secret) is not logged
    expect(defaultPeerConfig.iceServers[0]!.urls).toBe('stun:s.test:3478?transport=udp'); // the config is untouched
  });

  test('keeps the configured credentials with serverTurnCredentials false or without server credentials', () => {
    const defaultPeerConfig = { iceServers: [{ urls: 'turn:t.test', username: 'mine', credential: 'x' }] };
    for (const [serverTurnCredentials, turn] of [[false, TURN], [true, undefined]] as const) {
      expect(peerConnectionConfig({ defaultPeerConfig, serverTurnCredentials }, turn, logger()).iceServers).toEqual(defaultPeerConfig.iceServers);
    }
  });

  test("passes the seed's 'public' policy as 'all' with a warning ('all' and 'relay' as given)", () => {
    const log = logger();
    expect(peerConnectionConfig({ defaultPeerConfig: { iceTransportPolicy: 'public' }, serverTurnCredentials: true }, undefined, log).iceTransportPolicy).toBe('all');
    expect(log.warn).toHaveBeenCalledTimes(1);
    for (const policy of ['all', 'relay'] as const) {
      const quiet = logger();
      expect(peerConnectionConfig({ defaultPeerConfig: { iceTransportPolicy: policy }, serverTurnCredentials: true }, undefined, quiet).iceTransportPolicy).toBe(policy);
      expect(quiet.warn).not.toHaveBeenCalled();
    }
  });
});
