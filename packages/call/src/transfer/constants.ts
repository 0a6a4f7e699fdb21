/** The operation types of the transfer plugin (`call:operation`, `CallObject.currentOperations`). */

/** Operation types added by `callTransferPlugin()` (seed 000 `reportEvents` names). @public */
export const transferOperations = Object.freeze({
  FORWARD_CALL: 'FORWARD_CALL',
  DIRECT_TRANSFER: 'DIRECT_TRANSFER',
  CONSULTATIVE_TRANSFER: 'CONSULTATIVE_TRANSFER',
  JOIN: 'JOIN',
  /** The unhold of each of the two calls that `join` merges (the far ends see a remote unhold). */
  JOIN_UNHOLD: 'JOIN_UNHOLD',
} as const);
