/**
 * Messaging and voicemail against the real reference gateway (issue 11 point 1): SDK clients in
 * Node (connectivity with `ws`, messaging, voicemail) chatting alice ↔ bob with delivery status, a
 * group of three, SMS both ways (an injected inbound SMS), MWI, an unknown destination, a send
 * while the sender's socket is down, and 1,000 messages in a burst arriving in order, once.
 */
import WebSocket from 'ws';
import { createClient, type LogLevel, type SdkEventMap } from '@switchboard/core';
import { connectivityPlugin } from '@switchboard/connectivity';
import { messagingPlugin, voicemailPlugin, type Conversation } from '@switchboard/messaging';
import { startGateway, type TestGateway } from '@switchboard/test-utils/gateway';
import { until } from './helpers';

const ALICE = 'alice@example.com';
const BOB = 'bob@example.com';
const CAROL = 'carol@example.com';
const BOB_NUMBER = '+15550100002';

function messagingClient(gateway: TestGateway, username: string) {
  const { port } = gateway;
  const client = createClient({
    plugins: [connectivityPlugin({ WebSocket: WebSocket as unknown as typeof globalThis.WebSocket }), messagingPlugin(), voicemailPlugin()],
    config: {
      logs: { logLevel: (process.env.SB_LOG ?? 'silent') as LogLevel },
      authentication: { server: { base: '127.0.0.1', protocol: 'http', port } },
      subscription: { websocket: { server: '127.0.0.1', protocol: 'ws', port } },
      connectivity: { reconnectDelay: 100, reconnectLimit: 5, reconnectTimeLimit: 1000, pingInterval: 1000 },
    },
  });
  client.setCredentials({ username, password: `${username.split('@')[0]}-secret` });
  const events: Array<{ type: string; args: unknown[] }> = [];
  client.subscribe((type, ...args) => events.push({ type, args }));
  const of = <K extends keyof SdkEventMap & string>(type: K) => events.filter((e) => e.type === type).map((e) => e.args[0] as SdkEventMap[K][0]);
  return { client, of };
}
type MessagingClient = ReturnType<typeof messagingClient>;

const texts = (c: Conversation | undefined) => (c?.getMessages() ?? []).map((m) => m.parts[0]?.text);

