/**
 * Call history (`client.call.history` of `callHistoryPlugin()`, installed by the SDK preset): the
 * records fetched from the gateway (`data-testid="history"`), newest first, each
 * `data-testid="history-entry"` with `data-record-id`, `data-direction`, `data-state` and
 * `data-duration` (ms) showing the direction, the remote party, the start time, the duration and
 * the state, and a `history-remove` button; `history-refresh` fetches again, `history-clear`
 * deletes every record; `history-status` shows the count or the last error. Fetched once the
 * phone is subscribed; the list follows `callHistory:change`.
 */
import type { SdkClient } from '@switchboard/sdk';
import { h, panel } from '../dom';
import type { Phone } from '../phone';

/** One call-log record as `call.history.get()` returns it. */
type CallLog = ReturnType<SdkClient['call']['history']['get']>[number];

const ARROWS: Record<string, string> = { outgoing: '↗', incoming: '↙', missed: '✗' };

/** The far end of a record: the callee of an outgoing call, the caller otherwise. */
export function remoteParty(record: CallLog): string {
  const [name, number] = record.direction === 'outgoing' ? [record.calleeName, record.calleeDisplayNumber] : [record.callerName, record.callerDisplayNumber];
  return name && number && name !== number ? `${name} <${number}>` : (number ?? name ?? '?');
}

/** A duration in ms as seconds with one decimal (`'2.4 s'`); '–' when there is none. */
export function formatDuration(ms: string | undefined): string {
  const n = Number(ms);
  return ms === undefined || ms === '' || !Number.isFinite(n) ? '–' : `${(n / 1000).toFixed(1)} s`;
}

/** The call-history panel of a signed-in phone. */
export function historyPanel(phone: Phone): HTMLElement {
  const { client } = phone;
  const list = h('ol', { class: 'history', 'data-testid': 'history' });
  const status = h('output', { 'data-testid': 'history-status' });
  const run = (work: () => Promise<void>) => void work().catch((e: Error & { code?: string }) => (status.textContent = `failed: ${e.code ?? ''} ${e.message}`));
  const entry = (r: CallLog) =>
    h(
      'li',
      { 'data-testid': 'history-entry', 'data-record-id': r.recordId, 'data-direction': r.direction, 'data-state': String(r.state ?? ''), 'data-duration': r.duration ?? '' },
      `${ARROWS[r.direction] ?? r.direction} ${r.direction} · ${remoteParty(r)} · ${r.startTime ? new Date(Number(r.startTime)).toLocaleTimeString() : '?'} · ${formatDuration(r.duration)} · ${String(r.state ?? '')} `,
      h('button', { 'data-testid': 'history-remove', title: 'Delete this record', onclick: () => run(() => client.call.history.remove(r.recordId)) }, '✕'),
    );
  const render = () => {
    const records = client.call.history.get();
    list.replaceChildren(...records.map(entry));
    status.textContent = `${records.length} record${records.length === 1 ? '' : 's'}`;
  };
  const refresh = () => run(() => client.call.history.fetch());
  client.on('callHistory:change', render);
  client.on('subscription:change', () => {
    if (client.services.getSubscriptions().subscribed.includes('call')) refresh();
  });
  return panel(
    'history',
    'Call history',
    h(
      'div',
      {},
      h('button', { 'data-testid': 'history-refresh', onclick: refresh }, 'Refresh'),
      h('button', { 'data-testid': 'history-clear', onclick: () => run(() => client.call.history.clear()) }, 'Clear history'),
      ' ',
      status,
    ),
    list,
  );
}
