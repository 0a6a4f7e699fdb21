/** Response classification per protocol §1.6–§1.8. */
import type { LinkResponse } from '../tokens';
import { err } from '../errors';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? +v : undefined);
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** `key` read with `read` at the top level, else in the first wrapper object where it is valid. */
function member<T>(body: unknown, key: string, read: (v: unknown) => T | undefined): T | undefined {
  if (!isObject(body)) return undefined;
  for (const o of [body, ...Object.values(body)]) {
    const v = isObject(o) ? read(o[key]) : undefined;
    if (v !== undefined) return v;
  }
  return undefined;
}

/** The in-body `statusCode`: top level, or inside the first wrapper that has one. @internal */
export const statusCodeOf = (body: unknown): number | undefined => member(body, 'statusCode', num);

/** `Retry-After` in seconds (delta-seconds or an HTTP-date), or undefined. @internal */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  const t = header?.trim();
  if (!t) return undefined;
  const seconds = t.endsWith(' GMT') ? (Date.parse(t) - now) / 1000 : +t;
  return Number.isFinite(seconds) ? seconds : undefined;
}

/** A classified response plus whether it is a credential problem. @internal */
export interface Classified<T = unknown> extends LinkResponse<T> {
  authFailure: boolean;
  /** Whether the body was valid JSON (503 retry information requires it, §1.9). */
  json: boolean;
}

/** Reads and classifies a fetch response. Never throws. @internal */
export async function classifyResponse<T = unknown>(res: Response, expectBody = true): Promise<Classified<T>> {
  const { status, headers } = res;
  const ok = status >= 200 && status < 300;
  let body: Record<string, unknown> = {};
  let json = false;
  const html = status === 403 && /html/i.test(headers.get('content-type') ?? '');
  if (!html && status !== 204 && (expectBody || !ok)) {
    try {
      const parsed: unknown = JSON.parse(await res.text());
      if (typeof parsed === 'object' && parsed) [body, json] = [parsed as Record<string, unknown>, true];
    } catch {
      // NOTE: a missing or non-JSON body is treated as `{}` (§1.6); the operation decides whether that is a failure.
    }
  }
  const statusCode = statusCodeOf(body);
  // 401, an HTML 403, or a 403 with statusCode 4/27/61/65 is a credential problem (§1.8).
  const authFailure = status === 401 || html || (status === 403 && [4, 27, 61, 65].includes(statusCode!));
  const result: Classified<T> = { ok, status, body: body as T, authFailure, json };
  const retryAfter = parseRetryAfter(headers.get('retry-after'));
  if (retryAfter !== undefined) result.retryAfter = retryAfter;
  if (!ok) {
    const reason = str(body.reason) ?? str(body.message) ?? member(body, 'reason', str);
    result.error = err(`${statusCode ?? status}`, reason ?? `HTTP ${status} ${res.statusText}`.trim());
  }
  return result;
}
