/** The callee is alerted (`ringing`, protocol §4.4) and early media (`progress`, a provisional answer, §4.5). */
import type { CallSignal } from '../adapters/backend';
import type { CallConfig } from '../config';
import { operations, states } from '../constants';
import { asCallError } from '../errors';
import type { Call } from '../internal/Call';

/** What early media uses. @internal */
export interface ProgressCollaborators {
  config: () => Pick<CallConfig, 'earlyMedia'>;
}

/** An outgoing Initiated call becomes Ringing. @internal */
export function onRinging(_c: unknown, call: Call): void {
  if (call.data.direction !== 'outgoing' || call.data.state !== states.INITIATED) return;
  const op = call.startOp(operations.REMOTE_RINGING, false);
  call.setState(states.RINGING);
  call.finishOp(op);
}

/** Applies a provisional answer (`earlyMedia` only): the call becomes Early Media. @internal */
export function onProgress(c: ProgressCollaborators, call: Call, sp: CallSignal): void {
  const s = call.data.state;
  if (!c.config().earlyMedia || call.data.direction !== 'outgoing' || !sp.sdp || (s !== states.INITIATED && s !== states.RINGING)) return;
  const session = call.session;
  if (!session) return;
  const op = call.startOp(operations.REMOTE_ANSWER, false);
  session.setRemote('pranswer', sp.sdp, call.negotiation(operations.REMOTE_ANSWER)).then(
    () => {
      if (!call.isEnded()) call.setState(states.EARLY_MEDIA);
      call.finishOp(op);
    },
    (e) => call.finishOp(op, asCallError(e, 'CALL_NEGOTIATION_FAILED', 'Early media failed')),
  );
}
