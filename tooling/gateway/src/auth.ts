/**
 * Request authentication (§1.3): Basic (username or authname), Bearer, access token (`token`
 * query), HMAC (`x-token`) and `x-session`. Failures follow §1.7/§1.8: 401 + statusCode 4
 * (bad credentials) or 61 (unknown token / session), 403 + 65 (expired token), 403 + 27
 * (another user's resources).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { HttpError } from './http';
import type { TokenStore } from './tokens';
import type { UserRecord } from './types';
import type { UserDirectory } from './users';

/** How a request authenticated. */
export type AuthMode = 'basic' | 'bearer' | 'access' | 'hmac' | 'session';

/** A successful authentication. */
export interface AuthResult {
  user: UserRecord;
  mode: AuthMode;
  /** The subscription identified by `x-session`, if any. */
  sessionSubscriptionId?: string;
  /**
   * True when the `x-session` id belongs to a subscription that has ended: the request must be
   * refused (the router answers {@link endedSession}, or the route's own answer).
   */
  sessionEnded?: boolean;
}

/** Resolves `x-session` values to their user and subscription (`ended` once it is gone). */
export type SessionLookup = (sessionId: string) => { username: string; subscriptionId: string; ended: boolean } | undefined;

/** The HMAC token of §1.3 for a user: hex HMAC-SHA1 over the token request JSON. */
export function hmacToken(username: string, key: string): string {
  const at = username.lastIndexOf('@');
  const payload = JSON.stringify({
    authenticationTokenRequest: { subscriberId: username.slice(0, at), organizationId: username.slice(at + 1) },
  });
  return createHmac('sha1', key).update(payload).digest('hex');
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const badCredentials = () => new HttpError(401, 4, 'Invalid credentials');
const unknownToken = () => new HttpError(401, 61, 'Invalid or unknown token');
const expiredToken = () => new HttpError(403, 65, 'Token expired');

/** The answer to an `x-session` id whose subscription has ended: 403 + 65, expired (§1.8, §1.11). */
export const endedSession = (): HttpError => new HttpError(403, 65, 'Session expired: its subscription has ended');

/** Authenticates requests against the user table and the token store. */
export class Authenticator {
  constructor(
    private readonly users: UserDirectory,
    private readonly tokens: TokenStore,
    private readonly sessions: SessionLookup,
  ) {}

  /** Verifies a token of `kind`; throws the protocol's 401/403 on failure. */
  tokenUser(token: string, kind: 'bearer' | 'access'): UserRecord {
    const check = this.tokens.check(token, kind);
    if (!check.ok) throw check.reason === 'expired' ? expiredToken() : unknownToken();
    const user = this.users.find(check.username);
    if (!user) throw unknownToken();
    return user;
  }

  /**
   * Authenticates `req` for the resources of `pathUserId` (the decoded `{userId}` segment);
   * throws an HttpError on failure.
   */
  authenticate(req: IncomingMessage, query: URLSearchParams, pathUserId: string): AuthResult {
    const result = this.identify(req, query, pathUserId);
    const pathUser = this.users.find(pathUserId);
    if (!pathUser || pathUser !== result.user) {
      throw new HttpError(403, 27, 'Not allowed to access resources of another user');
    }
    return result;
  }

  private identify(req: IncomingMessage, query: URLSearchParams, pathUserId: string): AuthResult {
    const authorization = req.headers.authorization;
    if (typeof authorization === 'string' && authorization) {
      const [scheme, value = ''] = authorization.trim().split(/\s+/, 2);
      if (/^basic$/i.test(scheme)) return { user: this.basic(value), mode: 'basic' };
      if (/^bearer$/i.test(scheme)) return { user: this.tokenUser(value, 'bearer'), mode: 'bearer' };
      throw badCredentials();
    }
    const session = header(req, 'x-session');
    if (session) {
      const found = this.sessions(session);
      const user = found && this.users.find(found.username);
      if (!found || !user) throw unknownToken();
      return { user, mode: 'session', sessionSubscriptionId: found.subscriptionId, sessionEnded: found.ended };
    }
    const xToken = header(req, 'x-token');
    if (xToken) return { user: this.hmac(xToken, pathUserId), mode: 'hmac' };
    const token = query.get('token');
    if (token) return { user: this.tokenUser(token, 'access'), mode: 'access' };
    throw new HttpError(401, 4, 'Authentication required');
  }

  private basic(value: string): UserRecord {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) throw badCredentials();
    const name = decoded.slice(0, colon);
    const password = decoded.slice(colon + 1);
    const user = this.users.find(name) ?? this.users.findByAuthname(name);
    if (!user || !safeEqual(user.password, password)) throw badCredentials();
    return user;
  }

  private hmac(token: string, pathUserId: string): UserRecord {
    const user = this.users.find(pathUserId);
    if (!user || !user.hmacKey) throw badCredentials();
    if (!safeEqual(hmacToken(user.username, user.hmacKey), token.trim().toLowerCase())) throw badCredentials();
    return user;
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return typeof v === 'string' && v ? v : undefined;
}
