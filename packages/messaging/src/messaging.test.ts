/**
 * The messaging plugin over the Link adapter with the test-utils fakes: the exact requests, the
 * conversation state and its events, incoming notifications (malformed ones dropped), bad input
 * (nothing sent, nothing lost), ordering and the backend extension point.
 */
import { createClient } from '@switchboard/core';
import { FakeLinkTransport, FakeNotificationRegistry, errorResponse, fakeConnectivityPlugin, fakeSubscriptionView, until, type SentRequest } from '@switchboard/test-utils';
import type { MessagingBackend } from './backend';
import { messagingPlugin } from './plugin';

const U = '/rest/version/1/user/alice@example.com';
const accepted = (req: SentRequest, status = 'delivered') => {
  const wrapper = req.path.endsWith('/sms') ? 'smsResponse' : 'imResponse';
  return { ok: true, status: 200, body: { [wrapper]: { statusCode: 0, messageId: `im-${req.path.length}-${JSON.stringify(req.body).length}`, deliveryStatus: status } } };
};

function setup(options: { compatibility?: '001' | '002'; maxMessageBytes?: number; backend?: MessagingBackend } = {}) {
  const transport = new FakeLinkTransport();
  const notifications = new FakeNotificationRegistry();
  const subscription = fakeSubscriptionView();
  let n = 0;
  transport.responder = (req) => (req.path.endsWith('/instantmessage') || req.path.endsWith('/sms') ? { ...accepted(req), body: { imResponse: { statusCode: 0, messageId: `im-${++n}`, deliveryStatus: 'delivered' }, smsResponse: { statusCode: 0, messageId: `sms-${n}`, deliveryStatus: 'sent' } } } : undefined);
  const client = createClient({
    plugins: [fakeConnectivityPlugin({ transport, notifications, subscription }).plugin, messagingPlugin(options.backend ? { backend: options.backend } : {})],
    config: { logs: { logLevel: 'silent' }, compatibility: options.compatibility, messaging: options.maxMessageBytes ? { maxMessageBytes: options.maxMessageBytes } : {} },
  });
  client.setCredentials({ username: 'alice@example.com', password: 'x' });
  const events: Array<[string, unknown]> = [];
  client.subscribe((type, ...args) => void ((type.startsWith('conversations') || type.startsWith('messages')) && events.push([type, args[0]])));
  const im = (eventId: string, from: string, text: string, groupId?: string) =>
    notifications.deliver({ eventType: 'IM', eventId, imnotificationParams: { primaryContact: `sip:${from}`, msgText: text, ...(groupId ? { groupId } : {}) } });
  return { client, transport, notifications, subscription, events, im, types: () => events.map(([t]) => t) };
}

let env: ReturnType<typeof setup>;
beforeEach(() => {
  env = setup();
});
afterEach(() => env.client.destroy());

