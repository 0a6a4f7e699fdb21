/**
 * Automatic media restarts (seed 000 `mediaConnectionStates.DISCONNECTED`: "the Call will
 * automatically attempt to reconnect"; `call.mediaConnectionRetryDelay`: the passive side's wait):
 * when an established call's media connection goes `disconnected` or `failed`, the side with the
 * DTLS `active` role restarts ICE at once; the DTLS `passive` side waits `mediaConnectionRetryDelay`
 * ms and restarts only if the media is still down and no renegotiation (the far end's restart
 * included) is under way. After any renegotiation of the call ends with the media still down,
 * either side waits `mediaConnectionRetryDelay` before its next attempt (two attempts that still
 * cross are settled by the gateway, which refuses the second update, §5.10). At most `attempts`
 * restarts per outage; media back (`connected`/`completed`) resets the count; the end of the call
 * stops everything.
 */
import type { EventBus, Logger } from '@switchboard/core';
import type { CallConfig } from '../config';
import type { Call } from '../internal/Call';
import { dtlsPassive } from '../operations/restartMedia';
import { established, renegotiating } from '../operations/renegotiate';

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

const down = (call: Call) => call.data.mediaConnectionState === 'disconnected' || call.data.mediaConnectionState === 'failed';
const up = (call: Call) => call.data.mediaConnectionState === 'connected' || call.data.mediaConnectionState === 'completed';

/** The automatic media restarts of one client. @internal */
export class MediaRecovery {
  private readonly outages = new Map<string, Outage>();

  constructor(private readonly c: MediaRecoveryServices, private readonly attempts: number) {
    const check = (e: { callId: string }) => this.check(e.callId, false);
    c.events.on('call:mediaConnectionChange', check);
    c.events.on('call:stateChange', check);
    // A renegotiation (this side's or the far end's) ended: the next attempt waits the delay from now.
    c.events.on('call:operation', (e) => e.transition === 'FINISH' && this.check(e.callId, true));
  }

  /** Clears every pending attempt (client destroy). */
  dispose(): void {
    for (const id of [...this.outages.keys()]) this.stop(id);
  }

  private check(callId: string, renegotiated: boolean): void {
    const call = this.c.calls.get(callId);
    if (!call || call.isOver() || up(call)) return this.stop(callId);
    let outage = this.outages.get(callId);
    // An outage starts when the media goes down; until then (new, checking) there is nothing to do.
    if (!outage && !down(call)) return;
    if (outage?.timer !== undefined && !renegotiated) return;
    if (!outage) this.outages.set(callId, (outage = { attempts: 0 }));
    clearTimeout(outage.timer);
    const wait = renegotiated || dtlsPassive(call.session?.pc) ? this.c.config().mediaConnectionRetryDelay : 0;
    outage.timer = setTimeout(() => this.attempt(call, outage), wait);
  }

  private attempt(call: Call, outage: Outage): void {
    outage.timer = undefined;
    // Still not back (down, or stuck checking), the call established, nothing under way (a renegotiation's FINISH checks again).
    if (call.isOver() || up(call) || !established(call) || renegotiating(call)) return;
    if (outage.attempts >= this.attempts) return this.c.logger.warn(`media of call ${call.id} still down after ${this.attempts} automatic restarts`);
    outage.attempts++;
    this.c.logger.info(`media of call ${call.id} is ${call.data.mediaConnectionState}: automatic restart ${outage.attempts}`);
    this.c.restart(call);
  }

  private stop(callId: string): void {
    clearTimeout(this.outages.get(callId)?.timer);
    this.outages.delete(callId);
  }
}
