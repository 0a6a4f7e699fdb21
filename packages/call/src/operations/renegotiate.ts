/**
 * The renegotiation step shared by the mid-call operations (hold, unhold, media changes, ICE
 * restart, `join`'s unhold of each call; protocol §5.10): change the peer connection, offer, `startCallUpdate`, wait for the
 * `respondCallUpdate` answer. `signals/answer.ts` applies that answer and finishes the parked
 * operation; the {@link Renegotiator} hears that FINISH (`call:operation`, before the application
 * does, since it listens from the client's creation) and completes the operation's own effects
 * (`done`), or undoes the change and rolls the offer back when the update failed.
 */
import type { BasicError, EventBus, Logger } from '@switchboard/core';
import type { CallBackend } from '../adapters/backend';
import { operations, states } from '../constants';
import { asCallError, invalidState } from '../errors';
import type { Call } from '../internal/Call';
import type { CallOperation } from '../types';

/** What the renegotiator uses. @internal */
export interface RenegotiatorServices {
  backend: Pick<CallBackend, 'startUpdate'>;
  events: Pick<EventBus, 'on'>;
  logger: Logger;
}

/** One renegotiation: the change to make before the offer, its undo, and what follows a success. @internal */
export interface Renegotiation {
  /** Changes the peer connection (directions, tracks, ICE restart) before the offer. */
  change(pc: RTCPeerConnection): void | Promise<void>;
  /** Undoes `change` after a failure (the offer itself is rolled back here). */
  undo?(pc: RTCPeerConnection): void;
  /** Runs once the answer is applied (inside the FINISH emit, before the application's listeners), or with the error of a failure. */
  done(error?: BasicError): void;
}

/** What an operation that renegotiates uses. @internal */
export interface RenegotiateCollaborators {
  renegotiator: Pick<Renegotiator, 'run'>;
}

/** Renegotiation types of the mid-call operations, `join`'s unhold included (each excludes the others while it runs). @internal */
export const RENEGOTIATIONS = ['HOLD', 'UNHOLD', 'ADD_MEDIA', 'REMOVE_MEDIA', 'ADD_BASIC_MEDIA', 'REMOVE_BASIC_MEDIA', 'MEDIA_RESTART', 'JOIN_UNHOLD'];

/** Whether `call` is Connected or On Hold with a peer connection and a leg. @internal */
export const established = (call: Call): boolean =>
  (call.data.state === states.CONNECTED || call.data.state === states.ON_HOLD) && !!call.session && !!call.sessionId;

/** Whether a renegotiation (local or remote) or an answer is under way on `call` (§5.10: one at a time). @internal */
export const renegotiating = (call: Call): boolean =>
  !!call.awaitingAnswer || call.hasOp(...RENEGOTIATIONS, operations.REMOTE_UPDATE, operations.REMOTE_ANSWER);

/**
 * Why `method` cannot renegotiate `call` now (`CALL_INVALID_STATE`), or undefined when it can: the
 * call must be {@link established} (and Connected when `connected` is set) with no other
 * renegotiation under way. `why` is checked first: a method's own reason to refuse.
 * @internal
 */
export function cannotRenegotiate(call: Call, method: string, connected?: boolean, why = ''): BasicError | undefined {
  const busy = renegotiating(call);
  if (!why && !busy && established(call) && (!connected || call.data.state === states.CONNECTED)) return undefined;
  return invalidState(method, call.data.state, why || (busy ? 'another renegotiation is under way' : ''));
}

/**
 * Runs the renegotiations of one client. It listens to `call:operation` from its creation (the
 * plugin's registration, before any application listener), so the effects of a finished
 * renegotiation are in place when the application hears its FINISH.
 * @internal
 */
export class Renegotiator {
  private readonly waiting = new Map<string, { call: Call; r: Renegotiation }>();

  constructor(private readonly c: RenegotiatorServices) {
    c.events.on('call:operation', (e) => {
      const entry = e.transition === 'FINISH' ? this.waiting.get(e.operationId) : undefined;
      if (!entry) return;
      this.waiting.delete(e.operationId);
      if (e.error && !entry.call.isOver()) rollback(c.logger, entry.call.session?.pc, entry.r);
      entry.r.done(e.error);
    });
  }

  /** Runs one renegotiation for the started operation `op` of an {@link established} call. */
  async run(call: Call, op: CallOperation, r: Renegotiation): Promise<void> {
    const session = call.session!;
    this.waiting.set(op.id, { call, r });
    try {
      await r.change(session.pc);
      call.assertAlive(op.type);
      const sdp = await session.createLocal('offer', call.negotiation(op.type));
      call.assertAlive(op.type);
      const params = call.data.customParameters;
      call.awaitingAnswer = op; // the answer may arrive before the PUT response
      await this.c.backend.startUpdate(call.sessionId!, sdp, params.length ? params : undefined);
      call.assertAlive(op.type);
      call.pendOp(op); // no-op when the answer already finished it
    } catch (e) {
      if (call.awaitingAnswer === op) call.awaitingAnswer = undefined;
      call.finishOp(op, asCallError(e, 'CALL_NEGOTIATION_FAILED', `The ${op.type} renegotiation failed`));
    }
  }
}

/** Rolls a local offer back (when one is pending) and undoes the change. */
function rollback(logger: Logger, pc: RTCPeerConnection | undefined, r: Renegotiation): void {
  if (!pc) return;
  const undo = () => {
    try {
      r.undo?.(pc);
    } catch (error) {
      logger.warn('undoing a failed renegotiation failed', error);
    }
  };
  if (pc.signalingState !== 'have-local-offer') return undo();
  pc.setLocalDescription({ type: 'rollback' }).then(undo, (error: unknown) => {
    logger.warn('rolling back a failed renegotiation failed', error);
    undo();
  });
}

/** Sets the direction of every live transceiver, returning the function that restores the previous ones. @internal */
export function setDirections(pc: RTCPeerConnection, direction: (t: RTCRtpTransceiver) => RTCRtpTransceiverDirection): () => void {
  const before = pc.getTransceivers().filter((t) => t.direction !== 'stopped' && t.currentDirection !== 'stopped').map((t) => [t, t.direction] as const);
  for (const [t] of before) t.direction = direction(t);
  return () => {
    for (const [t, d] of before) if (t.direction !== 'stopped') t.direction = d;
  };
}
