/** The registry of notification channels, keyed by their unguessable ids. */
import { Channel } from './channels';
import type { Settings } from './config';
import { randomId } from './ids';
import type { TimerSet } from './timers';

/** All channels by id. */
export class ChannelRegistry {
  private readonly channels = new Map<string, Channel>();

  constructor(
    private readonly settings: Settings,
    private readonly timers: TimerSet,
  ) {}

  /** Creates a channel with an unguessable id (192 bits) for `username`. */
  create(username: string): Channel {
    const id = randomId('ch-', 24);
    const path = `/rest/version/1/user/${username}/websocket/${id}`;
    const channel = new Channel(id, username, path, this.settings, this.timers, (c) => this.channels.delete(c.id));
    this.channels.set(id, channel);
    return channel;
  }

  /** The channel with `id`, if it still accepts sockets. */
  get(id: string): Channel | undefined {
    return this.channels.get(id);
  }

  /** Shutdown. */
  dispose(): void {
    for (const c of this.channels.values()) c.dispose();
    this.channels.clear();
  }
}
