/** `call.answer` (protocol §5.5; slow start: this side offers). */
import type { Logger } from '@switchboard/core';
import { parse } from 'sdp-transform';
import type { CallBackend } from '../adapters/backend';
import { assertString, checkCallOptions, checkMedia, copyParams } from '../api/validate';
import { operations, states } from '../constants';
import { asCallError, invalidState } from '../errors';
import type { Call } from '../internal/Call';
import type { CallLookup } from '../internal/CallRegistry';
import type { AnswerOptions, CallMediaOptions } from '../types';
import { alerting, busy } from './alerting';

/** What `answer` uses. @internal */
export interface AnswerCollaborators {
  calls: CallLookup;
  backend: Pick<CallBackend, 'answer' | 'end'>;
  logger: Logger;
}

/** `call.answer(callId, media, options?)`: every type check runs before the value and state checks. @internal */
export function answerOperation(c: AnswerCollaborators) {
  return (callId: string, media: CallMediaOptions, options?: AnswerOptions): void => {
    assertString('answer', 'callId', callId);
    const valueError = [checkMedia('answer', media), checkCallOptions('answer', options)].find(Boolean);
    const call = c.calls.lookup('answer', operations.ANSWER, callId);
    if (!call) return;
    if (valueError) return c.calls.refuse(callId, operations.ANSWER, valueError);
    if (!alerting(call) || busy(call) || !call.sessionId) {
      return c.calls.refuse(callId, operations.ANSWER, invalidState('answer', call.data.state, `${call.data.direction} call`));
    }
    const o = options ?? {};
    if (o.bandwidth) call.data.bandwidth = { ...o.bandwidth };
    if (o.customParameters) call.data.customParameters = copyParams(o.customParameters);
    if (o.dscpControls) call.dscp = { ...o.dscpControls };
    void run(c, call, media);
  };
}

/**
 * The media an offer can take: an answer cannot add m-lines, so a kind the offer lacks (or does not
 * want to receive) would be captured but never sent. Video and screen each need a video m-line.
 */
function fitOffer(logger: Logger, media: CallMediaOptions, offer: string): CallMediaOptions {
  const session = parse(offer);
  const usable = (kind: string) =>
    session.media.filter((l) => l.type === kind && l.port !== 0 && !/^(sendonly|inactive)$/.test(l.direction ?? session.direction ?? '')).length;
  const video = usable('video');
  const fitted = { ...media, audio: !!media.audio && usable('audio') > 0, video: !!media.video && video > 0 };
  fitted.screen = !!media.screen && video > (fitted.video ? 1 : 0);
  if (fitted.audio !== !!media.audio || fitted.video !== !!media.video || fitted.screen !== !!media.screen) {
    logger.info(`answer: the offer cannot carry all requested media; answering with ${JSON.stringify({ audio: fitted.audio, video: fitted.video, screen: fitted.screen })}`);
  }
  return fitted;
}

async function run(c: AnswerCollaborators, call: Call, requested: CallMediaOptions): Promise<void> {
  const op = call.startOp(operations.ANSWER);
  const offer = call.remoteOffer; // read once: it is released when the call ends
  try {
    const media = offer ? fitOffer(c.logger, requested, offer) : requested;
    const local = await call.acquireLocalMedia(media, operations.ANSWER);
    const session = call.openSession();
    const ctx = call.negotiation(operations.ANSWER);
    let sdp: string;
    if (offer) {
      await session.setRemote('offer', offer, ctx);
      call.addLocalTracks(session, local, media);
      sdp = await session.createLocal('answer', ctx);
    } else {
      call.addLocalTracks(session, local, media); // slow start: this side offers (§5.5)
      sdp = await session.createLocal('offer', ctx);
    }
    call.assertAlive(operations.ANSWER);
    call.pendOp(op);
    const params = call.data.customParameters;
    // Slow start: finished by the respondCallUpdate notification, which may beat the PUT response.
    if (!offer) call.awaitingAnswer = op;
    await c.backend.answer(call.sessionId!, sdp, params.length ? params : undefined);
    call.assertAlive(operations.ANSWER);
    if (offer) {
      call.setState(states.CONNECTED);
      call.finishOp(op);
    } else if (call.awaitingAnswer === op) {
      call.setState(states.RINGING);
    }
  } catch (e) {
    if (call.awaitingAnswer === op) call.awaitingAnswer = undefined;
    const error = asCallError(e, 'CALL_NEGOTIATION_FAILED', 'The call could not be answered');
    call.finishOp(op, error);
    call.hangUp({}, error);
  }
}
