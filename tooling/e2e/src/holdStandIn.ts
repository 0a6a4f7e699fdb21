/**
 * A test-only stand-in for `call.hold`, which another branch (the call controls of issue 10) adds
 * to the SDK: the transfer and join e2e tests need a locally held call. It is a third-party-style
 * plugin over the call plugin's public `callTokens.control`: every transceiver goes `inactive`,
 * the offer goes out with startCallUpdate and the call is On Hold (localHold) once the answer is
 * applied. Installed only by the pages that ask for `e2eHoldPlugin`; exposes `client.e2eHold(callId)`.
 * Replace its uses with `client.call.hold` once that lands.
 */
import { definePlugin } from '@switchboard/core';
import { callTokens } from '@switchboard/call';
// The shared renegotiation step of the call package (source build only: this file is not in the installed SDK).
import { renegotiate } from '../../../packages/call/src/operations/renegotiate';

/** `client.e2eHold(callId)`: resolves once the call is locally held. */
export function e2eHoldPlugin() {
  return definePlugin({
    id: 'e2e-hold',
    version: '0.0.0',
    dependsOn: ['call'],
    deps: { calls: callTokens.control, backend: callTokens.backend },
    register(ctx) {
      const { calls, backend } = ctx.deps;
      const e2eHold = async (callId: string): Promise<void> => {
        const call = calls.get(callId);
        if (!call?.session) throw new Error(`e2eHold: no call ${callId} with media`);
        const op = call.startOp('HOLD');
        try {
          for (const t of call.session.pc.getTransceivers()) if (t.currentDirection) t.direction = 'inactive';
          await renegotiate({ backend, events: ctx.events }, call, op);
          call.setState('On Hold', {}, undefined, { localHold: true });
        } catch (e) {
          call.finishOp(op, e as never);
          throw e;
        }
      };
      return { api: { e2eHold } };
    },
  });
}
