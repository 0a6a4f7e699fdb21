/**
 * The outcome of a transfer this side requested: `sessionComplete` (protocol §4.11) or
 * `sessionFail` (§4.12) on the transferred leg. Complete: the waiting operations finish, this
 * side DELETEs the leg (§5.9) and the call ends (9905). Fail: the operations finish with
 * `CALL_REMOTE_ERROR`; the calls stay as they were (normally On Hold). A `sessionComplete` for a
 * leg with nothing pending still releases the leg, as the protocol asks.
 */
import type { Logger } from '@switchboard/core';
import type { LinkNotification } from '@switchboard/connectivity';
import type { CallBackend } from '../adapters/backend';
import { states } from '../constants';
import type { Call } from '../internal/Call';
import type { CallLookupService } from '../internal/CallRegistry';
import type { CallOperation } from '../types';
import { callError } from '../errors';

/** One operation waiting for the outcome. @internal */
export type Waiting = ReadonlyArray<readonly [Call, CallOperation]>;

/** Link notification types of the outcomes. @internal */
export const OUTCOME_NOTIFICATIONS = ['sessionComplete', 'sessionFail'] as const;

/** Success texts and their codes (§4.11). */
const SUCCESS_CODES: Record<string, number> = { 'Direct Transfer Successful': 9905, 'Transfer Successful': 9905, 'Join Successful': 9906 };

const num = (v: unknown): number | undefined => {
  const n = typeof v === 'string' && v.trim() ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
};

/** What the outcomes use. @internal */
export interface OutcomeCollaborators {
  calls: Pick<CallLookupService, 'bySession'>;
  backend: Pick<CallBackend, 'end'>;
  logger: Logger;
}

/** The transfers waiting for their outcome, by the leg id they were requested on. @internal */
export class TransferOutcomes {
  private readonly waiting = new Map<string, Waiting>();

  constructor(private readonly c: OutcomeCollaborators) {}

  /** Registers operations that finish with the outcome on `sessionId`. */
  expect(sessionId: string, ops: Waiting): void {
    this.waiting.set(sessionId, ops);
  }

  /** Forgets what waits on `sessionId` (the request failed). */
  forget(sessionId: string): void {
    this.waiting.delete(sessionId);
  }

  /** Handles one `sessionComplete` / `sessionFail` notification; malformed ones are logged and dropped. */
  handle(n: LinkNotification): void {
    const sp = n.sessionParams as { sessionData?: unknown; statusCode?: unknown; reasonText?: unknown } | undefined;
    const sessionId = sp && typeof sp.sessionData === 'string' && sp.sessionData ? sp.sessionData : undefined;
    if (!sessionId) return this.c.logger.warn(`dropping a "${n.eventType}" notification without sessionParams.sessionData`);
    const reasonText = typeof sp!.reasonText === 'string' ? sp!.reasonText : undefined;
    const statusCode = num(sp!.statusCode);
    const ops = this.waiting.get(sessionId) ?? [];
    this.waiting.delete(sessionId);
    if (n.eventType === 'sessionFail') {
      const error = callError('CALL_REMOTE_ERROR', `The transfer failed (statusCode ${statusCode ?? -1}, ${reasonText ?? 'Transfer Failed'}).`);
      if (!ops.length) this.c.logger.warn(`sessionFail for leg ${sessionId} with no transfer pending`);
      for (const [call, op] of ops) call.finishOp(op, error);
      return;
    }
    for (const [call, op] of ops) call.finishOp(op);
    const call = this.c.calls.bySession(sessionId);
    if (!call || call.isOver()) return;
    void this.c.backend.end(sessionId).catch((e: unknown) => this.c.logger.warn(`could not release leg ${sessionId}`, e));
    const code = statusCode ?? (reasonText !== undefined ? SUCCESS_CODES[reasonText] : undefined) ?? 9905;
    call.terminate(states.ENDED, { statusCode: code, ...(reasonText !== undefined ? { reasonText } : {}) });
  }

  /** Drops everything (client destroy). */
  dispose(): void {
    this.waiting.clear();
  }
}
