/**
 * The route model of the gateway's handlers (`*-routes.ts`) and its adapter into Fastify: each
 * {@link Route} becomes one Fastify route (case-insensitive literal segments, `@` raw or `%40`);
 * authentication (and login throttling) runs before the body is read, the body is read as text
 * (413 over 1 MB) and parsed as JSON, errors are answered in the operation's wrapper, and
 * effects (notifications) run only after the response has been written (§3.7). Paths that no
 * route of the method serves get 405 + `Allow` when another method serves them, else 404 + 42.
 */
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { endedSession, type AuthResult, type Authenticator } from './auth';
import { HttpError, JSON_TYPE, errorBody, parseJson, parseUrl } from './http';
import { loginNameOf, type LoginThrottle } from './login-throttle';
import type { UserRecord } from './types';
import type { UserDirectory } from './users';

/** What a handler returns: a status and a JSON body (no body = 204). */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Bytes sent as the body instead of JSON (with `headers['Content-Type']`). */
  raw?: Buffer;
}

/** Per-request context handed to handlers. */
export interface RequestContext {
  req: IncomingMessage;
  url: URL;
  params: Record<string, string>;
  body: unknown;
  /** Set for authenticated routes. */
  auth: AuthResult;
  /** The authenticated user (routes with `auth: false` get a placeholder). */
  user: UserRecord;
  /** Runs `effect` after the response has been written. */
  after(effect: () => void): void;
}

/** One route. */
export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Pattern such as `/rest/version/1/user/:userId/subscription/:subscriptionId`. */
  path: string;
  /** Wrapper key of error bodies (§1.7); null = top-level `{ statusCode, reason }`. */
  wrapper: string | null | ((params: Record<string, string>) => string | null);
  /** Whether the route needs authentication for `:userId`. @default true */
  auth?: boolean;
  /**
   * The error for a request whose `x-session` id belongs to an ended subscription.
   * @default {@link endedSession} (403 + 65)
   */
  endedSession?: () => HttpError;
  /** The body is handed to the handler as the raw bytes (a Buffer), not parsed as JSON. @default false */
  rawBody?: boolean;
  /** Largest body, in bytes (larger: 413 + 5). @default 1 MB (`MAX_BODY_BYTES`) */
  bodyLimit?: number;
  handler(ctx: RequestContext): Reply | Promise<Reply>;
}

/** What the adapter needs besides the routes. */
export interface RouteDeps {
  authenticator: Authenticator;
  throttle: LoginThrottle;
  /** Resolves login names for the throttle (one count per user, whatever the spelling). */
  users?: UserDirectory;
  log: (line: string) => void;
}

const ANONYMOUS: UserRecord = { username: '', password: '' };
const kAuth = Symbol('auth');
const kRoute = Symbol('route');

type GatewayRequest = FastifyRequest & { [kAuth]?: AuthResult };

/** The path's segments, percent-decoded; undefined when one cannot be decoded. */
export function splitPath(pathname: string): string[] | undefined {
  const parts = pathname.split('/').slice(1);
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  try {
    return parts.map((p) => decodeURIComponent(p));
  } catch {
    return undefined;
  }
}

function matches(pattern: string[], segments: string[]): Record<string, string> | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i];
    if (p.startsWith(':')) {
      if (!segments[i]) return undefined;
      params[p.slice(1)] = segments[i];
    } else if (p.toLowerCase() !== segments[i].toLowerCase()) return undefined;
  }
  return params;
}

/** The error wrapper of `route` for `params`. */
export function wrapperOf(route: Route | undefined, params: Record<string, string>): string | null {
  if (!route) return null;
  return typeof route.wrapper === 'function' ? route.wrapper(params) : route.wrapper;
}

/** The gateway route a Fastify request was routed to, if any. */
export function routeOf(request: FastifyRequest): Route | undefined {
  return (request.routeOptions.config as { [kRoute]?: Route } | undefined)?.[kRoute];
}

/** Sends a JSON body (`Content-Type: application/json`), or 204 (still with that type) without one. */
export function sendReply(reply: FastifyReply, status: number, body: unknown, headers: Record<string, string> = {}): FastifyReply {
  reply.headers(headers).header('Content-Type', JSON_TYPE).header('Cache-Control', 'no-store');
  if (body === undefined) return reply.code(204).send();
  return reply.code(status).send(JSON.stringify(body));
}

/** Sends `err` in the protocol's error shape under `wrapper`. */
export function sendError(reply: FastifyReply, wrapper: string | null, err: HttpError): FastifyReply {
  return sendReply(reply, err.status, errorBody(wrapper, err), err.headers);
}

