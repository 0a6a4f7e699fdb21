/**
 * Messaging types: conversations, messages and their parts (seed 000 `conversation`, with the
 * 001/002 compatibility shapes).
 */

import type { FileInfo } from './backend';

/** The types of conversations and messages (`conversation.chatTypes`). @public */
export type ConversationType = 'im' | 'sms' | 'group' | 'other' | 'chat';

/** A location part's position. @public */
export interface LocationValue {
  /** Degrees, −90…90. */
  latitude: number;
  /** Degrees, −180…180. */
  longitude: number;
}

/**
 * One part of a message. `text` parts carry `text`, `json` parts `json` (any JSON value),
 * `location` parts `location`, `file` parts `file`: a `Blob`/`File` to send, which is uploaded
 * first; once sent (and on the receiver's side) the gateway's {@link FileInfo} (url, name, size,
 * type), whose bytes `conversation.downloadFile(part)` gets.
 * @public
 */
export interface MessagePart {
  /** The part's kind. */
  type: 'text' | 'json' | 'file' | 'location';
  /** The text of a `text` part. */
  text?: string;
  /** The value of a `json` part. */
  json?: unknown;
  /** The file of a `file` part: a `Blob`/`File` to send, a {@link FileInfo} once stored. */
  file?: Blob | FileInfo;
  /** The position of a `location` part. */
  location?: LocationValue;
}

/** Where a message stands with the gateway. @public */
export type DeliveryStatus = 'pending' | 'delivered' | 'queued' | 'stored' | 'sent' | 'received' | 'failed';

/**
 * A message as `getMessages()` / `getMessage()` hand it out (a snapshot; its methods act on the stored one).
 * @public
 */
export interface MessageEntry {
  /** The message's id: the gateway's `messageId` once sent (a local `local-…` id before). */
  messageId: string;
  /** The sender's address. */
  sender: string;
  /** The destinations the message is meant for. */
  destination: string[];
  /** Unix seconds at which it was created (by the sender). */
  timestamp: number;
  /** Whether it was marked read (own messages are read). */
  read: boolean;
  /** Whether it is still being sent (until delivered or failed). */
  isPending: boolean;
  /** The message's parts (copies). */
  parts: MessagePart[];
  /** The conversation type; only on the sender's copy. */
  type?: ConversationType;
  /** What the gateway said about its delivery (`failed` after a coded error in `messages:error`). */
  deliveryStatus: DeliveryStatus;
  /** Marks it read (emits `messages:change`). */
  markRead(): void;
  /**
   * Forwards its parts to another user as a new IM.
   * @returns the new message's send promise
   */
  forward(destination: string): Promise<void>;
}

/** A message being composed (`createMessage`), sent with `send()`. @public */
export interface Message {
  /** The local id until sent, then the gateway's `messageId`. */
  readonly messageId: string;
  /** Whether the message is being sent. */
  readonly isPending: boolean;
  /** The parts added so far (copies). */
  readonly parts: MessagePart[];
  /** Appends a part (002): `text`, `json`, `file` (a `Blob`/`File`) or `location`. */
  addPart(part: MessagePart): void;
  /**
   * Stores the message in its conversation and sends it (in order with the conversation's other
   * sends). Resolves once the gateway accepted it; a refusal rejects with a coded error (also in
   * `messages:error`), marks the stored message `failed` and keeps it; calling `send()` again retries
   * it (the gateway answers a retry of the same message once, by its `clientCorrelator`).
   */
  send(): Promise<void>;
}

/** What a conversation subscriber receives. @public */
export interface ConversationChange {
  /** The conversation's id (000). */
  destination?: string;
  /** The conversation's id (001). */
  conversationId?: string;
  /** The message that changed, when one did. */
  messageId?: string;
}

/** A conversation with one peer, a group, or a phone number. @public */
export interface Conversation {
  /** The conversation's id: the peer's address, the group id (once created) or the `+digits` number. */
  readonly destination: string;
  /** Every destination: the peer, the number, or the group's other participants. */
  readonly destinations: string[];
  /** The conversation's type. */
  readonly type: ConversationType;
  /** The ms timestamp of the last received message (002), 0 when none. */
  readonly lastReceived: number;
  /** Creates a message with a first part (seed: `{type: 'text', text}`). */
  createMessage(part: MessagePart): Message;
  /** Drops the messages from local state (not from the gateway). */
  clearMessages(): void;
  /** The messages, oldest first (snapshots). */
  getMessages(): MessageEntry[];
  /** One message, or undefined. */
  getMessage(messageId: string): MessageEntry | undefined;
  /** Calls `subscriber` whenever the message list changes; returns the unsubscribe function. */
  subscribe(subscriber: (change: ConversationChange) => void): () => void;
  /** Loads the last `amount` messages from the gateway (1–1000, default 50) and merges them. */
  fetchMessages(amount?: number): Promise<void>;
}

/** Options of `conversation.get` / `conversation.create`. @public */
export interface ConversationOptions {
  /** The type of conversation. @default 'im' */
  type?: 'im' | 'sms' | 'other' | 'group';
  /** A group's subject (`create(…, 'group', { subject })`). */
  subject?: string;
}

/** The `client.conversation` namespace. @public */
export interface ConversationApi {
  /**
   * The conversation with `destination` of `options.type` (default `im`), or undefined (000). Under
   * a `compatibility` profile (001/002) a missing one is created; 002 also takes an array.
   * @throws TypeError when `destination` is not a string (or an array of strings) or `options` not an object
   */
  get(destination: string | string[], options?: ConversationOptions): Conversation | undefined;
  /** Every conversation the SDK tracks. */
  getAll(): Conversation[];
  /**
   * Creates (or returns) the conversation with `destinations` of `type` (002). A `group` is created
   * on the gateway (its id becomes the destination); messages wait for it.
   * @throws TypeError for wrong types; INVALID_ARGUMENT for empty destinations or an unknown type
   */
  create(destinations: string | string[], type?: 'im' | 'sms' | 'group' | 'other', options?: ConversationOptions): Conversation;
  /** Loads the thread list from the gateway (002), then each is in `getAll()`. */
  fetch(options?: Record<string, unknown>): Promise<void>;
  /**
   * The bytes of a `file` part (a received one, or a sent one): resolves with a `Blob`; rejects
   * with INVALID_ARGUMENT for a part without a file, NOT_IMPLEMENTED when the backend stores no
   * files, `MESSAGING_REQUEST_FAILED` when the gateway refuses (also in `messages:error`).
   * @throws TypeError when `part` is not an object
   */
  downloadFile(part: MessagePart): Promise<Blob>;
  /** The conversation types. */
  readonly chatTypes: ChatTypes;
}

/** The conversation types (`conversation.chatTypes`, the values of `Message.type`). @public */
export interface ChatTypes {
  /** A chat (the 000 name of an IM conversation in events). */
  readonly CHAT: 'chat';
  /** A two-party instant-message conversation. */
  readonly IM: 'im';
  /** An SMS conversation with a phone number. */
  readonly SMS: 'sms';
  /** A group chat. */
  readonly GROUP: 'group';
  /** Another kind of conversation. */
  readonly OTHER: 'other';
}
