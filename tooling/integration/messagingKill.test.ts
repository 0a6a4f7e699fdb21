/**
 * Issue 11 point 4, the last case: 1,000 messages alice → bob in a burst while the gateway (a child
 * process on a data directory) is SIGKILLed and started again on the same port and store. Every
 * message either reaches bob, or alice's `send()` rejects with a coded error (`messages:error`, the
 * message kept as `failed`); `send()` again (same `clientCorrelator`) delivers it. At the end bob
 * has all 1,000, in order, exactly once (bob's SDK reconciles with the stored conversation after
 * its reconnect).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import WebSocket from 'ws';
import { createClient, type LogLevel, type SdkEventMap } from '@switchboard/core';
import { connectivityPlugin } from '@switchboard/connectivity';
import { messagingPlugin, type Conversation, type Message } from '@switchboard/messaging';
import { freePort, gatewayProcess, type GatewayProcess } from '../e2e/src/gatewayProcess';
import { until } from './helpers';

const ALICE = 'alice@example.com';
const BOB = 'bob@example.com';

function messagingClient(port: number, username: string) {
  const client = createClient({
    plugins: [connectivityPlugin({ WebSocket: WebSocket as unknown as typeof globalThis.WebSocket }), messagingPlugin()],
    config: {
      logs: { logLevel: (process.env.SB_LOG ?? 'silent') as LogLevel },
      authentication: { server: { base: '127.0.0.1', protocol: 'http', port } },
      subscription: { websocket: { server: '127.0.0.1', protocol: 'ws', port } },
      // unlimited reconnects, at most 500 ms apart: the restart takes a node start-up
      connectivity: { reconnectDelay: 100, reconnectLimit: 0, reconnectTimeLimit: 500, pingInterval: 1000 },
    },
  });
  client.setCredentials({ username, password: `${username.split('@')[0]}-secret` });
  const events: Array<{ type: string; args: unknown[] }> = [];
  client.subscribe((type, ...args) => events.push({ type, args }));
  const of = <K extends keyof SdkEventMap & string>(type: K) => events.filter((e) => e.type === type).map((e) => e.args[0] as SdkEventMap[K][0]);
  return { client, of };
}

const texts = (c: Conversation | undefined) => (c?.getMessages() ?? []).map((m) => m.parts[0]?.text);

describe('1,000 messages alice → bob across a gateway SIGKILL and restart', () => {
  let dataDir: string;
  let gw: GatewayProcess;
  let alice: ReturnType<typeof messagingClient>;
  let bob: ReturnType<typeof messagingClient>;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-burstkill-'));
    gw = gatewayProcess(await freePort(), dataDir, { outDir: path.join('dist', 'integration-burstkill') });
    await gw.start();
    alice = messagingClient(gw.port, ALICE);
    bob = messagingClient(gw.port, BOB);
    for (const c of [alice, bob]) {
      c.client.services.subscribe(['IM']);
      await until(() => c.of('subscription:change').length > 0 && c.client.connection.getSocketState().connected);
    }
  });
  const refuseSockets = async (username: string, ms: number) => {
    const res = await fetch(`${gw.url}/__test__/sockets/refuse`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, ms }) });
    expect(res.status).toBe(200);
  };
  afterAll(async () => {
    for (const c of [alice, bob]) await c?.client.destroy();
    await gw?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('each message arrives once and in order, or fails with a code and arrives on send() again', async () => {
    const chat = alice.client.conversation.create([BOB], 'im');
    const burst = Array.from({ length: 1000 }, (_, i) => `kill burst ${i}`);
    const messages: Message[] = burst.map((text) => chat.createMessage({ type: 'text', text }));
    const sending = Promise.allSettled(messages.map((m) => m.send()));
    await until(() => texts(bob.client.conversation.get(ALICE)).length >= 200, 30000);
    await gw.kill();
    await gw.start();
    // bob (unless his reconnect already got in) stays away until alice's retries are in: his queue overflows, the rest is only stored
    await refuseSockets(BOB, 60000);
    const results = await sending;

    const failed = messages.filter((_, i) => results[i]!.status === 'rejected');
    expect(failed.length).toBeGreaterThan(0); // the kill hit the burst
    const errors = alice.of('messages:error');
    for (const [i, result] of results.entries()) {
      if (result.status === 'fulfilled') continue;
      expect((result.reason as { code?: unknown }).code).toEqual(expect.any(String));
      expect(chat.getMessage(messages[i]!.messageId)).toMatchObject({ deliveryStatus: 'failed', isPending: false });
      expect(errors.some((e) => e.messageId === messages[i]!.messageId)).toBe(true);
    }
    // the app retries the failed ones, in order: the gateway answers a message it stored before the kill again, once
    await Promise.all(failed.map((m) => m.send()));
    // queued for bob's channel, or only stored once its queue is full (gateway README *Queue overflow*)
    expect(chat.getMessages().map((m) => m.deliveryStatus).filter((s) => !['delivered', 'queued', 'stored'].includes(s))).toEqual([]);
    expect(texts(chat)).toEqual(burst);
    await refuseSockets(BOB, 0);

    await until(() => texts(bob.client.conversation.get(ALICE)).length >= 1000, 30000);
    const atBob = bob.client.conversation.get(ALICE)!;
    expect(texts(atBob)).toEqual(burst);
    expect(new Set(atBob.getMessages().map((m) => m.messageId)).size).toBe(1000);
    expect(atBob.getMessages().map((m) => m.messageId)).toEqual(chat.getMessages().map((m) => m.messageId));
  });
});
