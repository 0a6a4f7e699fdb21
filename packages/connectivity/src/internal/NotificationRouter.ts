/**
 * Routes incoming notifications (websocket frames and push payloads) to the handlers registered
 * per `eventType` (`'*'` = all), after de-duplication by `eventId` (§3.7). Malformed input is
 * logged and dropped; a handler that throws is logged and never affects the others.
 */
import type { Logger } from '@switchboard/core';
import type { LinkNotification, NotificationChannel, NotificationHandler, NotificationRegistry } from '../tokens';

/** A bounded FIFO set of recently seen ids. @internal */
export class IdCache {
  private readonly order: string[] = [];
  private readonly seen = new Set<string>();

  /** Records `id`; returns false when it was already present (a duplicate). `capacity` 0 disables. */
  add(id: string, capacity: number): boolean {
    if (capacity <= 0) return true;
    if (this.seen.has(id)) return false;
    this.order.push(id);
    this.seen.add(id);
    while (this.order.length > capacity) this.seen.delete(this.order.shift()!);
    return true;
  }
}

/** Settings read on every notification. @internal */
export interface RouterSettings {
  idCacheLength: number;
  incomingCallNotificationMode: 'any-channel' | 'push-channel-only';
  websocketEnabled: boolean;
}

/** @internal */
export class NotificationRouter implements NotificationRegistry {
  private readonly handlers = new Map<string, Set<NotificationHandler>>();
  private readonly ids = new IdCache();

  constructor(private readonly logger: Logger, private readonly settings: () => RouterSettings) {}

  register(eventTypes: string | readonly string[], handler: NotificationHandler): () => void {
    const types = typeof eventTypes === 'string' ? [eventTypes] : eventTypes;
    if (!Array.isArray(types) || types.length === 0 || !types.every((t) => typeof t === 'string' && t.length > 0)) {
      throw new TypeError('register(eventTypes, handler): eventTypes must be a non-empty string or array of strings');
    }
    if (typeof handler !== 'function') throw new TypeError('register(eventTypes, handler): handler must be a function');
    for (const type of types) {
      if (!this.handlers.has(type)) this.handlers.set(type, new Set());
      this.handlers.get(type)!.add(handler);
    }
    return () => {
      for (const type of types) this.handlers.get(type)?.delete(handler);
    };
  }

  /** Handles one websocket text frame. */
  handleFrame(data: unknown): void {
    if (!this.settings().websocketEnabled) {
      this.logger.debug('notification dropped: websocket notifications are disabled');
      return;
    }
    let parsed: unknown;
    try {
      parsed = typeof data === 'string' ? JSON.parse(data) : undefined;
    } catch {
      parsed = undefined;
    }
    if (typeof parsed !== 'object' || parsed === null) {
      this.logger.warn('websocket frame dropped: not a JSON object', typeof data === 'string' ? data.slice(0, 200) : typeof data);
      return;
    }
    if ('connCheck' in parsed || 'connAck' in parsed) return;
    this.dispatch(parsed, 'WEBSOCKET');
  }

  /**
   * Processes a `{ notificationMessage }` object from `channel`. Returns false (after logging)
   * when it is malformed, a duplicate or filtered out.
   */
  dispatch(envelope: object, channel: NotificationChannel): boolean {
    const message = (envelope as { notificationMessage?: unknown }).notificationMessage;
    if (typeof message !== 'object' || message === null || typeof (message as LinkNotification).eventType !== 'string') {
      this.logger.warn(`notification dropped (${channel}): no notificationMessage with an eventType`);
      return false;
    }
    const notification = message as LinkNotification;
    const { idCacheLength, incomingCallNotificationMode } = this.settings();
    if (typeof notification.eventId === 'string' && !this.ids.add(notification.eventId, idCacheLength)) {
      this.logger.debug(`notification dropped (${channel}): duplicate eventId ${notification.eventId}`);
      return false;
    }
    if (notification.eventType === 'call' && channel === 'WEBSOCKET' && incomingCallNotificationMode === 'push-channel-only') {
      this.logger.debug('incoming call notification dropped: push-channel-only mode');
      return false;
    }
    this.logger.debug(`notification ${notification.eventType} (${channel})`, { eventId: notification.eventId });
    const targets = [...(this.handlers.get(notification.eventType) ?? []), ...(this.handlers.get('*') ?? [])];
    for (const handler of targets) {
      try {
        handler(notification, channel);
      } catch (error) {
        this.logger.error(`notification handler for "${notification.eventType}" threw; others are unaffected`, error);
      }
    }
    return true;
  }

  /** Forgets every handler. */
  clear(): void {
    this.handlers.clear();
  }
}
