/**
 * The conversations of one client: it owns them (keyed by type and id), hears incoming messages
 * and group changes from the backend, and announces every change (`conversations:*`,
 * `messages:*`).
 */
import { BasicError, type Logger, type PluginContext } from '@switchboard/core';
import { conversationId } from './address';
import type { ChatGroup, IncomingMessage, MessagingBackend } from './backend';
import { ConversationImpl } from './Conversation';
import { messagingError } from './errors';
import type { ConversationInfo } from './events';
import type { ConversationType, MessagePart } from './types';

/** What the hub needs. @internal */
export interface MessagingHubDeps {
  backend: MessagingBackend;
  events: PluginContext['events'];
  logger: Logger;
  /** The authenticated user's address. */
  self: () => string | undefined;
  maxMessageBytes: () => number;
  maxFileBytes: () => number;
  /** 001: subscribers get `{conversationId}` instead of `{destination}`. */
  legacySubscribers: boolean;
}

/** The page size of a conversation's fetch of its stored messages after a reconnect. @internal */
export const RECONCILE_AMOUNT = 500;

const TYPES: Record<string, ConversationType> = { im: 'im', sms: 'sms', group: 'group', other: 'other' };

/** The messaging state of this client. @internal */
export class MessagingHub {
  private readonly conversations = new Map<string, ConversationImpl>();
  private disposed = false;
  /** Counts the losses of the notification socket: a message's record keeps the epoch it became known in. */
  epoch = 0;
  readonly backend: MessagingBackend;
  readonly logger: Logger;

  constructor(private readonly deps: MessagingHubDeps) {
    this.backend = deps.backend;
    this.logger = deps.logger;
  }

  self = (): string => this.deps.self() ?? '';
  maxMessageBytes = (): number => this.deps.maxMessageBytes();
  maxFileBytes = (): number => this.deps.maxFileBytes();
  legacySubscribers = (): boolean => this.deps.legacySubscribers;

  /** The conversation of `destination` and `type`, if tracked. */
  find(destination: string, type: ConversationType, method: string): ConversationImpl | undefined {
    let id: string;
    try {
      id = conversationId(destination, type, this.deps.self(), method);
    } catch (error) {
      if (destination.trim() === '') throw error;
      return undefined; // no conversation can have that id (e.g. an sms one that is no number)
    }
    return this.conversations.get(`${type}:${id}`);
  }

  getAll(): ConversationImpl[] {
    return [...this.conversations.values()];
  }

  /** The conversation of `destinations` and `type`, created (and announced) when missing. */
  obtain(destinations: string[], type: string, method: string, subject?: string): ConversationImpl {
    const kind = TYPES[type];
    if (!kind) throw messagingError('INVALID_ARGUMENT', `${method}: type must be one of im, sms, group, other.`);
    if (destinations.length === 0) throw messagingError('INVALID_ARGUMENT', `${method}: destinations must not be empty.`);
    if (kind !== 'group' && destinations.length > 1) throw messagingError('INVALID_ARGUMENT', `${method}: only a group conversation has several destinations.`);
    const ids = destinations.map((d) => conversationId(d, kind === 'group' ? 'im' : kind, this.deps.self(), method));
    if (kind === 'group') {
      const conversation = new ConversationImpl(this, `pending-${ids.join(',')}`, ids, 'group');
      this.add(conversation);
      conversation.startGroup(ids, subject);
      return conversation;
    }
    return this.conversations.get(`${kind}:${ids[0]}`) ?? this.add(new ConversationImpl(this, ids[0]!, ids, kind));
  }

  /** Loads the thread list (002 `fetch`). */
  async fetch(): Promise<void> {
    try {
      const threads = await this.backend.fetchConversations();
      for (const t of threads) {
        const kind = TYPES[t.type] ?? 'other';
        if (!this.conversations.has(`${kind}:${t.conversationId}`)) this.add(new ConversationImpl(this, t.conversationId, [t.conversationId], kind), false);
      }
      this.listChanged(this.getAll());
    } catch (cause) {
      throw this.error(cause instanceof BasicError ? cause : messagingError('MESSAGING_REQUEST_FAILED', 'conversation.fetch() failed', cause));
    }
  }

