/**
 * WebSocket notification channels (§3): one per subscription, unguessable id, at most one
 * socket at a time (a new socket overrides the old one), a queue while no socket is attached,
 * keepalive-based liveness and `gone` / close-1000 termination.
 */
import { WebSocket } from 'ws';
import type { Settings } from './config';
import { eventId } from './ids';
import type { QueuedFrame, Store, StoredChannel } from './store';
import type { TimerSet } from './timers';

/** A notification object (the inner part of `{ notificationMessage }`). */
export type Notification = Record<string, unknown> & { eventType: string };

type Queued = QueuedFrame;

const MAX_QUEUE = 1000;

/** One notification channel. */
export class Channel {
  /** 'open': delivering; 'gone': only the `gone` was delivered, waiting to close; 'closed': released. */
  state: 'open' | 'gone' | 'closed' = 'open';
  private socket?: WebSocket;
  private queue: Queued[] = [];
  private cancelLiveness?: () => void;
  private goneFrame?: string;
  private releaseAt?: number;

  constructor(
    readonly id: string,
    readonly username: string,
    readonly path: string,
    private readonly settings: Settings,
    private readonly timers: TimerSet,
    private readonly release: (channel: Channel) => void,
    private readonly store: Store,
  ) {}

  /** The stored form of this channel (its queue is stored apart). */
  record(): StoredChannel {
    return { id: this.id, username: this.username, path: this.path, state: this.state === 'gone' ? 'gone' : 'open', goneFrame: this.goneFrame, releaseAt: this.releaseAt };
  }

  /** Rebuilds the state of a stored channel (at gateway start): its queue, and a `gone` channel's release. */
  restore(stored: StoredChannel): void {
    this.queue = this.store.notifications.list(this.id);
    if (stored.state !== 'gone') return;
    this.state = 'gone';
    this.goneFrame = stored.goneFrame;
    this.releaseAt = stored.releaseAt ?? Date.now() + this.settings.notificationBufferMs;
    this.timers.after(this.releaseAt - Date.now(), () => this.finish());
  }

  /** Whether a socket is attached. */
  get connected(): boolean {
    return this.socket !== undefined;
  }

  /** Number of queued notifications. */
  get queued(): number {
    return this.queue.length;
  }

  /** Attaches a new socket; the previous one (if any) gets `websocketOverridden` and is closed. */
  attach(ws: WebSocket): void {
    const old = this.socket;
    if (old) {
      this.detach();
      if (this.state === 'open') this.sendFrame(old, frameOf({ eventType: 'websocketOverridden' }));
      this.timers.after(this.settings.goneGraceMs, () => closeSocket(old, 1000, 'Overridden'));
    }
    this.socket = ws;
    this.resetLiveness();
    ws.on('message', () => {
      if (this.socket === ws) this.resetLiveness();
    });
    ws.on('close', () => {
      if (this.socket === ws) this.detach();
    });
    ws.on('error', (err) => this.settings.log(`ws ${this.id}: ${err.message}`));
    const goneAlreadySent = this.state === 'gone' && this.queue.length === 0;
    this.flush();
    if (this.state !== 'gone') return;
    if (goneAlreadySent && this.goneFrame) this.sendFrame(ws, this.goneFrame);
    this.closeLater(true);
  }

  /** Delivers (or queues) a notification; adds a UUID `eventId` when missing. */
  deliver(message: Notification): void {
    if (this.state !== 'open') return;
    const frame = frameOf(message);
    if (this.socket && this.socket.readyState === WebSocket.OPEN) {
      this.sendFrame(this.socket, frame);
      return;
    }
    this.prune();
    if (this.queue.length >= MAX_QUEUE) this.store.notifications.drop(this.id, this.queue.shift()!.seq);
    const at = Date.now();
    this.queue.push({ seq: this.store.notifications.push(this.id, frame, at), frame, at });
  }

