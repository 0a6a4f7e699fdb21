/** `call.end`: releases everything locally, then DELETEs the leg (protocol §5.9); the call ends even if that fails. */
import type { CallBackend } from '../adapters/backend';
import { operations, states } from '../constants';
import { asCallError, invalidState } from '../errors';
import type { CallLookup } from '../internal/CallRegistry';

/** What `end` uses. @internal */
export interface EndCollaborators {
  calls: CallLookup;
  backend: Pick<CallBackend, 'end'>;
}

/** `call.end(callId)`. @internal */
export function endOperation(c: EndCollaborators) {
  return (callId: string): void => {
    const call = c.calls.lookup('end', operations.END, callId);
    if (!call) return;
    if (call.isEnded()) return c.calls.refuse(call.id, operations.END, invalidState('end', call.data.state));
    const op = call.startOp(operations.END);
    const sessionId = call.sessionId;
    const send = !!sessionId && !call.isOver();
    call.terminate(states.ENDED, { reasonText: 'Call ended locally' });
    if (!send) return call.finishOp(op);
    call.pendOp(op);
    c.backend.end(sessionId).then(
      () => call.finishOp(op),
      (e) => call.finishOp(op, asCallError(e, 'CALL_REQUEST_FAILED', 'The gateway did not confirm the end of the call')),
    );
  };
}
