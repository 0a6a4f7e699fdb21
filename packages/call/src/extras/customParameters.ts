/**
 * `call.setCustomParameters` / `call.sendCustomParameters` (seed 000, protocol §5.12, §5.20): the
 * parameters set on a call go with its later requests; `sendCustomParameters` sends them now in a
 * `sendCustomHeaders` request. The far end's parameters arrive as `call:customParameters` (the
 * call plugin reports them from any call notification).
 */
import type { CallBackend } from '../adapters/backend';
import { assertString, checkCustomParameters } from '../api/validate';
import { states } from '../constants';
import { asCallError, callError, callNotFound, invalidState } from '../errors';
import { runOperation } from '../internal/runOperation';
import type { CallControl } from '../tokens';
import type { CustomParameter } from '../types';

/** Operation types of the custom-parameter methods (`call:operation`, seed `reportEvents`). @public */
export const customParameterOperations = Object.freeze({
  /** `setCustomParameters` (reported only when it is refused: an unknown call). */
  SET_CUSTOM_PARAMETERS: 'SET_CUSTOM_PARAMETERS',
  /** `sendCustomParameters`: the `sendCustomHeaders` request. */
  SEND_CUSTOM_PARAMETERS: 'SEND_CUSTOM_PARAMETERS',
} as const);

/** What the custom-parameter methods use. @internal */
export interface CustomParametersCollaborators {
  control: CallControl;
  backend: Pick<CallBackend, 'sendCustomHeaders'>;
}

const SEND_STATES: readonly string[] = [states.CONNECTED, states.ON_HOLD];

/**
 * `call.setCustomParameters(callId, customParameters?)`: replaces the call's custom parameters
 * (none: removes them). Types throw; an unknown call is refused in `call:operation`.
 * @internal
 */
export function setCustomParametersOperation(c: CustomParametersCollaborators) {
  return (callId: string, customParameters?: CustomParameter[]): void => {
    assertString('setCustomParameters', 'callId', callId);
    checkCustomParameters('setCustomParameters', customParameters);
    const call = c.control.get(callId);
    if (!call) return c.control.refuse(callId, customParameterOperations.SET_CUSTOM_PARAMETERS, callNotFound(callId));
    call.setCustomParameters(customParameters ?? []);
  };
}

/**
 * `call.sendCustomParameters(callId)`: sends the call's custom parameters (`sendCustomHeaders`)
 * while it is Connected or On Hold. Refusals (unknown call, wrong state, none set, a backend
 * without `sendCustomHeaders`) and failures are reported in `call:operation`.
 * @internal
 */
export function sendCustomParametersOperation(c: CustomParametersCollaborators) {
  return (callId: string): void => {
    assertString('sendCustomParameters', 'callId', callId);
    const type = customParameterOperations.SEND_CUSTOM_PARAMETERS;
    const call = c.control.get(callId);
    if (!call) return c.control.refuse(callId, type, callNotFound(callId));
    const { state, customParameters } = call.data;
    if (!SEND_STATES.includes(state)) return c.control.refuse(callId, type, invalidState('send custom parameters on', state));
    const refusal = !c.backend.sendCustomHeaders
      ? 'the call backend cannot send custom headers'
      : !customParameters.length ? 'the call has no custom parameters (call.setCustomParameters first)' : '';
    if (refusal || !call.sessionId) {
      return c.control.refuse(callId, type, callError('CALL_INVALID_OPERATION', `Cannot send custom parameters: ${refusal || 'no leg yet'}.`));
    }
    const sessionId = call.sessionId;
    const params = customParameters.map((p) => ({ ...p }));
    void runOperation(call, type, async () => {
      try {
        await c.backend.sendCustomHeaders!(sessionId, params);
      } catch (e) {
        throw asCallError(e, 'CALL_REQUEST_FAILED', 'sendCustomHeaders failed');
      }
    }).catch(() => undefined);
  };
}
