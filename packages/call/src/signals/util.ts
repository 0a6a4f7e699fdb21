/** Small helpers of the signal handlers. */
import type { CallSignal, RemoteNames } from '../adapters/backend';
import type { Call, Transition } from '../internal/Call';

/** A non-empty string, or undefined. @internal */
export const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/** The transition details a signal carries. @internal */
export function transitionOf(s: CallSignal): Transition {
  const t: Transition = {};
  if (s.statusCode !== undefined) t.statusCode = s.statusCode;
  if (s.reasonText !== undefined) t.reasonText = s.reasonText;
  return t;
}

/** Updates the far end's names and numbers from a signal. @internal */
export function updateRemote(call: Call, names: RemoteNames | undefined): void {
  if (!names || typeof names !== 'object') return;
  const incoming = call.data.direction === 'incoming' || str(names.callerDisplayNumber)?.startsWith('conference@');
  const number = incoming ? str(names.callerDisplayNumber) : str(names.remoteDisplayNumber);
  const name = incoming ? str(names.callerName) : str(names.remoteName);
  if (number) call.data.remoteParticipant.displayNumber = number;
  if (name) call.data.remoteParticipant.displayName = name;
}
