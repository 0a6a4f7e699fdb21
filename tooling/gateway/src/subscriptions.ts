/**
 * Subscriptions (§2): create with per-user limit and `forceLogOut`, refresh, delete, expiry with
 * `gone`, `x-session` ids, TURN credentials, and fan-out of notifications by service.
 */
import type { ChannelRegistry } from './channel-registry';
import type { Channel, Notification } from './channels';
import type { Settings } from './config';
import { HttpError } from './http';
import { randomId } from './ids';
import { hasService } from './services';
import type { Store, StoredSubscription } from './store';
import type { TimerSet } from './timers';
import { turnCredentials, type TurnCredentials } from './turn';
import type { SubscriptionSnapshot } from './types';

/** Validated subscribe request fields. */
export interface SubscribeInput {
  expires: number;
  services: string[];
  localization?: string;
  useTurn?: boolean;
  notificationType?: string;
  forceLogOut?: boolean;
  clientCorrelator?: string;
}

/** One subscription. */
export interface Subscription extends Omit<StoredSubscription, 'id' | 'channelId'> {
  id: string;
  /** The live notification channel (the store keeps its id). */
  channel: Channel;
  cancelExpiry: () => void;
}

/** What an `x-session` id resolves to; `ended` once its subscription is gone. */
export interface SessionRecord {
  username: string;
  subscriptionId: string;
  ended: boolean;
}

/** Why a subscription ended (`overflow`: its notification queue exceeded the limits). */
export type RemovalReason = 'deleted' | 'expired' | 'evicted' | 'replaced' | 'overflow';

/** Ended `x-session` ids remembered at most (ids only, oldest forgotten first), for their 403 + 65 answers. */
export const ENDED_SESSIONS_KEPT = 10_000;

/** The stored form of a subscription. */
function stored(sub: Subscription): StoredSubscription {
  return {
    id: sub.id,
    username: sub.username,
    services: sub.services,
    expires: sub.expires,
    expiresAt: sub.expiresAt,
    path: sub.path,
    channelId: sub.channel.id,
    sessionId: sub.sessionId,
    clientCorrelator: sub.clientCorrelator,
    localization: sub.localization,
    useTurn: sub.useTurn,
    notificationType: sub.notificationType,
    createdAt: sub.createdAt,
    order: sub.order,
  };
}

/** Keeps every live subscription; written through to the store and rebuilt from it at start. */
export class SubscriptionManager {
  private readonly subs = new Map<string, Subscription>();
  private readonly sessions = new Map<string, SessionRecord>();
  /** Ended sessions (tombstones) in the order they ended, with the time they are forgotten. */
  private readonly endedSessions = new Map<string, number>();
  private unavailable = { count: 0, retryAfterSeconds: 0 };
  private sequence = 0;
  /** Called once a subscription was created (`before` undefined) or refreshed with a service list (presence, §18.6). */
  onServicesChanged?: (sub: Subscription, before: readonly string[] | undefined) => void;

  constructor(
    private readonly settings: Settings,
    private readonly timers: TimerSet,
    private readonly channels: ChannelRegistry,
    private readonly onRemoved: (sub: Subscription, reason: RemovalReason, defer: (effect: () => void) => void) => void,
    private readonly store: Store,
  ) {
    this.restore();
  }

  /**
   * Creates a subscription for `username` (throws 403 + 19 when over the limit without forceLogOut).
   * Subscriptions it replaces or evicts are dropped at once; their `gone` and the ending of their
   * calls go through `defer` (after the HTTP response, §18.1).
   */
  create(username: string, input: SubscribeInput, defer: (effect: () => void) => void = (e) => e()): Subscription {
    if (input.clientCorrelator) {
      const same = this.byCorrelator(username, input.clientCorrelator);
      if (same) this.remove(same, 'replaced', undefined, defer);
    }
    const mine = this.forUser(username);
    if (mine.length >= this.settings.maxSubscriptionsPerUser) {
      if (!input.forceLogOut) throw new HttpError(403, 19, 'Too many concurrent sessions for this user');
      const excess = mine.length - this.settings.maxSubscriptionsPerUser + 1;
      mine.sort((a, b) => a.order - b.order);
      for (const old of mine.slice(0, excess)) this.remove(old, 'evicted', undefined, defer);
    }
    const id = randomId('sub-', 12);
    const channel = this.channels.create(username);
    channel.onOverflow = () => this.remove(sub, 'overflow');
    const sub: Subscription = {
      id,
      username,
      services: input.services,
      expires: 0,
      expiresAt: 0,
      path: `/rest/version/1/user/${username}/subscription/${id}`,
      channel,
      sessionId: randomId('ses-', 24),
      clientCorrelator: input.clientCorrelator,
      localization: input.localization ?? 'English_US',
      useTurn: input.useTurn ?? true,
      notificationType: input.notificationType ?? 'WebSocket',
      createdAt: Date.now(),
      order: this.sequence++,
      cancelExpiry: () => undefined,
    };
    this.subs.set(id, sub);
    this.sessions.set(sub.sessionId, { username, subscriptionId: id, ended: false });
    this.store.transaction(() => {
      this.store.sessions.put({ id: sub.sessionId, username, subscriptionId: id, ended: false });
      this.schedule(sub, input.expires);
    });
    this.settings.log(`subscription ${id} created for ${username} [${sub.services.join(',')}]`);
    this.onServicesChanged?.(sub, undefined);
    return sub;
  }

