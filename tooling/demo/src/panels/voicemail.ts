/**
 * The voicemail indicator (`client.voicemail` of `voicemailPlugin()`, installed by the SDK preset):
 * `data-testid="voicemail"` with `data-waiting` (true | false | unknown), `data-unheard` and
 * `data-total`, following `voicemail:change` (the gateway's `mwi` notifications on the `call`
 * subscription, and each fetch); `voicemail-refresh` fetches again (also done once subscribed to
 * `call`); `voicemail-status` shows the last error (a user without a voicemail box gets one).
 */
import type { SdkClient } from '@switchboard/sdk';
import { h, panel } from '../dom';
import type { Phone } from '../phone';

/** The indicators as `voicemail.get()` returns them. */
type Voicemail = NonNullable<ReturnType<SdkClient['voicemail']['get']>>;

/** The indicator's text: `'2 new of 5'`, `'none new of 3'`, or `'unknown'` before any data. */
export function voicemailText(data: Voicemail | undefined): string {
  if (!data) return 'unknown';
  return `${data.unheardVoice > 0 ? data.unheardVoice : 'none'} new of ${data.totalVoice}`;
}

/** The voicemail panel of a signed-in phone. */
export function voicemailPanel(phone: Phone): HTMLElement {
  const { client } = phone;
  const indicator = h('span', { class: 'badge voicemail', 'data-testid': 'voicemail', 'data-waiting': 'unknown' }, 'unknown');
  const status = h('output', { 'data-testid': 'voicemail-status' });
  const render = () => {
    const data = client.voicemail.get();
    indicator.dataset.waiting = data ? String(data.newMessagesWaiting) : 'unknown';
    indicator.dataset.unheard = String(data?.unheardVoice ?? '');
    indicator.dataset.total = String(data?.totalVoice ?? '');
    indicator.textContent = `${data?.newMessagesWaiting ? '●' : '○'} ${voicemailText(data)}`;
    status.textContent = '';
  };
  const refresh = () => void client.voicemail.fetch().catch((e: Error & { code?: string }) => (status.textContent = `${e.code ?? 'failed'}: ${e.message}`));
  client.on('voicemail:change', render);
  client.on('subscription:change', () => {
    if (client.services.getSubscriptions().subscribed.includes('call')) refresh();
  });
  return panel('voicemail', 'Voicemail', indicator, ' ', h('button', { 'data-testid': 'voicemail-refresh', onclick: refresh }, 'Refresh'), ' ', status);
}
