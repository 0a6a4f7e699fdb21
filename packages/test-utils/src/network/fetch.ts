/** A fake `fetch` that records every request and answers with scripted replies. */

/** One request seen by the fake fetch. @public */
export interface SeenRequest {
  /** The HTTP method. */
  method: string;
  /** The full URL. */
  url: string;
  /** The URL's path name. */
  path: string;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** The parsed JSON body, the raw text when it is not JSON, or undefined. */
  body: unknown;
  /** Whether it was sent with fetch's `keepalive` (to outlive its page). */
  keepalive: boolean;
}

/** A scripted reply. @public */
export interface Reply {
  /** The HTTP status. */
  status: number;
  /** Sent as JSON. */
  body?: unknown;
  /** Response headers. */
  headers?: Record<string, string>;
  /** Raw text body (overrides `body`). */
  text?: string;
}

/** Answers one request; throwing (or rejecting) makes the fetch fail like a network error. @public */
export type FetchHandler = (req: SeenRequest) => Reply | Promise<Reply>;

/** A fake fetch and what it saw. @public */
export interface FakeFetch {
  /** Pass it as `connectivityPlugin({ fetch })`. */
  fetch: typeof globalThis.fetch;
  /** Every request, in order. */
  readonly requests: SeenRequest[];
  /** The handler answering the next requests (replace it at any time). */
  handler: FetchHandler;
}

/**
 * Creates a fetch that records requests and answers with `handler`. Like the real one, it rejects
 * with a `TypeError` (network error) when the handler throws, and with the signal's reason when
 * the request is aborted before the handler's reply.
 * @example
 * ```ts
 * const net = fakeFetch((req) => (req.method === 'DELETE' ? { status: 204 } : { status: 200, body: {} }))
 * connectivityPlugin({ fetch: net.fetch })
 * ```
 * @public
 */
export function fakeFetch(handler: FetchHandler = () => ({ status: 200, body: {} })): FakeFetch {
  const requests: SeenRequest[] = [];
  const fake: FakeFetch = {
    requests,
    handler,
    fetch: (async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
      const request = input instanceof Request ? input : new Request(input, init);
      const text = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
      const headers: Record<string, string> = {};
      request.headers.forEach((v, k) => (headers[k] = v));
      const seen: SeenRequest = { method: request.method, url: request.url, path: new URL(request.url).pathname, headers, body: parse(text), keepalive: request.keepalive };
      requests.push(seen);
      const reply = await answer(fake.handler, seen, request.signal);
      const body = reply.text ?? (reply.body === undefined ? null : JSON.stringify(reply.body));
      const contentType = reply.text !== undefined ? 'text/plain' : 'application/json';
      const empty = reply.status === 204 || reply.status === 304;
      return new Response(empty ? null : body, { status: reply.status, headers: { 'content-type': contentType, ...reply.headers } });
    }) as typeof globalThis.fetch,
  };
  return fake;
}

/** Runs the handler; rejects like fetch when it throws (TypeError) or when the request is aborted first (its reason). */
function answer(handler: FetchHandler, seen: SeenRequest, signal: AbortSignal): Promise<Reply> {
  return new Promise<Reply>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    Promise.resolve()
      .then(() => handler(seen))
      .then(resolve, (cause: unknown) => reject(new TypeError('fetch failed', { cause })))
      .finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function parse(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