  /** Extends a subscription and applies a new service list. */
  refresh(sub: Subscription, input: SubscribeInput): void {
    const before = sub.services;
    sub.services = input.services;
    if (input.localization) sub.localization = input.localization;
    if (input.useTurn !== undefined) sub.useTurn = input.useTurn;
    if (input.notificationType) sub.notificationType = input.notificationType;
    this.schedule(sub, input.expires);
    this.onServicesChanged?.(sub, before);
  }

  /**
   * Ends a subscription; `gone` is sent unless the client deleted it. The subscription is dropped
   * at once; the notifications (`gone`, the ending of its calls) go through `defer`.
   */
  remove(sub: Subscription, reason: RemovalReason, retryAfter?: number, defer: (effect: () => void) => void = (e) => e()): void {
    if (this.subs.get(sub.id) !== sub) return;
    this.subs.delete(sub.id);
    sub.cancelExpiry();
    sub.channel.onOverflow = undefined;
    this.store.transaction(() => {
      this.store.subscriptions.delete(sub.id);
      this.endSession(sub);
    });
    defer(() => {
      sub.channel.terminate(reason !== 'deleted', retryAfter);
      this.settings.log(`subscription ${sub.id} of ${sub.username} ended (${reason})`);
    });
    this.onRemoved(sub, reason, defer);
  }

  /** A live subscription of `username` by id. */
  get(username: string, id: string): Subscription | undefined {
    const sub = this.subs.get(id);
    return sub && sub.username === username ? sub : undefined;
  }

  /** A live subscription by id, any user. */
  byId(id: string): Subscription | undefined {
    return this.subs.get(id);
  }

  /** A live subscription of `username` by clientCorrelator. */
  byCorrelator(username: string, clientCorrelator: string): Subscription | undefined {
    return this.forUser(username).find((s) => s.clientCorrelator === clientCorrelator);
  }

  /** Live subscriptions of `username`, optionally only those holding `service`. */
  forUser(username: string, service?: string): Subscription[] {
    return [...this.subs.values()].filter(
      (s) => s.username === username && (!service || hasService(s.services, service)),
    );
  }

  /** Resolves an `x-session` id (also, as ended, for subscriptions that ended less than their `expires` ago). */
  session(sessionId: string): SessionRecord | undefined {
    const forgetAt = this.endedSessions.get(sessionId);
    if (forgetAt !== undefined && forgetAt <= Date.now()) this.forgetSession(sessionId);
    const found = this.sessions.get(sessionId);
    return found && { ...found };
  }

  /**
   * The x-session id stops authorising at once (issue 7). Only a tombstone (ids) stays, for one
   * lifetime and among the last {@link ENDED_SESSIONS_KEPT}, so that late requests get "expired"
   * (and 404 + 39 on its own subscription); nothing else of the subscription is kept.
   */
  private endSession(sub: Subscription): void {
    const session = this.sessions.get(sub.sessionId);
    if (!session) return;
    session.ended = true;
    const forgetAt = Date.now() + sub.expires * 1000;
    this.endedSessions.set(sub.sessionId, forgetAt);
    this.store.sessions.put({ id: sub.sessionId, ...session, forgetAt });
    for (const [id, forgetAt] of this.endedSessions) {
      if (this.endedSessions.size <= ENDED_SESSIONS_KEPT && forgetAt > Date.now()) break;
      this.forgetSession(id);
    }
  }

