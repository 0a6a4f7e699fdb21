/**
 * Dial pad: a destination (`data-testid="destination"`), audio/video call buttons
 * (`call-audio`, `call-video`) and the keys (`dial-0` … `dial-9`, `dial-star`, `dial-hash`).
 * A key sends DTMF to the focused call when it is connected (for `dtmf-duration` ms), otherwise it
 * types into the destination.
 */
import { h, panel } from '../dom';
import type { Phone } from '../phone';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];
const keyId = (k: string) => (k === '*' ? 'star' : k === '#' ? 'hash' : k);

/** `bob` → `sip:bob@example.com`-style addresses: a bare name gets the caller's domain, no scheme gets `sip:`. */
export function toAddress(input: string, ownUsername: string): string {
  const value = input.trim();
  if (/^(sip|sips|tel):/.test(value)) return value;
  const domain = ownUsername.slice(ownUsername.indexOf('@') + 1);
  return `sip:${value.includes('@') ? value : `${value}@${domain}`}`;
}

/** The dial pad of a signed-in phone. */
export function dialPadPanel(phone: Phone): HTMLElement {
  const { client } = phone;
  const destination = h('input', { 'data-testid': 'destination', placeholder: 'bob@example.com', autocomplete: 'off' });
  const sent = h('output', { 'data-testid': 'dtmf-sent' });
  const duration = h('input', { type: 'number', 'data-testid': 'dtmf-duration', value: '100', min: '40', max: '6000', step: '10' });
  const target = h('small', { 'data-testid': 'dtmf-target' }, 'no connected call: keys type the number');
  const connectedFocus = () => {
    const id = phone.focusedCall;
    return id && client.call.getById(id)?.state === client.call.states.CONNECTED ? id : undefined;
  };
  const showTarget = () => {
    const id = connectedFocus();
    target.textContent = id ? `keys send DTMF to ${client.call.getById(id)!.to || id}` : 'no connected call: keys type the number';
  };
  phone.onFocus(showTarget);
  client.on('call:stateChange', showTarget);

  const press = (key: string) => {
    const id = connectedFocus();
    if (!id) return void (destination.value += key);
    client.call.sendDTMF(id, key, Number(duration.value) || 100);
    sent.textContent += key;
  };
  const call = (video: boolean) => {
    if (!destination.value.trim()) return destination.focus();
    const id = client.call.make(toAddress(destination.value, phone.user.username), phone.media(video));
    phone.focus(id);
  };
  const keys = h('div', { class: 'keys' }, ...KEYS.map((k) => h('button', { 'data-testid': `dial-${keyId(k)}`, onclick: () => press(k) }, k)));
  return panel(
    'dialpad',
    'Dial pad',
    destination,
    h('div', {}, h('button', { 'data-testid': 'call-audio', onclick: () => call(false) }, 'Call (audio)'), h('button', { 'data-testid': 'call-video', onclick: () => call(true) }, 'Call (video)')),
    keys,
    target,
    h('label', {}, 'DTMF tone length (ms) ', duration),
    h('div', {}, 'DTMF sent: ', sent),
  );
}