function runEffects(effects: Array<() => void>, log: (line: string) => void): void {
  for (const effect of effects) {
    try {
      effect();
    } catch (err) {
      log(`BUG in post-response effect: ${(err as Error)?.stack ?? String(err)}`);
    }
  }
}

/** A login name as the user it names (`alice`, `Alice@Example.com` and an authname are one name), else as given. */
function canonicalLogin(login: string | undefined, users: UserDirectory | undefined): string | undefined {
  if (login === undefined || !users) return login;
  return (users.find(login) ?? users.findByAuthname(login))?.username.toLowerCase() ?? login;
}

async function authenticate(route: Route, request: GatewayRequest, deps: RouteDeps): Promise<void> {
  if (route.auth === false) {
    request[kAuth] = { user: ANONYMOUS, mode: 'basic' };
    return;
  }
  const params = request.params as Record<string, string>;
  const url = parseUrl(request.url) ?? new URL('http://gateway.invalid/');
  const login = canonicalLogin(loginNameOf(request, params.userId ?? ''), deps.users);
  if (login !== undefined) await deps.throttle.check(request, login);
  let auth: AuthResult;
  try {
    auth = deps.authenticator.authenticate(request.raw, url.searchParams, params.userId ?? '');
  } catch (err) {
    if (login !== undefined && err instanceof HttpError && err.status === 401 && err.statusCode === 4) await deps.throttle.failed(request);
    throw err;
  }
  if (auth.sessionEnded) throw (route.endedSession ?? endedSession)();
  request[kAuth] = auth;
}

async function handle(route: Route, request: GatewayRequest, reply: FastifyReply, log: RouteDeps['log']): Promise<FastifyReply> {
  const auth = request[kAuth]!;
  const method = request.method;
  const text = typeof request.body === 'string' ? request.body : '';
  const body = route.rawBody ? (Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0)) : method === 'POST' || method === 'PUT' ? parseJson(text) : undefined;
  const effects: Array<() => void> = [];
  const ctx: RequestContext = {
    req: request.raw,
    url: parseUrl(request.url)!,
    params: request.params as Record<string, string>,
    body,
    auth,
    user: auth.user,
    after: (e) => effects.push(e),
  };
  const result = await route.handler(ctx);
  if (effects.length) {
    let ran = false;
    const run = () => {
      if (ran) return;
      ran = true;
      runEffects(effects, log);
    };
    reply.raw.once('finish', run);
    reply.raw.once('close', run);
  }
  if (result.raw) return reply.headers({ 'Cache-Control': 'no-store', ...result.headers }).code(result.status).send(result.raw);
  return sendReply(reply, result.status, result.body, result.headers);
}

/** Registers `routes` into `app` (a route whose method and path are already registered is skipped: the first wins). */
export function registerRoutes(app: FastifyInstance, routes: Route[], deps: RouteDeps): void {
  const seen = new Set<string>();
  for (const route of routes) {
    const key = `${route.method} ${route.path.toLowerCase().replace(/:[^/]+/g, ':')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    app.route({
      method: route.method,
      url: route.path,
      config: { [kRoute]: route },
      ...(route.bodyLimit !== undefined && { bodyLimit: route.bodyLimit }),
      onRequest: (request, _reply) => authenticate(route, request, deps),
      handler: (request, reply) => handle(route, request, reply, deps.log),
    });
  }
}

/** Answers requests no route of their method serves: OPTIONS 204, 400 (malformed path), 405 + Allow, 404 + 42. */
export class UnroutedHandler {
  private readonly routes: Array<{ route: Route; pattern: string[] }> = [];

  /** Remembers `routes` for the 405 answer. */
  add(routes: Route[]): void {
    for (const route of routes) this.routes.push({ route, pattern: route.path.split('/').slice(1) });
  }

  /** Answers `request`. */
  answer(request: FastifyRequest, reply: FastifyReply): FastifyReply {
    if (request.method === 'OPTIONS') return sendReply(reply, 204, undefined);
    const url = parseUrl(request.url);
    const segments = url && splitPath(url.pathname);
    if (!url || !segments) return sendError(reply, null, new HttpError(400, 1004, 'Malformed path'));
    const candidates = this.routes
      .map(({ route, pattern }) => ({ route, params: matches(pattern, segments) }))
      .filter((c): c is { route: Route; params: Record<string, string> } => !!c.params);
    const others = candidates.filter((c) => c.route.method !== request.method);
    if (!candidates.length || others.length < candidates.length) {
      return sendError(reply, null, new HttpError(404, 42, 'Unknown resource'));
    }
    const allow = [...new Set(candidates.map((c) => c.route.method))].join(', ');
    const err = new HttpError(405, 1004, `Method ${request.method} not allowed`, { Allow: `${allow}, OPTIONS` });
    return sendError(reply, wrapperOf(candidates[0].route, candidates[0].params), err);
  }
}
