/**
 * The demo softphone's entry: the sign-in panel, then, once a user is chosen, the panels of the
 * signed-in phone (see README.md, "Adding a panel"). The SDK talks to the origin that served the page.
 */
import 'uplot/dist/uPlot.min.css';
import './style.css';
import { h } from './dom';
import { Phone } from './phone';
import { callsPanel } from './panels/calls';
import { chatPanel } from './panels/chat';
import { contactsPanel } from './panels/contacts';
import { devicesPanel } from './panels/devices';
import { dialPadPanel } from './panels/dialPad';
import { directoryPanel } from './panels/directory';
import { extrasPanel } from './panels/extras';
import { historyPanel } from './panels/history';
import { eventLogPanel } from './panels/eventLog';
import { presencePanel } from './panels/presence';
import { proxyPanel } from './panels/proxy';
import { signInPanel } from './panels/signIn';
import { sipEventsPanel } from './panels/sipEvents';
import { statusPanel } from './panels/status';
import { transferPanel } from './panels/transfer';
import { voicemailPanel } from './panels/voicemail';
import type { DemoUser } from './users';

const root = document.getElementById('app')!;
let phone: Phone | undefined;

function showSignIn(): void {
  root.replaceChildren(h('h1', {}, 'Switchboard demo softphone'), signInPanel(signIn));
}

function signIn(user: DemoUser): void {
  const p = (phone = new Phone(user, location));
  // Every panel listens before the credentials are set, so the event log sees every event.
  const status = statusPanel(p, () => void signOut());
  const log = eventLogPanel(p.client);
  root.replaceChildren(
    status,
    h('main', { class: 'columns' }, h('div', { class: 'column' }, dialPadPanel(p), transferPanel(p), devicesPanel(p), extrasPanel(p), proxyPanel(p)), h('div', { class: 'column wide' }, callsPanel(p)), h('div', { class: 'column' }, presencePanel(p), directoryPanel(p), contactsPanel(p), historyPanel(p), log)),
  );
  // Messaging: the voicemail indicator and the chat panel, a column of their own.
  root.querySelector('.columns')!.append(h('div', { class: 'column' }, voicemailPanel(p), chatPanel(p), sipEventsPanel(p)));
  p.signIn();
  status.refresh();
}

async function signOut(): Promise<void> {
  const p = phone;
  phone = undefined;
  await p?.signOut();
  showSignIn();
}

showSignIn();

// Closing or reloading the tab releases the subscription (see Phone.release); a page restored from
// the back/forward cache after that starts again from the sign-in.
addEventListener('pagehide', () => phone?.release());
addEventListener('pageshow', (event) => {
  if (event.persisted && phone) location.reload();
});
