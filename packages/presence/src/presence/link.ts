/** The `link` presence backend: Kandy Link REST v1 presence (protocol §7, §4.14). */
import type { Logger } from '@switchboard/core';
import type { LinkNotification } from '@switchboard/connectivity';
import { isObject, refused, succeeded } from '../shared';
import type { PresenceBackend, PresenceBackendContext, PresenceBackendFactory, PresenceUpdate } from './backend';

/**
 * The update a `presenceWatcher` notification carries, or undefined (logged) when it is malformed:
 * `name`, `status` and `activity` must be non-empty strings, `note` a string when present.
 * @internal
 */
export function toPresenceUpdate(notification: LinkNotification, logger: Logger): PresenceUpdate | undefined {
  const p = notification.presenceWatcherNotificationParams;
  const ok = isObject(p) && [p.name, p.status, p.activity].every((v) => typeof v === 'string' && v !== '') && (p.note === undefined || typeof p.note === 'string');
  if (!ok) {
    logger.warn('presence: dropped a malformed presenceWatcher notification', notification);
    return undefined;
  }
  return { userId: p.name as string, status: p.status as string, activity: p.activity as string, note: (p.note as string | undefined) ?? '' };
}

/** Creates the Link presence backend. @public */
export function linkPresenceBackend({ transport, notifications, logger }: PresenceBackendContext): PresenceBackend {
  const send = async (operation: string, path: string, wrapper: string, body: unknown) => {
    const res = await transport.request(`${transport.userPath()}/${path}`, { method: 'POST', body });
    if (!succeeded(res, wrapper)) throw refused('presence', 'PRESENCE_REQUEST_FAILED', operation, wrapper, res);
  };
  const watcher = (action: string) => (userIds: readonly string[]) =>
    send(`presenceWatcher ${action}`, 'presenceWatcher', 'presenceWatcherResponse', { presenceWatcherRequest: { userList: [...userIds], action } });
  return {
    name: 'link',
    update: (status, activity, note) =>
      send('presence update', 'presence', 'presenceResponse', { presenceRequest: { status, activity, ...(note ? { note } : {}) } }),
    watch: watcher('watch'),
    unwatch: watcher('stopwatch'),
    fetch: watcher('get'),
    onUpdate(sink) {
      return notifications.register('presenceWatcher', (n) => {
        const update = toPresenceUpdate(n, logger);
        if (update) sink(update);
      });
    },
  };
}

/** The default presence backend factory. @public */
export const linkPresenceBackendFactory: PresenceBackendFactory = linkPresenceBackend;