  /** Sends `parts` to `destination` as a new IM (Message entry `forward`). */
  forward(parts: MessagePart[], destination: string): Promise<void> {
    if (typeof destination !== 'string') throw new TypeError('forward(): destination must be a string');
    const conversation = this.obtain([destination], 'im', 'forward()');
    const [first, ...rest] = parts;
    const message = conversation.createMessage(first!);
    for (const part of rest) message.addPart(part);
    return message.send();
  }

  /** An incoming message: into its conversation (created when new). */
  receive(message: IncomingMessage): void {
    if (this.disposed) return;
    const key = `${message.type}:${message.conversationId}`;
    const conversation = this.conversations.get(key) ?? this.add(new ConversationImpl(this, message.conversationId, [message.type === 'group' ? message.sender : message.conversationId], message.type));
    conversation.receive(message);
  }

  /** A group was created or changed (a `groupChat` notification). */
  groupChanged(group: ChatGroup): void {
    if (this.disposed) return;
    const conversation = this.conversations.get(`group:${group.groupId}`);
    if (!conversation) {
      if (!group.participants.includes(this.self())) return;
      const created = new ConversationImpl(this, group.groupId, [], 'group');
      created.updateGroup(group);
      this.add(created);
      return;
    }
    conversation.updateGroup(group);
    this.listChanged([conversation]);
  }

  /** A group of ours got its id from the gateway: it is keyed by it from now on. */
  rekey(conversation: ConversationImpl, group: ChatGroup): void {
    const old = `group:${conversation.destination}`;
    if (this.conversations.get(old) === conversation) this.conversations.delete(old);
    // The gateway's `groupChat` "created" notification may have come first and made a conversation: this one takes its place and its messages.
    const existing = this.conversations.get(`group:${group.groupId}`);
    conversation.destination = group.groupId;
    conversation.updateGroup(group);
    if (existing && existing !== conversation) conversation.absorb(existing);
    this.conversations.set(`group:${group.groupId}`, conversation);
    if (!this.disposed) this.listChanged([conversation]);
  }

  /** Emits `messages:error` (logged) and returns the error. */
  error(error: BasicError, destination?: string, messageId?: string): BasicError {
    this.logger.warn(`messaging: ${error.message}`);
    if (!this.disposed) this.deps.events.emit('messages:error', { error, ...(destination !== undefined ? { destination } : {}), ...(messageId !== undefined ? { messageId } : {}) });
    return error;
  }

  messagesChanged(conversation: ConversationImpl, messageId?: string, sender?: string): void {
    if (this.disposed) return;
    this.deps.events.emit('messages:change', {
      destination: conversation.destination, type: conversation.type, ...(messageId !== undefined ? { messageId } : {}), ...(sender !== undefined ? { sender } : {}),
    });
  }

  /**
   * After the notification socket reconnects: each conversation fetches its last messages and adds
   * the ones it missed (frames written to a socket that died without a close frame, gateway README
   * *IM*). A failure is logged; the next reconnect tries again.
   */
  async reconcile(): Promise<void> {
    for (const conversation of this.getAll()) {
      if (this.disposed) return;
      await conversation.reconcile(RECONCILE_AMOUNT).catch((error: unknown) => this.logger.warn(`messaging: reconciling ${conversation.destination} failed`, error));
    }
  }

  /** The notification socket was lost: messages known from now on belong to the next epoch. */
  disconnected(): void {
    this.epoch += 1;
  }

  dispose(): void {
    this.disposed = true;
  }

  private add(conversation: ConversationImpl, announce = true): ConversationImpl {
    this.conversations.set(`${conversation.type}:${conversation.destination}`, conversation);
    if (!this.disposed) this.deps.events.emit('conversations:new', [info(conversation)]);
    if (announce) this.listChanged([conversation]);
    return conversation;
  }

  private listChanged(changed: ConversationImpl[]): void {
    if (!this.disposed) this.deps.events.emit('conversations:change', changed.map(info));
  }
}

const info = (c: ConversationImpl): ConversationInfo => ({ destination: [...c.destinations], type: c.type });
