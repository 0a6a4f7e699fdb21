/**
 * The click-to-call requests of one client: it owns their records and reports each outcome as
 * `clickToCall:start` or `clickToCall:error`.
 */
import { BasicError, type Logger, type PluginContext } from '@switchboard/core';
import type { ClickToCallBackend } from './backend';
import { clickToCallError } from './errors';
import type { ClickToCallRecord } from './types';

/** What the click-to-call requests need. @internal */
export interface ClickToCallDeps {
  backend: ClickToCallBackend;
  events: PluginContext['events'];
  logger: Logger;
  /** Epoch ms. @default Date.now */
  now?: () => number;
}

let sequence = 0;
const newId = () => `c2c-${Date.now().toString(36)}-${(++sequence).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/** Why a party is refused, or undefined. */
function checkParty(name: string, value: string): BasicError | undefined {
  if (value.trim() === '') return clickToCallError('INVALID_ARGUMENT', `clickToCall.make(): ${name} must not be empty.`);
  // eslint-disable-next-line no-control-regex -- control characters would break the request line / headers of the far side
  if (/[\u0000-\u001f\u007f]/.test(value)) return clickToCallError('INVALID_ARGUMENT', `clickToCall.make(): ${name} must not contain control characters.`);
  return undefined;
}

/** This client's click-to-call requests. @internal */
export class ClickToCalls {
  private readonly records: ClickToCallRecord[] = [];
  private disposed = false;

  constructor(private readonly deps: ClickToCallDeps) {}

  make(caller: string, callee: string): string | undefined {
    const refused = checkParty('caller', caller) ?? checkParty('callee', callee);
    const callId = newId();
    if (refused) {
      this.deps.logger.warn('clickToCall.make() refused', refused);
      queueMicrotask(() => this.emitError(callId, refused));
      return undefined;
    }
    const record: ClickToCallRecord = { callId, caller, callee, requestTime: (this.deps.now ?? Date.now)(), state: 'pending' };
    this.records.push(record);
    this.deps.backend.call(caller, callee).then(
      () => {
        record.state = 'started';
        if (!this.disposed) this.deps.events.emit('clickToCall:start', { callId });
      },
      (cause: unknown) => {
        record.state = 'error';
        const error = cause instanceof BasicError ? cause : clickToCallError('CLICK_TO_CALL_FAILED', 'clickToCall.make() failed', cause);
        this.deps.logger.warn('clickToCall.make() failed', error);
        this.emitError(callId, error);
      },
    );
    return callId;
  }

  get(): ClickToCallRecord[] {
    return this.records.map((r) => ({ ...r })).sort((a, b) => a.requestTime - b.requestTime);
  }

  dispose(): void {
    this.disposed = true;
  }

  private emitError(callId: string, error: BasicError): void {
    if (!this.disposed) this.deps.events.emit('clickToCall:error', { callId, error });
  }
}
