/** `call.sendRingingFeedback` (manual mode), and the automatic feedback of an incoming call (protocol §5.6). */
import type { CallBackend } from '../adapters/backend';
import type { CallConfig } from '../config';
import { operations, states } from '../constants';
import { asCallError, callError, invalidState } from '../errors';
import type { Call } from '../internal/Call';
import type { CallLookup } from '../internal/CallRegistry';

/** What ringing feedback uses. @internal */
export interface RingingFeedbackCollaborators {
  calls: CallLookup;
  backend: Pick<CallBackend, 'ringing'>;
  config: () => Pick<CallConfig, 'ringingFeedbackMode'>;
}

/** `call.sendRingingFeedback(callId)` (`ringingFeedbackMode: 'manual'` only). @internal */
export function sendRingingFeedbackOperation(c: RingingFeedbackCollaborators) {
  return (callId: string): void => {
    const call = c.calls.lookup('sendRingingFeedback', operations.SEND_RINGING_FEEDBACK, callId);
    if (!call) return;
    if (c.config().ringingFeedbackMode !== 'manual') {
      return c.calls.refuse(call.id, operations.SEND_RINGING_FEEDBACK,
        callError('CALL_INVALID_OPERATION', 'sendRingingFeedback needs config.call.ringingFeedbackMode = "manual".'));
    }
    if (call.data.direction !== 'incoming' || call.data.state !== states.INITIATED || !call.sessionId || call.hasOp(operations.SEND_RINGING_FEEDBACK, operations.REJECT)) {
      return c.calls.refuse(call.id, operations.SEND_RINGING_FEEDBACK, invalidState('send ringing feedback for', call.data.state, `${call.data.direction} call`));
    }
    void runRingingFeedback(c.backend, call);
  };
}

/** Sends ringing feedback; the call becomes Ringing on success (a failure is only reported). @internal */
export async function runRingingFeedback(backend: Pick<CallBackend, 'ringing'>, call: Call): Promise<void> {
  const op = call.startOp(operations.SEND_RINGING_FEEDBACK);
  call.pendOp(op);
  try {
    await backend.ringing(call.sessionId!);
    if (call.data.state === states.INITIATED) call.setState(states.RINGING);
    call.finishOp(op);
  } catch (e) {
    call.finishOp(op, asCallError(e, 'CALL_REQUEST_FAILED', 'Ringing feedback failed'));
  }
}
