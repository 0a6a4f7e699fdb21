/** `call.reject`: POST calldisposition (protocol §5.7); on success the call ends, on failure nothing changes. */
import type { CallBackend } from '../adapters/backend';
import { operations, states } from '../constants';
import { asCallError, invalidState } from '../errors';
import type { CallLookup } from '../internal/CallRegistry';
import { alerting, busy } from './alerting';

/** What `reject` uses. @internal */
export interface RejectCollaborators {
  calls: CallLookup;
  backend: Pick<CallBackend, 'reject'>;
}

/** `call.reject(callId)`. @internal */
export function rejectOperation(c: RejectCollaborators) {
  return (callId: string): void => {
    const call = c.calls.lookup('reject', operations.REJECT, callId);
    if (!call) return;
    if (!alerting(call) || busy(call) || !call.sessionId) {
      return c.calls.refuse(call.id, operations.REJECT, invalidState('reject', call.data.state, `${call.data.direction} call`));
    }
    const op = call.startOp(operations.REJECT);
    call.pendOp(op);
    c.backend.reject(call.sessionId).then(
      () => {
        call.finishOp(op);
        call.terminate(states.ENDED, { reasonText: 'Call rejected' });
      },
      (e) => call.finishOp(op, asCallError(e, 'CALL_REQUEST_FAILED', 'Reject failed')),
    );
  };
}
