/**
 * The presence cache and its operations: one instance per client. It owns the cached presence of
 * other users, the watched set, and this user's own presence.
 */
import type { Logger, PluginContext } from '@switchboard/core';
import { Operations, byteLength, userListProblem } from '../shared';
import type { PresenceBackend, PresenceUpdate } from './backend';
import { activities, MAX_NOTE_BYTES, statuses } from './constants';
import type { PresenceStatus } from './types';

/** What the presence needs. @internal */
export interface PresenceDeps {
  backend: PresenceBackend;
  events: PluginContext['events'];
  logger: Logger;
  /** The current user's id (for `getSelf`). */
  selfId: () => string;
  /** Whether `on-the-phone` is published during calls (read when a call starts). */
  reportOnThePhone: () => boolean;
  /** Whether the gateway subscription holds `Presence` (nothing is published for a calling-only subscription). */
  hasPresenceService: () => boolean;
}

const STATUSES: ReadonlySet<string> = new Set(Object.values(statuses));
const ACTIVITIES: ReadonlySet<string> = new Set(Object.values(activities));
const copy = (p: PresenceStatus): PresenceStatus => ({ ...p });

/** Own and watched presence. @internal */
export class Presence {
  private readonly users = new Map<string, PresenceStatus>();
  /** Users whose updates are accepted: watched (after the watch was answered) or fetched. */
  private readonly known = new Set<string>();
  /** Users being watched (re-watched when the gateway subscription is renewed). */
  private readonly watched = new Set<string>();
  private self = { status: statuses.CLOSED as string, activity: activities.UNKNOWN as string, note: '' };
  /** The user's own choice, republished when the last call ends (undefined: never published). */
  private chosen?: { status: string; activity: string; note: string };
  private onThePhone = false;
  private readonly ops: Operations;
  private readonly removeSink: () => void;

  constructor(private readonly deps: PresenceDeps) {
    this.ops = new Operations({
      logger: deps.logger,
      pluginId: 'presence',
      failureCode: 'PRESENCE_REQUEST_FAILED',
      emitError: (error) => deps.events.emit('presence:error', { error }),
    });
    this.removeSink = deps.backend.onUpdate((u) => this.receive(u));
  }

  update(status: string, activity: string, note = ''): Promise<void> {
    const method = 'presence.update()';
    if (!STATUSES.has(status)) return this.ops.refuse(method, `${method}: status must be one of ${[...STATUSES].join(', ')} (got ${JSON.stringify(status)}).`);
    if (!ACTIVITIES.has(activity)) return this.ops.refuse(method, `${method}: activity must be one of ${[...ACTIVITIES].join(', ')} (got ${JSON.stringify(activity)}).`);
    if (byteLength(note) > MAX_NOTE_BYTES) return this.ops.refuse(method, `${method}: note is longer than ${MAX_NOTE_BYTES} bytes.`);
    return this.ops.run(method, async () => {
      await this.deps.backend.update(status, activity, note);
      this.chosen = { status, activity, note };
      this.setSelf(this.chosen);
    });
  }

  fetch(users: string[]): Promise<void> {
    const problem = userListProblem('presence.fetch()', users);
    if (problem) return this.ops.refuse('presence.fetch()', problem);
    // known before the request: the pushed presence may follow its answer at once
    const added = users.filter((userId) => !this.known.has(userId));
    for (const userId of added) this.known.add(userId);
    return this.ops.run('presence.fetch()', async () => {
      try {
        await this.deps.backend.fetch(users);
      } catch (error) {
        for (const userId of added) this.known.delete(userId);
        throw error;
      }
      for (const userId of users) {
        const cached = this.users.get(userId);
        if (!cached) this.users.set(userId, { userId, status: '', activity: '', note: '', loading: true });
      }
    });
  }

  subscribe(users: string[]): Promise<void> {
    const problem = userListProblem('presence.subscribe()', users);
    if (problem) return this.ops.refuse('presence.subscribe()', problem);
    return this.ops.run('presence.subscribe()', async () => {
      await this.deps.backend.watch(users);
      for (const userId of users) {
        this.known.add(userId);
        this.watched.add(userId);
        if (!this.users.has(userId)) this.users.set(userId, { userId, status: '', activity: '', note: '', loading: true });
      }
      if (!this.ops.isDisposed) this.deps.events.emit('presence:subscribe', { userIds: [...users] });
    });
  }

  unsubscribe(users: string[]): Promise<void> {
    const problem = userListProblem('presence.unsubscribe()', users);
    if (problem) return this.ops.refuse('presence.unsubscribe()', problem);
    return this.ops.run('presence.unsubscribe()', async () => {
      await this.deps.backend.unwatch(users);
      for (const userId of users) {
        this.known.delete(userId);
        this.watched.delete(userId);
      }
      if (!this.ops.isDisposed) this.deps.events.emit('presence:unsubscribe', { userIds: [...users] });
    });
  }

  get(users: string | string[]): PresenceStatus | PresenceStatus[] | undefined {
    if (typeof users === 'string') {
      const found = this.users.get(users);
      return found && copy(found);
    }
    return users.flatMap((u) => {
      const found = this.users.get(u);
      return found ? [copy(found)] : [];
    });
  }

  getAll(): PresenceStatus[] {
    return [...this.users.values()].map(copy);
  }

  getSelf(): PresenceStatus {
    let userId = '';
    try {
      userId = this.deps.selfId();
    } catch {
      // no credentials yet: the id is empty
    }
    return { userId, ...this.self, loading: false };
  }

  /**
   * The call plugin's calls: `on-the-phone` while in a call, the user's own choice after; only
   * with `reportOnThePhone` and a subscription holding `Presence`.
   */
  setInCall(inCall: boolean): void {
    if (inCall === this.onThePhone) return;
    if (inCall && !(this.deps.reportOnThePhone() && this.deps.hasPresenceService())) return;
    this.onThePhone = inCall;
    if (!inCall && !this.deps.hasPresenceService()) return;
    const next = inCall
      ? { status: statuses.OPEN as string, activity: activities.ON_THE_PHONE as string, note: '' }
      : (this.chosen ?? { status: statuses.OPEN as string, activity: activities.AVAILABLE as string, note: '' });
    void this.ops.run(inCall ? 'presence (on the phone)' : 'presence (call ended)', async () => {
      await this.deps.backend.update(next.status, next.activity, next.note);
      this.setSelf(next);
    });
  }

  /**
   * A new gateway subscription with `Presence` (after a re-subscription the gateway has dropped the
   * old subscription's watch list): watches the watched users again, silently; a failure is
   * `presence:error`.
   */
  rewatch(): void {
    const users = [...this.watched];
    if (users.length === 0 || this.ops.isDisposed) return;
    this.deps.logger.debug(`presence: watching ${users.length} user(s) again on the new subscription`);
    void this.ops.run('presence (watch again)', () => this.deps.backend.watch(users));
  }

  dispose(): void {
    this.ops.dispose();
    this.removeSink();
  }

  private setSelf(next: { status: string; activity: string; note: string }): void {
    if (this.ops.isDisposed) return;
    this.self = { ...next };
    this.deps.events.emit('presence:selfChange');
  }

  private receive(update: PresenceUpdate): void {
    if (this.ops.isDisposed) return;
    if (!this.known.has(update.userId)) {
      this.deps.logger.debug(`presence: dropped an update for ${update.userId}, who is neither watched nor fetched`);
      return;
    }
    this.users.set(update.userId, { ...update, loading: false });
    this.deps.events.emit('presence:change', { ...update });
  }
}