  /**
   * Ends the channel. With `gone`, a `gone` notification is delivered first (queued if no socket
   * is attached, and the channel stays connectable for the buffer period); then the socket is
   * closed with 1000 after the grace period. Without `gone`, nothing more is sent.
   */
  terminate(gone: boolean, retryAfter?: number): void {
    if (this.state !== 'open') return;
    if (gone) {
      const goneMessage: Notification = { eventType: 'gone', eventId: eventId() };
      if (retryAfter !== undefined) goneMessage.retryAfter = retryAfter;
      this.goneFrame = frameOf(goneMessage);
      this.deliver(goneMessage);
      this.state = 'gone';
      const keepMs = this.socket ? this.settings.goneGraceMs : this.settings.notificationBufferMs;
      this.releaseAt = Date.now() + keepMs;
      this.store.channels.put(this.record());
      if (this.socket) this.closeLater(true);
      else this.timers.after(this.settings.notificationBufferMs, () => this.finish());
      return;
    }
    this.queue = [];
    this.store.notifications.drop(this.id);
    this.closeLater(false);
  }

  /** Closes the attached socket abnormally (`code` 1006 = no close frame). */
  drop(code: number): boolean {
    const ws = this.socket;
    if (!ws) return false;
    this.detach();
    closeSocket(ws, code, 'Dropped by test hook');
    return true;
  }

  /** Shutdown: terminates the socket immediately. */
  dispose(): void {
    const ws = this.socket;
    this.detach();
    this.state = 'closed';
    this.queue = [];
    if (ws) ws.terminate();
  }

  private closeLater(keepForGone: boolean): void {
    const ws = this.socket;
    if (!keepForGone) this.finish();
    this.timers.after(this.settings.goneGraceMs, () => {
      if (ws) closeSocket(ws, 1000, 'Subscription ended');
      if (keepForGone) this.finish();
    });
  }

  private finish(): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.queue = [];
    this.cancelLiveness?.();
    this.release(this);
  }

  private detach(): void {
    this.socket = undefined;
    this.cancelLiveness?.();
    this.cancelLiveness = undefined;
  }

  private resetLiveness(): void {
    this.cancelLiveness?.();
    if (this.state === 'closed') return;
    const ws = this.socket;
    this.cancelLiveness = this.timers.after(this.settings.socketTimeoutMs, () => {
      if (this.socket !== ws || !ws) return;
      this.settings.log(`ws ${this.id}: no client frame for ${this.settings.socketTimeoutMs} ms, closing with 4000`);
      this.detach();
      closeSocket(ws, 4000, 'Keepalive timeout');
    });
  }

  private flush(): void {
    this.prune();
    const pending = this.queue;
    this.queue = [];
    // Dropped from the store before the send: a crash in between loses rather than repeats them.
    if (pending.length) this.store.notifications.drop(this.id);
    for (const q of pending) {
      if (this.socket) this.sendFrame(this.socket, q.frame);
      else this.queue.push(q);
    }
  }

  private prune(): void {
    const limit = Date.now() - this.settings.notificationBufferMs;
    let dropped: Queued | undefined;
    while (this.queue.length && this.queue[0].at < limit) dropped = this.queue.shift();
    if (dropped) this.store.notifications.drop(this.id, dropped.seq);
  }

  private sendFrame(ws: WebSocket, frame: string): void {
    try {
      ws.send(frame);
    } catch (err) {
      this.settings.log(`ws ${this.id}: send failed: ${(err as Error).message}`);
    }
  }
}

function frameOf(message: Notification): string {
  const eventIdValue = typeof message.eventId === 'string' && message.eventId ? message.eventId : eventId();
  return JSON.stringify({ notificationMessage: { ...message, eventId: eventIdValue } });
}

function closeSocket(ws: WebSocket, code: number, reason: string): void {
  if (ws.readyState === WebSocket.CLOSED || ws.readyState === WebSocket.CLOSING) return;
  try {
    if (code === 1006) ws.terminate();
    else ws.close(code, reason);
  } catch {
    ws.terminate();
  }
}
