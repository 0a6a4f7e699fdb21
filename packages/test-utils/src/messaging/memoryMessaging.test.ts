/**
 * The in-memory messaging network with two and three real messaging clients: delivery, groups,
 * unknown destinations, idempotent retries and history.
 */
import { createClient } from '@switchboard/core';
import { messagingPlugin } from '@switchboard/messaging';
import { fakeConnectivityPlugin } from '../link/plugins';
import { createMemoryMessaging } from './memoryMessaging';

const clientOf = (network: ReturnType<typeof createMemoryMessaging>, user: string) => {
  const client = createClient({
    plugins: [fakeConnectivityPlugin().plugin, messagingPlugin({ backend: network.backendFor(user) })],
    config: { logs: { logLevel: 'silent' } },
  });
  client.setCredentials({ username: user, password: 'x' });
  return client;
};

test('alice → bob is delivered at once, bob answers; a group of three; an unknown user is UNKNOWN_DESTINATION', async () => {
  const network = createMemoryMessaging();
  const [alice, bob, carol] = ['alice@x', 'bob@x', 'carol@x'].map((u) => clientOf(network, u));
  await alice!.conversation.create('bob@x').createMessage({ type: 'text', text: 'hi' }).send();
  const atBob = bob!.conversation.get('alice@x')!;
  expect(atBob.getMessages().map((m) => [m.parts[0]!.text, m.sender])).toEqual([['hi', 'alice@x']]);
  await atBob.createMessage({ type: 'text', text: 'hello' }).send();
  expect(alice!.conversation.get('bob@x')!.getMessages().map((m) => [m.parts[0]!.text, m.deliveryStatus])).toEqual([['hi', 'delivered'], ['hello', 'received']]);
  const group = alice!.conversation.create(['bob@x', 'carol@x'], 'group');
  await group.createMessage({ type: 'text', text: 'team' }).send();
  expect(carol!.conversation.get(group.destination, { type: 'group' })!.getMessages().map((m) => m.parts[0]!.text)).toEqual(['team']);
  await expect(alice!.conversation.create('dave@x').createMessage({ type: 'text', text: '?' }).send()).rejects.toMatchObject({ code: 'UNKNOWN_DESTINATION' });
  expect(network.sends.map(([from, , to]) => `${from}→${to}`)).toEqual(['alice@x→bob@x', 'bob@x→alice@x', `alice@x→${group.destination}`]);
  expect(network.stored('bob@x').map((m) => [m.direction, m.text])).toEqual([['incoming', 'hi'], ['outgoing', 'hello'], ['incoming', 'team']]);
  await Promise.all([alice, bob, carol].map((c) => c!.destroy()));
});

test('a retry with the same key is answered once; fetchMessages reads the stored history', async () => {
  const network = createMemoryMessaging();
  network.backendFor('bob@x');
  const backend = network.backendFor('alice@x');
  const first = await backend.send('im', 'bob@x', 'once', 'k1');
  expect(await backend.send('im', 'bob@x', 'once', 'k1')).toEqual(first);
  expect(network.sends).toHaveLength(1);
  const alice = clientOf(network, 'alice@x');
  const chat = alice.conversation.create('bob@x');
  await chat.fetchMessages();
  expect(chat.getMessages().map((m) => [m.messageId, m.parts[0]!.text])).toEqual([[first.messageId, 'once']]);
  await alice.destroy();
});
