/**
 * TURN credentials (protocol §2.2 `turnCredentials`) in the shared-secret scheme of the TURN REST
 * API that coturn verifies with `use-auth-secret` / `static-auth-secret`: the username is
 * `<expiry unix time>:<user>` and the password is base64(HMAC-SHA1(secret, username)). coturn
 * recomputes the password from the username and refuses a username whose expiry has passed.
 */
import { createHmac } from 'node:crypto';

/** The `turnCredentials` member of `subscriptionParams` (§2.2). */
export interface TurnCredentials {
  username: string;
  password: string;
}

/** Resolved TURN settings of a gateway. */
export interface TurnSettings {
  /** The TURN server URLs the credentials are for (never sent on the wire, §2.2: the application configures them). */
  urls: string[];
  /** The shared secret (coturn's `static-auth-secret`). */
  secret: string;
  /** How long handed-out credentials are valid, in seconds. */
  ttlSeconds: number;
}

/** The default lifetime of handed-out credentials: one day, as the TURN REST API draft recommends. */
export const DEFAULT_TURN_TTL_SECONDS = 86_400;

/** The secret used when none is configured (development only; it is public). */
export const DEV_TURN_SECRET = 'switchboard-dev-turn-secret';

/** Credentials for `user` valid until `expiresAtSeconds` (unix time, seconds) under `secret`. */
export function turnCredentials(secret: string, user: string, expiresAtSeconds: number): TurnCredentials {
  const username = `${Math.floor(expiresAtSeconds)}:${user}`;
  return { username, password: createHmac('sha1', secret).update(username).digest('base64') };
}

/** Chromium 110+ rules (seed 000 IceServer): a TURN URL takes only a `transport` query. */
const TURN_URL = /^turns?:[^?\s]+(\?transport=(udp|tcp))?$/;

/** Validates the TURN options (TypeError on misuse) and applies the defaults. */
export function resolveTurn(options: { turnUrls?: unknown; turnSecret?: unknown; turnCredentialTtlSeconds?: unknown }): TurnSettings {
  const { turnUrls, turnSecret, turnCredentialTtlSeconds } = options;
  if (turnUrls !== undefined && (!Array.isArray(turnUrls) || !turnUrls.every((u) => typeof u === 'string' && TURN_URL.test(u)))) {
    throw new TypeError('gateway option turnUrls must be an array of turn:/turns: URLs (only a ?transport=udp|tcp query)');
  }
  if (turnSecret !== undefined && (typeof turnSecret !== 'string' || !turnSecret)) {
    throw new TypeError('gateway option turnSecret must be a non-empty string');
  }
  const ttl = turnCredentialTtlSeconds;
  if (ttl !== undefined && (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl <= 0)) {
    throw new TypeError('gateway option turnCredentialTtlSeconds must be a positive whole number of seconds');
  }
  return {
    urls: [...((turnUrls as string[] | undefined) ?? [])],
    secret: (turnSecret as string | undefined) ?? DEV_TURN_SECRET,
    ttlSeconds: (ttl as number | undefined) ?? DEFAULT_TURN_TTL_SECONDS,
  };
}
