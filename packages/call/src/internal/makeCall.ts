/** `call.make`: an outgoing call (protocol §5.3, non-trickle offer). */
import { BasicError } from '@switchboard/core';
import { assertString, checkCallOptions, checkMedia, copyParams } from '../api/validate';
import { operations, states } from '../constants';
import { asCallError, invalidArgument } from '../errors';
import type { CallMediaOptions, MakeOptions } from '../types';
import { CallEndedDuringOperation, type CallManager } from './CallManager';
import { newId, type CallRecord } from './callRecord';
import { acquireLocalMedia, addLocalTracks, openSession } from './localMedia';
import { replayParked } from './signals';
import { displayForm, domainOf, normalizeAddress } from './normalize';

/**
 * Validates and starts an outgoing call; returns its id at once. The outcome arrives in
 * `call:start` (with `error` on failure).
 * @internal
 */
export function makeCall(m: CallManager, destination: unknown, media: unknown, options: unknown): string {
  assertString('make', 'destination', destination);
  const valueError =
    checkMedia('make', media) ??
    checkCallOptions('make', options) ??
    (destination.trim() ? undefined : invalidArgument('call.make(): destination must not be empty.'));
  const callId = newId();
  if (valueError) {
    m.deps.logger.warn('call.make() refused', valueError);
    queueMicrotask(() => m.deps.events.emit('call:start', { callId, error: valueError }));
    return callId;
  }
  const o = (options ?? {}) as MakeOptions;
  const cfg = m.deps.config();
  const userId = m.deps.userId();
  const to = cfg.normalizeDestination ? normalizeAddress(destination, domainOf(userId)) : destination;
  const rec = m.create(
    {
      id: callId, direction: 'outgoing', from: userId ?? '', to, state: states.INITIATING,
      remoteParticipant: { displayNumber: displayForm(to) },
      bandwidth: { ...(o.bandwidth ?? {}) }, customParameters: copyParams(o.customParameters),
    },
    { dscp: o.dscpControls ? { ...o.dscpControls } : undefined },
  );
  void runMake(m, rec, media as CallMediaOptions, o.displayName);
  return callId;
}

function fromAddress(m: CallManager, displayName: string | undefined): string {
  const userId = m.deps.userId() ?? '';
  const sip = normalizeAddress(userId, domainOf(userId));
  return displayName ? `${displayName}<${sip}>` : sip;
}

async function runMake(m: CallManager, rec: CallRecord, media: CallMediaOptions, displayName: string | undefined): Promise<void> {
  await Promise.resolve();
  const op = m.startOp(rec, operations.MAKE);
  try {
    if (!m.deps.subscription.isSubscribed('call')) {
      throw new BasicError('CALL_NOT_SUBSCRIBED', 'Subscribe to the "call" service before making calls.', { pluginId: 'call' });
    }
    const local = await acquireLocalMedia(m, rec, media, operations.MAKE);
    const session = openSession(m, rec);
    addLocalTracks(m, rec, session, local, media);
    const sdp = await session.createLocal('offer', m.negotiation(rec, operations.MAKE));
    m.assertAlive(rec, operations.MAKE);
    m.pendOp(rec, op);
    const { sessionId } = await m.deps.backend.start({
      from: fromAddress(m, displayName),
      to: rec.data.to,
      sdp,
      earlyMedia: m.deps.config().earlyMedia,
      customParameters: rec.data.customParameters.length ? rec.data.customParameters : undefined,
    });
    rec.sessionId = sessionId;
    if (m.isEnded(rec)) {
      void m.deps.backend.end(sessionId).catch(() => undefined);
      throw new CallEndedDuringOperation(operations.MAKE);
    }
    m.setState(rec, states.INITIATED);
    m.startAudit(rec);
    m.finishOp(rec, op);
    m.deps.events.emit('call:start', { callId: rec.data.id });
    replayParked(m, sessionId);
  } catch (e) {
    const error = asCallError(e, 'CALL_NEGOTIATION_FAILED', 'The call could not be started');
    m.finishOp(rec, op, error);
    m.terminate(rec, states.ENDED, {}, error);
    m.deps.events.emit('call:start', { callId: rec.data.id, error });
  }
}
