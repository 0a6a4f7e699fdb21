/** The presence events (seed 000 `presence:*`), merged into core's `SdkEventMap`. */
import { eventNames, type BasicError } from '@switchboard/core';
import type { PresenceChangeEvent } from './types';

/** `presence:subscribe` / `presence:unsubscribe` payload. @public */
export interface PresenceSubscriptionEvent {
  /** The users whose watching started (or stopped). */
  userIds: string[];
}

/** `presence:error` payload. @public */
export interface PresenceErrorEvent {
  /** The error of the failed operation. */
  error: BasicError;
}

/** The presence plugin's events. @public */
export interface PresenceEventMap {
  /** A watched or fetched user's presence arrived or changed: read it with `presence.get(userId)`. */
  'presence:change': [params: PresenceChangeEvent];
  /** This user's presence changed: read it with `presence.getSelf()`. */
  'presence:selfChange': [];
  /** Watching the users took effect. */
  'presence:subscribe': [params: PresenceSubscriptionEvent];
  /** Watching the users stopped. */
  'presence:unsubscribe': [params: PresenceSubscriptionEvent];
  /** A presence operation failed. */
  'presence:error': [params: PresenceErrorEvent];
}

declare module '@switchboard/core' {
  interface SdkEventMap extends PresenceEventMap {}
}

/** Every event the presence plugin emits. @public */
export const presenceEvents = /* @__PURE__ */ eventNames<PresenceEventMap>()({
  'presence:change': true,
  'presence:selfChange': true,
  'presence:subscribe': true,
  'presence:unsubscribe': true,
  'presence:error': true,
});
