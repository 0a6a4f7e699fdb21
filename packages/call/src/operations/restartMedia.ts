/**
 * `call.restartMedia(callId)` (seed 000; protocol §5.10): an ICE restart (new ICE credentials,
 * directions unchanged) through one renegotiation. The side with the DTLS `passive` role waits
 * `call.mediaConnectionRetryDelay` (default 3 s) first, to avoid glare with the far end's own
 * restart. Outcome: `call:mediaRestart` (with `error` on failure); `call:mediaConnectionChange`
 * follows as the connection re-establishes. The automatic restarts of `controls/mediaRecovery.ts`
 * run the same renegotiation ({@link restartMedia}) without the wait (they did their own).
 */
import type { EventBus, Logger } from '@switchboard/core';
import type { CallConfig } from '../config';
import { invalidState } from '../errors';
import type { Call } from '../internal/Call';
import type { CallLookup } from '../internal/CallRegistry';
import { established, renegotiating, type RenegotiateCollaborators } from './renegotiate';

/** What `restartMedia` uses. @internal */
export interface RestartMediaCollaborators extends RenegotiateCollaborators {
  calls: CallLookup;
  events: Pick<EventBus, 'emit' | 'on' | 'off'>;
  config: () => Pick<CallConfig, 'mediaConnectionRetryDelay'>;
  logger: Logger;
}

const TYPE = 'MEDIA_RESTART';

/** Whether this side holds the DTLS `passive` role: its description says so, or the far end's says it is active. @internal */
export const dtlsPassive = (pc: RTCPeerConnection | undefined): boolean =>
  /a=setup:passive/.test(pc?.localDescription?.sdp ?? '') || /a=setup:active/.test(pc?.remoteDescription?.sdp ?? '');

/** `call.restartMedia(callId)`. @internal */
export function restartMediaOperation(c: RestartMediaCollaborators) {
  return (callId: string): void => {
    const call = c.calls.lookup('restartMedia', TYPE, callId);
    if (call) restartMedia(c, call, true);
  };
}

/**
 * Restarts ICE on `call` (refused with `CALL_INVALID_STATE` unless it is established with no other
 * renegotiation under way); with `wait`, the DTLS passive side waits `mediaConnectionRetryDelay` first.
 * @internal
 */
export function restartMedia(c: RestartMediaCollaborators, call: Call, wait: boolean): void {
  if (!established(call) || renegotiating(call)) {
    const error = invalidState('restartMedia', call.data.state, renegotiating(call) ? 'another renegotiation is under way' : '');
    c.calls.refuse(call.id, TYPE, error);
    return void queueMicrotask(() => c.events.emit('call:mediaRestart', { callId: call.id, error }));
  }
  const op = call.startOp(TYPE);
  void c.renegotiator.run(call, op, {
    change: async (pc) => {
      if (wait && dtlsPassive(pc)) {
        const delay = c.config().mediaConnectionRetryDelay;
        c.logger.info(`restartMedia: this side is DTLS passive, waiting ${delay} ms`);
        await waitUnlessEnded(c, call, delay);
      }
      pc.restartIce();
    },
    done: (error) => {
      c.events.emit('call:mediaRestart', { callId: call.id, ...(error ? { error } : {}) });
    },
  });
}

/** Waits `ms`, or less when the call ends meanwhile (the renegotiation then fails as ended). */
function waitUnlessEnded(c: RestartMediaCollaborators, call: Call, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      clearTimeout(timer);
      c.events.off('call:stateChange', onState);
      resolve();
    };
    const onState = (e: { callId: string }) => e.callId === call.id && call.isOver() && stop();
    const timer = setTimeout(stop, ms);
    c.events.on('call:stateChange', onState);
  });
}
