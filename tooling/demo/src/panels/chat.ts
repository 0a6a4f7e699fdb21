/**
 * Chat (`client.conversation` of `messagingPlugin()`, installed by the SDK preset; the phone
 * subscribes to `IM`): start a chat with a demo user (`chat-peer`, `chat-start`); the conversations
 * (`data-testid="chat-conversations"`), each `chat-conversation` with `data-destination` and
 * `data-unread` (its unread count, also shown as `chat-unread`), a click opens it; the open
 * conversation's messages (`chat-messages`), oldest first, each `chat-message` with
 * `data-message-id`, `data-direction` (incoming | outgoing), `data-delivery` (the message's
 * `deliveryStatus`) and `data-pending` (`isPending`), its text and, on an outgoing one, the
 * delivery tick (`chat-tick`); the composer (`chat-text`, `chat-send`); `chat-status` shows the
 * last error. Incoming messages of the open conversation are marked read.
 */
import type { SdkClient } from '@switchboard/sdk';
import { h, panel } from '../dom';
import type { Phone } from '../phone';
import { DEMO_USERS } from '../users';

/** A conversation as `conversation.getAll()` returns it. */
type Conversation = ReturnType<SdkClient['conversation']['getAll']>[number];
/** A message as `getMessages()` returns it. */
type Message = ReturnType<Conversation['getMessages']>[number];

/** The number of messages not read yet (own messages count as read). */
export function unreadCount(messages: readonly Pick<Message, 'read'>[]): number {
  return messages.filter((m) => !m.read).length;
}

/**
 * The delivery tick of an outgoing message: `…` while pending, `✓✓` delivered, `✓` accepted
 * (queued, stored, sent), `✗` failed.
 */
export function deliveryTick(message: Pick<Message, 'isPending' | 'deliveryStatus'>): string {
  if (message.isPending) return '…';
  switch (message.deliveryStatus) {
    case 'delivered':
      return '✓✓';
    case 'failed':
      return '✗';
    case 'queued':
    case 'stored':
    case 'sent':
      return '✓';
    default:
      return '';
  }
}

/** A message's text: its text parts, other parts as JSON, one per line. */
export function messageText(message: Pick<Message, 'parts'>): string {
  return message.parts.map((p) => (p.type === 'text' ? (p.text ?? '') : JSON.stringify(p.location ?? p.json ?? p.type))).join('\n');
}

/** The chat panel of a signed-in phone. */
export function chatPanel(phone: Phone): HTMLElement {
  const { client } = phone;
  const self = phone.user.username;
  const peer = h('select', { 'data-testid': 'chat-peer' }, ...DEMO_USERS.filter((u) => u.username !== self).map((u) => h('option', { value: u.username }, u.name)));
  const conversations = h('ul', { class: 'chat-conversations', 'data-testid': 'chat-conversations' });
  const messages = h('ol', { class: 'chat-messages', 'data-testid': 'chat-messages' });
  const title = h('div', { class: 'chat-title', 'data-testid': 'chat-open' });
  const text = h('input', { 'data-testid': 'chat-text', placeholder: 'Message', disabled: true });
  const send = h('button', { 'data-testid': 'chat-send', type: 'submit', disabled: true }, 'Send');
  const status = h('output', { 'data-testid': 'chat-status' });
  let open: Conversation | undefined;
  let scheduled = false;

  const fail = (e: Error & { code?: string }) => (status.textContent = `${e.code ?? 'failed'}: ${e.message}`);
  const outgoing = (m: Message) => m.deliveryStatus !== 'received' && m.sender.replace(/^sip:/, '') === self;
  const messageItem = (m: Message) => {
    const out = outgoing(m);
    return h(
      'li',
      { class: out ? 'outgoing' : 'incoming', 'data-testid': 'chat-message', 'data-message-id': m.messageId, 'data-direction': out ? 'outgoing' : 'incoming', 'data-delivery': m.deliveryStatus, 'data-pending': String(m.isPending) },
      h('span', { class: 'chat-time' }, new Date(m.timestamp * 1000).toLocaleTimeString()),
      ' ',
      h('span', { 'data-testid': 'chat-message-text' }, messageText(m)),
      out && h('span', { class: 'chat-tick', 'data-testid': 'chat-tick', title: m.deliveryStatus }, ` ${deliveryTick(m)}`),
    );
  };
  const conversationItem = (c: Conversation) => {
    const unread = unreadCount(c.getMessages());
    return h(
      'li',
      { class: c === open ? 'open' : '', 'data-testid': 'chat-conversation', 'data-destination': c.destination, 'data-unread': unread, onclick: () => select(c) },
      `${c.destination} `,
      unread > 0 && h('span', { class: 'badge', 'data-testid': 'chat-unread' }, unread),
    );
  };
  const render = () => {
    scheduled = false;
    // The open conversation's incoming messages are read (each markRead schedules one more render).
    for (const m of open?.getMessages() ?? []) if (!m.read) m.markRead();
    conversations.replaceChildren(...client.conversation.getAll().map(conversationItem));
    title.textContent = open ? `Chat with ${open.destination}` : 'No chat open';
    messages.replaceChildren(...(open?.getMessages() ?? []).map(messageItem));
    text.disabled = send.disabled = !open;
  };
  // Coalesced: a burst of events renders once.
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(render);
  };
  const select = (c: Conversation) => {
    open = c;
    schedule();
  };

  const start = () => {
    try {
      select(client.conversation.create([peer.value], 'im'));
    } catch (e) {
      fail(e as Error);
    }
  };
  const submit = (event: Event) => {
    event.preventDefault();
    const body = text.value;
    if (!open || !body) return;
    text.value = '';
    status.textContent = '';
    // send() stores the message at once (pending); messages:change renders it and its ticks.
    open.createMessage({ type: 'text', text: body }).send().catch(fail);
  };
  client.on('messages:change', schedule);
  client.on('conversations:new', schedule);
  client.on('conversations:change', schedule);
  client.on('messages:error', ({ error }) => fail(error));
  render();

  return panel(
    'chat',
    'Chat',
    h('div', {}, 'Chat with ', peer, ' ', h('button', { 'data-testid': 'chat-start', onclick: start }, 'Start chat'), ' ', status),
    h('div', { class: 'chat' }, conversations, h('div', { class: 'chat-view' }, title, messages, h('form', { 'data-testid': 'chat-composer', onsubmit: submit }, text, ' ', send))),
  );
}
