/**
 * The call list (`data-testid="calls"`): one {@link callRow} per call, newest first, added on
 * `call:start` / `call:receive` / `call:join`. Ended calls stay listed (greyed) until cleared.
 */
import { h, panel } from '../dom';
import type { Phone } from '../phone';
import { callRow } from './callRow';

/** The calls panel of a signed-in phone. */
export function callsPanel(phone: Phone): HTMLElement {
  const { client } = phone;
  const list = h('ol', { class: 'calls', 'data-testid': 'calls' });
  const rows = new Map<string, ReturnType<typeof callRow>>();
  const add = (callId: string) => {
    if (rows.has(callId) || !client.call.getById(callId)) return;
    const row = callRow(phone, callId);
    rows.set(callId, row);
    list.prepend(row.element);
  };
  client.on('call:start', ({ callId, error }) => !error && add(callId));
  client.on('call:join', ({ callId, error }) => {
    if (error) return;
    add(callId);
    phone.focus(callId);
  });
  client.on('call:receive', ({ callId, error }) => {
    if (error) return;
    add(callId);
    const focused = phone.focusedCall && client.call.getById(phone.focusedCall);
    if (!focused || focused.state === client.call.states.ENDED) phone.focus(callId);
  });
  const clear = () => {
    for (const [id, row] of rows) {
      if (client.call.getById(id)?.state !== client.call.states.ENDED) continue;
      row.dispose();
      rows.delete(id);
    }
  };
  return panel('calls', 'Calls', list, h('button', { 'data-testid': 'calls-clear', onclick: clear }, 'Clear ended calls'));
}
