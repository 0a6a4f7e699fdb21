/**
 * Login throttling with `@fastify/rate-limit`: failed logins (Basic, `x-token`) are counted per
 * login name and per client address in a fixed window. Once a count reaches its limit, every
 * login attempt of that name (or from that address) is answered 429 + `Retry-After` in the
 * route's error wrapper (statusCode 63, "account locked") until the window passes, the right
 * password included, without checking the credentials. Requests with a token or `x-session` are
 * not throttled: sessions already established keep working.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError } from './http';

/** The statusCode of a throttled login: "account locked" (§1.11), not a credential problem. */
export const THROTTLED_STATUS_CODE = 63;

const kLogin = Symbol('login name');

type Limiter = ReturnType<FastifyInstance['createRateLimit']>;

/** The login name a request authenticates with (Basic user name, or the path user for `x-token`), if any. */
export function loginNameOf(req: FastifyRequest, pathUserId: string): string | undefined {
  const authorization = req.headers.authorization;
  if (typeof authorization === 'string' && authorization) {
    const [scheme, value = ''] = authorization.trim().split(/\s+/, 2);
    if (!/^basic$/i.test(scheme)) return undefined;
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return (colon < 0 ? decoded : decoded.slice(0, colon)).toLowerCase();
  }
  if (req.headers['x-session']) return undefined;
  const xToken = req.headers['x-token'];
  return typeof xToken === 'string' && xToken ? pathUserId.toLowerCase() : undefined;
}

/** Counts failed logins and refuses throttled ones. */
export class LoginThrottle {
  private readonly byUser: Limiter;
  private readonly byAddress: Limiter;

  constructor(app: FastifyInstance, perUser: number, perAddress: number, windowMs: number) {
    this.byUser = app.createRateLimit({
      max: perUser,
      timeWindow: windowMs,
      keyGenerator: (req) => `user:${(req as unknown as Record<symbol, string>)[kLogin]}`,
    });
    this.byAddress = app.createRateLimit({ max: perAddress, timeWindow: windowMs, keyGenerator: (req) => `ip:${req.ip}` });
  }

  /** Throws the 429 when `login` (or the request's address) is throttled; remembers `login` for {@link failed}. */
  async check(req: FastifyRequest, login: string): Promise<void> {
    (req as unknown as Record<symbol, string>)[kLogin] = login;
    for (const limiter of [this.byUser, this.byAddress]) {
      const state = await limiter(req, { increment: false });
      if (!state.isAllowed && state.remaining === 0) {
        const seconds = String(Math.max(1, state.ttlInSeconds));
        throw new HttpError(429, THROTTLED_STATUS_CODE, `Too many failed logins; retry after ${seconds} s`, { 'Retry-After': seconds });
      }
    }
  }

  /** Counts one failed login of the request checked with {@link check}. */
  async failed(req: FastifyRequest): Promise<void> {
    await this.byUser(req);
    await this.byAddress(req);
  }
}
