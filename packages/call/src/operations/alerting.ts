/** The guards shared by the operations on an alerting incoming call (answer, reject, ignore). */
import { operations, states } from '../constants';
import type { Call } from '../internal/Call';

/** An incoming call that is Initiated or Ringing. @internal */
export const alerting = (call: Call): boolean =>
  call.data.direction === 'incoming' && (call.data.state === states.INITIATED || call.data.state === states.RINGING);

/** An answer, reject or ignore is already under way. @internal */
export const busy = (call: Call): boolean => call.hasOp(operations.ANSWER, operations.REJECT, operations.IGNORE);
