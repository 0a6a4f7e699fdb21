/** The directory events (seed 000 `directory:*`, `users:*`), merged into core's `SdkEventMap`. */
import { eventNames, type BasicError } from '@switchboard/core';
import type { User } from './types';

/** `directory:change` / `users:change` payload. @public */
export interface UsersResultEvent {
  /** The users the operation returned (copies). */
  results: User[];
}

/** `directory:error` / `users:error` payload. @public */
export interface UserErrorEvent {
  /** The error of the failed operation. */
  error: BasicError;
}

/** The user plugin's events. @public */
export interface UserEventMap {
  /** A directory search (or `fetchSelfInfo`) completed. */
  'directory:change': [params: UsersResultEvent];
  /** A directory search (or `fetchSelfInfo`) failed. */
  'directory:error': [params: UserErrorEvent];
  /** `user.fetch` loaded a user. */
  'users:change': [params: UsersResultEvent];
  /** `user.fetch` failed. */
  'users:error': [params: UserErrorEvent];
}

declare module '@switchboard/core' {
  interface SdkEventMap extends UserEventMap {}
}

/** Every event the user plugin emits. @public */
export const userEvents = /* @__PURE__ */ eventNames<UserEventMap>()({
  'directory:change': true,
  'directory:error': true,
  'users:change': true,
  'users:error': true,
});
