/**
 * The presence backend extension point: where presence is published and watched. The plugin
 * contributes the Link adapter (protocol §7) as its fallback; another gateway contributes its own.
 */
import { defineExtensionPoint, type Logger } from '@switchboard/core';
import type { LinkTransport, NotificationRegistry } from '@switchboard/connectivity';

/** A presence update for a user, as the backend delivers it. @public */
export interface PresenceUpdate {
  /** The user, exactly as the client wrote it in its watch or get request. */
  userId: string;
  /** The status (passed through). */
  status: string;
  /** The activity (passed through). */
  activity: string;
  /** The note (`""` when none). */
  note: string;
}

/**
 * Presence operations. Every method rejects with a BasicError (`PRESENCE_REQUEST_FAILED` for a
 * refusal, the transport's `NETWORK_ERROR` otherwise).
 * @public
 */
export interface PresenceBackend {
  /** Adapter name, for logs. */
  readonly name: string;
  /** Publishes this user's presence. */
  update(status: string, activity: string, note: string): Promise<void>;
  /** Starts watching the users (their current presence follows through the sink). */
  watch(userIds: readonly string[]): Promise<void>;
  /** Stops watching the users. */
  unwatch(userIds: readonly string[]): Promise<void>;
  /** Asks once for the users' current presence (it follows through the sink). */
  fetch(userIds: readonly string[]): Promise<void>;
  /** Sets where presence updates go; malformed ones are the backend's to log and drop. Returns a remover. */
  onUpdate(sink: (update: PresenceUpdate) => void): () => void;
}

/** What a presence backend factory receives. @public */
export interface PresenceBackendContext {
  /** The connectivity plugin's Link transport. */
  transport: LinkTransport;
  /** The connectivity plugin's notification registry. */
  notifications: NotificationRegistry;
  /** The presence plugin's logger. */
  logger: Logger;
}

/** Creates a presence backend for one client. @public */
export type PresenceBackendFactory = (context: PresenceBackendContext) => PresenceBackend;

/** The presence backend extension point (id `presence.backend`). @public */
export const presenceBackendExtensionPoint = defineExtensionPoint<PresenceBackendFactory>('presence.backend');
