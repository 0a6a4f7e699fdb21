/**
 * Event log (`data-testid="event-log"`): every SDK event, through `client.subscribe`, newest first,
 * each `data-testid="event"` with `data-type`; the filter (`data-testid="event-filter"`) keeps the
 * entries whose type or parameters contain its text. The quality panel's once-a-second stats
 * events (`call:statsReceived`, `call:operation` GET_STATS) are hidden while the filter is empty;
 * the count (`data-testid="event-count"`) says how many are shown of how many were logged. Long
 * parameters (a `devices:change` list) are collapsed to their first line and expand on click.
 */
import type { SdkClient } from '@switchboard/sdk';
import { h, panel } from '../dom';

const LIMIT = 500;
/** Parameters longer than this are collapsed (`<details>`, the full text stays searchable). */
const COLLAPSE_AT = 160;
/** Whether an entry is one of the quality panel's stats events. */
const noisy = (li: HTMLElement) => li.dataset.type === 'call:statsReceived' || (li.dataset.type === 'call:operation' && /"GET_STATS"/.test(li.textContent ?? ''));

/** JSON of an event's parameters; errors keep code and message, a stats report becomes its size. */
export function describeParams(params: unknown): string {
  try {
    return JSON.stringify(params, (_k, v: unknown) => {
      if (v instanceof Error) return { name: v.name, code: (v as { code?: unknown }).code, message: v.message };
      if (typeof RTCStatsReport !== 'undefined' && v instanceof RTCStatsReport) return `[RTCStatsReport, ${v.size} entries]`;
      return v;
    }) ?? '';
  } catch {
    return '[unserializable]';
  }
}

/** The parameters as `<code>`, or collapsed into a `<details>` whose summary is their start. */
function paramsView(text: string): HTMLElement {
  if (text.length <= COLLAPSE_AT) return h('code', {}, text);
  return h('details', { class: 'params' }, h('summary', {}, h('code', {}, `${text.slice(0, 80)}… (${text.length} characters)`)), h('code', {}, text));
}

/** The event log panel of a client. */
export function eventLogPanel(client: SdkClient): HTMLElement {
  const list = h('ol', { class: 'events', 'data-testid': 'event-log', reversed: true });
  const filter = h('input', { 'data-testid': 'event-filter', placeholder: 'filter: call:, subscription, SEND_DTMF…', oninput: () => apply() });
  const count = h('small', { 'data-testid': 'event-count' }, '0 events');
  let total = 0;
  const recount = () => {
    const shown = (Array.from(list.children) as HTMLElement[]).filter((li) => !li.hidden).length;
    count.textContent = shown === total ? `${total} events` : `${shown} shown of ${total} events`;
  };
  const visible = (li: HTMLElement) => {
    const f = filter.value.trim().toLowerCase();
    if (!f) return !noisy(li);
    return (li.textContent ?? '').toLowerCase().includes(f);
  };
  const apply = () => {
    for (const li of Array.from(list.children) as HTMLElement[]) li.hidden = !visible(li);
    recount();
  };
  client.subscribe((type: string, ...args: unknown[]) => {
    total++;
    const li = h('li', { 'data-testid': 'event', 'data-type': type }, h('time', {}, new Date().toLocaleTimeString()), ' ', h('strong', {}, type), ' ', paramsView(describeParams(args[0])));
    li.hidden = !visible(li);
    list.prepend(li);
    while (list.children.length > LIMIT) list.lastElementChild!.remove();
    recount();
  });
  return panel('events', 'Event log', filter, ' ', count, list);
}
