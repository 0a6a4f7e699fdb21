/** Response classification per protocol §1.6–§1.8. */
import { BasicError } from '@switchboard/core';
import type { LinkResponse } from '../tokens';

/** statusCodes that, with HTTP 403, mean a credential problem (§1.8). */
const AUTH_STATUS_CODES = new Set([4, 27, 61, 65]);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The in-body `statusCode`: top level, or inside the first wrapper that has one. @internal */
export function statusCodeOf(body: unknown): number | undefined {
  if (!isObject(body)) return undefined;
  const num = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined);
  const top = num(body.statusCode);
  if (top !== undefined) return top;
  for (const value of Object.values(body)) {
    if (isObject(value)) {
      const inner = num(value.statusCode);
      if (inner !== undefined) return inner;
    }
  }
  return undefined;
}

/** The human-readable `reason` next to the statusCode, if any. */
function reasonOf(body: unknown): string | undefined {
  if (!isObject(body)) return undefined;
  if (typeof body.reason === 'string') return body.reason;
  if (typeof body.message === 'string') return body.message;
  for (const value of Object.values(body)) if (isObject(value) && typeof value.reason === 'string') return value.reason;
  return undefined;
}

/** `Retry-After` in seconds (delta-seconds or an HTTP-date), or undefined. @internal */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (trimmed.endsWith(' GMT')) {
    const at = Date.parse(trimmed);
    return Number.isFinite(at) ? (at - now) / 1000 : undefined;
  }
  const seconds = Number(trimmed);
  return trimmed !== '' && Number.isFinite(seconds) ? seconds : undefined;
}

/** A classified response plus whether it is a credential problem. @internal */
export interface Classified<T = unknown> extends LinkResponse<T> {
  authFailure: boolean;
  /** Whether the body was valid JSON (503 retry information requires it, §1.9). */
  json: boolean;
}

/** Reads and classifies a fetch response. Never throws. @internal */
export async function classifyResponse<T = unknown>(res: Response, expectBody = true): Promise<Classified<T>> {
  const { status } = res;
  const ok = status >= 200 && status < 300;
  const contentType = res.headers.get('content-type') ?? '';
  let body: unknown = {};
  let json = false;
  let authFailure = status === 401;
  if (status === 403 && /html/i.test(contentType)) {
    authFailure = true;
  } else if (status !== 204 && (expectBody || !ok)) {
    try {
      const text = await res.text();
      const parsed: unknown = text ? JSON.parse(text) : undefined;
      if (typeof parsed === 'object' && parsed !== null) {
        body = parsed;
        json = true;
      }
    } catch {
      // NOTE: a non-JSON body is treated as `{}` (§1.6); the operation decides whether that is a failure.
    }
  }
  const statusCode = statusCodeOf(body);
  if (status === 403 && statusCode !== undefined && AUTH_STATUS_CODES.has(statusCode)) authFailure = true;
  const result: Classified<T> = { ok, status, body: body as T, authFailure, json };
  const retryAfter = parseRetryAfter(res.headers.get('retry-after'));
  if (retryAfter !== undefined) result.retryAfter = retryAfter;
  if (!ok) {
    const code = String(statusCode ?? status);
    result.error = new BasicError(code, reasonOf(body) ?? `HTTP ${status}${res.statusText ? ` ${res.statusText}` : ''}`, {
      pluginId: 'connectivity',
    });
  }
  return result;
}

/** Whether a raw response (e.g. from `request.fetch`) is a credential problem; reads a clone. @internal */
export async function isAuthFailure(res: Response): Promise<{ failure: boolean; statusCode?: number }> {
  if (res.status === 401) return { failure: true, statusCode: 401 };
  if (res.status !== 403) return { failure: false };
  const classified = await classifyResponse(res.clone());
  return { failure: classified.authFailure, statusCode: statusCodeOf(classified.body) ?? 403 };
}
