/** A new incoming call (protocol §4.3): the call is created and announced by `call:receive`. */
import type { EventBus, Logger } from '@switchboard/core';
import { parse } from 'sdp-transform';
import type { CallBackend, CallSignal } from '../adapters/backend';
import type { CallConfig } from '../config';
import { operations, states } from '../constants';
import type { CallRegistry } from '../internal/CallRegistry';
import { runRingingFeedback } from '../operations/ringingFeedback';
import type { MediaOffered } from '../types';
import { str, updateRemote } from './util';

/** What an incoming call uses. @internal */
export interface IncomingCollaborators {
  calls: Pick<CallRegistry, 'create' | 'bySession'>;
  backend: Pick<CallBackend, 'ringing'>;
  config: () => Pick<CallConfig, 'ringingFeedbackMode'>;
  /** The current user's id (`alice@example.com`), if known. */
  userId: () => string | undefined;
  events: Pick<EventBus, 'emit'>;
  logger: Logger;
}

/** What media an offer contains. */
function mediaOffered(sdp: string): MediaOffered {
  const media = parse(sdp).media;
  const has = (kind: string) => media.some((m) => m.type === kind && m.port !== 0);
  return { audio: has('audio'), video: has('video') };
}

/** Creates the incoming call, announces it, starts its audit and (auto mode) the ringing feedback. @internal */
export function onIncoming(c: IncomingCollaborators, s: CallSignal): void {
  if (c.calls.bySession(s.sessionId)) return;
  let offered: MediaOffered | undefined;
  if (s.sdp) {
    try {
      offered = mediaOffered(s.sdp);
    } catch (error) {
      c.logger.warn('dropping an incoming call with unparsable SDP', error);
      return;
    }
  }
  const names = s.remote ?? {};
  const call = c.calls.create(
    {
      direction: 'incoming', state: states.INITIATED,
      from: str(names.callerDisplayNumber) ?? '', to: str(names.calleeDisplayNumber) ?? c.userId() ?? '',
      mediaOffered: offered,
    },
    { sessionId: s.sessionId, remoteOffer: s.sdp || undefined },
  );
  updateRemote(call, names);
  c.events.emit('call:receive', { callId: call.id });
  call.reportCustomParameters(s.customParameters);
  if (call.isEnded()) return; // ended (ignored, rejected…) by a call:receive listener
  call.startAudit();
  // No feedback for a call the listener rejected (the reject request is still pending, §5.4).
  if (c.config().ringingFeedbackMode === 'auto' && !call.hasOp(operations.REJECT)) void runRingingFeedback(c.backend, call);
}