describe('conversation (seed 000)', () => {
  test('get() finds only tracked conversations (000); create() makes one, announced by conversations:new/change', () => {
    expect(env.client.conversation.get('bob@example.com')).toBeUndefined();
    const chat = env.client.conversation.create(['sip:bob'], 'im');
    expect([chat.destination, chat.type]).toEqual(['bob@example.com', 'im']);
    expect(env.client.conversation.get('bob@example.com')).toBe(chat);
    expect(env.client.conversation.get('sip:bob@EXAMPLE.com', { type: 'im' })).toBe(chat);
    expect(env.client.conversation.get('bob@example.com', { type: 'sms' })).toBeUndefined();
    expect(env.client.conversation.getAll()).toEqual([chat]);
    expect(env.events).toEqual([
      ['conversations:new', [{ destination: ['bob@example.com'], type: 'im' }]],
      ['conversations:change', [{ destination: ['bob@example.com'], type: 'im' }]],
    ]);
    expect(env.client.conversation.create('bob@example.com')).toBe(chat);
    expect(env.client.conversation.chatTypes).toEqual({ CHAT: 'chat', IM: 'im', SMS: 'sms', GROUP: 'group', OTHER: 'other' });
  });

  test('send(): POST instantmessage; isPending until the answer, then the gateway id and deliveryStatus; messages:change each time', async () => {
    const chat = env.client.conversation.create('bob@example.com', 'im');
    const message = chat.createMessage({ type: 'text', text: 'Lunch at noon?' });
    env.events.length = 0;
    const sending = message.send();
    expect(message.isPending).toBe(true);
    expect(chat.getMessages()).toMatchObject([{ isPending: true, deliveryStatus: 'pending', sender: 'alice@example.com', destination: ['bob@example.com'], type: 'im' }]);
    await sending;
    expect(env.transport.sent.map((s) => [s.method, s.path, s.body])).toEqual([
      ['POST', `${U}/instantmessage`, { imRequest: { toUrl: 'bob@example.com', message: 'Lunch at noon?', charset: 'UTF-8', clientCorrelator: expect.stringMatching(/^local-/) } }],
    ]);
    expect(message.isPending).toBe(false);
    expect(message.messageId).toBe('im-1');
    const [entry] = chat.getMessages();
    expect(entry).toMatchObject({ messageId: 'im-1', isPending: false, deliveryStatus: 'delivered', read: true, parts: [{ type: 'text', text: 'Lunch at noon?' }] });
    expect(Number.isInteger(entry!.timestamp) && entry!.timestamp < 1e11).toBe(true);
    expect(chat.getMessage('im-1')).toMatchObject({ messageId: 'im-1' });
    expect(env.events.map(([t, p]) => [t, (p as { messageId?: string }).messageId])).toEqual([
      ['messages:change', expect.stringMatching(/^local-/)],
      ['messages:change', 'im-1'],
    ]);
  });

  test('sends of one conversation go out one after the other, in the order of send()', async () => {
    const chat = env.client.conversation.create('bob@example.com');
    let open = 0;
    let maxOpen = 0;
    env.transport.responder = async (req) => {
      open += 1;
      maxOpen = Math.max(maxOpen, open);
      await new Promise((r) => setImmediate(r));
      open -= 1;
      return { ok: true, status: 200, body: { imResponse: { statusCode: 0, messageId: `id-${(req.body as { imRequest: { message: string } }).imRequest.message}`, deliveryStatus: 'queued' } } };
    };
    await Promise.all(['1', '2', '3', '4'].map((text) => chat.createMessage({ type: 'text', text }).send()));
    expect(maxOpen).toBe(1);
    expect(env.transport.sent.map((s) => (s.body as { imRequest: { message: string } }).imRequest.message)).toEqual(['1', '2', '3', '4']);
    expect(chat.getMessages().map((m) => [m.messageId, m.deliveryStatus])).toEqual([['id-1', 'queued'], ['id-2', 'queued'], ['id-3', 'queued'], ['id-4', 'queued']]);
  });

  test('a failed send fails the sends queued behind it, unsent (MESSAGE_SEND_FAILED); retries in the order of the failures keep the order', async () => {
    const chat = env.client.conversation.create('bob@example.com');
    const text = (req: SentRequest) => (req.body as { imRequest: { message: string } }).imRequest.message;
    let down = true;
    env.transport.responder = (req) => {
      if (down && text(req) === '2') return Promise.reject(Object.assign(new Error('gateway killed'), { code: 'NETWORK_ERROR' }));
      return { ok: true, status: 200, body: { imResponse: { statusCode: 0, messageId: `id-${text(req)}`, deliveryStatus: 'delivered' } } };
    };
    const messages = ['1', '2', '3', '4'].map((t) => chat.createMessage({ type: 'text', text: t }));
    const results = await Promise.allSettled(messages.map((m) => m.send()));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'rejected']);
    expect(results.slice(1).map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(['MESSAGE_SEND_FAILED', 'MESSAGE_SEND_FAILED', 'MESSAGE_SEND_FAILED']);
    expect(env.transport.sent.map(text)).toEqual(['1', '2']);
    expect(env.events.filter(([t]) => t === 'messages:error')).toHaveLength(3);
    expect(chat.getMessages().map((m) => m.deliveryStatus)).toEqual(['delivered', 'failed', 'failed', 'failed']);
    down = false;
    const later = chat.createMessage({ type: 'text', text: '5' });
    await Promise.all([...messages.slice(1), later].map((m) => m.send())); // sends after the failure are not failed by it
    expect(env.transport.sent.map(text)).toEqual(['1', '2', '2', '3', '4', '5']);
    expect(chat.getMessages().map((m) => [m.messageId, m.deliveryStatus])).toEqual(['1', '2', '3', '4', '5'].map((t) => [`id-${t}`, 'delivered']));
  });

  test('a message the gateway finds too large (413) fails alone: the sends behind it go out', async () => {
    const chat = env.client.conversation.create('bob@example.com');
    const text = (req: SentRequest) => (req.body as { imRequest: { message: string } }).imRequest.message;
    env.transport.responder = (req) => (text(req) === 'big' ? errorResponse(413, 5, 'too large') : { ok: true, status: 200, body: { imResponse: { statusCode: 0, messageId: `id-${text(req)}`, deliveryStatus: 'delivered' } } });
    const results = await Promise.allSettled(['big', 'after'].map((t) => chat.createMessage({ type: 'text', text: t }).send()));
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled']);
    expect(env.transport.sent.map(text)).toEqual(['big', 'after']);
  });

  test('bad input: empty or oversized message → messages:error with a code, nothing sent, nothing stored lost', async () => {
    const small = setup({ maxMessageBytes: 10 });
    const chat = small.client.conversation.create('bob@example.com');
    await chat.createMessage({ type: 'text', text: 'kept' }).send();
    small.events.length = 0;
    await expect(chat.createMessage({ type: 'text', text: '   ' }).send()).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(chat.createMessage({ type: 'text', text: 'ééééééé' }).send()).rejects.toMatchObject({ code: 'MESSAGE_TOO_LARGE' });
    expect(small.types()).toEqual(['messages:error', 'messages:error']);
    expect(small.transport.sent).toHaveLength(1);
    expect(chat.getMessages().map((m) => m.parts[0]!.text)).toEqual(['kept']);
    await small.client.destroy();
  });

  test("the gateway's refusals: 404 + 1004 → UNKNOWN_DESTINATION, 413 → MESSAGE_TOO_LARGE, a network failure → its code; the message stays, failed, and a retry resends it with the same clientCorrelator", async () => {
    const chat = env.client.conversation.create('nobody@example.com');
    env.transport.responder = () => errorResponse(404, 1004, 'unknown destination');
    const message = chat.createMessage({ type: 'text', text: 'hi' });
    await expect(message.send()).rejects.toMatchObject({ code: 'UNKNOWN_DESTINATION' });
    expect(env.events.filter(([t]) => t === 'messages:error')).toEqual([
      ['messages:error', { error: expect.objectContaining({ code: 'UNKNOWN_DESTINATION' }), destination: 'nobody@example.com', messageId: message.messageId }],
    ]);
    expect(chat.getMessages()).toMatchObject([{ isPending: false, deliveryStatus: 'failed' }]);
    env.transport.responder = () => errorResponse(413, 5, 'too large');
    await expect(chat.createMessage({ type: 'text', text: 'x' }).send()).rejects.toMatchObject({ code: 'MESSAGE_TOO_LARGE' });
    env.transport.responder = () => Promise.reject(Object.assign(new Error('offline'), { code: 'NETWORK_ERROR' }));
    await expect(chat.createMessage({ type: 'text', text: 'y' }).send()).rejects.toMatchObject({ code: 'MESSAGE_SEND_FAILED' });
    env.transport.responder = () => ({ ok: true, status: 200, body: { imResponse: { statusCode: 0, messageId: 'im-9', deliveryStatus: 'stored' } } });
    await message.send();
    const keys = env.transport.sent.map((s) => (s.body as { imRequest: { clientCorrelator: string } }).imRequest.clientCorrelator);
    expect(keys[3]).toBe(keys[0]);
    expect(chat.getMessages().map((m) => [m.messageId, m.deliveryStatus])).toEqual([['im-9', 'stored'], [expect.any(String), 'failed'], [expect.any(String), 'failed']]);
  });

  test('incoming IM: creates the conversation, adds the message once (by eventId), unread; markRead, subscribe/unsubscribe', () => {
    env.im('im-a', 'bob@example.com', 'hello');
    const chat = env.client.conversation.get('bob@example.com')!;
    expect(env.types()).toEqual(['conversations:new', 'conversations:change', 'messages:change']);
    expect(env.events[2]).toEqual(['messages:change', { destination: 'bob@example.com', type: 'im', messageId: 'im-a', sender: 'bob@example.com' }]);
    const seen: unknown[] = [];
    const off = chat.subscribe((change) => seen.push(change));
    env.im('im-a', 'bob@example.com', 'hello');
    env.im('im-b', 'bob@example.com', 'again');
    expect(chat.getMessages().map((m) => [m.messageId, m.read, m.sender, m.destination])).toEqual([
      ['im-a', false, 'bob@example.com', ['alice@example.com']],
      ['im-b', false, 'bob@example.com', ['alice@example.com']],
    ]);
    chat.getMessages()[0]!.markRead();
    expect(chat.getMessage('im-a')!.read).toBe(true);
    expect(chat.getMessage('im-a')!.type).toBeUndefined();
    off();
    env.im('im-c', 'bob@example.com', 'third');
    expect(seen).toEqual([{ destination: 'bob@example.com', messageId: 'im-b' }, { destination: 'bob@example.com', messageId: 'im-a' }]);
    chat.clearMessages();
    expect(chat.getMessages()).toEqual([]);
  });

  test('the id index follows every change: a sent message is found by its gateway id only, a known id is stored once, cleared ids are free again', async () => {
    const chat = env.client.conversation.create('bob@example.com', 'im');
    env.im('im-1', 'bob@example.com', 'same id as the answer below');
    const message = chat.createMessage({ type: 'text', text: 'mine' });
    const sending = message.send();
    const local = message.messageId;
    expect(chat.getMessage(local)).toMatchObject({ isPending: true });
    await sending;
    expect(chat.getMessage(local)).toBeUndefined();
    expect(chat.getMessage('im-1')).toMatchObject({ type: 'im', parts: [{ type: 'text', text: 'mine' }] });
    expect(chat.getMessages().map((m) => m.messageId)).toEqual(['im-1']);
    env.im('im-1', 'bob@example.com', 'again');
    expect(chat.getMessages()).toHaveLength(1);
    chat.clearMessages();
    expect(chat.getMessage('im-1')).toBeUndefined();
    env.im('im-1', 'bob@example.com', 'after clear');
    expect(chat.getMessages().map((m) => [m.messageId, m.parts[0]!.text])).toEqual([['im-1', 'after clear']]);
  });

  test('a conversation of 10,000 incoming messages keeps each once, in order, each found by id', () => {
    for (let i = 0; i < 10_000; i++) env.im(`im-${i}`, 'bob@example.com', `m${i}`);
    for (let i = 0; i < 10_000; i += 997) env.im(`im-${i}`, 'bob@example.com', 'resent');
    const chat = env.client.conversation.get('bob@example.com')!;
    const all = chat.getMessages();
    expect(all).toHaveLength(10_000);
    expect(all.every((m, i) => m.messageId === `im-${i}` && m.parts[0]!.text === `m${i}`)).toBe(true);
    expect(chat.getMessage('im-9999')!.parts[0]!.text).toBe('m9999');
  });

  test('malformed IM / SMS / groupChat notifications are logged and dropped', () => {
    for (const bad of [
      { eventType: 'IM', eventId: 'x1' },
      { eventType: 'IM', eventId: 'x2', imnotificationParams: { msgText: 'no sender' } },
      { eventType: 'IM', imnotificationParams: { primaryContact: 'sip:bob@example.com', msgText: 'no id' } },
      { eventType: 'IM', eventId: 'x3', imnotificationParams: { primaryContact: 'sip:bob@example.com', msgText: 5 } },
      { eventType: 'SMS', eventId: 'x4', smsnotificationParams: 'junk' },
      { eventType: 'groupChat', eventId: 'x5', groupChatNotificationParams: { groupId: 'g', participants: 'all' } },
    ]) {
      env.notifications.deliver(bad);
    }
    expect(env.client.conversation.getAll()).toEqual([]);
    expect(env.events).toEqual([]);
  });

  test('forward(): sends the parts as a new IM to another user', async () => {
    env.im('im-a', 'bob@example.com', 'pass it on');
    await env.client.conversation.get('bob@example.com')!.getMessages()[0]!.forward('carol@example.com');
    expect(env.transport.sent.map((s) => (s.body as { imRequest: object }).imRequest)).toEqual([expect.objectContaining({ toUrl: 'carol@example.com', message: 'pass it on' })]);
    expect(env.client.conversation.get('carol@example.com')!.getMessages()).toHaveLength(1);
  });
});

