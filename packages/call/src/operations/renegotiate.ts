/**
 * A renegotiation this side offers (protocol §5.10): the new offer goes out with
 * `startCallUpdate`, the operation is parked in `call.awaitingAnswer`, and `signals/answer.ts`
 * finishes it when the `respondCallUpdate` answer has been applied. Resolves then; rejects with
 * the operation's error.
 */
import type { EventBus } from '@switchboard/core';
import type { CallBackend } from '../adapters/backend';
import type { CallOperationEvent } from '../events';
import { endedDuring } from '../errors';
import type { CallHandle } from '../tokens';
import type { CallOperation } from '../types';

/** What a renegotiation uses. @internal */
export interface RenegotiateCollaborators {
  backend: Pick<CallBackend, 'startUpdate'>;
  events: Pick<EventBus, 'on' | 'off'>;
}

/** Resolves when `op` of `callId` finishes (rejects with its error). */
function finished(events: RenegotiateCollaborators['events'], callId: string, op: CallOperation): Promise<void> {
  return new Promise((resolve, reject) => {
    const on = (e: CallOperationEvent) => {
      if (e.callId !== callId || e.operationId !== op.id || e.transition !== 'FINISH') return;
      events.off('call:operation', on);
      if (e.error) reject(e.error);
      else resolve();
    };
    events.on('call:operation', on);
  });
}

/** Offers the call's current transceivers (the caller set their directions) and waits for the answer. @internal */
export async function renegotiate(c: RenegotiateCollaborators, call: CallHandle, op: CallOperation): Promise<void> {
  const session = call.session;
  if (!session || !call.sessionId) throw endedDuring(op.type);
  const done = finished(c.events, call.id, op);
  done.catch(() => undefined);
  const sdp = await session.createLocal('offer', call.negotiation(op.type));
  if (call.isOver()) throw endedDuring(op.type);
  call.awaitingAnswer = op;
  const params = call.data.customParameters;
  try {
    await c.backend.startUpdate(call.sessionId, sdp, params.length ? params : undefined);
  } catch (e) {
    if (call.awaitingAnswer === op) call.awaitingAnswer = undefined;
    throw e;
  }
  call.pendOp(op);
  await done;
}
