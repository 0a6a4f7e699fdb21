/** The operation types of the transfer plugin (`call:operation`, `CallObject.currentOperations`). */

/** Operation types added by `callTransferPlugin()` (seed 000 `reportEvents` names). @public */
export const transferOperations = Object.freeze({
  /** `forward`: an alerting incoming call sent to another destination. */
  FORWARD_CALL: 'FORWARD_CALL',
  /** `directTransfer`: a locally held call's far end transferred to a destination. */
  DIRECT_TRANSFER: 'DIRECT_TRANSFER',
  /** `consultativeTransfer`: the far ends of two locally held calls connected (tracked on both). */
  CONSULTATIVE_TRANSFER: 'CONSULTATIVE_TRANSFER',
  /** `join`: two locally held calls merged into a local three-way call (tracked on both). */
  JOIN: 'JOIN',
  /** The unhold of each of the two calls that `join` merges (the far ends see a remote unhold). */
  JOIN_UNHOLD: 'JOIN_UNHOLD',
} as const);
