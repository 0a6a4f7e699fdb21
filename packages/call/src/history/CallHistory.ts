/**
 * The call-history cache and its operations: one instance per client. It owns the cached
 * records; every change is announced by `callHistory:change` and `callHistoryCache:change`.
 */
import { BasicError, type Logger, type PluginContext } from '@switchboard/core';
import type { CallHistoryBackend } from './backend';
import { historyError } from './errors';
import type { CallLogRecord } from './types';

/** What the call history needs. @internal */
export interface CallHistoryDeps {
  backend: CallHistoryBackend;
  events: PluginContext['events'];
  logger: Logger;
}

/** Largest page `fetch` asks for. @internal */
export const MAX_FETCH_AMOUNT = 1000;

const byNewest = (a: CallLogRecord, b: CallLogRecord) => Number(b.startTime ?? 0) - Number(a.startTime ?? 0);
const copy = (record: CallLogRecord): CallLogRecord => ({ ...record });

/** The call logs of this client. @internal */
export class CallHistory {
  private records: CallLogRecord[] = [];
  private disposed = false;

  constructor(private readonly deps: CallHistoryDeps) {}

  get(): CallLogRecord[] {
    return this.records.map(copy);
  }

  async fetch(amount: number, offset: number): Promise<void> {
    if (!Number.isInteger(amount) || amount < 1 || amount > MAX_FETCH_AMOUNT) {
      throw historyError('INVALID_ARGUMENT', `call.history.fetch(): amount must be an integer from 1 to ${MAX_FETCH_AMOUNT}.`);
    }
    if (!Number.isInteger(offset) || offset < 0) throw historyError('INVALID_ARGUMENT', 'call.history.fetch(): offset must be an integer ≥ 0.');
    const records = await this.run('fetch', () => this.deps.backend.fetch(amount, offset));
    this.replace(records.map(copy).sort(byNewest));
  }

  async remove(recordId: string): Promise<void> {
    if (recordId.trim() === '') throw historyError('INVALID_ARGUMENT', 'call.history.remove(): recordId must not be empty.');
    await this.run('remove', () => this.deps.backend.remove(recordId));
    this.replace(this.records.filter((r) => r.recordId !== recordId));
  }

  async clear(): Promise<void> {
    await this.run('clear', () => this.deps.backend.clear());
    this.replace([]);
  }

  getCache(): string {
    return JSON.stringify(this.records);
  }

  /** Replaces the cache; a value that is not a list of records throws INVALID_ARGUMENT and changes nothing. */
  setCache(data: string | unknown[]): void {
    let parsed: unknown = data;
    if (typeof data === 'string') {
      try {
        parsed = JSON.parse(data);
      } catch (cause) {
        throw historyError('INVALID_ARGUMENT', 'call.history.setCache(): data is not JSON.', cause);
      }
    }
    const valid = (r: unknown): r is CallLogRecord =>
      typeof r === 'object' && r !== null && !Array.isArray(r) && typeof (r as CallLogRecord).recordId === 'string' && (r as CallLogRecord).recordId !== '';
    if (!Array.isArray(parsed) || !parsed.every(valid)) {
      throw historyError('INVALID_ARGUMENT', 'call.history.setCache(): data must be a list of call-log records, each with a recordId string.');
    }
    this.replace(parsed.map(copy));
  }

  dispose(): void {
    this.disposed = true;
  }

  /** Runs a backend operation; a failure is logged, emitted as `callHistory:error` and rethrown (coded). */
  private async run<T>(operation: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (cause) {
      const error = cause instanceof BasicError ? cause : historyError('CALL_HISTORY_REQUEST_FAILED', `call.history.${operation}() failed`, cause);
      this.deps.logger.warn(`call.history.${operation}() failed`, error);
      if (!this.disposed) this.deps.events.emit('callHistory:error', { error });
      throw error;
    }
  }

  private replace(records: CallLogRecord[]): void {
    if (this.disposed) return;
    this.records = records;
    this.deps.events.emit('callHistory:change');
    this.deps.events.emit('callHistoryCache:change');
  }
}
