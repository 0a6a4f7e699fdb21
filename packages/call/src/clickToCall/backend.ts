/**
 * The click-to-call backend extension point. The plugin contributes the Link adapter
 * (protocol §13) as its fallback; another gateway contributes its own factory.
 */
import { defineExtensionPoint, type Logger } from '@switchboard/core';
import type { LinkTransport } from '@switchboard/connectivity';

/** Click-to-call operations. Rejects with a BasicError (`CLICK_TO_CALL_FAILED`, or the transport's `NETWORK_ERROR`). @public */
export interface ClickToCallBackend {
  /** Adapter name, for logs. */
  readonly name: string;
  /** Asks the server to bridge `caller` and `callee` (as the application gave them). */
  call(caller: string, callee: string): Promise<void>;
}

/** What a click-to-call backend factory receives. @public */
export interface ClickToCallBackendContext {
  /** The connectivity plugin's Link transport. */
  transport: LinkTransport;
  /** The click-to-call plugin's logger. */
  logger: Logger;
}

/** Creates a click-to-call backend for one client. @public */
export type ClickToCallBackendFactory = (context: ClickToCallBackendContext) => ClickToCallBackend;

/** The click-to-call backend extension point (id `click-to-call.backend`). @public */
export const clickToCallBackendExtensionPoint = defineExtensionPoint<ClickToCallBackendFactory>('click-to-call.backend');
