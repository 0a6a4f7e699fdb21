/**
 * Automatic media restarts (seed 000 `mediaConnectionStates.DISCONNECTED`: "the Call will
 * automatically attempt to reconnect"; `call.mediaConnectionRetryDelay`: the passive side's wait):
 * when an established call's media connection goes `disconnected` or `failed`, the side with the
 * DTLS `active` role restarts ICE at once; the DTLS `passive` side waits `mediaConnectionRetryDelay`
 * ms and restarts only if the media is still down and no renegotiation (the far end's restart
 * included) is under way. After any renegotiation of the call ends with the media still down,
 * either side waits `mediaConnectionRetryDelay` before its next attempt, doubled for each of its
 * own attempts beyond the first (two attempts that still cross are settled by the gateway, which
 * refuses the second update, §5.10). At most `attempts` restarts per outage (5 by default: with
 * the default delay they span about 45 s); media back (`connected`/`completed`) resets the count;
 * the end of the call stops everything.
 */
import type { EventBus, Logger } from '@switchboard/core';
import type { CallConfig } from '../config';
import { operations } from '../constants';
import type { Call } from '../internal/Call';
import { dtlsPassive } from '../operations/restartMedia';
import { RENEGOTIATIONS, established, renegotiating } from '../operations/renegotiate';

/** What the recovery uses. @internal */
export interface MediaRecoveryServices {
  calls: { get(callId: string): Call | undefined };
  events: Pick<EventBus, 'on'>;
  config: () => Pick<CallConfig, 'mediaConnectionRetryDelay'>;
  logger: Logger;
  /** Runs one ICE restart (`call:mediaRestart` reports it). */
  restart(call: Call): void;
}

/** One call's outage: the pending attempt and the attempts made. */
interface Outage {
  timer?: ReturnType<typeof setTimeout>;
  attempts: number;
}

/** The operations whose end re-checks a call's media (what {@link renegotiating} waits for; not GET_STATS, SEND_DTMF, …). */
const RENEGOTIATION_OPS = [...RENEGOTIATIONS, operations.REMOTE_UPDATE, operations.REMOTE_ANSWER];

const down = (call: Call) => /^(disconnected|failed)$/.test(call.data.mediaConnectionState);
const up = (call: Call) => /^(connected|completed)$/.test(call.data.mediaConnectionState);

/**
 * Starts the automatic media restarts of one client (at most `attempts` per outage); returns the
 * function that clears every pending attempt (client destroy).
 * @internal
 */
export function startMediaRecovery(c: MediaRecoveryServices, attempts: number): () => void {
  const outages = new Map<string, Outage>();
  const stop = (callId: string) => {
    clearTimeout(outages.get(callId)?.timer);
    outages.delete(callId);
  };
  const attempt = (call: Call, outage: Outage) => {
    outage.timer = undefined;
    // Not back yet (down, or stuck checking), the call established, nothing under way (a renegotiation's FINISH checks again).
    if (call.isOver() || up(call) || !established(call) || renegotiating(call)) return;
    if (outage.attempts++ >= attempts) return c.logger.warn(`call ${call.id}: media still down after ${attempts} restarts`);
    c.logger.info(`call ${call.id}: media ${call.data.mediaConnectionState}, automatic restart ${outage.attempts}`);
    c.restart(call);
  };
  const check = (callId: string, renegotiated?: boolean) => {
    const call = c.calls.get(callId);
    if (!call || call.isOver() || up(call)) return stop(callId);
    let outage = outages.get(callId);
    // An outage starts when the media goes down; before that (new, checking) there is nothing to do.
    if (!outage) {
      if (!down(call)) return;
      outages.set(callId, (outage = { attempts: 0 }));
    } else if (outage.attempts > attempts || (outage.timer !== undefined && !renegotiated)) return; // used up (warned once), or already pending
    clearTimeout(outage.timer);
    // The first attempt: at once (DTLS active) or after the delay (passive); after a renegotiation, the delay doubled per own attempt beyond the first.
    const wait = renegotiated || dtlsPassive(call.session?.pc) ? c.config().mediaConnectionRetryDelay * 2 ** Math.max(0, outage.attempts - 1) : 0;
    outage.timer = setTimeout(attempt, wait, call, outage);
  };
  c.events.on('call:mediaConnectionChange', (e) => check(e.callId));
  c.events.on('call:stateChange', (e) => check(e.callId));
  // A renegotiation (this side's or the far end's) ended: the next attempt waits the delay from now.
  // Only a renegotiation's end: an app polling getStats during the outage must not keep postponing the attempt.
  c.events.on('call:operation', (e) => e.transition === 'FINISH' && RENEGOTIATION_OPS.includes(e.operation) && check(e.callId, true));
  return () => [...outages.keys()].forEach(stop);
}
