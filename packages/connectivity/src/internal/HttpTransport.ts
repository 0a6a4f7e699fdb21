/**
 * The Link REST transport (protocol §1) on plain `fetch`: base URL from `authentication.server`,
 * headers per §1.2, authentication per §1.3, sorted RFC 3986 query strings (§1.4), an optional
 * per-request timeout, classification per §1.6 and `request:error` on authorization failures
 * (§1.8). Never retries by itself.
 */
import { BasicError, SDK_VERSION, type AuthState, type AuthenticationConfig, type Logger } from '@switchboard/core';
import { err, invalidCredentialsError } from '../errors';
import type { LinkRequestOptions, LinkResponse, LinkTransport } from '../tokens';
import { restAuth } from './authCarriage';
import { classifyResponse, statusCodeOf, type Classified } from './classify';
import { appendQuery, buildQuery } from './query';

/** Origin of a REST server. @internal */
export interface Origin {
  protocol?: string;
  base?: string;
  port?: number | string;
}

/** What the transport needs. @internal */
export interface HttpTransportDeps {
  fetch?: typeof fetch;
  auth(): AuthState | undefined;
  server(): AuthenticationConfig['server'];
  logger: Logger;
  /** Called with a BasicError on every authorization failure (the plugin emits `request:error`). */
  onAuthFailure(error: BasicError): void;
}

/** The transport with the extras connectivity itself uses. @internal */
export interface HttpTransport extends LinkTransport {
  /** The HMAC `x-session` value, set after a successful subscribe. */
  session: string | undefined;
  /** The current credentials. */
  authState(): AuthState | undefined;
  url(path: string, origin?: Origin): string;
  /** Like `request`, optionally against another origin (the push server); keeps the classification flags. */
  requestAt<T = unknown>(origin: Origin | undefined, path: string, options?: LinkRequestOptions): Promise<Classified<T>>;
  /**
   * The generic pass-through (`request.fetch`, §15.1): prefixes the base URL, adds authentication,
   * `Content-Type` and `Accept` (the SDK's values win), no `X-Cpaas-Agent`; returns the raw response.
   */
  fetchRaw(resource: string, init?: RequestInit): Promise<Response>;
}

/** Creates the transport. @internal */
export function createTransport(deps: HttpTransportDeps): HttpTransport {
  const { logger } = deps;
  const authFailure = (statusCode: number) => deps.onAuthFailure(invalidCredentialsError(statusCode, 'AUTHORIZATION_FAILED'));

  /** Fetches `path` with base URL, authentication and JSON headers. Throws NETWORK_ERROR, or ABORTED after `timeoutMs`. */
  async function send(origin: Origin | undefined, path: string, query: Record<string, string> | undefined, init: RequestInit, timeoutMs?: number) {
    const auth = restAuth(deps.auth(), t.session);
    const url = appendQuery(t.url(path, origin), buildQuery({ ...query, ...auth.query }));
    const headers = new Headers(init.headers);
    for (const [k, v] of Object.entries({ 'Content-Type': 'application/json', Accept: 'application/json', ...auth.headers })) headers.set(k, v);
    const method = (init.method ?? 'GET').toUpperCase();
    const abort = timeoutMs ? new AbortController() : undefined;
    const timer = abort && setTimeout(() => abort.abort(), timeoutMs);
    try {
      const res = await (deps.fetch ?? fetch)(url, { ...init, method, headers, ...(abort && { signal: abort.signal }) });
      logger.debug(`${method} ${url} → ${res.status}`);
      return res;
    } catch (cause) {
      const timedOut = !!abort?.signal.aborted;
      logger.warn(`${method} ${url} failed`, cause);
      throw timedOut ? err('ABORTED', `${method} ${path} timed out`) : err('NETWORK_ERROR', `${method} ${path}: no response`, cause);
    } finally {
      clearTimeout(timer);
    }
  }

  const t: HttpTransport = {
    session: undefined,
    authState: deps.auth,
    userPath() {
      const auth = deps.auth();
      if (!auth) throw new BasicError('INVALID_CREDENTIALS', 'No credentials; call setCredentials() first.');
      return `/rest/version/1/user/${auth.username}`;
    },
    url(path, origin = deps.server() as Origin) {
      if (!origin?.base) throw new BasicError('INVALID_CONFIG', 'authentication.server.base is not configured.');
      return `${origin.protocol ?? 'https'}://${origin.base}:${origin.port ?? 443}${path[0] === '/' ? '' : '/'}${path}`;
    },
    async request(path, options) {
      const { authFailure: _a, json: _j, ...response } = await t.requestAt(undefined, path, options);
      return response as LinkResponse<never>;
    },
    async requestAt<T>(origin: Origin | undefined, path: string, o: LinkRequestOptions = {}) {
      const method = o.method ?? 'GET';
      const headers: Record<string, string> = o.agent === false ? {} : { 'X-Cpaas-Agent': `switchboard-js-sdk/${SDK_VERSION}` };
      const body = o.body === undefined || method === 'GET' || method === 'DELETE' ? undefined : JSON.stringify(o.body);
      const res = await send(origin, path, o.query, { method, headers, body, ...(o.keepalive && { keepalive: true }) }, o.timeoutMs);
      const result = await classifyResponse<T>(res, o.expectBody !== false);
      if (result.authFailure) authFailure(statusCodeOf(result.body) ?? res.status);
      return result;
    },
    async fetchRaw(resource, init = {}) {
      const res = await send(undefined, resource, undefined, init);
      const { status } = res;
      const check = status === 403 ? await classifyResponse(res.clone()) : undefined;
      if (status === 401) authFailure(401);
      else if (check?.authFailure) authFailure(statusCodeOf(check.body) ?? 403);
      return res;
    },
  };
  return t;
}
