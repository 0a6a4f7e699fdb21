/**
 * The gateway's durable state behind one narrow interface. The managers (subscriptions,
 * channels, calls, push, tokens) keep their live objects in memory, write each change through
 * to a {@link Store} and rebuild themselves from it at start. Routes never see the store, so a
 * store shared by several gateway instances (README "Durable state") can replace the SQLite one
 * without touching them.
 */
import type { CustomParameter } from '../validation';

/** A record of a keyed collection: a unique `id`, optionally the user it belongs to. */
export interface KeyedRecord {
  id: string;
  /** The user the record belongs to (indexed: `list(username)`). */
  username?: string;
}

/** A keyed collection of JSON records (each `put` replaces the whole record). */
export interface Collection<T extends KeyedRecord> {
  /** Inserts or replaces the record with `record.id`. */
  put(record: T): void;
  /** The record with `id`. */
  get(id: string): T | undefined;
  /** Removes the record with `id` (no-op when unknown). */
  delete(id: string): void;
  /** Every record (of one user), in insertion order. */
  list(username?: string): T[];
}

/** One queued notification frame of a channel. */
export interface QueuedFrame {
  /** Position in the store's queue (increasing). */
  seq: number;
  /** The serialised `{ notificationMessage }` frame, sent as is. */
  frame: string;
  /** When it was queued (ms since the epoch). */
  at: number;
}

/** The per-channel queues of notifications waiting for a socket. */
export interface NotificationQueues {
  /** Appends a frame to the channel's queue; returns its `seq`. */
  push(channelId: string, frame: string, at: number): number;
  /** The channel's queued frames, oldest first. */
  list(channelId: string): QueuedFrame[];
  /** Drops the channel's frames up to and including `seq` (all of them without `seq`). */
  drop(channelId: string, throughSeq?: number): void;
}

/** A stored subscription (§2); the channel is referenced by id. */
export interface StoredSubscription extends KeyedRecord {
  username: string;
  services: string[];
  expires: number;
  expiresAt: number;
  path: string;
  channelId: string;
  sessionId: string;
  clientCorrelator?: string;
  localization: string;
  useTurn: boolean;
  notificationType: string;
  createdAt: number;
  order: number;
}

/** A stored `x-session` id (`id` is the session id). */
export interface StoredSession extends KeyedRecord {
  username: string;
  subscriptionId: string;
  ended: boolean;
  /** When an ended session is forgotten (ms since the epoch). */
  forgetAt?: number;
}

/** A stored notification channel (§3); its queue is in {@link NotificationQueues}. */
export interface StoredChannel extends KeyedRecord {
  username: string;
  path: string;
  state: 'open' | 'gone';
  /** The `gone` frame, once the channel was terminated with one. */
  goneFrame?: string;
  /** When a `gone` channel is released (ms since the epoch). */
  releaseAt?: number;
}

/** A stored call leg. */
export interface StoredLeg {
  id: string;
  username: string;
  role: 'caller' | 'callee';
  state: 'calling' | 'alerting' | 'answered' | 'ended';
  lastActivity: number;
  pendingCustom?: CustomParameter[];
  incomingFrom?: { name: string; number: string };
  virtual?: boolean;
}

/** A stored call with its two current legs (the callee leg a forward replaced is not kept). */
export interface StoredCall extends KeyedRecord {
  caller: StoredLeg;
  callee: StoredLeg;
  callerParty: { name: string; number: string };
  calleeParty: { name: string; number: string };
  offer: string;
  offerCustom?: CustomParameter[];
  alerted: string[];
  answeredBy?: string;
  callerSub?: string;
  rang: boolean;
  /** When an unanswered call times out (ms since the epoch). */
  alertingUntil?: number;
  /** The outstanding `startCallUpdate`: who sent it and when it times out. */
  pendingUpdate?: { fromLegId: string; until: number };
  createdAt: number;
  answeredAt?: number;
  endedAt?: number;
  endReason?: string;
  /** The first call of a click-to-call (its caller leg is the gateway's `virtual` one). */
  clickToCall?: boolean;
  noHistory?: boolean;
}

/** A stored push registration (§14): the registration's fields as received, plus ours. */
export interface StoredPushRegistration extends KeyedRecord {
  username: string;
  provider: 'apple' | 'google';
  registration: string;
  createdAt: number;
  /** When it is removed unless renewed. */
  expiresAt: number;
  [field: string]: unknown;
}

/** A stored issued token (`id` is the token). */
export interface StoredToken extends KeyedRecord {
  username: string;
  kind: 'bearer' | 'access';
  expiresAt: number;
}

/** One stored call-history record (§10.1): `id` is the `recordId`, `seq` orders a user's records (higher = newer). */
export interface StoredHistoryRecord {
  id: string;
  username: string;
  seq: number;
  /** The record's `params` as served in `logItems` (without `recordId`, which is `id`). */
  params: Record<string, string>;
}

/** The call-history table (migration 2): per-user records in `seq` order. */
export interface HistoryTable {
  /** Inserts or replaces a record. */
  put(record: StoredHistoryRecord): void;
  /** Removes one record (no-op when unknown). */
  delete(id: string): void;
  /** Removes every record of `username`. */
  clear(username: string): void;
  /** Every record, oldest first (by `seq`). */
  list(): StoredHistoryRecord[];
}

/** Kind of a conversation: one-to-one IM (§6), a chat group, or SMS (README "Messaging"). */
export type ConversationType = 'im' | 'group' | 'sms';

/**
 * One stored message, in the history of one user (each party has its own copy). `conversationId`
 * is the peer's user id (im), the group id (group) or the peer's phone number (sms).
 */
