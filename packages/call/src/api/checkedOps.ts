/**
 * The argument checks of the call API's operations, run before the operation starts: wrong types
 * throw a TypeError, wrong values are refused where the operation reports (`call:start`,
 * `call:operation`, a rejected promise) — before any device, peer connection or request.
 */
import { BasicError } from '@switchboard/core';
import { operations } from '../constants';
import { invalidArgument } from '../errors';
import type { CallAvailableCodecsEvent } from '../events';
import type { CallManager } from '../internal/CallManager';
import { newId } from '../internal/callRecord';
import { answerCall } from '../internal/incomingOps';
import { makeCall } from '../internal/makeCall';
import { getAvailableCodecs, getStats, sendDTMF } from '../internal/mediaOps';
import { assertString, checkCallOptions, checkDestination, checkDtmf, checkMedia } from './validate';

/** `make` before a subscription to the `call` service. */
const notSubscribed = () => new BasicError('CALL_NOT_SUBSCRIBED', 'Subscribe to the "call" service before making calls.', { pluginId: 'call' });

/** Reports a refused `make` in `call:start` (on a microtask, after the id is returned); nothing else happens. */
function refuseMake(m: CallManager, error: BasicError): string {
  const callId = newId();
  m.deps.logger.warn('call.make() refused', error);
  queueMicrotask(() => m.deps.events.emit('call:start', { callId, error }));
  return callId;
}

/** `call.make`: all argument checks come before any side effect (types throw, values are refused). @internal */
export function make(m: CallManager, destination: unknown, media: unknown, options: unknown): string {
  assertString('make', 'destination', destination);
  // Every check runs (each throws its TypeErrors) before the first value error is reported.
  const valueError = [checkMedia('make', media), checkCallOptions('make', options), checkDestination(destination)].find(Boolean);
  if (valueError) return refuseMake(m, valueError);
  if (!m.deps.subscription.isSubscribed('call')) return refuseMake(m, notSubscribed());
  return makeCall(m, destination, media, options);
}

/** `call.answer`: every type check runs before the value and state checks of the operation. @internal */
export function answer(m: CallManager, callId: unknown, media: unknown, options: unknown): void {
  assertString('answer', 'callId', callId);
  checkMedia('answer', media);
  checkCallOptions('answer', options);
  answerCall(m, callId, media, options);
}

/** `call.sendDTMF`: types throw; bad tones or timings are refused in `call:operation` before the call is touched. @internal */
export function dtmf(m: CallManager, callId: unknown, tone: unknown, duration: unknown = 100, gap: unknown = 70): void {
  assertString('sendDTMF', 'callId', callId);
  assertString('sendDTMF', 'tone', tone);
  if (typeof duration !== 'number' || typeof gap !== 'number') throw new TypeError('call.sendDTMF(): duration and intertoneGap must be numbers');
  const valueError = m.get(callId) ? checkDtmf(tone, duration, gap) : undefined;
  if (valueError) return m.refuse(callId, operations.SEND_DTMF, valueError);
  sendDTMF(m, callId, tone, duration, gap);
}

/** `call.getStats`: the types are checked synchronously, before the async work. @internal */
export function stats(m: CallManager, callId: unknown, trackId: unknown): Promise<RTCStatsReport> {
  assertString('getStats', 'callId', callId);
  if (trackId !== undefined) assertString('getStats', 'trackId', trackId);
  return getStats(m, callId, trackId);
}

/** `call.getAvailableCodecs`: a non-string kind throws; another kind than 'audio'/'video' rejects. @internal */
export function codecs(m: CallManager, kind: unknown): Promise<CallAvailableCodecsEvent | undefined> {
  assertString('getAvailableCodecs', 'kind', kind);
  if (kind !== 'audio' && kind !== 'video') {
    return Promise.reject(invalidArgument(`call.getAvailableCodecs(): kind must be 'audio' or 'video', got ${JSON.stringify(kind)}.`));
  }
  return getAvailableCodecs(m, kind);
}
