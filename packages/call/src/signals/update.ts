/**
 * A renegotiation started by the far end (`update`, protocol §4.8): this side answers it (or
 * offers, for a slow-start update) with respondCallUpdate (§5.11). An offer that stops the far
 * end from receiving puts this side on remote hold.
 */
import type { Logger } from '@switchboard/core';
import { parse } from 'sdp-transform';
import type { CallBackend, CallSignal } from '../adapters/backend';
import { operations, states } from '../constants';
import { asCallError } from '../errors';
import type { CallConfig } from '../config';
import type { Call } from '../internal/Call';

/** What a remote update uses. @internal */
export interface UpdateCollaborators {
  backend: Pick<CallBackend, 'respondUpdate'>;
  logger: Logger;
  config: () => Pick<CallConfig, 'mediaBrokerOnly'>;
}

/** How long a remote update that raced this side's own answer waits for the call to connect (§4.8). */
const POSTPONE_MS = 3000;

/** Whether an offer puts this side on hold: the far end receives nothing (`inactive`, or `sendonly` music on hold, §4.8). */
function isHoldOffer(sdp: string): boolean {
  const session = parse(sdp);
  const active = session.media.filter((m) => m.port !== 0);
  return active.length > 0 && active.every((m) => {
    const dir = m.direction ?? session.direction ?? 'sendrecv';
    return dir === 'inactive' || dir === 'sendonly';
  });
}

/** The session id of an SDP's origin line. */
const origin = (sdp = '') => /^o=\S+ (\S+)/m.exec(sdp)?.[1];

/** Handles a remote update. @internal */
export function onUpdate(c: UpdateCollaborators, call: Call, sp: CallSignal): void {
  whenConnected(c, call, sp.sdp, Date.now() + POSTPONE_MS);
}

/** Runs a remote update once the call is connected; while this side's answer is still being applied, retries until `deadline`. */
function whenConnected(c: UpdateCollaborators, call: Call, offer: string | undefined, deadline: number): void {
  const s = call.data.state;
  if ((s === states.CONNECTED || s === states.ON_HOLD) && call.session && call.sessionId) return void run(c, call, offer);
  if (!call.isOver() && call.hasOp(operations.ANSWER, operations.REMOTE_ANSWER) && Date.now() < deadline) {
    setTimeout(() => whenConnected(c, call, offer, deadline), 50);
    return;
  }
  c.logger.warn(`ignoring a remote update in state ${s}`);
}

async function run(c: UpdateCollaborators, call: Call, offer: string | undefined): Promise<void> {
  const session = call.session!;
  const op = call.startOp(operations.REMOTE_UPDATE, false);
  const ctx = call.negotiation(operations.REMOTE_UPDATE);
  try {
    let sdp: string;
    if (offer) {
      // A new SDP origin: another endpoint (a consultative transfer's transferee) takes over (§4.8).
      const s = origin(offer) === origin(session.pc.remoteDescription?.sdp) ? session : call.renewSession();
      await s.setRemote('offer', offer.replace(/a=setup:active/g, 'a=setup:actpass'), ctx);
      sdp = await s.createLocal('answer', ctx);
    } else {
      // Slow start: the answer comes from wherever the gateway routes the call (a transfer
      // target), so the offer comes from a new peer connection (§4.8), unless every call is
      // anchored on the media broker (`mediaBrokerOnly`): the far endpoint stays the broker.
      sdp = await (c.config().mediaBrokerOnly ? session : call.renewSession()).createLocal('offer', ctx);
    }
    call.assertAlive(operations.REMOTE_UPDATE);
    const params = call.data.customParameters;
    if (!offer) call.awaitingAnswer = op; // the answer may arrive before the PUT response
    await c.backend.respondUpdate(call.sessionId!, sdp, params.length ? params : undefined);
    call.assertAlive(operations.REMOTE_UPDATE);
    if (!offer) return call.pendOp(op); // no-op when the answer already finished it
    const remoteHold = isHoldOffer(offer);
    const state = remoteHold || call.data.localHold ? states.ON_HOLD : states.CONNECTED;
    call.setState(state, {}, undefined, { remoteHold });
    call.finishOp(op);
  } catch (e) {
    if (call.awaitingAnswer === op) call.awaitingAnswer = undefined;
    call.finishOp(op, asCallError(e, 'CALL_NEGOTIATION_FAILED', 'The remote renegotiation failed'));
  }
}
