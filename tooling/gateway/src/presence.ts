/**
 * Presence (§7, §18.6): every user's status / activity / note, the watch lists of each
 * subscription keyed by the exact strings of `userList`, and the `presenceWatcher`
 * notifications (§4.14) to the watchers on every change. A user's presence becomes open/active
 * when it gains its first subscription holding `Presence`, closed/unknown when the last one ends.
 * Written through to the store's `presence` and `presence_watches` tables, rebuilt at start.
 */
import type { Settings } from './config';
import { HttpError } from './http';
import { FixedWindowLimiter } from './rate-limit';
import { hasService } from './services';
import type { Store, StoredPresence } from './store';
import type { Subscription, SubscriptionManager } from './subscriptions';
import { canonicalAddress, type UserDirectory } from './users';

/** Status values of §17.1. */
export const PRESENCE_STATUSES: readonly string[] = ['open', 'closed'];
/** Activity values of §17.1. */
export const PRESENCE_ACTIVITIES: readonly string[] = ['active', 'idle', 'away', 'lunch', 'other', 'busy', 'vacation', 'on-the-phone', 'unknown'];
/** Longest `note` (bytes, UTF-8); longer answers 413 + 5. */
export const MAX_NOTE_BYTES = 1024;
/** Longest name in a `userList` (bytes, UTF-8); longer answers 413 + 5 (watch lists are held in memory). */
export const MAX_WATCHED_NAME_BYTES = 512;
/** Names one subscription may watch one user under (`bob`, `sip:bob@…`, `bob;x=1`…: each is notified); more answer 403 + 19. */
export const MAX_NAMES_PER_WATCHED_USER = 8;

const ONLINE: StoredPresence = { status: 'open', activity: 'active' };
const OFFLINE: StoredPresence = { status: 'closed', activity: 'unknown' };

/** The presence store and the watchers. */
export class PresenceService {
  private readonly presence = new Map<string, StoredPresence>();
  /** Per subscription: watched name (as the client wrote it) → the user it resolves to. */
  private readonly watches = new Map<string, Map<string, string>>();
  /** Per watched user: subscription id → the names under which it watches that user. */
  private readonly watchers = new Map<string, Map<string, Set<string>>>();
  /** Presence notifications caused per user (`presenceNotificationRate` per `messageRateWindowMs`). */
  private readonly rate: FixedWindowLimiter;

  constructor(
    private readonly settings: Settings,
    private readonly store: Store,
    private readonly subs: SubscriptionManager,
    private readonly users: UserDirectory,
  ) {
    this.rate = new FixedWindowLimiter(settings.presenceNotificationRate, settings.messageRateWindowMs, 'presence notifications');
    for (const [username, p] of store.presence.entries()) this.presence.set(username, p);
    for (const [subId, name, watch] of store.watches.entries()) {
      if (this.subs.byId(subId)) this.link(subId, name, watch.target);
      else store.watches.delete(subId, name);
    }
  }

  /** The presence of `username` (closed/unknown for a user never seen, or unknown). */
  of(username: string): StoredPresence {
    return this.presence.get(username) ?? OFFLINE;
  }

  /**
   * Counts `n` presence notifications caused by a request of `username` against its budget
   * (429 + 19 + `Retry-After` over it, before any effect).
   */
  charge(username: string, n: number): void {
    this.rate.take(username, n);
  }

  /** How many notifications a presence change of `username` causes (one per watching name). */
  watcherCount(username: string): number {
    let n = 0;
    for (const names of this.watchers.get(username)?.values() ?? []) n += names.size;
    return n;
  }

  /** Sets the presence of `username` and notifies its watchers. */
  update(username: string, value: StoredPresence): void {
    const stored: StoredPresence = { status: value.status, activity: value.activity, ...(value.note ? { note: value.note } : {}) };
    this.presence.set(username, stored);
    this.store.presence.put(username, stored);
    for (const [subId, names] of this.watchers.get(username) ?? []) {
      const sub = this.subs.byId(subId);
      // offer(): a watched user's changes never overflow the watcher's queue (README "Queue overflow").
      if (sub) for (const name of names) sub.channel.offer(this.notification(name, stored));
    }
  }

  /**
   * The subscriptions a watch request of `username` applies to: the `x-session`'s one, else every
   * subscription of the user holding `Presence`; 403 + 35 when there is none.
   */
  watchingSubs(username: string, sessionSubscriptionId: string | undefined): Subscription[] {
    const subs = sessionSubscriptionId ? [this.subs.get(username, sessionSubscriptionId)].filter((s): s is Subscription => !!s) : this.subs.forUser(username);
    const holding = subs.filter((s) => hasService(s.services, 'Presence'));
    if (!holding.length) throw new HttpError(403, 35, 'The Presence service is not subscribed');
    return holding;
  }

