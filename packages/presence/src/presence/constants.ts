/** Presence constants: `presence.statuses` and `presence.activities` (protocol §17.1 wire values). */

/** Possible status values (seed 000 `presence.statuses`). @public */
export const statuses = Object.freeze({
  /** Available to communicate; set by the gateway when the user subscribes with `Presence`. */
  OPEN: 'open',
  /** Not available. */
  CLOSED: 'closed',
} as const);

/**
 * Possible activity values (seed 000 `presence.activities`). `AVAILABLE` is the wire value
 * `active` (§17.1). `OTHER` is the activity that goes with a `note`; the seed's text calls it
 * `ACTIVITIES_OTHER` without listing it, so that name is offered too, with the same value. @public
 */
export const activities = Object.freeze({
  /** Available (wire `active`). */
  AVAILABLE: 'active',
  /** Idle. */
  IDLE: 'idle',
  /** Away. */
  AWAY: 'away',
  /** Out for lunch. */
  LUNCH: 'lunch',
  /** Busy. */
  BUSY: 'busy',
  /** On vacation. */
  VACATION: 'vacation',
  /** In a call: the presence plugin publishes it while a call is connected (call plugin installed). */
  ON_THE_PHONE: 'on-the-phone',
  /** Unknown (what a user who never published shows). */
  UNKNOWN: 'unknown',
  /** Something else, described by the `note`. */
  OTHER: 'other',
  /** The name the seed's text gives the activity that goes with a `note`: the same value as `OTHER`. */
  ACTIVITIES_OTHER: 'other',
} as const);

/** A status value. @public */
export type PresenceStatusValue = (typeof statuses)[keyof typeof statuses];
/** An activity value. @public */
export type PresenceActivity = (typeof activities)[keyof typeof activities];

/** Longest `note` the gateway accepts (bytes of UTF-8). @internal */
export const MAX_NOTE_BYTES = 1024;
