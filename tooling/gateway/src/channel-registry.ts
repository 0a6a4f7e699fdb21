/** The registry of notification channels, keyed by their unguessable ids. */
import { Channel } from './channels';
import type { Settings } from './config';
import { randomId } from './ids';
import type { Store, StoredChannel } from './store';
import type { TimerSet } from './timers';

/** All channels by id; written through to the store and rebuilt from it at start. */
export class ChannelRegistry {
  private readonly channels = new Map<string, Channel>();
  /** Test hook state: users whose socket upgrades are refused, until when (`Date.now()` ms). */
  private readonly refusedUntil = new Map<string, number>();

  constructor(
    private readonly settings: Settings,
    private readonly timers: TimerSet,
    private readonly store: Store,
  ) {
    for (const stored of store.channels.list()) this.add(stored).restore(stored);
  }

  /** Creates a channel with an unguessable id (192 bits) for `username`. */
  create(username: string): Channel {
    const id = randomId('ch-', 24);
    const channel = this.add({ id, username, path: `/rest/version/1/user/${username}/websocket/${id}`, state: 'open' });
    this.store.channels.put(channel.record());
    return channel;
  }

  /** The channel with `id`, if it still accepts sockets. */
  get(id: string): Channel | undefined {
    return this.channels.get(id);
  }

  /** Refuses the socket upgrades of `username` for `ms` (0 lifts the refusal); test hook only. */
  refuseSockets(username: string, ms: number): void {
    if (ms > 0) this.refusedUntil.set(username, Date.now() + ms);
    else this.refusedUntil.delete(username);
  }

  /** Whether the socket upgrades of `username` are refused now ({@link refuseSockets}). */
  refusesSockets(username: string): boolean {
    return (this.refusedUntil.get(username) ?? 0) > Date.now();
  }

  private add({ id, username, path }: StoredChannel): Channel {
    const channel = new Channel(id, username, path, this.settings, this.timers, (c) => this.released(c), this.store);
    this.channels.set(id, channel);
    return channel;
  }

  private released(channel: Channel): void {
    this.channels.delete(channel.id);
    this.store.transaction(() => {
      this.store.channels.delete(channel.id);
      this.store.notifications.drop(channel.id);
    });
  }

  /** Shutdown (the stored channels stay). */
  dispose(): void {
    for (const c of this.channels.values()) c.dispose();
    this.channels.clear();
  }
}
