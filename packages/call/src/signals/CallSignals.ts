/**
 * Incoming call signals, from whatever backend is installed (the Link adapter turns protocol
 * §4.3–§4.10 notifications into these): each kind has its handler module in this folder (new
 * calls, ringing and early media, answers, remote renegotiations, ends and cancels). Signals for
 * unknown or ended calls are logged and dropped.
 */
import type { Logger } from '@switchboard/core';
import type { CallSignal } from '../adapters/backend';
import type { Call } from '../internal/Call';
import type { CallRegistry } from '../internal/CallRegistry';
import { onAnswer, type AnswerSignalCollaborators } from './answer';
import { onCancelled, onEnded } from './end';
import { onIncoming, type IncomingCollaborators } from './incoming';
import { onProgress, onRinging, type ProgressCollaborators } from './progress';
import { onUpdate, type UpdateCollaborators } from './update';
import { updateRemote } from './util';

/** What the signal handlers use, together. @internal */
export type SignalCollaborators = IncomingCollaborators & ProgressCollaborators & AnswerSignalCollaborators & UpdateCollaborators & {
  calls: Pick<CallRegistry, 'bySession' | 'all'>;
  logger: Logger;
};

type Handler = (c: SignalCollaborators, call: Call, s: CallSignal) => void;

const handlers: Record<Exclude<CallSignal['kind'], 'incoming'>, Handler> = {
  ringing: onRinging,
  progress: onProgress,
  answer: onAnswer,
  update: onUpdate,
  ended: onEnded,
  cancelled: onCancelled,
};

/** How long a signal may wait for a starting call to learn its leg id. */
const PARK_MS = 10000;

/** Routes the backend's signals to the calls. @internal */
export class CallSignals {
  /**
   * Signals that may belong to an outgoing call whose `start` has not resolved yet: a backend can
   * deliver them before the start response is processed (on Link the websocket can beat the fetch
   * promise). They wait (at most {@link PARK_MS}) until the call learns its leg id;
   * {@link CallSignals.replayParked} then processes them in arrival order.
   */
  private parked: Array<{ s: CallSignal; at: number }> = [];

  constructor(private readonly c: SignalCollaborators) {}

  /** Routes one signal. */
  handle(s: CallSignal): void {
    if (s.kind === 'incoming') return onIncoming(this.c, s);
    const call = this.c.calls.bySession(s.sessionId);
    if (!call && this.park(s)) return;
    if (!call || call.isEnded()) {
      this.c.logger.debug(`ignoring "${s.kind}" for unknown or ended leg ${s.sessionId}`);
      return;
    }
    updateRemote(call, s.remote);
    try {
      handlers[s.kind](this.c, call, s);
    } catch (error) {
      this.c.logger.warn(`could not process "${s.kind}"`, error);
    }
    if (s.kind !== 'ended' && s.kind !== 'cancelled') call.reportCustomParameters(s.customParameters);
  }

  /** Processes the signals held for `sessionId` (called once a started call knows its leg id). */
  replayParked(sessionId: string): void {
    if (!this.parked.length) return;
    const mine = this.parked.filter((p) => p.s.sessionId === sessionId);
    this.parked = this.parked.filter((p) => !mine.includes(p));
    for (const p of mine) this.handle(p.s);
  }

  private park(s: CallSignal): boolean {
    const starting = this.c.calls.all().some((r) => r.data.direction === 'outgoing' && !r.sessionId && !r.isEnded());
    if (!starting) return false;
    const now = Date.now();
    this.parked = this.parked.filter((p) => now - p.at < PARK_MS).slice(-31);
    this.parked.push({ s, at: now });
    this.c.logger.debug(`holding "${s.kind}" until a starting call learns its leg id`);
    return true;
  }
}
