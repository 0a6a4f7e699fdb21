/**
 * Connectivity's events: {@link ConnectivityEventMap} is merged into core's `SdkEventMap`, and the
 * names the plugin declares to the event bus are derived from it ({@link connectivityEvents}).
 */
import { eventNames, type BasicError } from '@switchboard/core';
import type { DisconnectReason } from './types';

/** Payload of `subscription:resub` (and its compatibility alias `auth:resub`). @public */
export interface ResubEvent {
  /** Attempt number since the last successful extension (1-based). */
  attemptNum: number;
  /** Whether this attempt failed. */
  isFailure: boolean;
  /** The error of a failed attempt. */
  error?: BasicError;
}

/** The connectivity plugin's events (event name → listener argument tuple). @public */
export interface ConnectivityEventMap {
  /** Subscription information changed; `reason` is present only when the subscription was lost unexpectedly. */
  'subscription:change': [
    params: {
      /** Why the subscription was lost; absent for a solicited change. */
      reason?: DisconnectReason;
      /** The `retryAfter` of the server's `gone` / `websocketOverridden` notification, when it has one. */
      retryAfter?: number;
    },
  ];
  /** A subscription operation failed. */
  'subscription:error': [
    params: {
      /** What failed (`authentication:N` codes). */
      error: BasicError;
    },
  ];
  /** An attempt to extend the subscription was made. */
  'subscription:resub': [params: ResubEvent];
  /** Compatibility (002): old name of `subscription:resub`. */
  'auth:resub': [params: ResubEvent];
  /** Compatibility (002): an authentication error, derived from `request:error` and `subscription:error`. */
  'auth:error': [
    params: {
      /** The authentication error. */
      error: BasicError;
    },
  ];
  /** The websocket connected or lost its connection. */
  'ws:change': [
    params: {
      /** The platform of the connection (`'link'`). */
      platform: string;
    },
  ];
  /** The push registration state changed. */
  'notifications:change': [
    params: {
      /** The push channel whose registration changed. */
      channel: string;
    },
  ];
  /** A push or notification operation failed. */
  'notifications:error': [
    params: {
      /** What failed. */
      error: BasicError;
      /** The channel concerned. */
      channel: string;
    },
  ];
}

declare module '@switchboard/core' {
  interface SdkEventMap extends ConnectivityEventMap {}
}

/** Names of the events the connectivity plugin emits (declared to the event bus), derived from {@link ConnectivityEventMap}. @public */
export const connectivityEvents = /* @__PURE__ */ eventNames<ConnectivityEventMap>()({
  'subscription:change': true,
  'subscription:error': true,
  'subscription:resub': true,
  'auth:resub': true,
  'auth:error': true,
  'ws:change': true,
  'notifications:change': true,
  'notifications:error': true,
});
