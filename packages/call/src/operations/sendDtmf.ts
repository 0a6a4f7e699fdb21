/** `call.sendDTMF`: out of band when negotiated, otherwise in band (the tone engine is `../internal/dtmf.ts`). */
import type { CompatibilityProfile, Logger } from '@switchboard/core';
import { assertString, checkDtmf } from '../api/validate';
import { operations, states } from '../constants';
import { asCallError, invalidState } from '../errors';
import type { CallLookup } from '../internal/CallRegistry';
import { sendDtmf } from '../internal/dtmf';

/** What `sendDTMF` uses. @internal */
export interface SendDtmfCollaborators {
  calls: CallLookup;
  logger: Logger;
  /** The client's compatibility profile: 001/002 allow DTMF in Connected or Ringing only. */
  compatibility?: CompatibilityProfile;
}

const DTMF_STATES: readonly string[] = [states.CONNECTED, states.RINGING, states.EARLY_MEDIA];

/**
 * `call.sendDTMF(callId, tone, duration = 100, intertoneGap = 70)`: types throw; an unknown call,
 * bad tones or timings and a wrong state are refused in `call:operation` before anything is sent.
 * @internal
 */
export function sendDtmfOperation(c: SendDtmfCollaborators) {
  return (callId: string, tone: string, duration?: number, intertoneGap?: number): void => send(c, callId, tone, duration, intertoneGap);
}

function send(c: SendDtmfCollaborators, callId: string, tone: string, duration: unknown = 100, gap: unknown = 70): void {
  assertString('sendDTMF', 'callId', callId);
  assertString('sendDTMF', 'tone', tone);
  if (typeof duration !== 'number' || typeof gap !== 'number') throw new TypeError('call.sendDTMF(): duration and intertoneGap must be numbers');
  const call = c.calls.lookup('sendDTMF', operations.SEND_DTMF, callId);
  if (!call) return;
  const valueError = checkDtmf(tone, duration, gap);
  if (valueError) return c.calls.refuse(callId, operations.SEND_DTMF, valueError);
  if (!DTMF_STATES.slice(0, c.compatibility ? 2 : 3).includes(call.data.state)) return c.calls.refuse(callId, operations.SEND_DTMF, invalidState('send DTMF on', call.data.state));
  const op = call.startOp(operations.SEND_DTMF);
  sendDtmf(call.session?.audioSender(), tone, duration, gap).then(
    (mode) => {
      c.logger.debug(`DTMF ${JSON.stringify(tone)} sent ${mode}`);
      call.finishOp(op);
    },
    (e) => call.finishOp(op, asCallError(e, 'CALL_DTMF_FAILED', 'DTMF failed')),
  );
}