  private forgetSession(sessionId: string): void {
    this.endedSessions.delete(sessionId);
    this.sessions.delete(sessionId);
    this.store.sessions.delete(sessionId);
  }

  /** Delivers a notification to the given subscriptions, not before `notBefore` (`performance.now()` ms, see Channel.deliver). */
  notify(subs: Iterable<Subscription>, message: Notification, notBefore?: number): void {
    for (const sub of subs) sub.channel.deliver({ ...message }, notBefore);
  }

  /** Arms the 503 test switch. */
  setUnavailable(count: number, retryAfterSeconds: number): void {
    this.unavailable = { count: Math.max(0, Math.floor(count)), retryAfterSeconds };
  }

  /** Consumes one 503 if armed; returns its Retry-After seconds. */
  takeUnavailable(): number | undefined {
    if (this.unavailable.count <= 0) return undefined;
    this.unavailable.count--;
    return this.unavailable.retryAfterSeconds;
  }

  /** The full `subscribeResponse` body (§2.2), also used for refreshes (§2.4). */
  response(sub: Subscription): Record<string, unknown> {
    const params: Record<string, unknown> = {
      service: [...sub.services],
      notificationChannel: sub.channel.path,
      expires: sub.expires,
      sessionId: sub.sessionId,
      turnCredentials: this.turnCredentials(sub),
      localization: sub.localization,
      useTurn: sub.useTurn,
      notificationType: sub.notificationType,
    };
    if (sub.clientCorrelator) params.clientCorrelator = sub.clientCorrelator;
    return { subscribeResponse: { statusCode: 0, subscription: sub.path, subscriptionParams: params } };
  }

  /** Snapshot for the test hooks. */
  snapshot(username?: string): SubscriptionSnapshot[] {
    return [...this.subs.values()]
      .filter((s) => !username || s.username === username)
      .map((s) => ({
        id: s.id,
        username: s.username,
        service: [...s.services],
        expires: s.expires,
        expiresAt: s.expiresAt,
        subscription: s.path,
        notificationChannel: s.channel.path,
        channelId: s.channel.id,
        sessionId: s.sessionId,
        clientCorrelator: s.clientCorrelator,
        connected: s.channel.connected,
        queued: s.channel.queued,
        createdAt: s.createdAt,
      }));
  }

  /** Shutdown. */
  dispose(): void {
    for (const s of this.subs.values()) s.cancelExpiry();
    this.subs.clear();
    this.sessions.clear();
    this.endedSessions.clear();
  }

  private schedule(sub: Subscription, expires: number): void {
    sub.expires = Math.max(1, Math.min(Math.round(expires), this.settings.maxExpiresSeconds));
    sub.expiresAt = Date.now() + sub.expires * 1000;
    this.store.subscriptions.put(stored(sub));
    this.armExpiry(sub);
  }

  private armExpiry(sub: Subscription): void {
    sub.cancelExpiry();
    sub.cancelExpiry = this.timers.after(sub.expiresAt - Date.now(), () => this.remove(sub, 'expired'));
  }

  /** Rebuilds the subscriptions and sessions from the store (at start), re-arming their timers. */
  private restore(): void {
    for (const { channelId, ...record } of this.store.subscriptions.list()) {
      const channel = this.channels.get(channelId);
      if (!channel) {
        this.store.subscriptions.delete(record.id);
        continue;
      }
      const sub: Subscription = { ...record, channel, cancelExpiry: () => undefined };
      channel.onOverflow = () => this.remove(sub, 'overflow');
      this.subs.set(sub.id, sub);
      this.sequence = Math.max(this.sequence, sub.order + 1);
      this.armExpiry(sub);
    }
    for (const { id, forgetAt, ...session } of this.store.sessions.list()) {
      const live = this.subs.has(session.subscriptionId);
      if (!live && !session.ended) {
        this.store.sessions.delete(id);
        continue;
      }
      const ended = !live || session.ended;
      this.sessions.set(id, { username: session.username, subscriptionId: session.subscriptionId, ended });
      if (ended) this.endedSessions.set(id, forgetAt ?? Date.now());
    }
  }

  /** Fresh credentials for every response (create and refresh), valid for the configured TTL (§2.2). */
  private turnCredentials(sub: Subscription): TurnCredentials {
    const local = sub.username.slice(0, sub.username.lastIndexOf('@'));
    const { secret, ttlSeconds } = this.settings.turn;
    return turnCredentials(secret, local, Math.floor(Date.now() / 1000) + ttlSeconds);
  }
}
