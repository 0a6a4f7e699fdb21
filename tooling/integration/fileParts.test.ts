/**
 * File parts against the real reference gateway (issue 11 point 5): alice sends bob a 100 KB binary
 * file part; bob gets the part and downloads bytes identical to the original (SHA-256); carol cannot
 * download it; an oversized file is refused by the SDK (before anything is sent) and by the gateway.
 */
import { createHash } from 'node:crypto';
import WebSocket from 'ws';
import { createClient, type LogLevel, type SdkEventMap } from '@switchboard/core';
import { connectivityPlugin } from '@switchboard/connectivity';
import { messagingPlugin, type MessagePart } from '@switchboard/messaging';
import { startGateway, type TestGateway } from '@switchboard/test-utils/gateway';
import { until } from './helpers';

const ALICE = 'alice@example.com';
const BOB = 'bob@example.com';
const CAROL = 'carol@example.com';
const MAX_FILE_BYTES = 5 * 1024 * 1024; // the gateway's and the SDK's default

function fileClient(gateway: TestGateway, username: string, messaging: Record<string, number> = {}) {
  const { port } = gateway;
  const client = createClient({
    plugins: [connectivityPlugin({ WebSocket: WebSocket as unknown as typeof globalThis.WebSocket }), messagingPlugin()],
    config: {
      logs: { logLevel: (process.env.SB_LOG ?? 'silent') as LogLevel },
      authentication: { server: { base: '127.0.0.1', protocol: 'http', port } },
      subscription: { websocket: { server: '127.0.0.1', protocol: 'ws', port } },
      messaging,
    },
  });
  client.setCredentials({ username, password: `${username.split('@')[0]}-secret` });
  const events: Array<{ type: string; args: unknown[] }> = [];
  client.subscribe((type, ...args) => events.push({ type, args }));
  const of = <K extends keyof SdkEventMap & string>(type: K) => events.filter((e) => e.type === type).map((e) => e.args[0] as SdkEventMap[K][0]);
  return { client, of };
}

const sha256 = async (blob: Blob) => createHash('sha256').update(Buffer.from(await blob.arrayBuffer())).digest('hex');

describe('file parts ↔ reference gateway', () => {
  let gateway: TestGateway;
  let alice: ReturnType<typeof fileClient>;
  let bob: ReturnType<typeof fileClient>;
  let carol: ReturnType<typeof fileClient>;

  beforeAll(async () => {
    gateway = await startGateway({});
    alice = fileClient(gateway, ALICE, { maxFileBytes: 2 * MAX_FILE_BYTES }); // lets the gateway's own limit answer
    bob = fileClient(gateway, BOB);
    carol = fileClient(gateway, CAROL);
    bob.client.services.subscribe(['IM']);
    await until(() => gateway.hooks.subscriptions(BOB).some((s) => s.connected));
  });
  afterAll(async () => {
    for (const c of [alice, bob, carol]) await c?.client.destroy();
    await gateway?.close();
  });

  test('alice sends bob a 100 KB binary file part; bob downloads identical bytes; carol cannot', async () => {
    const original = new Uint8Array(100 * 1024).map((_, i) => (i * 131 + 7) % 256);
    const file = new File([original], 'data.bin', { type: 'application/octet-stream' });
    const message = alice.client.conversation.create([BOB], 'im').createMessage({ type: 'text', text: 'the data' });
    message.addPart({ type: 'file', file });
    await message.send();

    await until(() => (bob.client.conversation.get(ALICE)?.getMessages().length ?? 0) > 0);
    const [text, part] = bob.client.conversation.get(ALICE)!.getMessages()[0]!.parts as [MessagePart, MessagePart];
    expect(text).toEqual({ type: 'text', text: 'the data' });
    expect(part).toEqual({ type: 'file', file: { url: expect.stringMatching(/^files\/file-/), name: 'data.bin', size: original.length, type: 'application/octet-stream' } });
    const received = await bob.client.conversation.downloadFile(part);
    expect(received.size).toBe(original.length);
    expect(await sha256(received)).toBe(await sha256(file));

    await expect(carol.client.conversation.downloadFile(part)).rejects.toMatchObject({ code: 'MESSAGING_REQUEST_FAILED' });
    expect(carol.of('messages:error').map((e) => e.error.code)).toEqual(['MESSAGING_REQUEST_FAILED']);
  });

  test('an oversized file: the SDK refuses it before sending; over the gateway limit the gateway refuses (413)', async () => {
    const big = new Blob([new Uint8Array(MAX_FILE_BYTES + 1)]);
    const bobChat = bob.client.conversation.create([CAROL], 'im');
    await expect(bobChat.createMessage({ type: 'file', file: big }).send()).rejects.toMatchObject({ code: 'MESSAGE_TOO_LARGE' });
    expect(bob.of('messages:error').map((e) => e.error.code)).toEqual(['MESSAGE_TOO_LARGE']);
    expect(bobChat.getMessages()).toEqual([]); // nothing stored or sent

    const aliceChat = alice.client.conversation.get(BOB)!;
    await expect(aliceChat.createMessage({ type: 'file', file: big }).send()).rejects.toMatchObject({ code: 'MESSAGE_TOO_LARGE' });
    expect(aliceChat.getMessages().at(-1)).toMatchObject({ deliveryStatus: 'failed' });
  });
});
