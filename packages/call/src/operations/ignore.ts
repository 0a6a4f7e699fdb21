/** `call.ignore`: ends the incoming call locally; nothing is sent (protocol §5.8). */
import { operations, states } from '../constants';
import { invalidState } from '../errors';
import type { CallLookup } from '../internal/CallRegistry';
import { alerting, busy } from './alerting';

/** What `ignore` uses. @internal */
export interface IgnoreCollaborators {
  calls: CallLookup;
}

/** `call.ignore(callId)`. @internal */
export function ignoreOperation(c: IgnoreCollaborators) {
  return (callId: string): void => {
    const call = c.calls.lookup('ignore', operations.IGNORE, callId);
    if (!call) return;
    if (!alerting(call) || busy(call)) {
      return c.calls.refuse(call.id, operations.IGNORE, invalidState('ignore', call.data.state, `${call.data.direction} call`));
    }
    const op = call.startOp(operations.IGNORE);
    call.terminate(states.ENDED, { reasonText: 'Call ignored' });
    call.finishOp(op);
  };
}
