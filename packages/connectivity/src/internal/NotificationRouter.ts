/**
 * Routes incoming notifications (websocket frames and push payloads) to the handlers registered
 * per `eventType` (`'*'` = all), after de-duplication by `eventId` (§3.7). Malformed input is
 * logged and dropped; a handler that throws is logged and never affects the others.
 */
import type { Logger } from '@switchboard/core';
import type { NotificationsConfig } from '../config';
import type { LinkNotification, NotificationChannel, NotificationHandler, NotificationRegistry } from '../tokens';

/**
 * A bounded FIFO set of recently seen ids: `add(id, capacity)` records `id` and returns false
 * when it was already present (a duplicate). `capacity` 0 disables the check.
 * @internal
 */
export function createIdCache(): (id: string, capacity: number) => boolean {
  const seen = new Set<string>();
  return (id, capacity) => {
    if (capacity <= 0) return true;
    if (seen.has(id)) return false;
    seen.add(id);
    for (const old of seen) {
      if (seen.size <= capacity) break;
      seen.delete(old);
    }
    return true;
  };
}

/**
 * The notification with its `eventId` as a string: a gateway may send a number (`7`), which must
 * de-duplicate like `"7"` and reach handlers as the string the type promises. Other id types are
 * ignored (no de-duplication), as before.
 */
function withStringId(n: LinkNotification): LinkNotification {
  const id: unknown = n.eventId;
  return typeof id === 'number' && Number.isFinite(id) ? { ...n, eventId: String(id) } : n;
}

/** @internal */
export interface NotificationRouter extends NotificationRegistry {
  /** Whether websocket notifications are processed (`notification.enableWebsocket`). */
  websocketEnabled: boolean;
  /** Handles one websocket text frame. */
  handleFrame(data: unknown): void;
  /**
   * Processes a `{ notificationMessage }` object from `channel`. Returns false (after logging)
   * when it is malformed, a duplicate or filtered out.
   */
  dispatch(envelope: object, channel: NotificationChannel): boolean;
  /** Forgets every handler. */
  clear(): void;
}

/** Creates the router. @internal */
export function createNotificationRouter(logger: Logger, config: () => Pick<NotificationsConfig, 'idCacheLength' | 'incomingCallNotificationMode'>): NotificationRouter {
  const handlers = new Map<string, Set<NotificationHandler>>();
  const isNew = createIdCache();
  const router: NotificationRouter = {
    websocketEnabled: true,
    register(eventTypes, handler) {
      const types = typeof eventTypes === 'string' ? [eventTypes] : eventTypes;
      if (!Array.isArray(types) || !types.length || !types.every((t) => typeof t === 'string' && t) || typeof handler !== 'function') {
        throw new TypeError('register(eventTypes, handler): needs event type names and a function');
      }
      for (const type of types) handlers.set(type, (handlers.get(type) ?? new Set()).add(handler));
      return () => types.forEach((type) => handlers.get(type)?.delete(handler));
    },
    handleFrame(data) {
      if (!router.websocketEnabled) return logger.debug('websocket notifications are disabled');
      let parsed: unknown;
      try {
        parsed = JSON.parse(data as string);
      } catch {
        // NOTE: reported below like any other non-object frame.
      }
      if (typeof data !== 'string' || typeof parsed !== 'object' || !parsed) return logger.warn('websocket frame dropped: not a JSON object', String(data).slice(0, 200));
      if (!('connCheck' in parsed || 'connAck' in parsed)) router.dispatch(parsed, 'WEBSOCKET');
    },
    dispatch(envelope, channel) {
      const raw = (envelope as { notificationMessage?: LinkNotification }).notificationMessage;
      const { idCacheLength, incomingCallNotificationMode } = config();
      const drop = (why: string) => (logger[why ? 'debug' : 'warn'](`notification dropped (${channel}): ${why || 'no eventType'}`), false);
      if (typeof raw !== 'object' || !raw || typeof raw.eventType !== 'string') return drop('');
      const n = withStringId(raw);
      const { eventType, eventId } = n;
      if (typeof eventId === 'string' && !isNew(eventId, idCacheLength)) return drop(`duplicate ${eventId}`);
      if (eventType === 'call' && channel === 'WEBSOCKET' && incomingCallNotificationMode === 'push-channel-only') return drop('push-channel-only');
      logger.debug(`notification ${eventType} (${channel})`, eventId);
      for (const handler of [...(handlers.get(eventType) ?? []), ...(handlers.get('*') ?? [])]) {
        try {
          handler(n, channel);
        } catch (error) {
          logger.error(`notification handler for ${eventType} threw`, error);
        }
      }
      return true;
    },
    clear: () => handlers.clear(),
  };
  return router;
}