describe('messaging and voicemail ↔ reference gateway', () => {
  let gateway: TestGateway;
  let alice: MessagingClient;
  let bob: MessagingClient;
  let carol: MessagingClient;

  beforeAll(async () => {
    gateway = await startGateway({ socketTimeoutMs: 5000, goneGraceMs: 200, messageRateLimit: 5000 }); // three bursts of 1,000 within a minute
    alice = messagingClient(gateway, ALICE);
    bob = messagingClient(gateway, BOB);
    carol = messagingClient(gateway, CAROL);
    for (const [c, user, number] of [[alice, ALICE, '+15550100001'], [bob, BOB, BOB_NUMBER], [carol, CAROL, '+15550100003']] as const) {
      c.client.services.subscribe(['call', 'IM', { service: 'smsinbound', params: { destinationAddress: number } }]);
      await until(() => c.of('subscription:change').length > 0 && gateway.hooks.subscriptions(user).some((s) => s.connected));
    }
  });
  afterAll(async () => {
    for (const c of [alice, bob, carol]) await c?.client.destroy();
    await gateway?.close();
  });

  test('alice ↔ bob: both ways, delivered, in the conversation of each side', async () => {
    const chat = alice.client.conversation.create([BOB], 'im');
    const message = chat.createMessage({ type: 'text', text: 'Lunch at noon?' });
    const sending = message.send();
    expect(message.isPending).toBe(true);
    await sending;
    expect(chat.getMessage(message.messageId)).toMatchObject({ isPending: false, deliveryStatus: 'delivered', sender: ALICE });
    await until(() => texts(bob.client.conversation.get(ALICE)).includes('Lunch at noon?'));
    const atBob = bob.client.conversation.get(ALICE)!;
    expect(atBob.getMessages()[0]).toMatchObject({ messageId: message.messageId, sender: ALICE, read: false });
    await atBob.createMessage({ type: 'text', text: 'Sure!' }).send();
    await until(() => texts(chat).includes('Sure!'));
    expect(texts(chat)).toEqual(['Lunch at noon?', 'Sure!']);
    expect(atBob.getMessages().map((m) => m.deliveryStatus)).toEqual(['received', 'delivered']);
  });

  test("seed 000 names: subscribe(['chat', 'presence', 'call']) is granted as IM, an IM arrives, unsubscribe(['chat']) ends it", async () => {
    const seeded = messagingClient(gateway, CAROL); // a second subscription of carol's, with the seed 000 names
    try {
      seeded.client.services.subscribe(['chat', 'presence', 'call']);
      await until(() => seeded.of('subscription:change').length > 0);
      expect(seeded.of('subscription:error')).toEqual([]);
      expect(seeded.client.services.getSubscriptions().subscribed).toEqual(['chat', 'presence', 'call']);
      const own = () => gateway.hooks.subscriptions(CAROL).find((s) => s.service.includes('presence'));
      await until(() => !!own()?.connected);
      expect(own()!.service).toEqual(['IM', 'presence', 'call']);
      await alice.client.conversation.create([CAROL], 'im').createMessage({ type: 'text', text: 'chat by its seed name' }).send();
      await until(() => texts(seeded.client.conversation.get(ALICE)).includes('chat by its seed name'));
      seeded.client.services.unsubscribe(['chat']);
      await until(() => seeded.of('subscription:change').length > 1);
      expect(seeded.client.services.getSubscriptions().subscribed).toEqual(['presence', 'call']);
      expect(own()!.service).toEqual(['presence', 'call']);
    } finally {
      await seeded.client.destroy();
    }
  });

  test('a group of three: every message reaches the two others in the group conversation', async () => {
    const group = alice.client.conversation.create([BOB, CAROL], 'group', { subject: 'team' });
    await group.createMessage({ type: 'text', text: 'hello team' }).send();
    expect(group.destination).toMatch(/^grp-/);
    for (const c of [bob, carol]) await until(() => texts(c.client.conversation.get(group.destination, { type: 'group' })).includes('hello team'));
    const atCarol = carol.client.conversation.get(group.destination, { type: 'group' })!;
    await atCarol.createMessage({ type: 'text', text: 'hi from carol' }).send();
    for (const c of [alice, bob]) await until(() => texts(c.client.conversation.get(group.destination, { type: 'group' })).includes('hi from carol'));
    expect(group.getMessages().map((m) => [m.parts[0]!.text, m.sender])).toEqual([['hello team', ALICE], ['hi from carol', CAROL]]);
  });

  test('SMS: an injected inbound SMS appears in bob\'s sms conversation; alice → bob\'s number arrives as an SMS', async () => {
    const { messageId } = gateway.hooks.injectSms('+15559990000', BOB_NUMBER, 'Your code is 1234');
    await until(() => texts(bob.client.conversation.get('+15559990000', { type: 'sms' })).includes('Your code is 1234'));
    expect(bob.client.conversation.get('+15559990000', { type: 'sms' })!.getMessages()[0]).toMatchObject({ messageId, sender: '+15559990000' });
    const sms = alice.client.conversation.create(BOB_NUMBER, 'sms');
    await sms.createMessage({ type: 'text', text: 'sms to bob' }).send();
    expect(sms.getMessages()[0]!.deliveryStatus).toBe('delivered');
    await until(() => texts(bob.client.conversation.get('+15550100001', { type: 'sms' })).includes('sms to bob'));
  });

  test('MWI: setMwi → voicemail:change; voicemail.fetch reads the same counters', async () => {
    gateway.hooks.setMwi(BOB, { totalVoice: 3, unheardVoice: 2, voice: { new: 2, old: 1 } });
    await until(() => bob.of('voicemail:change').length > 0);
    const expected = { newMessagesWaiting: true, totalVoice: 3, unheardVoice: 2, voice: { new: 2, old: 1 } };
    expect(bob.of('voicemail:change')[0]).toMatchObject(expected);
    await bob.client.voicemail.fetch();
    expect(bob.client.voicemail.get()).toMatchObject(expected);
  });

  test('an unknown destination: UNKNOWN_DESTINATION in messages:error, the message kept as failed', async () => {
    const chat = alice.client.conversation.create('nobody@example.com');
    await expect(chat.createMessage({ type: 'text', text: 'anyone?' }).send()).rejects.toMatchObject({ code: 'UNKNOWN_DESTINATION' });
    expect(alice.of('messages:error').at(-1)!.error.code).toBe('UNKNOWN_DESTINATION');
    expect(chat.getMessages().map((m) => m.deliveryStatus)).toEqual(['failed']);
  });

  test("a message sent while alice's socket is down goes over REST and arrives", async () => {
    gateway.hooks.refuseSockets(ALICE, 60000);
    gateway.hooks.dropSocket(ALICE, 4000);
    await until(() => !gateway.hooks.subscriptions(ALICE).some((s) => s.connected));
    await alice.client.conversation.get(BOB)!.createMessage({ type: 'text', text: 'while offline' }).send();
    await until(() => texts(bob.client.conversation.get(ALICE)).includes('while offline'));
    gateway.hooks.refuseSockets(ALICE, 0);
    await until(() => gateway.hooks.subscriptions(ALICE).some((s) => s.connected));
  });

  test('1,000 messages alice → bob in a burst arrive in order, exactly once', async () => {
    const chat = alice.client.conversation.get(BOB)!;
    const atBob = bob.client.conversation.get(ALICE)!;
    const before = atBob.getMessages().length;
    const burst = Array.from({ length: 1000 }, (_, i) => `burst ${i}`);
    await Promise.all(burst.map((text) => chat.createMessage({ type: 'text', text }).send()));
    await until(() => atBob.getMessages().length >= before + 1000, 30000);
    const received = texts(atBob).slice(before);
    expect(received).toEqual(burst);
    expect(new Set(atBob.getMessages().map((m) => m.messageId)).size).toBe(atBob.getMessages().length);
  });

  test("1,000 more, with bob's socket dropped (close frame) in the middle: in order, exactly once", async () => {
    const chat = alice.client.conversation.get(BOB)!;
    const atBob = bob.client.conversation.get(ALICE)!;
    const before = atBob.getMessages().length;
    const burst = Array.from({ length: 1000 }, (_, i) => `second burst ${i}`);
    const sending = Promise.all(burst.map((text) => chat.createMessage({ type: 'text', text }).send()));
    await until(() => atBob.getMessages().length >= before + 300, 30000);
    expect(gateway.hooks.dropSocket(BOB, 4000)).toBeGreaterThan(0);
    await sending;
    await until(() => atBob.getMessages().length >= before + 1000, 30000);
    expect(texts(atBob).slice(before)).toEqual(burst);
    expect(new Set(atBob.getMessages().map((m) => m.messageId)).size).toBe(atBob.getMessages().length);
  });

  test("1,000 more, with bob's socket killed without a close frame (1006) in the middle: the frames it lost are fetched after the reconnect", async () => {
    const chat = alice.client.conversation.get(BOB)!;
    const atBob = bob.client.conversation.get(ALICE)!;
    const before = atBob.getMessages().length;
    const burst = Array.from({ length: 1000 }, (_, i) => `third burst ${i}`);
    const sending = Promise.all(burst.map((text) => chat.createMessage({ type: 'text', text }).send()));
    await until(() => atBob.getMessages().length >= before + 300, 30000);
    expect(gateway.hooks.dropSocket(BOB, 1006)).toBeGreaterThan(0);
    await sending;
    await until(() => atBob.getMessages().length >= before + 1000, 30000);
    expect(texts(atBob).slice(before)).toEqual(burst);
    expect(new Set(atBob.getMessages().map((m) => m.messageId)).size).toBe(atBob.getMessages().length);
  });
});