describe('after a reconnect', () => {
  test('each conversation fetches its last messages and adds the missed ones in the gateway order, once', async () => {
    const stored = (id: string, text: string) => ({ messageId: id, conversationId: 'bob@example.com', type: 'im', direction: 'incoming', sender: 'bob@example.com', text, time: 1, deliveryStatus: 'received' });
    env.im('im-1', 'bob@example.com', 'one');
    env.im('im-4', 'bob@example.com', 'four');
    env.transport.responder = () => ({ ok: true, status: 200, body: { conversationsResponse: { statusCode: 0, messages: [stored('im-4', 'four'), stored('im-3', 'three'), stored('im-2', 'two'), stored('im-1', 'one')] } } });
    env.subscription.connected = false;
    env.subscription.notifyChange();
    expect(env.transport.sent).toEqual([]);
    env.subscription.connected = true;
    env.subscription.notifyChange();
    const chat = env.client.conversation.get('bob@example.com')!;
    await until(() => chat.getMessages().length === 4);
    expect(env.transport.sent.map((s) => [s.path, s.options.query])).toEqual([[`${U}/conversations/bob%40example.com/messages`, { count: '500', startIndex: '0' }]]);
    expect(chat.getMessages().map((m) => m.messageId)).toEqual(['im-1', 'im-2', 'im-3', 'im-4']);
  });
  test('after a reconnect it pages back (500 a page) to a message it had before the socket was lost: a gap older than the newest 500 is filled', async () => {
    const stored = (n: number) => ({ messageId: `m${n}`, conversationId: 'bob@example.com', type: 'im', direction: 'incoming', sender: 'bob@example.com', text: `t${n}`, time: n, deliveryStatus: 'received' });
    const all = Array.from({ length: 1200 }, (_, i) => stored(1200 - i)); // newest first
    env.transport.responder = (req) => {
      const { count, startIndex } = req.options.query as { count: string; startIndex: string };
      return { ok: true, status: 200, body: { conversationsResponse: { statusCode: 0, messages: all.slice(Number(startIndex), Number(startIndex) + Number(count)) } } };
    };
    for (let n = 1; n <= 100; n++) env.im(`m${n}`, 'bob@example.com', `t${n}`);
    env.subscription.connected = false;
    env.subscription.notifyChange();
    // m101..m700 were lost with the socket; m701..m1200 arrive on the new one before the fetch
    for (let n = 701; n <= 1200; n++) env.im(`m${n}`, 'bob@example.com', `t${n}`);
    env.subscription.connected = true;
    env.subscription.notifyChange();
    const chat = env.client.conversation.get('bob@example.com')!;
    await until(() => chat.getMessages().length === 1200);
    expect(env.transport.sent.map((s) => (s.options.query as { startIndex: string }).startIndex)).toEqual(['0', '500', '1000']);
    expect(chat.getMessages().map((m) => m.messageId)).toEqual(Array.from({ length: 1200 }, (_, i) => `m${i + 1}`));
  });
});

