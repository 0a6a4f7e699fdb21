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
  /**
   * A named collection for later features (call history, messages, contacts, voicemail…).
   * Names are `[a-z][a-z0-9-]*`; the built-in ones above are reserved.
   */
  collection<T extends KeyedRecord>(name: string): Collection<T>;
  /** Runs `fn` as one atomic write (nested calls join the outer one). */
  transaction<R>(fn: () => R): R;
  /** Closes the store; later writes are ignored, later reads see nothing. */
  close(): void;
}