export interface StoredMessage {
  messageId: string;
  username: string;
  conversationId: string;
  type: ConversationType;
  direction: 'incoming' | 'outgoing';
  /** The sender: a user id, or a phone number for an inbound SMS. */
  sender: string;
  /** The addressee as the sender wrote it, canonicalised: a user id, a group id or a phone number. */
  recipient: string;
  text: string;
  /** ms since the epoch. */
  time: number;
  /** What happened to it when it was sent (README "Messaging"). */
  deliveryStatus: 'delivered' | 'queued' | 'stored' | 'sent' | 'received';
  /** The sender's idempotency key (on the sender's copy only): a repeated send answers this message. */
  clientCorrelator?: string;
}

/** A conversation of one user, from its messages. */
export interface ConversationSummary {
  conversationId: string;
  messageCount: number;
  lastMessage: StoredMessage;
}

/** The messages table (migration 3): per-user histories, in insertion order. */
export interface MessageTable {
  /** Appends a message to its user's history. */
  append(message: StoredMessage): void;
  /** The message of `username` carrying `clientCorrelator`, if still stored. */
  byCorrelator(username: string, clientCorrelator: string): StoredMessage | undefined;
  /** `count` messages of a conversation from `startIndex`, newest first. */
  page(username: string, conversationId: string, startIndex: number, count: number): StoredMessage[];
  /** How many messages each user has (at start, for the per-user limit). */
  counts(): Map<string, number>;
  /** The conversations of `username`, the most recently active first. */
  conversations(username: string): ConversationSummary[];
  /** Removes the oldest message of `username`. */
  dropOldest(username: string): void;
  /** Removes a conversation's messages; returns how many there were. */
  clear(username: string, conversationId: string): number;
}

/** A table of JSON records under one key (migration 3: chat groups, presence, MWI). */
export interface KeyedTable<T> {
  put(key: string, value: T): void;
  get(key: string): T | undefined;
  delete(key: string): void;
  /** Every record with its key, in insertion order. */
  entries(): Array<[string, T]>;
}

/** A table of JSON records per owner (migration 3: address books per user, presence watches per subscription). */
export interface OwnedTable<T> {
  put(owner: string, key: string, value: T): void;
  get(owner: string, key: string): T | undefined;
  delete(owner: string, key: string): void;
  /** The records of `owner`, in insertion order. */
  list(owner: string): T[];
  /** How many records `owner` has. */
  count(owner: string): number;
  /** Removes every record of `owner`. */
  clear(owner: string): void;
  /** Every record with its owner and key. */
  entries(): Array<[owner: string, key: string, value: T]>;
}

/** A chat group (README "Messaging"). */
export interface StoredGroup {
  groupId: string;
  subject: string;
  /** The participant who may remove others (the creator, then the longest-standing participant). */
  owner: string;
  participants: string[];
  createdAt: number;
}

/** A user's presence (§7). */
export interface StoredPresence {
  status: string;
  activity: string;
  note?: string;
}

/** One presence watch of a subscription: `name` exactly as in `userList`, `target` the user it resolves to. */
export interface StoredWatch {
  name: string;
  target: string;
}

/** An address-book entry (§12), keyed by `nickname`. */
export interface StoredContact {
  nickname: string;
  friendStatus: boolean;
  [field: string]: string | boolean;
}

/** A user's voicemail counters (§9, §4.15) as served. */
export interface StoredMwi {
  mwi: string;
  totalVoice: string;
  unheardVoice: string;
  voice?: Record<string, string>;
  fax?: Record<string, string>;
  multimedia?: Record<string, string>;
  /** When they were set (ms since the epoch). */
  time: number;
}

/** The gateway's durable state. Writes are synchronous and durable once the call returns. */
export interface Store {
  /** Where the data lives: a file path, or `:memory:`. */
  readonly location: string;
  readonly subscriptions: Collection<StoredSubscription>;
  readonly sessions: Collection<StoredSession>;
  readonly channels: Collection<StoredChannel>;
  readonly notifications: NotificationQueues;
  readonly calls: Collection<StoredCall>;
  readonly push: Collection<StoredPushRegistration>;
  readonly tokens: Collection<StoredToken>;
  /** Call history (§10), its own table. */
  readonly history: HistoryTable;
  /** Messages (§6 IM, chat groups, SMS), per user. */
  readonly messages: MessageTable;
  /** Chat groups by group id. */
  readonly groups: KeyedTable<StoredGroup>;
  /** Presence (§7) by user. */
  readonly presence: KeyedTable<StoredPresence>;
  /** Presence watches by subscription id and watched name. */
  readonly watches: OwnedTable<StoredWatch>;
  /** Address books (§12) by user and nickname. */
  readonly contacts: OwnedTable<StoredContact>;
  /** Voicemail counters (§9) by user. */
  readonly mwi: KeyedTable<StoredMwi>;
  /**
   * A named collection for later features (call history, messages, contacts, voicemail…).
   * Names are `[a-z][a-z0-9-]*`; the built-in ones above are reserved.
   */
  collection<T extends KeyedRecord>(name: string): Collection<T>;
  /** Runs `fn` as one atomic write (nested calls join the outer one). */
  transaction<R>(fn: () => R): R;
  /**
   * Runs `fn` once the current transaction has committed (at once outside one); never when it
   * rolls back. What leaves the process — a notification frame on a socket — goes through it, so
   * that no client sees a write that a crash before the commit would lose.
   */
  afterCommit(fn: () => void): void;
  /** Closes the store; later writes are ignored, later reads see nothing. */
  close(): void;
}
