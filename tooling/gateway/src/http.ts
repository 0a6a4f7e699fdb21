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

/** Reads the whole request body as text (413 over 1 MB). */
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
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
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
