/** The far end ended the call (`ended`, protocol §4.9) or the caller gave up (`cancelled`, §4.10). */
import type { CallSignal } from '../adapters/backend';
import { operations, states } from '../constants';
import type { Call } from '../internal/Call';
import { transitionOf } from './util';

/** Ends the call. @internal */
export function onEnded(_c: unknown, call: Call, sp: CallSignal): void {
  const op = call.startOp(operations.END_REMOTE, false);
  call.terminate(states.ENDED, transitionOf(sp));
  call.finishOp(op);
}

/** Cancels an incoming call that is still alerting (unless it is being answered or rejected). @internal */
export function onCancelled(_c: unknown, call: Call, sp: CallSignal): void {
  const s = call.data.state;
  if (call.data.direction !== 'incoming' || (s !== states.INITIATED && s !== states.RINGING && s !== states.EARLY_MEDIA)) return;
  if (call.hasOp(operations.ANSWER, operations.REJECT)) return;
  const op = call.startOp(operations.CANCEL_REMOTE, false);
  call.terminate(states.CANCELLED, transitionOf(sp));
  call.finishOp(op);
}
