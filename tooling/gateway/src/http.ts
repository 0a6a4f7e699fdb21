/** HTTP helpers: JSON responses in the protocol's wrapper shape (§1.5, §1.7), CORS (§1.10), body reading. */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Maximum accepted request body. */
const MAX_BODY_BYTES = 1_000_000;

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

/** Adds the CORS headers of §1.10 to a response. */
export function applyCors(req: IncomingMessage, res: ServerResponse): void {
  const origin = req.headers.origin;
  res.setHeader('Access-Control-Allow-Origin', typeof origin === 'string' && origin ? origin : '*');
  res.setHeader('Vary', 'Origin');
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, DELETE, OPTIONS');
  res.setHeader(
    'Access-Control-Allow-Headers',
    'Authorization, Content-Type, Accept, X-Cpaas-Agent, x-token, x-session',
  );
  res.setHeader('Access-Control-Expose-Headers', 'Retry-After');
  res.setHeader('Access-Control-Max-Age', '600');
}

/** Sends a JSON body (always with `Content-Type: application/json`). */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

/** Sends 204 No Content (still with a Content-Type, §1.6). */
export function sendNoContent(res: ServerResponse): void {
  if (res.headersSent) return;
  res.writeHead(204, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end();
}

/** The error body for `err` under `wrapper` (or top-level when `wrapper` is null). */
export function errorBody(wrapper: string | null, err: HttpError): Record<string, unknown> {
  const inner = { statusCode: err.statusCode, reason: err.message, ...err.extra };
  return wrapper ? { [wrapper]: inner } : inner;
}

/** The client closed the connection (or aborted the request) before its body was complete. */
export class ClientAbortError extends Error {
  constructor() {
    super('client aborted the request before its body was complete');
  }
}

/** How long, at most, a connection answered before its body arrived keeps reading (and discarding) it. */
const LINGER_MS = 5_000;

/**
 * Prepares `res` to be sent while the client may still be sending its body (an early 401, 413,
 * 400…): the response says `Connection: close`, and once it is flushed the gateway half-closes the
 * socket and keeps discarding the body until the client closes (at most {@link LINGER_MS}), instead
 * of resetting a connection the client is still writing to (which it sees as EPIPE/ECONNRESET
 * before it can read the response). Does nothing when the body is already complete.
 */
export function closeAfterResponse(req: IncomingMessage, res: ServerResponse): void {
  if (req.complete) return;
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

/**
 * Reads the whole request body as text (413 over 1 MB; 400 + 5 when it is not valid UTF-8;
 * {@link ClientAbortError} when the client goes away).
 */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        // Answer now; drain (and discard) the rest so the client can read the response.
        req.off('data', onData);
        req.resume();
        reject(new HttpError(413, 5, 'Request body too large', { Connection: 'close' }));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => {
      try {
        resolve(UTF8.decode(Buffer.concat(chunks)));
      } catch {
        reject(new HttpError(400, 5, 'Request body is not valid UTF-8'));
      }
    });
    // A socket closed mid-body: 'error' (Error: aborted) and/or 'close' without 'end'.
    req.on('error', () => reject(new ClientAbortError()));
    req.on('close', () => {
      if (!req.complete) reject(new ClientAbortError());
    });
  });
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
