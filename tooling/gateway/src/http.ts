/** HTTP helpers: errors in the protocol's wrapper shape (§1.5, §1.7), CORS (§1.10), early answers, JSON bodies. */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Maximum accepted request body (larger: 413). */
export const MAX_BODY_BYTES = 1_000_000;

/**
 * An error answered in the protocol's error shape: `{ <wrapper>: { statusCode, reason } }`, or a
 * top-level `{ statusCode, reason }` when the route has no wrapper.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly statusCode: number,
    reason: string,
    readonly headers: Record<string, string> = {},
    readonly extra: Record<string, unknown> = {},
  ) {
    super(reason);
  }
}

/** The CORS headers of §1.10 for a request from `origin`. */
export function corsHeaders(origin: string | undefined): Record<string, string> {
  return {
    'Access-Control-Allow-Origin': typeof origin === 'string' && origin ? origin : '*',
    Vary: 'Origin',
    'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE, OPTIONS',
    'Access-Control-Allow-Headers': 'Authorization, Content-Type, Accept, X-Cpaas-Agent, x-token, x-session',
    'Access-Control-Expose-Headers': 'Retry-After',
    'Access-Control-Max-Age': '600',
  };
}

/** `Content-Type` of every JSON answer (also on 204, §1.6). */
export const JSON_TYPE = 'application/json; charset=utf-8';

/** The error body for `err` under `wrapper` (or top-level when `wrapper` is null). */
export function errorBody(wrapper: string | null, err: HttpError): Record<string, unknown> {
  const inner = { statusCode: err.statusCode, reason: err.message, ...err.extra };
  return wrapper ? { [wrapper]: inner } : inner;
}

/** How long, at most, a connection answered before its body arrived keeps reading (and discarding) it. */
const LINGER_MS = 5_000;

/**
 * Prepares `res` to be sent while the client may still be sending its body (an early 401, 413,
 * 400…): the response says `Connection: close`, and once it is flushed the gateway half-closes the
 * socket and keeps discarding the body until the client closes (at most {@link LINGER_MS}), instead
 * of resetting a connection the client is still writing to (which it sees as EPIPE/ECONNRESET
 * before it can read the response). Does nothing when the body is already complete, or there is none.
 */
export function closeAfterResponse(req: IncomingMessage, res: ServerResponse): void {
  const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  if (req.complete || !hasBody) return;
  if (!res.headersSent) res.setHeader('Connection', 'close');
  const socket = req.socket;
  // Node ends a `Connection: close` response with socket.destroySoon(): destroy once written.
  socket.destroySoon = function lingeringClose(this: typeof socket) {
    this.end();
    const timer = setTimeout(() => this.destroy(), LINGER_MS);
    timer.unref();
    this.once('close', () => clearTimeout(timer));
  };
}

/** Strict UTF-8 (§1.5: bodies are UTF-8 JSON text): invalid bytes are an error, not U+FFFD. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** A request body as text; 400 + 5 when it is not valid UTF-8. */
export function decodeBody(body: Buffer): string {
  try {
    return UTF8.decode(body);
  } catch {
    throw new HttpError(400, 5, 'Request body is not valid UTF-8');
  }
}

/** Parses a JSON body; '' → undefined; malformed → HttpError 400 (statusCode 5). */
export function parseJson(text: string): unknown {
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 5, 'Malformed JSON body');
  }
}

/** The request target as a URL; undefined when it cannot be parsed (e.g. `//[`). */
export function parseUrl(target: string | undefined): URL | undefined {
  try {
    return new URL(target ?? '/', 'http://gateway.invalid');
  } catch {
    return undefined;
  }
}
