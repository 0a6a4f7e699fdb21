/**
 * `call.directTransfer(callId, destination)` and `call.consultativeTransfer(callId, otherCallId)`
 * (installed by `callTransferPlugin()`, protocol §5.13, §5.14). The calls must be locally held.
 * The request's 2xx leaves the operations PENDING; the gateway's `sessionComplete` (the call
 * ends, 9905) or `sessionFail` (the calls stay held) on the transferred leg finishes them
 * (`../transfer/outcomes.ts`). A consultative transfer tracks its operation on both calls; the
 * other call ends with the gateway's `callEnd`.
 */
import type { BasicError } from '@switchboard/core';
import { states } from '../constants';
import { asCallError, callNotFound, invalidArgument, invalidState } from '../errors';
import { assertString, checkDestination } from '../api/validate';
import type { Call } from '../internal/Call';
import { transferOperations as ops } from '../transfer/constants';
import type { TransferOutcomes } from '../transfer/outcomes';
import type { CallOperation } from '../types';
import { addressOf, type TransferCollaborators } from './forward';
import { renegotiating } from './renegotiate';

/** What the transfers use. @internal */
export interface TransferOperationCollaborators extends TransferCollaborators {
  outcomes: Pick<TransferOutcomes, 'expect' | 'forget'>;
}

const BUSY = [ops.DIRECT_TRANSFER, ops.CONSULTATIVE_TRANSFER, ops.JOIN];

/** Why `call` cannot take part in a transfer or join now, if it cannot (not locally held, no leg, one or a renegotiation in progress). @internal */
export function notHeld(call: Call, method: string): BasicError | undefined {
  const d = call.data;
  if (d.state !== states.ON_HOLD || !d.localHold || !call.sessionId) return invalidState(method, d.state, 'the call must be locally held');
  if (call.hasOp(...BUSY)) return invalidState(method, d.state, 'a transfer or join is in progress');
  if (renegotiating(call)) return invalidState(method, d.state, 'another renegotiation is under way');
  return undefined;
}

/** Sends the request; on 2xx the operations wait for the outcome, on failure they finish with the error. */
function send(c: TransferOperationCollaborators, call: Call, waiting: ReadonlyArray<readonly [Call, CallOperation]>, request: Promise<void>): void {
  const sessionId = call.sessionId!;
  c.outcomes.expect(sessionId, waiting);
  request.then(
    () => {
      for (const [x, op] of waiting) x.pendOp(op);
    },
    (e) => {
      c.outcomes.forget(sessionId);
      const error = asCallError(e, 'CALL_REQUEST_FAILED', 'The gateway refused the transfer');
      for (const [x, op] of waiting) x.finishOp(op, error);
    },
  );
}

/** `call.directTransfer(callId, destination)`. @internal */
export function directTransferOperation(c: TransferOperationCollaborators) {
  return (callId: string, destination: string): void => {
    assertString('directTransfer', 'destination', destination);
    const call = c.calls.lookup('directTransfer', ops.DIRECT_TRANSFER, callId);
    if (!call) return;
    const bad = checkDestination(destination) ?? notHeld(call, 'transfer');
    if (bad) return c.calls.refuse(callId, ops.DIRECT_TRANSFER, bad);
    const op = call.startOp(ops.DIRECT_TRANSFER);
    send(c, call, [[call, op]], c.requests.transfer(call.sessionId!, addressOf(c, destination)));
  };
}

/** The far end of `call` as §5.14 addresses it: the destination of an outgoing call, the caller's number of an incoming one. */
function remoteAddress(call: Call): string {
  const d = call.data;
  return d.direction === 'outgoing' ? d.to : d.remoteParticipant.displayNumber ?? d.from;
}

/** `call.consultativeTransfer(callId, otherCallId)`. @internal */
export function consultativeTransferOperation(c: TransferOperationCollaborators) {
  return (callId: string, otherCallId: string): void => {
    assertString('consultativeTransfer', 'otherCallId', otherCallId);
    const call = c.calls.lookup('consultativeTransfer', ops.CONSULTATIVE_TRANSFER, callId);
    if (!call) return;
    const other = c.calls.get(otherCallId);
    const bad = !other
      ? callNotFound(otherCallId)
      : other === call
        ? invalidArgument('call.consultativeTransfer(): otherCallId must name another call.')
        : notHeld(call, 'transfer') ?? notHeld(other, 'transfer');
    if (bad || !other) return c.calls.refuse(callId, ops.CONSULTATIVE_TRANSFER, bad!);
    const waiting = [[call, call.startOp(ops.CONSULTATIVE_TRANSFER)], [other, other.startOp(ops.CONSULTATIVE_TRANSFER)]] as const;
    send(c, call, waiting, c.requests.transfer(call.sessionId!, remoteAddress(other), other.sessionId!));
  };
}
