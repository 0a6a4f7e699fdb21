/**
 * An in-memory messaging network for `@switchboard/messaging`'s backend extension point: one
 * {@link MemoryMessaging} holds the users' stored messages and groups, and hands each client a
 * backend (`messagingPlugin({ backend: network.backendFor('alice@example.com') })`). Messages
 * between its users are delivered at once, like the reference gateway's relay; no transport, no
 * notifications, no network. (Type-only import of the messaging package: nothing of it is bundled.)
 */
import { BasicError } from '@switchboard/core';
import type { ChatGroup, IncomingSink, MessagingBackend, StoredMessage } from '@switchboard/messaging';

/** The in-memory network: backends for its users, and what it stored. @public */
export interface MemoryMessaging {
  /** The backend of one user (created on first use; the user becomes known to the others). */
  backendFor(user: string): MessagingBackend;
  /** What `user` stored, oldest first (copies). */
  stored(user: string): StoredMessage[];
  /** Every send, in order: `[from, kind, to, text]`. */
  readonly sends: Array<[from: string, kind: 'im' | 'sms', to: string, text: string]>;
}

/**
 * Creates an in-memory messaging network. A send to a user it does not know (no `backendFor` yet)
 * or a group id it does not hold rejects with `UNKNOWN_DESTINATION`; SMS are stored as `sent`.
 * @public
 */
export function createMemoryMessaging(): MemoryMessaging {
  const sinks = new Map<string, Set<IncomingSink>>();
  const store = new Map<string, StoredMessage[]>();
  const keys = new Map<string, { messageId: string; deliveryStatus: string }>();
  const groups = new Map<string, ChatGroup>();
  const sends: MemoryMessaging['sends'] = [];
  let ids = 0;
  const own = (user: string) => store.get(user) ?? (store.set(user, []), store.get(user)!);
  const record = (user: string, m: StoredMessage) => own(user).push(m);
  const deliver = (to: string, message: Parameters<IncomingSink['message']>[0]) => {
    const listeners = sinks.get(to);
    for (const sink of listeners ?? []) sink.message({ ...message });
    return listeners?.size ? 'delivered' : 'stored';
  };

  const backendFor = (user: string): MessagingBackend => {
    if (!sinks.has(user)) sinks.set(user, new Set());
    return {
      name: 'memory',
      async send(kind, to, text, key) {
        const known = keys.get(`${user} ${key}`);
        if (known) return { ...known };
        if (kind === 'im' && !groups.has(to) && !sinks.has(to)) throw new BasicError('UNKNOWN_DESTINATION', `memory messaging: ${to} is no known user or group`);
        sends.push([user, kind, to, text]);
        const messageId = `mem-${++ids}`;
        const time = Date.now();
        const base = { messageId, text, time, sender: user };
        let deliveryStatus: string;
        if (kind === 'sms') {
          deliveryStatus = 'sent';
          record(user, { ...base, conversationId: to, type: 'sms', direction: 'outgoing', deliveryStatus });
        } else if (groups.has(to)) {
          const group = groups.get(to)!;
          const statuses = group.participants.filter((p) => p !== user).map((p) => {
            record(p, { ...base, conversationId: to, type: 'group', direction: 'incoming', deliveryStatus: 'received' });
            return deliver(p, { messageId, type: 'group', conversationId: to, sender: user, text });
          });
          deliveryStatus = statuses.includes('stored') ? 'stored' : 'delivered';
          record(user, { ...base, conversationId: to, type: 'group', direction: 'outgoing', deliveryStatus });
        } else {
          record(to, { ...base, conversationId: user, type: 'im', direction: 'incoming', deliveryStatus: 'received' });
          deliveryStatus = deliver(to, { messageId, type: 'im', conversationId: user, sender: user, text });
          record(user, { ...base, conversationId: to, type: 'im', direction: 'outgoing', deliveryStatus });
        }
        keys.set(`${user} ${key}`, { messageId, deliveryStatus });
        return { messageId, deliveryStatus };
      },
      async fetchConversations() {
        const seen = new Map<string, string>();
        for (const m of own(user)) seen.set(m.conversationId, m.type);
        return [...seen].map(([conversationId, type]) => ({ conversationId, type }));
      },
      async fetchMessages(conversationId, amount, startIndex = 0) {
        return own(user).filter((m) => m.conversationId === conversationId).reverse().slice(startIndex, startIndex + amount).map((m) => ({ ...m }));
      },
      async createGroup(participants, subject) {
        const unknown = participants.find((p) => !sinks.has(p));
        if (unknown) throw new BasicError('UNKNOWN_DESTINATION', `memory messaging: ${unknown} is no known user`);
        const group: ChatGroup = { groupId: `mem-grp-${++ids}`, participants: [user, ...participants.filter((p) => p !== user)], subject };
        groups.set(group.groupId, group);
        for (const p of group.participants) for (const sink of sinks.get(p) ?? []) sink.group({ ...group, participants: [...group.participants] });
        return { ...group, participants: [...group.participants] };
      },
      listen(sink) {
        sinks.get(user)!.add(sink);
        return () => void sinks.get(user)!.delete(sink);
      },
    };
  };

  return { backendFor, stored: (user) => own(user).map((m) => ({ ...m })), sends };
}
