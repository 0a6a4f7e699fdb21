/**
 * Transfers and join (`callTransferPlugin()`, installed by the SDK preset): a destination
 * (`data-testid="transfer-destination"`) and buttons acting on the focused call:
 * `transfer-forward` (an incoming call that is still ringing), `transfer-direct` (a held call),
 * `transfer-consultative` and `transfer-join` (the focused call and the other live held call).
 * `transfer-status` shows the outcome of the last of these operations.
 */
import { h, panel } from '../dom';
import type { Phone } from '../phone';
import { toAddress } from './dialPad';

const OPERATIONS = ['FORWARD_CALL', 'DIRECT_TRANSFER', 'CONSULTATIVE_TRANSFER', 'JOIN'];

/** The transfer panel of a signed-in phone. */
export function transferPanel(phone: Phone): HTMLElement {
  const { client } = phone;
  const destination = h('input', { 'data-testid': 'transfer-destination', placeholder: 'carol@example.com', autocomplete: 'off' });
  const status = h('output', { 'data-testid': 'transfer-status' });
  const focused = () => phone.focusedCall;
  /** The most recent other call that is locally held. */
  const otherHeld = (id: string) =>
    client.call.getAll().reverse().find((c) => c.id !== id && c.state === client.call.states.ON_HOLD && c.localHold)?.id;
  const withFocus = (run: (id: string) => void) => () => {
    const id = focused();
    if (!id) return void (status.textContent = 'no focused call');
    run(id);
  };
  const toDestination = (run: (id: string, to: string) => void) =>
    withFocus((id) => (destination.value.trim() ? run(id, toAddress(destination.value, phone.user.username)) : destination.focus()));
  const withOther = (run: (id: string, other: string) => void) =>
    withFocus((id) => {
      const other = otherHeld(id);
      if (!other) return void (status.textContent = 'hold a second call first');
      run(id, other);
    });
  client.on('call:operation', (e) => {
    if (!OPERATIONS.includes(e.operation) || e.transition !== 'FINISH') return;
    status.textContent = `${e.operation}: ${e.error ? `failed (${e.error.code})` : 'done'}`;
  });
  return panel(
    'transfer',
    'Transfer and join',
    destination,
    h(
      'div',
      {},
      h('button', { 'data-testid': 'transfer-forward', onclick: toDestination((id, to) => client.call.forward(id, to)) }, 'Forward'),
      h('button', { 'data-testid': 'transfer-direct', onclick: toDestination((id, to) => client.call.directTransfer(id, to)) }, 'Transfer'),
      h('button', { 'data-testid': 'transfer-consultative', onclick: withOther((id, other) => client.call.consultativeTransfer(id, other)) }, 'Consultative transfer'),
      h('button', { 'data-testid': 'transfer-join', onclick: withOther((id, other) => client.call.join(id, other)) }, 'Join'),
    ),
    status,
  );
}
