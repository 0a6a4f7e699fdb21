/**
 * Keepalive (§3.3, §3.4) against the real gateway with a short socket timeout: pings keep the socket
 * alive; `enableConnectivityChecking(false)` stops them (the gateway then closes the silent socket
 * with 4000 and the client reconnects), `true` resumes them.
 */
import WebSocket from 'ws';
import { startGateway, type TestGateway } from '@switchboard/test-utils/gateway';
import { makeClient, subscribe, until, waitFor, type TestClient } from './helpers';

const PING = '{"message_type":"ping"}';

/** `ws` that records the frames the SDK sends. */
const sent: string[] = [];
class RecordingWebSocket extends WebSocket {
  override send(data: string): void {
    sent.push(data);
    super.send(data);
  }
}
const pings = () => sent.filter((f) => f === PING).length;

describe('connectivity ↔ reference gateway: keepalive', () => {
  let gateway: TestGateway;
  let client: TestClient | undefined;

  beforeAll(async () => {
    gateway = await startGateway({ socketTimeoutMs: 600, notificationBufferMs: 10000 });
  });
  afterEach(async () => {
    await client?.destroy();
  });
  afterAll(async () => {
    await gateway.close();
  });

  it('enableConnectivityChecking(false) stops the pings, (true) resumes them', async () => {
    const c = makeClient(gateway, { connectivity: { pingInterval: 100, reconnectDelay: 50, reconnectLimit: 0 } }, RecordingWebSocket);
    client = c.client;
    const drops = () => c.events.filter((e) => e.type === 'ws:change').length;
    c.client.setCredentials({ username: 'alice@example.com', password: 'alice-secret' });
    await subscribe(c.client, ['call']);
    // pings every 100 ms keep the socket past the gateway's 600 ms timeout
    await until(() => pings() >= 8);
    expect(drops()).toBe(1); // the initial connect only
    expect(c.client.connection.getSocketState()).toMatchObject({ connected: true, pinging: false, maxMissedPings: 3 });

    c.client.connection.enableConnectivityChecking(false);
    const silentFrom = pings();
    await waitFor(c.client, 'ws:change', () => !c.client.connection.getSocketState().connected);
    expect(pings()).toBe(silentFrom); // no frame for 600 ms: the gateway closed the socket (4000)
    await waitFor(c.client, 'ws:change', () => c.client.connection.getSocketState().connected);
    expect(pings()).toBe(silentFrom); // still off after the reconnection

    c.client.connection.enableConnectivityChecking(true);
    expect(pings()).toBe(silentFrom + 1); // one right away
    const dropsBefore = drops();
    await until(() => pings() >= silentFrom + 9); // > 800 ms of pinging
    expect(drops()).toBe(dropsBefore);
    expect(gateway.hooks.subscriptions('alice@example.com')[0]?.connected).toBe(true);
    expect(c.events.filter((e) => e.type === 'subscription:change')).toEqual([{ type: 'subscription:change', args: [{}] }]);
  });
});
