/** `call.make`: an outgoing call (protocol §5.3, non-trickle offer). */
import type { BasicError, EventBus, Logger } from '@switchboard/core';
import type { SubscriptionView } from '@switchboard/connectivity';
import type { CallBackend } from '../adapters/backend';
import { assertString, checkCallOptions, checkDestination, checkMedia, copyParams } from '../api/validate';
import type { CallConfig } from '../config';
import { operations, states } from '../constants';
import { asCallError, callError, endedDuring } from '../errors';
import type { Call } from '../internal/Call';
import { newId } from '../internal/callData';
import type { CallRegistry } from '../internal/CallRegistry';
import { displayForm, domainOf, normalizeAddress } from '../internal/normalize';
import type { CallSignals } from '../signals/CallSignals';
import type { CallMediaOptions, MakeOptions } from '../types';

/** What `make` uses. @internal */
export interface MakeCollaborators {
  calls: Pick<CallRegistry, 'create'>;
  backend: Pick<CallBackend, 'start' | 'end'>;
  subscription: Pick<SubscriptionView, 'isSubscribed'>;
  config: () => Pick<CallConfig, 'normalizeDestination' | 'earlyMedia'>;
  /** The current user's id (`alice@example.com`), if known. */
  userId: () => string | undefined;
  events: Pick<EventBus, 'emit'>;
  logger: Logger;
  /** Signals that arrived before the call learnt its leg id. */
  signals: Pick<CallSignals, 'replayParked'>;
}

/** `make` before a subscription to the `call` service. */
const notSubscribed = () => callError('CALL_NOT_SUBSCRIBED', 'Subscribe to the "call" service before making calls.');

/**
 * `call.make(destination, media, options?)`: all argument checks come before any side effect
 * (types throw, values are refused in `call:start`); returns the new call's id at once. The
 * outcome arrives in `call:start` (with `error` on failure).
 * @internal
 */
export function makeOperation(c: MakeCollaborators) {
  /** Reports a refused `make` in `call:start` (on a microtask, after the id is returned); nothing else happens. */
  const refuse = (error: BasicError): string => {
    const callId = newId();
    c.logger.warn('call.make() refused', error);
    queueMicrotask(() => c.events.emit('call:start', { callId, error }));
    return callId;
  };
  return (destination: string, media: CallMediaOptions, options?: MakeOptions): string => {
    assertString('make', 'destination', destination);
    // Every check runs (each throws its TypeErrors) before the first value error is reported.
    const valueError = [checkMedia('make', media), checkCallOptions('make', options), checkDestination(destination)].find(Boolean);
    if (valueError) return refuse(valueError);
    if (!c.subscription.isSubscribed('call')) return refuse(notSubscribed());
    const o = options ?? {};
    const userId = c.userId();
    const to = c.config().normalizeDestination ? normalizeAddress(destination, domainOf(userId)) : destination;
    const call = c.calls.create(
      {
        direction: 'outgoing', from: userId ?? '', to, state: states.INITIATING,
        remoteParticipant: { displayNumber: displayForm(to) },
        bandwidth: { ...(o.bandwidth ?? {}) }, customParameters: copyParams(o.customParameters),
      },
      { dscp: o.dscpControls ? { ...o.dscpControls } : undefined },
    );
    void run(c, call, media, o.displayName);
    return call.id;
  };
}

function fromAddress(c: MakeCollaborators, displayName: string | undefined): string {
  const userId = c.userId() ?? '';
  const sip = normalizeAddress(userId, domainOf(userId));
  return displayName ? `${displayName}<${sip}>` : sip;
}

async function run(c: MakeCollaborators, call: Call, media: CallMediaOptions, displayName: string | undefined): Promise<void> {
  await Promise.resolve();
  const op = call.startOp(operations.MAKE);
  try {
    if (!c.subscription.isSubscribed('call')) throw notSubscribed();
    const local = await call.acquireLocalMedia(media, operations.MAKE);
    const session = call.openSession();
    call.addLocalTracks(session, local, media);
    const sdp = await session.createLocal('offer', call.negotiation(operations.MAKE));
    call.assertAlive(operations.MAKE);
    call.pendOp(op);
    const { sessionId } = await c.backend.start({
      from: fromAddress(c, displayName),
      to: call.data.to,
      sdp,
      earlyMedia: c.config().earlyMedia,
      customParameters: call.data.customParameters.length ? call.data.customParameters : undefined,
    });
    call.sessionId = sessionId;
    if (call.isEnded()) {
      void c.backend.end(sessionId).catch(() => undefined);
      throw endedDuring(operations.MAKE);
    }
    call.setState(states.INITIATED);
    call.startAudit();
    call.finishOp(op);
    c.events.emit('call:start', { callId: call.id });
    c.signals.replayParked(sessionId);
  } catch (e) {
    const error = asCallError(e, 'CALL_NEGOTIATION_FAILED', 'The call could not be started');
    call.finishOp(op, error);
    call.terminate(states.ENDED, {}, error);
    c.events.emit('call:start', { callId: call.id, error });
  }
}
