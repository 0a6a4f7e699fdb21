/**
 * The call-history backend extension point: where the records come from and where deletes go.
 * The plugin contributes the Link adapter (protocol §10) as its fallback; another gateway
 * contributes its own factory.
 */
import { defineExtensionPoint, type Logger } from '@switchboard/core';
import type { LinkTransport } from '@switchboard/connectivity';
import type { CallLogRecord } from './types';

/**
 * Call-history operations. Every method rejects with a BasicError (`CALL_HISTORY_REQUEST_FAILED`
 * for a backend refusal, the transport's `NETWORK_ERROR`/`ABORTED` otherwise).
 * @public
 */
export interface CallHistoryBackend {
  /** Adapter name, for logs. */
  readonly name: string;
  /** Up to `amount` records from `offset`, newest first. Malformed records are the backend's to log and drop. */
  fetch(amount: number, offset: number): Promise<CallLogRecord[]>;
  /** Deletes one record. */
  remove(recordId: string): Promise<void>;
  /** Deletes every record. */
  clear(): Promise<void>;
}

/** What a call-history backend factory receives. @public */
export interface CallHistoryBackendContext {
  /** The connectivity plugin's Link transport. */
  transport: LinkTransport;
  /** The call-history plugin's logger. */
  logger: Logger;
}

/** Creates a call-history backend for one client. @public */
export type CallHistoryBackendFactory = (context: CallHistoryBackendContext) => CallHistoryBackend;

/** The call-history backend extension point (id `call-history.backend`). @public */
export const callHistoryBackendExtensionPoint = defineExtensionPoint<CallHistoryBackendFactory>('call-history.backend');
