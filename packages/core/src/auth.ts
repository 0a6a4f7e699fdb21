/**
 * Credentials and tokens (seed 000 `setCredentials`, `updateToken`, `getUserInfo`). Core only
 * stores them and says which authentication mode applies; the Link transport in
 * `@switchboard/connectivity` carries them on the wire (protocol §1.3).
 */
import { BasicError } from './errors';

/** Username + password (+ optional authname) credentials. @public */
export interface PasswordCredentials {
  /** The username including the application's domain. */
  username: string;
  /** The user's password. */
  password: string;
  /** The user's authorization name. */
  authname?: string;
}
/** Username + HMAC token credentials. @public */
export interface HmacCredentials {
  /** The username including the application's domain. */
  username: string;
  /** An HMAC-SHA1 token for the user. */
  hmacToken: string;
}
/** Username + bearer access token credentials. @public */
export interface BearerCredentials {
  /** The username including the application's domain. */
  username: string;
  /** A bearer access token provided by an outside service. */
  bearerAccessToken: string;
}
/** Username + access token ("CIM" token) credentials. @public */
export interface AccessTokenCredentials {
  /** The username including the application's domain. */
  username: string;
  /** An access token retrieved with the platform's authentication APIs. */
  accessToken: string;
}
/** Any credentials accepted by `setCredentials`. @public */
export type Credentials = PasswordCredentials | HmacCredentials | BearerCredentials | AccessTokenCredentials;
/** Token credentials accepted by `updateToken`. @public */
export type TokenUpdate = BearerCredentials | AccessTokenCredentials;

/** The authentication mode chosen from the credentials (protocol §1.3 precedence). @public */
export type AuthMode = 'hmac' | 'accessToken' | 'authname' | 'bearer' | 'password';

/** The stored authentication state. @public */
export interface AuthState {
  /** The mode the credentials select. */
  readonly mode: AuthMode;
  /** The username including the application's domain. */
  readonly username: string;
  /** The password (password and authname modes). */
  readonly password?: string;
  /** The authorization name (authname mode). */
  readonly authname?: string;
  /** The HMAC token (hmac mode). */
  readonly hmacToken?: string;
  /** The bearer access token (bearer mode). */
  readonly bearerAccessToken?: string;
  /** The access token (accessToken mode). */
  readonly accessToken?: string;
}

const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/** Chooses the mode by the documented precedence: HMAC → access token → authname → bearer → password. */
function modeOf(c: Record<string, unknown>): AuthMode | undefined {
  if (nonEmpty(c.hmacToken)) return 'hmac';
  if (nonEmpty(c.accessToken)) return 'accessToken';
  if (nonEmpty(c.authname) && nonEmpty(c.password)) return 'authname';
  if (nonEmpty(c.bearerAccessToken)) return 'bearer';
  if (nonEmpty(c.password)) return 'password';
  return undefined;
}

/**
 * Holds the current credentials.
 * @internal
 */
export class AuthManager {
  private state: AuthState | undefined;

  constructor(private readonly onChange: () => void) {}

  /** Sets credentials (any of the four variants). Throws TypeError/BasicError on bad input. */
  setCredentials(credentials: unknown): void {
    const c = this.check('setCredentials', credentials);
    const mode = modeOf(c);
    if (!mode) {
      throw new BasicError(
        'INVALID_CREDENTIALS',
        'setCredentials(): provide one of password, hmacToken, bearerAccessToken or accessToken (a non-empty string).',
      );
    }
    const pick = (k: string) => (nonEmpty(c[k]) ? (c[k] as string) : undefined);
    this.state = Object.freeze({
      mode,
      username: c.username as string,
      password: pick('password'),
      authname: pick('authname'),
      hmacToken: pick('hmacToken'),
      bearerAccessToken: pick('bearerAccessToken'),
      accessToken: pick('accessToken'),
    });
    this.onChange();
  }

  /** Replaces the bearer or access token without disconnecting. */
  updateToken(credentials: unknown): void {
    const c = this.check('updateToken', credentials);
    const bearer = nonEmpty(c.bearerAccessToken) ? c.bearerAccessToken : undefined;
    const access = nonEmpty(c.accessToken) ? c.accessToken : undefined;
    if (!bearer && !access) {
      throw new BasicError('INVALID_CREDENTIALS', 'updateToken(): provide bearerAccessToken or accessToken (a non-empty string).');
    }
    const prev = this.state;
    const mode: AuthMode = access ? 'accessToken' : 'bearer';
    if (prev?.mode !== mode) {
      // A token can only replace a token of the same kind set with setCredentials (no silent mode switch).
      throw new BasicError('INVALID_CREDENTIALS', `updateToken(): the current credentials use ${prev?.mode ?? 'nothing'}, not ${mode}.`);
    }
    this.state = Object.freeze({ ...prev, mode, username: c.username as string, bearerAccessToken: bearer, accessToken: access });
    this.onChange();
  }

  /** The current credentials, or undefined. */
  get(): AuthState | undefined {
    return this.state;
  }

  /** `{ username, token }` of the current user (seed 000 `getUserInfo`). */
  getUserInfo(): { username?: string; token?: string } {
    const s = this.state;
    return { username: s?.username, token: s?.accessToken ?? s?.bearerAccessToken ?? s?.hmacToken };
  }

  /** Forgets the credentials. */
  clear(): void {
    this.state = undefined;
  }

  private check(method: string, credentials: unknown): Record<string, unknown> {
    if (typeof credentials !== 'object' || credentials === null || Array.isArray(credentials)) {
      throw new TypeError(`${method}(credentials): credentials must be an object`);
    }
    const c = credentials as Record<string, unknown>;
    for (const k of ['username', 'password', 'authname', 'hmacToken', 'bearerAccessToken', 'accessToken']) {
      if (c[k] !== undefined && typeof c[k] !== 'string') throw new TypeError(`${method}(credentials): credentials.${k} must be a string`);
    }
    if (!nonEmpty(c.username)) throw new BasicError('INVALID_CREDENTIALS', `${method}(): username must be a non-empty string.`);
    return c;
  }
}
