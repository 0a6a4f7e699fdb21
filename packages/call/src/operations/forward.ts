/**
 * `call.forward(callId, destination)` (installed by `callTransferPlugin()`): deflects an incoming
 * call that is still alerting (Initiated or Ringing) to another user (protocol §5.7). On success
 * the call ends here (`call:stateChange` Ended); the caller keeps its call, now to `destination`.
 */
import { states } from '../constants';
import { asCallError, invalidState } from '../errors';
import { assertString, checkDestination } from '../api/validate';
import type { CallConfig } from '../config';
import { domainOf, normalizeAddress } from '../internal/normalize';
import type { CallLookupService } from '../internal/CallRegistry';
import { transferOperations as ops } from '../transfer/constants';
import type { TransferRequests } from '../transfer/link';

/** What `forward` and the transfers use. @internal */
export interface TransferCollaborators {
  calls: Pick<CallLookupService, 'lookup' | 'get' | 'refuse'>;
  requests: TransferRequests;
  config: () => Pick<CallConfig, 'normalizeDestination'>;
  userId: () => string | undefined;
}

/** The destination as the request carries it (normalized like `make`'s, §5.21). @internal */
export function addressOf(c: TransferCollaborators, destination: string): string {
  return c.config().normalizeDestination ? normalizeAddress(destination, domainOf(c.userId())) : destination;
}

/** `call.forward(callId, destination)`. @internal */
export function forwardOperation(c: TransferCollaborators) {
  return (callId: string, destination: string): void => {
    assertString('forward', 'destination', destination);
    const call = c.calls.lookup('forward', ops.FORWARD_CALL, callId);
    if (!call) return;
    const bad = checkDestination(destination);
    if (bad) return c.calls.refuse(callId, ops.FORWARD_CALL, bad);
    const s = call.data.state;
    if (call.data.direction !== 'incoming' || (s !== states.INITIATED && s !== states.RINGING) || !call.sessionId || call.hasOp(ops.FORWARD_CALL)) {
      return c.calls.refuse(callId, ops.FORWARD_CALL, invalidState('forward', s, 'only an incoming call that is still alerting'));
    }
    const op = call.startOp(ops.FORWARD_CALL);
    call.pendOp(op);
    c.requests.forward(call.sessionId, addressOf(c, destination)).then(
      () => {
        call.finishOp(op);
        call.terminate(states.ENDED, { reasonText: 'Call forwarded' });
      },
      (e) => call.finishOp(op, asCallError(e, 'CALL_REQUEST_FAILED', 'The gateway did not forward the call')),
    );
  };
}