describe('SMS (smsinbound)', () => {
  test('an sms conversation sends POST sms to the +digits number; an inbound SMS notification lands in the sms conversation of its sender', async () => {
    const sms = env.client.conversation.create('tel:+1 (555) 010-0002', 'sms');
    expect([sms.destination, sms.type]).toEqual(['+15550100002', 'sms']);
    await sms.createMessage({ type: 'text', text: 'code?' }).send();
    expect(env.transport.sent.map((s) => [s.path, s.body])).toEqual([[`${U}/sms`, { smsRequest: { toUrl: '+15550100002', message: 'code?', charset: 'UTF-8', clientCorrelator: expect.any(String) } }]]);
    env.notifications.deliver({ eventType: 'SMS', eventId: 'sms-1', smsnotificationParams: { primaryContact: 'tel:+15559990000', msgText: 'Your code is 1234', destinationAddress: '+15550100001' } });
    const inbound = env.client.conversation.get('+15559990000', { type: 'sms' })!;
    expect(inbound.getMessages()).toMatchObject([{ messageId: 'sms-1', sender: '+15559990000', parts: [{ type: 'text', text: 'Your code is 1234' }] }]);
    expect(() => env.client.conversation.create('not a number', 'sms')).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});

describe('compatibility (001/002)', () => {
  test('get() creates a missing conversation (001/002); 001 subscribers get {conversationId}', () => {
    const legacy = setup({ compatibility: '001' });
    const chat = legacy.client.conversation.get('bob@example.com')!;
    expect(chat.destination).toBe('bob@example.com');
    const seen: unknown[] = [];
    chat.subscribe((c) => seen.push(c));
    legacy.im('im-1', 'bob@example.com', 'hi');
    expect(seen).toEqual([{ conversationId: 'bob@example.com', messageId: 'im-1' }]);
    void legacy.client.destroy();
  });

  test('002: get(destinations) with several destinations creates a group conversation', () => {
    const legacy = setup({ compatibility: '002' });
    const group = legacy.client.conversation.get(['bob@example.com', 'carol@example.com'])!;
    expect([group.type, group.destinations]).toEqual(['group', ['bob@example.com', 'carol@example.com']]);
    expect(legacy.transport.sent.map((s) => s.path)).toEqual([`${U}/groupchat`]);
    expect(legacy.client.conversation.get('dave@example.com', { type: 'im' })!.destination).toBe('dave@example.com');
    void legacy.client.destroy();
  });

  test('create(destinations, "group", {subject}): POST groupchat, then the group id is the destination; sends wait for it and go to the group', async () => {
    env.transport.responder = (req) =>
      req.path.endsWith('/groupchat')
        ? { ok: true, status: 201, body: { groupChatResponse: { statusCode: 0, group: { groupId: 'grp-1', subject: 'team', owner: 'alice@example.com', participants: ['alice@example.com', 'bob@example.com', 'carol@example.com'] } } } }
        : { ok: true, status: 200, body: { imResponse: { statusCode: 0, messageId: 'im-g', deliveryStatus: 'delivered' } } };
    const group = env.client.conversation.create(['bob', 'carol@example.com'], 'group', { subject: 'team' });
    const sent = group.createMessage({ type: 'text', text: 'hi all' }).send();
    await sent;
    expect(env.transport.sent.map((s) => [s.path, s.body])).toEqual([
      [`${U}/groupchat`, { groupChatRequest: { participants: ['bob@example.com', 'carol@example.com'], subject: 'team' } }],
      [`${U}/instantmessage`, { imRequest: expect.objectContaining({ toUrl: 'grp-1', message: 'hi all' }) }],
    ]);
    expect([group.destination, group.destinations, group.type]).toEqual(['grp-1', ['bob@example.com', 'carol@example.com'], 'group']);
    env.im('im-x', 'bob@example.com', 'hey', 'grp-1');
    expect(group.getMessages().map((m) => m.messageId)).toEqual(['im-g', 'im-x']);
    expect(group.lastReceived).toBeGreaterThan(0);
  });

  test("the gateway's groupChat 'created' notification before the groupchat answer: one conversation, keyed by the group id", async () => {
    const group = { groupId: 'grp-2', participants: ['alice@example.com', 'bob@example.com'] };
    env.transport.responder = (req) => {
      if (!req.path.endsWith('/groupchat')) return undefined;
      env.notifications.deliver({ eventType: 'groupChat', eventId: 'gc-1', groupChatNotificationParams: { action: 'created', ...group } });
      env.im('im-early', 'bob@example.com', 'first!', 'grp-2');
      return { ok: true, status: 201, body: { groupChatResponse: { statusCode: 0, group } } };
    };
    const chat = env.client.conversation.create(['bob@example.com'], 'group');
    await until(() => chat.destination === 'grp-2');
    expect(env.client.conversation.get('grp-2', { type: 'group' })).toBe(chat);
    expect(chat.getMessages().map((m) => m.messageId)).toEqual(['im-early']);
  });

  test('a group the gateway refuses: messages:error MESSAGING_REQUEST_FAILED / UNKNOWN_DESTINATION, its sends fail with it', async () => {
    env.transport.responder = () => errorResponse(404, 1004, 'unknown participant');
    const group = env.client.conversation.create(['nobody@example.com'], 'group');
    await expect(group.createMessage({ type: 'text', text: 'x' }).send()).rejects.toMatchObject({ code: 'UNKNOWN_DESTINATION' });
    expect(env.transport.sent).toHaveLength(1);
  });

  test('a groupChat notification creates the group conversation for an added participant', () => {
    env.notifications.deliver({ eventType: 'groupChat', eventId: 'g1', groupChatNotificationParams: { action: 'created', groupId: 'grp-7', participants: ['bob@example.com', 'alice@example.com'], subject: 's' } });
    expect(env.client.conversation.getAll().map((c) => [c.destination, c.type, c.destinations])).toEqual([['grp-7', 'group', ['bob@example.com']]]);
  });

  test('fetch(): GET conversations; fetchMessages(amount): GET …/messages?count, merged by id, oldest first', async () => {
    env.transport.responder = (req) =>
      req.path.endsWith('/conversations')
        ? { ok: true, status: 200, body: { conversationsResponse: { statusCode: 0, conversations: [{ conversationId: 'bob@example.com', type: 'im', messageCount: 2 }, { conversationId: '+15550100002', type: 'sms' }, 'junk'] } } }
        : { ok: true, status: 200, body: { conversationsResponse: { statusCode: 0, conversationId: 'bob@example.com', messages: [
          { messageId: 'im-2', conversationId: 'bob@example.com', type: 'im', direction: 'incoming', sender: 'bob@example.com', recipient: 'alice@example.com', text: 'second', time: 2000, deliveryStatus: 'received' },
          { messageId: 'im-1', conversationId: 'bob@example.com', type: 'im', direction: 'outgoing', sender: 'alice@example.com', recipient: 'bob@example.com', text: '{"sbParts":[{"type":"json","json":{"a":1}},{"type":"location","location":{"latitude":1,"longitude":2}}]}', time: 1000, deliveryStatus: 'delivered' },
          { messageId: 5 },
        ] } } };
    await env.client.conversation.fetch();
    expect(env.client.conversation.getAll().map((c) => [c.destination, c.type])).toEqual([['bob@example.com', 'im'], ['+15550100002', 'sms']]);
    const chat = env.client.conversation.get('bob@example.com')!;
    env.im('im-2', 'bob@example.com', 'second');
    await chat.fetchMessages(10);
    expect(env.transport.sent[1]!.options.query).toEqual({ count: '10', startIndex: '0' });
    expect(chat.getMessages().map((m) => [m.messageId, m.parts])).toEqual([
      ['im-1', [{ type: 'json', json: { a: 1 } }, { type: 'location', location: { latitude: 1, longitude: 2 } }]],
      ['im-2', [{ type: 'text', text: 'second' }]],
    ]);
    await expect(chat.fetchMessages(0)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  test('addPart: text/json/location travel as the sbParts envelope; a file part needs a Blob', async () => {
    const chat = env.client.conversation.create('bob@example.com');
    const message = chat.createMessage({ type: 'text', text: 'here' });
    message.addPart({ type: 'json', json: { k: [1] } });
    message.addPart({ type: 'location', location: { latitude: 45.5, longitude: -73.6 } });
    expect(() => message.addPart({ type: 'file', file: {} as never })).toThrow(TypeError);
    expect(() => message.addPart({ type: 'location', location: { latitude: 91, longitude: 0 } })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    await message.send();
    const text = (env.transport.sent[0]!.body as { imRequest: { message: string } }).imRequest.message;
    expect(JSON.parse(text)).toEqual({ sbParts: [{ type: 'text', text: 'here' }, { type: 'json', json: { k: [1] } }, { type: 'location', location: { latitude: 45.5, longitude: -73.6 } }] });
    expect(() => message.addPart({ type: 'text', text: 'late' })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});

describe('the messaging backend extension point', () => {
  test('messagingPlugin(options): options and options.backend of the wrong type throw TypeError', () => {
    expect(() => messagingPlugin(null as never)).toThrow(TypeError);
    expect(() => messagingPlugin({ backend: 'link' as never })).toThrow(TypeError);
  });

  test('messagingPlugin({ backend }) replaces the Link adapter', async () => {
    const calls: string[] = [];
    const backend: MessagingBackend = {
      name: 'memory',
      send: async (kind, to, text) => (calls.push(`${kind} ${to} ${text}`), { messageId: 'm1', deliveryStatus: 'delivered' }),
      fetchConversations: async () => [],
      fetchMessages: async () => [],
      createGroup: async (participants) => ({ groupId: 'g', participants }),
      listen: () => () => undefined,
    };
    const custom = setup({ backend });
    await custom.client.conversation.create('bob@example.com').createMessage({ type: 'text', text: 'via memory' }).send();
    expect(calls).toEqual(['im bob@example.com via memory']);
    expect(custom.transport.sent).toEqual([]);
    await custom.client.destroy();
  });
});

describe('file parts (a backend with uploadFile/downloadFile)', () => {
  const stored = new Map<string, Blob>();
  const backend: MessagingBackend = {
    name: 'memory',
    send: async () => ({ messageId: `m${stored.size}`, deliveryStatus: 'delivered' }),
    fetchConversations: async () => [],
    fetchMessages: async () => [],
    createGroup: async (participants) => ({ groupId: 'g', participants }),
    uploadFile: async (_to, file) => (stored.set(`files/f${stored.size}`, file), { url: `files/f${stored.size - 1}`, name: 'a.bin', size: file.size, type: file.type }),
    downloadFile: async (file) => stored.get(file.url)!,
    listen: () => () => undefined,
  };

  test('a file is uploaded first, then sent as its info; downloadFile() gets the bytes; the receiver decodes the part', async () => {
    const sent: string[] = [];
    const custom = setup({ backend: { ...backend, send: async (_k, _to, text) => (sent.push(text), { messageId: 'm1', deliveryStatus: 'delivered' }) } });
    const chat = custom.client.conversation.create('bob@example.com');
    const blob = new Blob([new Uint8Array([1, 2, 3])], { type: 'application/octet-stream' });
    const message = chat.createMessage({ type: 'text', text: 'see' });
    message.addPart({ type: 'file', file: blob });
    await message.send();
    const info = { url: 'files/f0', name: 'a.bin', size: 3, type: 'application/octet-stream' };
    expect(JSON.parse(sent[0]!)).toEqual({ sbParts: [{ type: 'text', text: 'see' }, { type: 'file', file: info }] });
    const part = chat.getMessages()[0]!.parts[1]!;
    expect(part).toEqual({ type: 'file', file: info });
    const bytes = new Uint8Array(await (await custom.client.conversation.downloadFile(part)).arrayBuffer());
    expect([...bytes]).toEqual([1, 2, 3]);
    await custom.client.destroy();
  });

  test('an oversized file: messages:error MESSAGE_TOO_LARGE, nothing uploaded or sent; a received url outside files/ is text', async () => {
    const chat = env.client.conversation.create('bob@example.com');
    const big = new Blob([new Uint8Array(5 * 1024 * 1024 + 1)]);
    await expect(chat.createMessage({ type: 'file', file: big }).send()).rejects.toMatchObject({ code: 'MESSAGE_TOO_LARGE' });
    expect(env.events.filter(([t]) => t === 'messages:error')).toHaveLength(1);
    expect(env.transport.sent).toEqual([]);
    const evil = JSON.stringify({ sbParts: [{ type: 'file', file: { url: '../../calls', name: 'x', size: 1, type: 'a/b' } }] });
    env.im('im-9', 'bob@example.com', evil);
    expect(env.client.conversation.get('bob@example.com')!.getMessage('im-9')!.parts).toEqual([{ type: 'text', text: evil }]);
  });
});

describe('misuse of Conversation and Message methods (before any side effect)', () => {
  test('wrong types throw TypeError; wrong values a coded error; nothing is sent or stored', async () => {
    const chat = env.client.conversation.create('bob@example.com');
    for (const bad of [undefined, null, 'text', 5, [], { type: 5 }, { type: 'text' }, { type: 'text', text: 5 }]) {
      expect(() => chat.createMessage(bad as never)).toThrow(TypeError);
    }
    expect(() => chat.createMessage({ type: 'video' } as never)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => chat.createMessage({ type: 'json' })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => chat.createMessage({ type: 'file', file: {} as never })).toThrow(TypeError);
    expect(() => env.client.conversation.downloadFile(null as never)).toThrow(TypeError);
    await expect(env.client.conversation.downloadFile({ type: 'text', text: 'x' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    const message = chat.createMessage({ type: 'text', text: 'x' });
    expect(() => message.addPart(null as never)).toThrow(TypeError);
    expect(() => chat.getMessage(5 as never)).toThrow(TypeError);
    expect(() => chat.subscribe('fn' as never)).toThrow(TypeError);
    expect(() => chat.fetchMessages('5' as never)).toThrow(TypeError);
    await expect(chat.fetchMessages(1001)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    env.im('im-a', 'bob@example.com', 'hi');
    const [entry] = chat.getMessages();
    expect(() => entry!.forward(5 as never)).toThrow(TypeError);
    expect(() => entry!.forward('')).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(env.transport.sent).toEqual([]);
    expect(chat.getMessages().map((m) => m.messageId)).toEqual(['im-a']);
    expect(env.client.conversation.getAll()).toEqual([chat]);
  });

  test('a subscriber that throws is logged and does not stop the others', () => {
    const chat = env.client.conversation.create('bob@example.com');
    const seen: string[] = [];
    chat.subscribe(() => {
      throw new Error('app bug');
    });
    chat.subscribe((c) => seen.push(c.messageId!));
    env.im('im-a', 'bob@example.com', 'hi');
    expect(seen).toEqual(['im-a']);
  });
});
