/**
 * `resyncOnConnect` (protocol §5.17): after every WebSocket (re)connection, each live call with a
 * leg and no operation under way is queried on the gateway (operation `RESYNC`): a leg the
 * gateway no longer knows ends the call locally; an incoming call whose leg is `ANSWERED` while
 * it is neither Connected nor On Hold, and not being answered here, was answered elsewhere, so it
 * is Cancelled (an outgoing call's `ANSWERED` leg is the far end's answer, whose notification
 * follows the reconnection); anything else changes nothing. A backend without `query` makes this a no-op.
 */
import type { SubscriptionView } from '@switchboard/connectivity';
import type { CallBackend } from '../adapters/backend';
import type { CallConfig } from '../config';
import { states } from '../constants';
import { asCallError } from '../errors';
import type { CallRegistry } from './CallRegistry';

/** What the re-sync uses. @internal */
export interface ResyncCollaborators {
  calls: Pick<CallRegistry, 'all'>;
  backend: Pick<CallBackend, 'query'>;
  subscription: Pick<SubscriptionView, 'onChange' | 'isConnected'>;
  config: () => Pick<CallConfig, 'resyncOnConnect'>;
}

/** Re-syncs every eligible call now; resolves when every query settled. @internal */
export function resyncCalls(c: Pick<ResyncCollaborators, 'calls' | 'backend'>): Promise<unknown> {
  const eligible = c.calls.all().filter((call) => call.sessionId && !call.isOver() && !call.data.currentOperations.length);
  return Promise.all(eligible.map(async (call) => {
    const op = call.startOp('RESYNC');
    try {
      const leg = await c.backend.query!(call.sessionId!);
      const s = call.data.state;
      if (leg === 'gone') call.terminate(states.ENDED, { reasonText: 'The call no longer exists on the server' });
      // Answered elsewhere: an incoming call not answered here, with nothing under way but this query (an
      // ANSWER is this side's own; an outgoing call's ANSWERED is the far end's answer, on its way).
      else if (leg === 'ANSWERED' && call.data.direction === 'incoming' && call.data.currentOperations.length < 2 && s !== states.CONNECTED && s !== states.ON_HOLD) {
        call.terminate(states.CANCELLED, { reasonText: 'Answered elsewhere' });
      }
      call.finishOp(op);
    } catch (e) {
      call.finishOp(op, asCallError(e, 'CALL_REQUEST_FAILED', 'The leg query failed'));
    }
  }));
}

/** Watches the WebSocket and re-syncs on each (re)connection; returns the stop function. @internal */
export function resyncOnConnect(c: ResyncCollaborators): () => void {
  let connected = c.subscription.isConnected();
  return c.subscription.onChange(() => {
    const was = connected;
    connected = c.subscription.isConnected();
    if (connected && !was && c.backend.query && c.config().resyncOnConnect) void resyncCalls(c);
  });
}
