/**
 * One conversation: its messages (in order, each once, by id), its subscribers, and its send
 * queue (messages are sent one after the other, so they reach the gateway in the order of `send()`).
 */
import { BasicError } from '@switchboard/core';
import type { ChatGroup, IncomingMessage, StoredMessage } from './backend';
import { messagingError } from './errors';
import type { MessagingHub } from './MessagingHub';
import { checkPart, copyParts, decodeParts, encodeParts, isBlob, isEmpty } from './parts';
import type {
  Conversation as ConversationShape, ConversationChange, ConversationType, DeliveryStatus, Message, MessageEntry, MessagePart,
} from './types';

/** A stored message. @internal */
export interface MessageRecord {
  messageId: string;
  key: string;
  sender: string;
  destination: string[];
  time: number;
  parts: MessagePart[];
  read: boolean;
  status: DeliveryStatus;
  outgoing: boolean;
  /** The hub's connection epoch when the gateway's copy became known here (see `reconcile`). */
  epoch: number;
}

/** Largest page `fetchMessages` asks for. @internal */
export const MAX_FETCH_AMOUNT = 1000;
let localIds = 0;

/** A conversation of this client. @internal */
export class ConversationImpl implements ConversationShape {
  private records: MessageRecord[] = [];
  /** The stored records by `messageId`, so that storing, deduplicating and `getMessage` do not scan the list. */
  private readonly byId = new Map<string, MessageRecord>();
  private readonly subscribers = new Set<(change: ConversationChange) => void>();
  private queue: Promise<unknown> = Promise.resolve();
  /** Sends queued so far, and the last one that a failure ahead of it fails unsent (see `send`). */
  private queued = 0;
  private failedThrough = 0;
  private group?: Promise<void>;

  constructor(
    private readonly hub: MessagingHub,
    public destination: string,
    public destinations: string[],
    public readonly type: ConversationType,
  ) {}

  get lastReceived(): number {
    return this.records.reduce((last, r) => (r.outgoing ? last : Math.max(last, r.time)), 0);
  }

  /** The kind of send: a number or a user/group. */
  private get kind(): 'im' | 'sms' {
    return this.type === 'sms' ? 'sms' : 'im';
  }

  createMessage(part: MessagePart): Message {
    const parts = [checkPart(part, 'Conversation.createMessage()')];
    const key = `local-${Date.now().toString(36)}-${(++localIds).toString(36)}`;
    let record: MessageRecord | undefined;
    return Object.freeze({
      get messageId() {
        return record?.messageId ?? key;
      },
      get isPending() {
        return record?.status === 'pending';
      },
      get parts() {
        return copyParts(parts);
      },
      addPart(next: MessagePart) {
        if (record) throw messagingError('INVALID_ARGUMENT', 'Message.addPart(): the message was already sent.');
        parts.push(checkPart(next, 'Message.addPart()'));
      },
      send: () => {
        if (record?.status === 'pending') return Promise.reject(messagingError('INVALID_ARGUMENT', 'Message.send(): the message is being sent.'));
        try {
          record ??= this.draft(key, parts);
        } catch (error) {
          return Promise.reject(error);
        }
        return this.send(record);
      },
    });
  }

  /** Checks a draft's content; throws a coded error (the caller reports it in messages:error). */
  private draft(key: string, parts: MessagePart[]): MessageRecord {
    const fail = (error: BasicError): never => {
      this.hub.error(error, this.destination);
      throw error;
    };
    if (isEmpty(parts)) fail(messagingError('INVALID_ARGUMENT', 'Message.send(): the message is empty.'));
    const max = this.hub.maxFileBytes();
    for (const p of parts) {
      if (isBlob(p.file) && p.file.size > max) fail(messagingError('MESSAGE_TOO_LARGE', `Message.send(): the file has ${p.file.size} bytes, more than messaging.maxFileBytes (${max}).`));
    }
    const bytes = new TextEncoder().encode(encodeParts(parts)).length;
    const limit = this.hub.maxMessageBytes();
    if (bytes > limit) fail(messagingError('MESSAGE_TOO_LARGE', `Message.send(): the message has ${bytes} bytes, more than messaging.maxMessageBytes (${limit}).`));
    return { messageId: key, key, sender: this.hub.self(), destination: [...this.destinations], time: Date.now(), parts: copyParts(parts), read: true, status: 'pending', outgoing: true, epoch: this.hub.epoch };
  }

