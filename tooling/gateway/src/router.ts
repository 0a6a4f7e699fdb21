/**
 * The HTTP router: CORS, path matching (`@` raw or `%40`), authentication, JSON body parsing,
 * error bodies in the operation's wrapper, and effects (notifications) that run only after the
 * response has been written (§3.7).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { endedSession, type AuthResult, type Authenticator } from './auth';
import { ClientAbortError, HttpError, applyCors, closeAfterResponse, errorBody, parseJson, parseUrl, readBody, sendJson, sendNoContent } from './http';
import type { UserRecord } from './types';

/** What a handler returns: a status and a JSON body (no body = 204). */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
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
  handler(ctx: RequestContext): Reply | Promise<Reply>;
}

/** Fallback for paths no route matches (static files); returns false if it did not answer. */
export type Fallback = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;

const ANONYMOUS: UserRecord = { username: '', password: '' };

function splitPath(pathname: string): string[] | undefined {
  const parts = pathname.split('/').slice(1);
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  try {
    return parts.map((p) => decodeURIComponent(p));
  } catch {
    return undefined;
  }
}

function match(pattern: string[], segments: string[]): Record<string, string> | undefined {
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

/** Dispatches requests to routes. */
export class Router {
  private readonly routes: Array<Route & { pattern: string[] }> = [];

  constructor(
    private readonly authenticator: Authenticator,
    private readonly log: (line: string) => void,
    private readonly fallback?: Fallback,
  ) {}

  /** Adds routes. */
  add(routes: Route[]): void {
    for (const r of routes) this.routes.push({ ...r, pattern: r.path.split('/').slice(1) });
  }

  /** Handles one request; never throws. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let wrapper: string | null = null;
    const effects: Array<() => void> = [];
    res.once('finish', () => this.log(`${req.method} ${(req.url ?? '').split('?')[0]} -> ${res.statusCode}`));
    try {
      applyCors(req, res);
      if (req.method === 'OPTIONS') return sendNoContent(res);
      const url = parseUrl(req.url);
      const segments = url && splitPath(url.pathname);
      if (!url || !segments) throw new HttpError(400, 1004, 'Malformed path');
      const candidates = this.routes
        .map((route) => ({ route, params: match(route.pattern, segments) }))
        .filter((c): c is { route: Route & { pattern: string[] }; params: Record<string, string> } => !!c.params);
      if (!candidates.length) {
        if (this.fallback && (await this.fallback(req, res, url))) return;
        throw new HttpError(404, 42, 'Unknown resource');
      }
      const hit = candidates.find((c) => c.route.method === req.method);
      const first = hit ?? candidates[0];
      wrapper = typeof first.route.wrapper === 'function' ? first.route.wrapper(first.params) : first.route.wrapper;
      if (!hit) {
        const allow = [...new Set(candidates.map((c) => c.route.method))].join(', ');
        throw new HttpError(405, 1004, `Method ${req.method} not allowed`, { Allow: `${allow}, OPTIONS` });
      }
      const { route, params } = hit;
      const auth =
        route.auth === false
          ? { user: ANONYMOUS, mode: 'basic' as const }
          : this.authenticator.authenticate(req, url.searchParams, params.userId ?? '');
      if (auth.sessionEnded) throw (route.endedSession ?? endedSession)();
      const body = req.method === 'POST' || req.method === 'PUT' ? parseJson(await readBody(req)) : undefined;
      const ctx: RequestContext = { req, url, params, body, auth, user: auth.user, after: (e) => effects.push(e) };
      const reply = await route.handler(ctx);
      if (effects.length) {
        let ran = false;
        const run = () => {
          if (ran) return;
          ran = true;
          this.runEffects(effects);
        };
        res.once('finish', run);
        res.once('close', run);
      }
      closeAfterResponse(req, res);
      if (reply.body === undefined) {
        for (const [k, v] of Object.entries(reply.headers ?? {})) res.setHeader(k, v);
        sendNoContent(res);
      } else sendJson(res, reply.status, reply.body, reply.headers);
    } catch (err) {
      this.fail(res, wrapper, err, req);
    }
  }

  private fail(res: ServerResponse, wrapper: string | null, err: unknown, req: IncomingMessage): void {
    const path = (req.url ?? '').split('?')[0];
    if (err instanceof ClientAbortError) {
      // An ordinary event: nobody is left to answer; release the request and its socket quietly.
      this.log(`debug: client aborted ${req.method} ${path} before its body was complete`);
      req.destroy();
      res.destroy();
      return;
    }
    const httpErr =
      err instanceof HttpError ? err : new HttpError(500, 26, 'Internal server error');
    if (!(err instanceof HttpError)) {
      this.log(`BUG handling ${req.method} ${path}: ${(err as Error)?.stack ?? String(err)}`);
    }
    try {
      closeAfterResponse(req, res);
      sendJson(res, httpErr.status, errorBody(wrapper, httpErr), httpErr.headers);
    } catch (e) {
      this.log(`failed to send error response: ${(e as Error).message}`);
      res.destroy();
    }
  }

  private runEffects(effects: Array<() => void>): void {
    for (const effect of effects) {
      try {
        effect();
      } catch (err) {
        this.log(`BUG in post-response effect: ${(err as Error)?.stack ?? String(err)}`);
      }
    }
  }
}