  /**
   * Checks that watches could be added: 403 + 19 over `maxWatchesPerSubscription`, or over
   * {@link MAX_NAMES_PER_WATCHED_USER} names of one user in a subscription.
   */
  checkWatch(subs: Subscription[], names: string[]): void {
    for (const sub of subs) {
      const mine = this.watches.get(sub.id);
      const added = new Set(names.filter((n) => !mine?.has(n))).size;
      if ((mine?.size ?? 0) + added > this.settings.maxWatchesPerSubscription) {
        throw new HttpError(403, 19, `A subscription watches at most ${this.settings.maxWatchesPerSubscription} users`);
      }
      // Aliases of one user (each is notified on every change of it) are bounded per subscription.
      const perTarget = new Map<string, number>();
      for (const name of new Set(names)) {
        if (mine?.has(name)) continue;
        const target = this.resolve(name);
        const n = (perTarget.get(target) ?? this.watchers.get(target)?.get(sub.id)?.size ?? 0) + 1;
        if (n > MAX_NAMES_PER_WATCHED_USER) throw new HttpError(403, 19, `A subscription watches one user under at most ${MAX_NAMES_PER_WATCHED_USER} names`);
        perTarget.set(target, n);
      }
    }
  }

  /** Adds watches (checked first by {@link checkWatch}: nothing is added when it refuses). */
  watch(subs: Subscription[], names: string[]): void {
    this.checkWatch(subs, names);
    this.store.transaction(() => {
      for (const sub of subs) {
        for (const name of names) {
          if (this.watches.get(sub.id)?.has(name)) continue;
          const target = this.resolve(name);
          this.link(sub.id, name, target);
          this.store.watches.put(sub.id, name, { name, target });
        }
      }
    });
  }

  /** Removes watches. */
  stopWatching(subs: Subscription[], names: string[]): void {
    this.store.transaction(() => {
      for (const sub of subs) for (const name of names) this.unlink(sub.id, name);
    });
  }

  /** Sends the current presence of each name to `subs` (after a watch or get, §7.3), after the grace. */
  push(subs: Subscription[], names: string[]): void {
    const notBefore = performance.now() + this.settings.notificationGraceMs;
    for (const name of new Set(names)) this.subs.notify(subs, this.notification(name, this.of(this.resolve(name))), notBefore);
  }

  /** A subscription was created (`before` undefined) or changed its services. */
  onServicesChanged(sub: Subscription, before: readonly string[] | undefined): void {
    const has = hasService(sub.services, 'Presence');
    if (has && !(before && hasService(before, 'Presence'))) {
      const others = this.subs.forUser(sub.username, 'Presence').filter((s) => s.id !== sub.id);
      if (!others.length) this.update(sub.username, ONLINE);
    } else if (!has && before && hasService(before, 'Presence')) this.dropped(sub);
  }

  /** A subscription ended: its watches go; the user goes offline with its last `Presence` subscription. */
  onSubscriptionRemoved(sub: Subscription): void {
    if (hasService(sub.services, 'Presence')) this.dropped(sub);
    else this.forget(sub.id);
  }

  /** Names one subscription may watch (and ask for in one `get`). */
  get maxWatches(): number {
    return this.settings.maxWatchesPerSubscription;
  }

  private dropped(sub: Subscription): void {
    this.forget(sub.id);
    if (!this.subs.forUser(sub.username, 'Presence').some((s) => s.id !== sub.id) && this.of(sub.username).status !== 'closed') {
      this.update(sub.username, OFFLINE);
    }
  }

  private forget(subId: string): void {
    const mine = this.watches.get(subId);
    if (!mine) return;
    this.store.transaction(() => {
      for (const name of [...mine.keys()]) this.unlink(subId, name);
    });
  }

  private notification(name: string, p: StoredPresence) {
    return {
      eventType: 'presenceWatcher',
      presenceWatcherNotificationParams: { name, status: p.status, activity: p.activity, note: p.note ?? '' },
    };
  }

  /** The user a watched name stands for (its canonical address when no user has it). */
  private resolve(name: string): string {
    const canonical = canonicalAddress(name, this.users.defaultDomain);
    return this.users.find(canonical)?.username ?? canonical;
  }

  private link(subId: string, name: string, target: string): void {
    let mine = this.watches.get(subId);
    if (!mine) this.watches.set(subId, (mine = new Map()));
    mine.set(name, target);
    let byTarget = this.watchers.get(target);
    if (!byTarget) this.watchers.set(target, (byTarget = new Map()));
    let names = byTarget.get(subId);
    if (!names) byTarget.set(subId, (names = new Set()));
    names.add(name);
  }

  private unlink(subId: string, name: string): void {
    const mine = this.watches.get(subId);
    const target = mine?.get(name);
    if (target === undefined) return;
    mine!.delete(name);
    if (!mine!.size) this.watches.delete(subId);
    const byTarget = this.watchers.get(target);
    const names = byTarget?.get(subId);
    names?.delete(name);
    if (names && !names.size) byTarget!.delete(subId);
    if (byTarget && !byTarget.size) this.watchers.delete(target);
    this.store.watches.delete(subId, name);
  }
}
