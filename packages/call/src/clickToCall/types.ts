/** Click-to-call types (seed 000 `clickToCall`). */

/**
 * One click-to-call request of this client: `pending` until the backend accepted it
 * (`started`, `clickToCall:start`) or refused it (`error`, `clickToCall:error`).
 * @public
 */
export interface ClickToCallRecord {
  /** The request's id (what `make` returned). */
  callId: string;
  /** The caller, as the application gave it to `make`. */
  caller: string;
  /** The callee, as the application gave it to `make`. */
  callee: string;
  /** When `make` was called, epoch milliseconds. */
  requestTime: number;
  /** Whether the backend has not answered yet, accepted the request, or refused it. */
  state: 'pending' | 'started' | 'error';
}

/**
 * The `client.clickToCall` namespace: asks the backend to bridge a call between two devices
 * (both legs are server-originated; no media on this client).
 * @public
 */
export interface ClickToCallApi {
  /**
   * Asks the backend to call `caller` and `callee` and connect them; returns the request's id.
   * Outcome: `clickToCall:start {callId}` or `clickToCall:error {callId, error}`.
   * @throws TypeError when `caller` or `callee` is not a string. An empty or multi-line value
   *   returns `undefined` and is reported as `INVALID_ARGUMENT` in `clickToCall:error` (on a
   *   microtask, with a fresh callId); nothing is sent and no record is added.
   */
  make(caller: string, callee: string): string | undefined;
  /** Every click-to-call request of this client (copies), oldest `requestTime` first. */
  get(): ClickToCallRecord[];
  /** 001's name of {@link ClickToCallApi.make}. */
  clickToCall(caller: string, callee: string): string | undefined;
}