  /** Stores (once) and sends `record` after the conversation's earlier sends. */
  private send(record: MessageRecord): Promise<void> {
    record.status = 'pending';
    if (this.byId.get(record.messageId) !== record) this.store(record);
    this.changed(record.messageId, record.sender);
    const seq = ++this.queued;
    const run = this.queue.then(async () => {
      try {
        // Sending it would overtake the failed message ahead of it (which the app may retry): it fails too, unsent.
        if (seq <= this.failedThrough) throw messagingError('MESSAGE_SEND_FAILED', 'Message.send(): not sent, an earlier message of the conversation failed; send() it again.');
        await this.group;
        record.parts = await this.upload(record.parts);
        const result = await this.hub.backend.send(this.kind, this.destination, encodeParts(record.parts), record.key);
        const known = this.byId.get(result.messageId);
        if (known && known !== record) {
          this.records.splice(this.records.indexOf(known), 1);
          this.byId.delete(result.messageId);
        }
        const stored = this.byId.get(record.messageId) === record; // not when cleared meanwhile
        if (stored) this.byId.delete(record.messageId);
        record.messageId = result.messageId;
        if (stored) this.byId.set(record.messageId, record);
        record.status = result.deliveryStatus as DeliveryStatus;
        record.epoch = this.hub.epoch;
        this.changed(record.messageId, record.sender);
      } catch (cause) {
        const error = cause instanceof BasicError ? cause : messagingError('MESSAGE_SEND_FAILED', 'Message.send() failed', cause);
        if (error.code !== 'MESSAGE_TOO_LARGE') this.failedThrough = this.queued;
        record.status = 'failed';
        this.changed(record.messageId, record.sender);
        this.hub.error(error, this.destination, record.messageId);
        throw error;
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The parts with each Blob uploaded (`file` becomes the stored file's info); parts uploaded before are kept. */
  private upload(parts: MessagePart[]): Promise<MessagePart[]> {
    const backend = this.hub.backend;
    return Promise.all(parts.map(async (p) => {
      if (!isBlob(p.file)) return p;
      if (!backend.uploadFile) throw messagingError('NOT_IMPLEMENTED', `Message.send(): the ${backend.name} backend stores no files.`);
      return { type: 'file' as const, file: await backend.uploadFile(this.destination, p.file) };
    }));
  }

  /** Creates the group on the gateway; sends wait for it (and fail with its error). */
  startGroup(participants: string[], subject?: string): void {
    this.group = this.hub.backend.createGroup(participants, subject).then(
      (group) => this.hub.rekey(this, group),
      (cause: unknown) => {
        const error = cause instanceof BasicError ? cause : messagingError('MESSAGING_REQUEST_FAILED', 'group creation failed', cause);
        this.hub.error(error, this.destination);
        throw error;
      },
    );
    this.group.catch(() => undefined);
  }

  /** Updates a group's participants (a `groupChat` notification). */
  updateGroup(group: ChatGroup): void {
    this.destinations = group.participants.filter((p) => p !== this.hub.self());
  }

  /** Takes the messages of a duplicate of this conversation (a group announced before its creation was answered). */
  absorb(other: ConversationImpl): void {
    for (const record of other.records) if (!this.byId.has(record.messageId)) this.store(record);
    this.records.sort((a, b) => a.time - b.time);
  }

  clearMessages(): void {
    this.records = [];
    this.byId.clear();
    this.changed();
  }

  getMessages(): MessageEntry[] {
    return this.records.map((r) => this.entry(r));
  }

  getMessage(messageId: string): MessageEntry | undefined {
    if (typeof messageId !== 'string') throw new TypeError('Conversation.getMessage(): messageId must be a string');
    const record = this.byId.get(messageId);
    return record && this.entry(record);
  }

  subscribe(subscriber: (change: ConversationChange) => void): () => void {
    if (typeof subscriber !== 'function') throw new TypeError('Conversation.subscribe(): subscriber must be a function');
    const own = (change: ConversationChange) => subscriber(change);
    this.subscribers.add(own);
    return () => void this.subscribers.delete(own);
  }

  fetchMessages(amount: number = 50): Promise<void> {
    if (typeof amount !== 'number') throw new TypeError('Conversation.fetchMessages(): amount must be a number');
    return this.load(amount);
  }

  private async load(amount: number): Promise<void> {
    if (!Number.isInteger(amount) || amount < 1 || amount > MAX_FETCH_AMOUNT) {
      throw this.hub.error(messagingError('INVALID_ARGUMENT', `Conversation.fetchMessages(): amount must be an integer from 1 to ${MAX_FETCH_AMOUNT}.`), this.destination);
    }
    let stored: StoredMessage[];
    try {
      await this.group;
      stored = await this.hub.backend.fetchMessages(this.destination, amount);
    } catch (cause) {
      const error = cause instanceof BasicError ? cause : messagingError('MESSAGING_REQUEST_FAILED', 'fetchMessages failed', cause);
      throw this.hub.error(error, this.destination);
    }
    if (this.merge(stored) || stored.length === 0) this.changed();
  }

  /**
   * Merges the gateway's stored messages (newest first) into the list, each once (by id), in the
   * gateway's order: a missing message goes right after the known one the gateway has before it.
   * @returns whether a message was added
   */
  merge(stored: StoredMessage[]): boolean {
    const oldestFirst = [...stored].reverse();
    const index = (id: string) => {
      const known = this.byId.get(id);
      return known ? this.records.indexOf(known) : -1;
    };
    const firstKnown = oldestFirst.find((m) => index(m.messageId) >= 0);
    let anchor = firstKnown ? index(firstKnown.messageId) - 1 : this.records.length - 1;
    let added = false;
    for (const m of oldestFirst) {
      const at = index(m.messageId);
      if (at >= 0) {
        const known = this.records[at]!;
        if (known.status !== 'pending' && known.status !== 'failed') known.status = m.deliveryStatus as DeliveryStatus;
        anchor = at;
        continue;
      }
      const outgoing = m.direction === 'outgoing';
      const record: MessageRecord = {
        messageId: m.messageId, key: m.messageId, sender: m.sender, destination: outgoing ? [...this.destinations] : [this.hub.self()], time: m.time,
        parts: decodeParts(m.text), read: outgoing, status: m.deliveryStatus as DeliveryStatus, outgoing, epoch: this.hub.epoch,
      };
      this.records.splice(++anchor, 0, record);
      this.byId.set(record.messageId, record);
      added = true;
    }
    return added;
  }

  /**
   * After a reconnect: fetches the stored messages, `amount` a page, newest first, back to one this
   * client had before the socket was lost (or the start of the history), and adds those whose
   * notification was lost (a socket that died without a close frame): they are all newer than it.
   */
  async reconcile(amount: number): Promise<void> {
    if (this.records.length === 0 || this.destination.startsWith('pending-')) return;
    const epoch = this.hub.epoch;
    const before = new Set(this.records.filter((r) => r.epoch < epoch && r.status !== 'pending' && r.status !== 'failed').map((r) => r.messageId));
    const stored: StoredMessage[] = [];
    for (let start = 0; ; start += amount) {
      const page = await this.hub.backend.fetchMessages(this.destination, amount, start);
      stored.push(...page);
      if (page.length < amount || page.some((m) => before.has(m.messageId))) break;
    }
    if (this.merge(stored)) this.changed();
  }

  /** Adds an incoming message (once). */
  receive(message: IncomingMessage): void {
    if (this.byId.has(message.messageId)) return;
    this.store({
      messageId: message.messageId, key: message.messageId, sender: message.sender, destination: [this.hub.self()], time: Date.now(),
      parts: decodeParts(message.text), read: false, status: 'received', outgoing: false, epoch: this.hub.epoch,
    });
    this.changed(message.messageId, message.sender);
  }

  /** Appends a record to the list and the index. */
  private store(record: MessageRecord): void {
    this.records.push(record);
    this.byId.set(record.messageId, record);
  }

  private entry(r: MessageRecord): MessageEntry {
    return {
      messageId: r.messageId, sender: r.sender, destination: [...r.destination], timestamp: Math.floor(r.time / 1000), read: r.read,
      isPending: r.status === 'pending', parts: copyParts(r.parts), deliveryStatus: r.status, ...(r.outgoing ? { type: this.type } : {}),
      markRead: () => {
        if (r.read) return;
        r.read = true;
        this.changed(r.messageId, r.sender);
      },
      forward: (destination: string) => this.hub.forward(r.parts, destination),
    };
  }

  /** Announces a change of the message list (`messages:change` and the subscribers). */
  private changed(messageId?: string, sender?: string): void {
    this.hub.messagesChanged(this, messageId, sender);
    const change: ConversationChange = this.hub.legacySubscribers() ? { conversationId: this.destination } : { destination: this.destination };
    if (messageId !== undefined) change.messageId = messageId;
    for (const subscriber of [...this.subscribers]) {
      try {
        subscriber(change);
      } catch (error) {
        this.hub.logger.warn('Conversation.subscribe(): a subscriber threw', error);
      }
    }
  }
}
