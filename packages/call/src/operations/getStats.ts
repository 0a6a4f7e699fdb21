/** `call.getStats`: the peer connection's (or one local track's) RTCStatsReport. */
import type { BasicError, EventBus } from '@switchboard/core';
import { assertString } from '../api/validate';
import { operations } from '../constants';
import { asCallError, callNotFound, invalidState, trackNotFound } from '../errors';
import type { CallRegistry } from '../internal/CallRegistry';

/** What `getStats` uses. @internal */
export interface GetStatsCollaborators {
  calls: Pick<CallRegistry, 'get'>;
  events: Pick<EventBus, 'emit'>;
}

/**
 * `call.getStats(callId, trackId?)`: the types are checked synchronously; resolves with the
 * RTCStatsReport and emits `call:statsReceived` (with `error` on failure, then rejects).
 * @internal
 */
export function getStatsOperation(c: GetStatsCollaborators) {
  return (callId: string, trackId?: string): Promise<RTCStatsReport> => {
    assertString('getStats', 'callId', callId);
    if (trackId !== undefined) assertString('getStats', 'trackId', trackId);
    return run(c, callId, trackId);
  };
}

async function run(c: GetStatsCollaborators, callId: string, tid: string | undefined): Promise<RTCStatsReport> {
  const fail = (error: BasicError): never => {
    c.events.emit('call:statsReceived', { callId, ...(tid ? { trackId: tid } : {}), error });
    throw error;
  };
  const call = c.calls.get(callId);
  if (!call) return fail(callNotFound(callId));
  const pc = call.session?.pc;
  if (!pc || call.session?.isClosed()) return fail(invalidState('get stats of', call.data.state, 'no media connection'));
  let sender: RTCRtpSender | undefined;
  if (tid) {
    sender = call.senderOf(tid);
    if (!sender) return fail(trackNotFound(tid, callId));
  }
  const op = call.startOp(operations.GET_STATS);
  try {
    const result = sender ? await sender.getStats() : await pc.getStats();
    call.finishOp(op);
    c.events.emit('call:statsReceived', { callId, ...(tid ? { trackId: tid } : {}), result });
    return result;
  } catch (e) {
    const error = asCallError(e, 'CALL_STATS_FAILED', 'Stats are not available');
    call.finishOp(op, error);
    return fail(error);
  }
}
