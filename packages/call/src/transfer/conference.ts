/**
 * The local three-way calls made by `join`: the joined call (listed like any call, audio only,
 * with the first call's custom parameters) and the two calls that carry its media. Each of those
 * sends the local microphone mixed with the other call's remote audio (`AudioMixer`). Ending the
 * joined call ends both calls; when one far end hangs up, the other call gets its microphone back
 * and the joined call goes on with it; when both have ended, the joined call ends.
 */
import type { EventBus, Logger } from '@switchboard/core';
import { states } from '../constants';
import type { CallStateChangeEvent } from '../events';
import type { AudioMixer } from '../internal/audioMixer';
import type { Call } from '../internal/Call';

/** One call of a conference: the call, its audio sender and its microphone track. @internal */
export interface ConferenceLeg {
  call: Call;
  sender: RTCRtpSender;
  mic: MediaStreamTrack | null;
}

interface Conference {
  joined: Call;
  legs: ConferenceLeg[];
  mixer: AudioMixer;
}

/** What the conferences use. @internal */
export interface ConferenceCollaborators {
  events: Pick<EventBus, 'on' | 'off'>;
  logger: Logger;
}

/** The conferences of one client. @internal */
export class Conferences {
  private readonly all: Conference[] = [];
  private readonly onState = (e: CallStateChangeEvent) => {
    if (e.state === states.ENDED || e.state === states.CANCELLED) this.ended(e.callId);
  };

  constructor(private readonly c: ConferenceCollaborators) {
    c.events.on('call:stateChange', this.onState);
  }

  /** Starts tracking a joined call. */
  add(joined: Call, legs: ConferenceLeg[], mixer: AudioMixer): void {
    this.all.push({ joined, legs, mixer });
  }

  /** Whether `call` is one of the calls of a conference. */
  isLeg(call: Call): boolean {
    return this.all.some((x) => x.legs.some((l) => l.call === call));
  }

  private ended(callId: string): void {
    for (const conf of [...this.all]) {
      if (conf.joined.id === callId) {
        for (const leg of conf.legs) leg.call.hangUp({ reasonText: 'The joined call ended' });
        this.close(conf);
      } else if (conf.legs.some((l) => l.call.id === callId)) {
        const live = conf.legs.filter((l) => !l.call.isOver());
        for (const leg of live) void leg.sender.replaceTrack(leg.mic).catch((e: unknown) => this.c.logger.warn('could not restore the microphone', e));
        if (!live.length) {
          this.close(conf);
          conf.joined.terminate(states.ENDED, { reasonText: 'Every party left the joined call' });
        }
      }
    }
  }

  private close(conf: Conference): void {
    const i = this.all.indexOf(conf);
    if (i < 0) return;
    this.all.splice(i, 1);
    conf.mixer.close();
  }

  /** Stops tracking (client destroy; the call plugin ends the calls). */
  dispose(): void {
    this.c.events.off('call:stateChange', this.onState);
    for (const conf of [...this.all]) this.close(conf);
  }
}
