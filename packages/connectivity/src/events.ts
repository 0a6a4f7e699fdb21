/**
 * Connectivity's events, typed by augmenting core's `SdkEventMap`, plus the name table that the
 * plugin declares to the event bus.
 */
import type { BasicError } from '@switchboard/core';
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

declare module '@switchboard/core' {
  interface SdkEventMap {
    /** Subscription information changed; `reason` is present only when the subscription was lost unexpectedly. */
    'subscription:change': [params: { reason?: DisconnectReason; retryAfter?: number }];
    /** A subscription operation failed. */
    'subscription:error': [params: { error: BasicError }];
    /** An attempt to extend the subscription was made. */
    'subscription:resub': [params: ResubEvent];
    /** Compatibility (002): old name of `subscription:resub`. */
    'auth:resub': [params: ResubEvent];
    /** Compatibility (002): an authentication error, derived from `request:error` and `subscription:error`. */
    'auth:error': [params: { error: BasicError }];
    /** The websocket connected or lost its connection. */
    'ws:change': [params: { platform: string }];
    /** The push registration state changed. */
    'notifications:change': [params: { channel: string }];
    /** A push or notification operation failed. */
    'notifications:error': [params: { error: BasicError; channel: string }];
  }
}

/** Names of the events the connectivity plugin emits. @public */
export const connectivityEvents = Object.freeze({
  SUBSCRIPTION_CHANGE: 'subscription:change',
  SUBSCRIPTION_ERROR: 'subscription:error',
  SUBSCRIPTION_RESUB: 'subscription:resub',
  AUTH_RESUB: 'auth:resub',
  AUTH_ERROR: 'auth:error',
  WS_CHANGE: 'ws:change',
  NOTIFICATIONS_CHANGE: 'notifications:change',
  NOTIFICATIONS_ERROR: 'notifications:error',
} as const);
