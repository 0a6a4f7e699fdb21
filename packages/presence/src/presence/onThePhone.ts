/**
 * Whether this client is in a call, from the call plugin's public `call:stateChange` event (its
 * `state` is one of the call plugin's `states` values). Heard through a global listener, so that
 * a client without the call plugin works unchanged (the event then never comes).
 */
import type { EventBus } from '@switchboard/core';

/** The call plugin's `states.CONNECTED` and `states.ON_HOLD`: the states in which the user is on the phone. */
const IN_CALL = new Set(['Connected', 'On Hold']);

/**
 * Calls `onChange(true)` when the first call enters a connected state and `onChange(false)` when
 * the last one leaves them. Returns the remover. @internal
 */
export function watchCalls(events: EventBus, onChange: (inCall: boolean) => void): () => void {
  const active = new Set<string>();
  const listener = (type: string, ...args: unknown[]) => {
    if (type !== 'call:stateChange') return;
    const { callId, state } = (args[0] ?? {}) as { callId?: unknown; state?: unknown };
    if (typeof callId !== 'string' || typeof state !== 'string') return;
    const before = active.size > 0;
    if (IN_CALL.has(state)) active.add(callId);
    else active.delete(callId);
    if (before !== active.size > 0) onChange(!before);
  };
  events.subscribe(listener);
  return () => events.unsubscribe(listener);
}
