/**
 * The Link REST transport (protocol §1) on ky: base URL from `authentication.server`, headers
 * per §1.2, authentication per §1.3, sorted RFC 3986 query strings (§1.4), classification per
 * §1.6 and `request:error` on authorization failures (§1.8). Never retries by itself.
 */
import ky from 'ky';
import { BasicError, SDK_VERSION, type AuthState, type AuthenticationConfig, type Logger } from '@switchboard/core';
import type { LinkRequestOptions, LinkResponse, LinkTransport } from '../tokens';
import { restAuth } from './authCarriage';
import { classifyResponse, isAuthFailure, statusCodeOf, type Classified } from './classify';
import { appendQuery, buildQuery } from './query';

/** The `X-Cpaas-Agent` value. */
export const AGENT = `switchboard-js-sdk/${SDK_VERSION}`;

/** Origin of a REST server. @internal */
export interface Origin {
  protocol: string;
  base?: string;
  port: number | string;
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

/** @internal */
export class HttpTransport implements LinkTransport {
  /** The HMAC `x-session` value, set after a successful subscribe. */
  session: string | undefined;
  private readonly http: typeof ky;

  constructor(private readonly deps: HttpTransportDeps) {
    const fetchFn = deps.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
    this.http = ky.create({ retry: 0, throwHttpErrors: false, timeout: false, fetch: fetchFn });
  }

  /** The current credentials. */
  authState(): AuthState | undefined {
    return this.deps.auth();
  }

  userPath(): string {
    const auth = this.deps.auth();
    if (!auth) throw new BasicError('INVALID_CREDENTIALS', 'No credentials are set; call setCredentials() first.');
    return `/rest/version/1/user/${auth.username}`;
  }

  url(path: string, origin?: Origin): string {
    const s = origin ?? (this.deps.server() as Origin);
    if (!s?.base) throw new BasicError('INVALID_CONFIG', 'authentication.server.base is not configured.');
    return `${s.protocol ?? 'https'}://${s.base}:${s.port ?? 443}${path.startsWith('/') ? '' : '/'}${path}`;
  }

  async request<T = unknown>(path: string, options: LinkRequestOptions = {}): Promise<LinkResponse<T>> {
    const { authFailure: _a, json: _j, ...response } = await this.requestAt<T>(undefined, path, options);
    return response;
  }

  /** Like `request`, optionally against another origin (the push server); keeps the classification flags. */
  async requestAt<T = unknown>(origin: Origin | undefined, path: string, options: LinkRequestOptions = {}): Promise<Classified<T>> {
    const method = options.method ?? 'GET';
    const auth = restAuth(this.deps.auth(), this.session);
    const url = appendQuery(this.url(path, origin), buildQuery({ ...options.query, ...auth.query }));
    const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json', ...auth.headers };
    if (options.agent !== false) headers['X-Cpaas-Agent'] = AGENT;
    this.deps.logger.debug(`request() | ${method} ${url}`);
    let res: Response;
    try {
      res = await this.http(url, {
        method,
        headers,
        body: options.body === undefined || method === 'GET' || method === 'DELETE' ? undefined : JSON.stringify(options.body),
        timeout: options.timeoutMs ?? false,
      });
    } catch (error) {
      const timedOut = (error as Error)?.name === 'TimeoutError';
      this.deps.logger.warn(`request() | ${method} ${url} failed: ${timedOut ? 'timeout' : 'no response'}`);
      throw timedOut
        ? new BasicError('ABORTED', `${method} ${path} timed out after ${options.timeoutMs} ms`, { pluginId: 'connectivity' })
        : new BasicError('NETWORK_ERROR', `${method} ${path}: no response from the server`, { cause: error, pluginId: 'connectivity' });
    }
    const result = await classifyResponse<T>(res, options.expectBody !== false);
    this.deps.logger.debug(`request() | ${method} ${url} → ${res.status}`);
    if (result.authFailure) this.authFailure(statusCodeOf(result.body) ?? res.status);
    return result;
  }

  /**
   * The generic pass-through (`request.fetch`, §15.1): prefixes the base URL, adds authentication,
   * `Content-Type` and `Accept` (the SDK's values win), no `X-Cpaas-Agent`; returns the raw response.
   */
  async fetchRaw(resource: string, init: RequestInit = {}): Promise<Response> {
    const auth = restAuth(this.deps.auth(), this.session);
    const url = appendQuery(this.url(resource), buildQuery(auth.query));
    const headers = new Headers(init.headers);
    headers.set('Content-Type', 'application/json');
    headers.set('Accept', 'application/json');
    for (const [k, v] of Object.entries(auth.headers)) headers.set(k, v);
    const method = (init.method ?? 'GET').toUpperCase();
    this.deps.logger.debug(`request.fetch() | ${method} ${url}`);
    let res: Response;
    try {
      res = await this.http(url, { ...init, method, headers, timeout: false, retry: 0, throwHttpErrors: false });
    } catch (error) {
      this.deps.logger.warn(`request.fetch() | ${method} ${url} failed`, error);
      throw new BasicError('NETWORK_ERROR', `${method} ${resource}: no response from the server`, { cause: error, pluginId: 'connectivity' });
    }
    this.deps.logger.debug(`request.fetch() | ${method} ${url} → ${res.status}`);
    const check = await isAuthFailure(res);
    if (check.failure) this.authFailure(check.statusCode ?? res.status);
    return res;
  }

  private authFailure(statusCode: number): void {
    this.deps.onAuthFailure(
      new BasicError('AUTHORIZATION_FAILED', `Authorization failed with server. Please check credentials. Status code: ${statusCode}`, {
        pluginId: 'connectivity',
      }),
    );
  }
}
