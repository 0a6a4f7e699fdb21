/**
 * The answer to this side's offer (`respondCallUpdate`, protocol §4.7): the first answer connects
 * the call (failing it ends the call, §5.9); a later one completes a renegotiation this side
 * started. A refusal (statusCode ≠ 0) fails the operation that waits for it.
 */
import type { BasicError, Logger } from '@switchboard/core';
import type { CallBackend, CallSignal } from '../adapters/backend';
import { operations, states } from '../constants';
import { asCallError, callError } from '../errors';
import type { Call, Transition } from '../internal/Call';
import type { CallOperation } from '../types';
import { transitionOf } from './util';

/** What a remote answer uses. @internal */
export interface AnswerSignalCollaborators {
  /** Releases the leg when the first answer fails. */
  backend: Pick<CallBackend, 'end'>;
  logger: Logger;
}

/** Applies a remote answer (or refusal). @internal */
export function onAnswer(c: AnswerSignalCollaborators, call: Call, sp: CallSignal): void {
  const session = call.session;
  const pending = call.awaitingAnswer;
  // The first answer (outgoing call, or a slow-start answer): failing it ends the call (§4.7, §5.9).
  const initial = call.data.state !== states.CONNECTED && call.data.state !== states.ON_HOLD;
  const code = sp.statusCode;
  if (!sp.sdp || code !== undefined && code !== 0) {
    const error = callError('CALL_REMOTE_ERROR', `The remote side refused the offer (statusCode ${String(code ?? 'none')}${sp.reasonText !== undefined ? `, ${sp.reasonText}` : ''}).`);
    call.awaitingAnswer = undefined;
    if (initial) return failAnswer(c, call, call.startOp(operations.REMOTE_ANSWER, false), pending, error, transitionOf(sp));
    if (pending) call.finishOp(pending, error);
    else c.logger.warn('respondCallUpdate error with nothing pending', error);
    return;
  }
  const signaling = session?.pc.signalingState;
  if (!session || (signaling !== 'have-local-offer' && signaling !== 'have-remote-pranswer')) {
    c.logger.warn(`ignoring respondCallUpdate: no local offer is waiting (signalingState ${String(signaling)})`);
    return;
  }
  const op = call.startOp(operations.REMOTE_ANSWER, false);
  call.awaitingAnswer = undefined;
  session.setRemote('answer', sp.sdp, call.negotiation(operations.REMOTE_ANSWER)).then(
    () => {
      if (initial && !call.isOver()) call.setState(states.CONNECTED);
      // A remote slow-start update (a transfer re-routing this call) ends a remote hold.
      else if (pending?.type === operations.REMOTE_UPDATE) call.setState(call.data.localHold ? states.ON_HOLD : states.CONNECTED, {}, undefined, { remoteHold: false });
      call.finishOp(op);
      if (pending) call.finishOp(pending);
    },
    (e) => {
      const error = asCallError(e, 'CALL_NEGOTIATION_FAILED', 'The remote answer could not be applied');
      if (initial) return failAnswer(c, call, op, pending, error);
      call.finishOp(op, error);
      if (pending) call.finishOp(pending, error);
    },
  );
}

/** A failed first answer: the operations fail, the leg is released (DELETE, §5.9) and the call ends with `error`. */
function failAnswer(c: AnswerSignalCollaborators, call: Call, op: CallOperation, pending: CallOperation | undefined, error: BasicError, t: Transition = {}): void {
  call.finishOp(op, error);
  if (pending) call.finishOp(pending, error);
  call.hangUp(t, error);
}
