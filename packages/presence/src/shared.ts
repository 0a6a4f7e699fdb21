/**
 * Helpers shared by the three plugins: argument checks, the Link failure error, and the run
 * wrapper that logs a failure and delivers it as the plugin's error event.
 */
import { BasicError, contribute, type Contribution, type ExtensionPoint, type Logger } from '@switchboard/core';
import type { LinkResponse } from '@switchboard/connectivity';
import { pluginError, type PresenceErrorCode } from './errors';

/** Whether `v` is a plain (non-array) object. @internal */
export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether a string holds a control character (C0 or DEL). @internal */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
export const hasControlCharacters = (s: string): boolean => /[\u0000-\u001f\u007f]/.test(s);

/** UTF-8 length of a string. @internal */
export const byteLength = (s: string): number => new TextEncoder().encode(s).length;

/** Longest user id the gateway accepts in a watch list (bytes). @internal */
export const MAX_USER_ID_BYTES = 512;

/**
 * One user id or a list of them, as a list; TypeError when it is neither a string nor an array of
 * strings. @internal
 */
export function userList(method: string, value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return [...value];
  throw new TypeError(`${method}: users must be a user id (string) or an array of user ids`);
}

/** Why a list of user ids is unusable (empty, an empty or over-long id, a control character), or undefined. @internal */
export function userListProblem(method: string, users: readonly string[]): string | undefined {
  if (users.length === 0) return `${method}: the list of users is empty.`;
  for (const user of users) {
    if (user.trim() === '') return `${method}: a user id is empty.`;
    if (hasControlCharacters(user)) return `${method}: a user id contains control characters.`;
    if (byteLength(user) > MAX_USER_ID_BYTES) return `${method}: a user id is longer than ${MAX_USER_ID_BYTES} bytes.`;
  }
  return undefined;
}

/** The coded error of a refused Link request, naming the wrapper's statusCode and reason. @internal */
export function refused(pluginId: string, code: PresenceErrorCode, operation: string, wrapper: string, res: LinkResponse<unknown>): BasicError {
  const body = isObject(res.body) && isObject(res.body[wrapper]) ? (res.body[wrapper] as { statusCode?: unknown; reason?: unknown }) : undefined;
  const status = body?.statusCode ?? res.status;
  const reason = typeof body?.reason === 'string' ? body.reason : (res.error?.message ?? `HTTP ${res.status}`);
  return pluginError(pluginId, code, `${operation} was refused by the gateway: ${reason} (statusCode ${String(status)}).`);
}

/** Whether a 2xx response's wrapper has statusCode 0 (absent counts as 0). @internal */
export function succeeded(res: LinkResponse<unknown>, wrapper: string): boolean {
  if (!res.ok) return false;
  const body = isObject(res.body) ? res.body[wrapper] : undefined;
  if (!isObject(body)) return false;
  return body.statusCode === undefined || Number(body.statusCode) === 0;
}

/** What {@link Operations} needs. @internal */
export interface OperationsDeps {
  logger: Logger;
  /** The plugin's id (the errors' `pluginId`). */
  pluginId: string;
  /** The code of an unexpected (non-BasicError) failure. */
  failureCode: PresenceErrorCode;
  /** Emits the plugin's error event. */
  emitError: (error: BasicError, operation: string) => void;
}

/**
 * Runs operations the seed's way: the method's promise resolves when the operation is over; a
 * failure is logged and delivered as the plugin's error event (never a rejection). A refused
 * argument value is delivered the same way on a microtask, before anything is sent.
 * @internal
 */
export class Operations {
  private disposed = false;

  constructor(private readonly deps: OperationsDeps) {}

  /** Delivers a refused argument value (INVALID_ARGUMENT) without doing anything. */
  async refuse(operation: string, message: string): Promise<void> {
    const error = pluginError(this.deps.pluginId, 'INVALID_ARGUMENT', message);
    this.deps.logger.warn(`${operation} refused`, error);
    await Promise.resolve();
    this.deliver(error, operation);
  }

  /** Runs `work`; a failure is logged and emitted. */
  async run(operation: string, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (cause) {
      const error = cause instanceof BasicError ? cause : pluginError(this.deps.pluginId, this.deps.failureCode, `${operation} failed`, cause);
      this.deps.logger.warn(`${operation} failed`, error);
      this.deliver(error, operation);
    }
  }

  /** Whether the client was destroyed (no more events). */
  get isDisposed(): boolean {
    return this.disposed;
  }

  dispose(): void {
    this.disposed = true;
  }

  private deliver(error: BasicError, operation: string): void {
    if (!this.disposed) this.deps.emitError(error, operation);
  }
}

/**
 * The backend contributions of a plugin: `link` as the fallback and, when given, the option's
 * backend (or factory) as `option`, which wins over it.
 * @throws TypeError when `chosen` is neither undefined, a function nor an object
 * @internal
 */
export function backendContributions<F extends (context: never) => object>(point: ExtensionPoint<F>, link: F, chosen: unknown, owner: string): Contribution<F>[] {
  if (chosen !== undefined && typeof chosen !== 'function' && (typeof chosen !== 'object' || chosen === null)) {
    throw new TypeError(`${owner}(options): options.backend must be a backend or a backend factory`);
  }
  const list = [contribute(point, 'link', link, { fallback: true })];
  if (chosen !== undefined) list.push(contribute(point, 'option', (typeof chosen === 'function' ? chosen : () => chosen) as F));
  return list;
}
