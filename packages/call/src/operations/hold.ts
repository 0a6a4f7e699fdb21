/**
 * `call.hold` / `call.unhold` (seed 000; protocol §5.10): every media section `inactive`, then
 * back to `sendrecv` (or `recvonly` for a kind without a local track). On the answer the call has
 * `localHold` set (cleared) and is On Hold (Connected again unless the far end holds it too);
 * `call:tracksRemoved` / `call:tracksAdded` report the local tracks going off and on the call
 * (the remote ones follow from the peer connection, `Call.dropRemote`). The far end's side of a
 * hold is `signals/update.ts` in the call plugin.
 */
import type { EventBus } from '@switchboard/core';
import { states } from '../constants';
import type { Call } from '../internal/Call';
import type { CallLookup } from '../internal/CallRegistry';
import { cannotRenegotiate, setDirections, type RenegotiateCollaborators } from './renegotiate';

/** What `hold`/`unhold` use. @internal */
export interface HoldCollaborators extends RenegotiateCollaborators {
  calls: CallLookup;
  /** Also emits the local tracks going off / back on the call. */
  events: Pick<EventBus, 'emit'>;
}

/** `call.hold(callId)` (hold = true) or `call.unhold(callId)`. @internal */
export function holdOperation(c: HoldCollaborators, hold: boolean) {
  const method = hold ? 'hold' : 'unhold';
  const type = hold ? 'HOLD' : 'UNHOLD';
  return (callId: string): void => {
    const call = c.calls.lookup(method, type, callId);
    if (!call) return;
    const d = call.data;
    const refusal = cannotRenegotiate(call, method, false, d.localHold === hold ? (hold ? 'already held locally' : 'not held locally') : '');
    if (refusal) return c.calls.refuse(call.id, type, refusal);
    const op = call.startOp(type);
    let restore = () => {};
    void c.renegotiator.run(call, op, {
      change: (pc) => {
        restore = setDirections(pc, (t) => (hold ? 'inactive' : t.sender.track ? 'sendrecv' : 'recvonly'));
      },
      undo: () => restore(),
      done: (error) => {
        if (error || call.isOver()) return;
        const state = hold || d.remoteHold ? states.ON_HOLD : states.CONNECTED;
        call.setState(state, {}, undefined, { localHold: hold });
        reportLocalTracks(c, call, hold);
      },
    });
  };
}

function reportLocalTracks(c: HoldCollaborators, call: Call, hold: boolean): void {
  const trackIds = [...call.data.localTracks];
  if (trackIds.length) c.events.emit(hold ? 'call:tracksRemoved' : 'call:tracksAdded', { callId: call.id, trackIds });
}
