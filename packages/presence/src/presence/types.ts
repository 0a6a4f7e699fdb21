/** Presence types: a presence record and the `client.presence` namespace (seed 000 `presence`). */
import type { activities, statuses } from './constants';

/**
 * The presence of one user (seed 000 `PresenceStatus`). Values received from the gateway are
 * passed through as sent (§17.1: the client does not validate received values).
 * @public
 */
export interface PresenceStatus {
  /** The user, exactly as the app wrote it in `subscribe` / `fetch`. */
  userId: string;
  /** `open` / `closed` (see `presence.statuses`). */
  status: string;
  /** The activity (see `presence.activities`). */
  activity: string;
  /** The note accompanying the status (`""` when none). */
  note: string;
  /** Whether a fetch or subscription for the user is still waiting for its first update. */
  loading: boolean;
}

/** `presence:change` payload (seed 000). @public */
export interface PresenceChangeEvent {
  /** The user whose presence changed. */
  userId: string;
  /** The new status. */
  status: string;
  /** The new activity. */
  activity: string;
  /** The note (`""` when none). */
  note: string;
}

/**
 * The `client.presence` namespace (seed 000 `presence`). Methods that talk to the gateway
 * return a promise that resolves when the operation is over, successful or not: a failure is
 * delivered as `presence:error` (with a coded BasicError), never as a rejection. A wrong argument
 * type throws a TypeError synchronously; a wrong value emits `presence:error` with
 * `INVALID_ARGUMENT` and sends nothing.
 * @public
 */
export interface PresenceApi {
  /** Possible status values. */
  readonly statuses: typeof statuses;
  /** Possible activity values. */
  readonly activities: typeof activities;
  /**
   * Publishes this user's presence; on success emits `presence:selfChange` (read it with
   * `getSelf()`), and the users watching this user get `presence:change`.
   * @param status one of `statuses`
   * @param activity one of `activities`
   * @param note free text (meant for `activities.OTHER`), at most 1024 bytes; sent only when non-empty
   * @throws TypeError when `status` or `activity` is not a string, or `note` is neither a string nor undefined
   */
  update(status: string, activity: string, note?: string): Promise<void>;
  /**
   * Fetches the current presence of one or more users once (`presence:change` per user as it
   * arrives). @throws TypeError when `users` is neither a string nor an array of strings
   */
  fetch(users: string | string[]): Promise<void>;
  /**
   * Watches one or more users: `presence:subscribe { userIds }` once the gateway accepted, then
   * `presence:change` on every update (the current presence first).
   * @throws TypeError as for `fetch`
   */
  subscribe(users: string | string[]): Promise<void>;
  /** Stops watching: `presence:unsubscribe { userIds }`. @throws TypeError as for `fetch` */
  unsubscribe(users: string | string[]): Promise<void>;
  /** The cached presence of one user (a copy), or undefined. @throws TypeError as for `fetch` */
  get(user: string): PresenceStatus | undefined;
  /** The cached presence of every listed user that has one (copies). @throws TypeError as for `fetch` */
  get(users: string[]): PresenceStatus[];
  /** Every cached presence (copies). */
  getAll(): PresenceStatus[];
  /**
   * This user's presence as last published by this client (a copy); `closed` / `unknown` before
   * the first `update`. During a call (with the call plugin) it shows `on-the-phone`.
   */
  getSelf(): PresenceStatus;
}
