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

/**
 * The share of a channel's queue limits that notifications caused by other users may fill
 * ({@link Channel.offer}); the rest is kept for the subscription's own (calls, `gone`).
 */
export const PEER_SHARE = 0.5;

/** A queued frame (also in the store, under its `seq`). */
interface Queued extends QueuedFrame {
  bytes: number;
}

/** A notification waiting for its "not before" time (monotonic ms), see {@link Channel.deliver}. */
interface Held {
  message: Notification;
  notBefore: number;
}

/** One notification channel. */
export class Channel {
  /** 'open': delivering; 'gone': only the `gone` was delivered, waiting to close; 'closed': released. */
  state: 'open' | 'gone' | 'closed' = 'open';
  private socket?: WebSocket;
  private queue: Queued[] = [];
  private queueBytes = 0;
  /**
   * Called when the queue would exceed `maxQueuedNotifications` / `maxQueuedBytes` (the queue has
   * been discarded): the owner ends the subscription, which delivers `gone`. Without it the channel
   * terminates itself with `gone`.
   */
  onOverflow?: () => void;
  private cancelLiveness?: () => void;
  private goneFrame?: string;
  private releaseAt?: number;
  /** Notifications held back by a grace (in order); later ones wait behind the first. */
  private held: Held[] = [];
  private cancelHeld?: () => void;
  /** Set while {@link offer} refuses (logged once per episode; cleared when the queue is flushed). */
  private refusingPeers = false;

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
    const state = this.state === 'gone' ? 'gone' : 'open';
    return { id: this.id, username: this.username, path: this.path, state, goneFrame: this.goneFrame, releaseAt: this.releaseAt };
  }

  /** Rebuilds the state of a stored channel (at gateway start): its queue, and a `gone` channel's release. */
  restore(stored: StoredChannel): void {
    this.queue = this.store.notifications.list(this.id).map((q) => ({ ...q, bytes: Buffer.byteLength(q.frame, 'utf8') }));
    this.queueBytes = this.queue.reduce((sum, q) => sum + q.bytes, 0);
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

  /**
   * Delivers (or queues) a notification; adds a UUID `eventId` when missing. With `notBefore`
   * (a `performance.now()` time) it is held until then, and every later notification of this
   * channel waits behind it, so the channel's order stays intact.
   */
  deliver(message: Notification, notBefore = 0): void {
    if (this.state !== 'open') return;
    if (this.held.length || notBefore > performance.now()) {
      this.held.push({ message, notBefore });
      this.armHeld();
      return;
    }
    this.dispatch(message);
  }

  /**
   * Delivers a notification caused by another user (an IM, an SMS, a group change, a watched
   * user's presence) like {@link deliver}, but only while the queue (no socket) or the socket's
   * unsent bytes stay within {@link PEER_SHARE} of `maxQueuedNotifications` / `maxQueuedBytes`:
   * other users cannot end this subscription by overflowing its queue, and its own notifications
   * keep their room. Beyond that it is not delivered (false; logged once until the queue drains).
   */
  offer(message: Notification): boolean {
    if (this.state !== 'open') return false;
    const bytes = Buffer.byteLength(frameOf(message), 'utf8');
    const { maxQueuedNotifications, maxQueuedBytes } = this.settings;
    const socket = this.socket && this.socket.readyState === WebSocket.OPEN ? this.socket : undefined;
    if (!socket) this.prune();
    const full = socket
      ? socket.bufferedAmount + bytes > maxQueuedBytes * PEER_SHARE
      : this.queue.length + this.held.length + 1 > maxQueuedNotifications * PEER_SHARE || this.queueBytes + bytes > maxQueuedBytes * PEER_SHARE;
    if (!full) {
      this.deliver(message);
      return true;
    }
    if (!this.refusingPeers) {
      this.refusingPeers = true;
      this.settings.log(`debug: channel ${this.id} of ${this.username}: queue at its share for other users' notifications; more are not delivered until it drains`);
    }
    return false;
  }

  /** Sends (or queues) a notification that is due now. */
  private dispatch(message: Notification): void {
    const sessionData = (message.sessionParams as { sessionData?: unknown } | undefined)?.sessionData;
    this.settings.probe({
      kind: 'notification',
      channelId: this.id,
      eventType: message.eventType,
      legId: typeof sessionData === 'string' ? sessionData : undefined,
      at: performance.now(),
    });
    const frame = frameOf(message);
    const bytes = Buffer.byteLength(frame, 'utf8');
    if (this.socket && this.socket.readyState === WebSocket.OPEN) {
      if (this.socket.bufferedAmount + bytes <= this.settings.maxQueuedBytes) {
        this.sendFrame(this.socket, frame);
        return;
      }
      this.dropSlowReader(this.socket);
      if (message.eventType !== 'gone') {
        this.endForOverflow();
        return;
      }
    }
    this.prune();
    const { maxQueuedNotifications, maxQueuedBytes } = this.settings;
    if (this.queue.length + 1 > maxQueuedNotifications || this.queueBytes + bytes > maxQueuedBytes) {
      this.discardQueue(bytes);
      // A `gone` is always queued (it tells the client its subscription ended); anything else ends it.
      if (message.eventType !== 'gone') {
        this.endForOverflow();
        return;
      }
    }
    const at = Date.now();
    this.queue.push({ seq: this.store.notifications.push(this.id, frame, at), frame, at, bytes });
    this.queueBytes += bytes;
  }

  /** Releases the held notifications that are due, in order; re-arms for the first that is not. */
  private releaseHeld(): void {
    this.cancelHeld = undefined;
    while (this.held.length && this.held[0].notBefore <= performance.now()) this.dispatch(this.held.shift()!.message);
    if (this.held.length) this.armHeld();
  }

  private armHeld(): void {
    if (this.cancelHeld) return;
    this.cancelHeld = this.timers.after(Math.max(0, this.held[0].notBefore - performance.now()), () => this.releaseHeld());
  }

  /** Sends every held notification now (the channel is ending: nothing may overtake the `gone`). */
  private releaseAllHeld(): void {
    this.cancelHeld?.();
    this.cancelHeld = undefined;
    for (const h of this.held.splice(0)) this.dispatch(h.message);
  }

  /**
   * Ends the channel. With `gone`, a `gone` notification is delivered first (queued if no socket
   * is attached, and the channel stays connectable for the buffer period); then the socket is
   * closed with 1000 after the grace period. Without `gone`, nothing more is sent.
   */
  terminate(gone: boolean, retryAfter?: number): void {
    if (this.state !== 'open') return;
    if (gone) {
      this.releaseAllHeld();
      const goneMessage: Notification = { eventType: 'gone', eventId: eventId() };
      if (retryAfter !== undefined) goneMessage.retryAfter = retryAfter;
      this.goneFrame = frameOf(goneMessage);
      this.deliver(goneMessage);
      this.state = 'gone';
      this.releaseAt = Date.now() + (this.socket ? this.settings.goneGraceMs : this.settings.notificationBufferMs);
      this.store.channels.put(this.record());
      if (this.socket) this.closeLater(true);
      else this.timers.after(this.settings.notificationBufferMs, () => this.finish());
      return;
    }
    this.clearQueue();
    this.store.notifications.drop(this.id);
    this.dropHeld();
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
    this.clearQueue();
    this.dropHeld();
    if (ws) ws.terminate();
  }

  /** The queue is full: it is discarded, never silently (logged; the subscription is told by `gone`). */
  private discardQueue(bytes: number): void {
    const count = this.queue.length + 1;
    const total = this.queueBytes + bytes;
    this.clearQueue();
    this.store.notifications.drop(this.id);
    this.settings.log(
      `channel ${this.id} of ${this.username}: notification queue overflow (${count} notifications, ${total} bytes; ` +
        `limits ${this.settings.maxQueuedNotifications} / ${this.settings.maxQueuedBytes} bytes): ` +
        `${count} notifications discarded, the subscription ends with gone`,
    );
  }

  /**
   * A connected client that does not read its socket: the frames it has not taken already hold
   * `maxQueuedBytes` in the socket's send buffer. Its socket is dropped (logged); the caller then
   * ends the subscription as for a queue overflow, so the `gone` waits in the queue for a reconnect.
   */
  private dropSlowReader(ws: WebSocket): void {
    this.settings.log(
      `channel ${this.id} of ${this.username}: the client does not read its socket (${ws.bufferedAmount} bytes unsent; ` +
        `limit ${this.settings.maxQueuedBytes}): socket dropped, the subscription ends with gone`,
    );
    this.detach();
    ws.terminate();
  }

  private endForOverflow(): void {
    const end = this.onOverflow;
    this.onOverflow = undefined;
    if (end) end();
    else this.terminate(true);
  }

  private clearQueue(): void {
    this.queue = [];
    this.queueBytes = 0;
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
    this.clearQueue();
    this.onOverflow = undefined;
    this.dropHeld();
    this.cancelLiveness?.();
    this.release(this);
  }

  private dropHeld(): void {
    this.cancelHeld?.();
    this.cancelHeld = undefined;
    this.held = [];
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
    this.refusingPeers = false;
    this.prune();
    const pending = this.queue;
    this.clearQueue();
    // Dropped from the store before the send: a crash in between loses rather than repeats them.
    if (pending.length) this.store.notifications.drop(this.id);
    for (const q of pending) {
      if (this.socket) this.sendFrame(this.socket, q.frame);
      else {
        this.queue.push(q);
        this.queueBytes += q.bytes;
      }
    }
  }

  private prune(): void {
    const limit = Date.now() - this.settings.notificationBufferMs;
    let dropped: Queued | undefined;
    while (this.queue.length && this.queue[0].at < limit) {
      dropped = this.queue.shift() as Queued;
      this.queueBytes -= dropped.bytes;
    }
    if (dropped) this.store.notifications.drop(this.id, dropped.seq);
  }

  /** Sends a frame once the store's current transaction (if any) commits: a crash before the commit must not leave a client holding what the store lost. */
  private sendFrame(ws: WebSocket, frame: string): void {
    this.store.afterCommit(() => {
      try {
        ws.send(frame);
      } catch (err) {
        this.settings.log(`ws ${this.id}: send failed: ${(err as Error).message}`);
      }
    });
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
