/**
 * Live call quality of one call (`data-testid="quality"`): every second `call.getStats(callId)`
 * gives a sample; two uPlot charts draw the bitrate (send/receive kbps) and the network figures
 * (loss % on the left axis, jitter and RTT ms on the right) over the last two minutes, the legends
 * showing the newest sample unless the pointer picks another; below them the negotiated codecs
 * (`data-testid="codecs"`) and the selected ICE candidate pair (`data-testid="ice-pair"`).
 * `data-points` on the panel is the number of points the charts hold (uPlot's data length).
 */
import uPlot from 'uplot';
import type { SdkClient } from '@switchboard/sdk';
import { h } from '../dom';
import { codecsInUse, pairText, sample, totals, type Totals } from '../stats';

const INTERVAL_MS = 1000;
const WINDOW = 120;

type Series = Array<{ label: string; stroke: string; scale?: string }>;

/** Shows the newest sample in the legend while the pointer is not over the chart (uPlot shows "--" then). */
function legendLatest(u: uPlot): void {
  const last = u.data[0].length - 1;
  if (u.cursor.idx == null && last >= 0) u.setLegend({ idx: last });
}

/** A chart with one y axis per scale of its series (the first on the left, a second on the right). */
function chart(target: HTMLElement, title: string, series: Series): uPlot {
  const data: uPlot.AlignedData = [[], ...series.map(() => [])];
  const scales = [...new Set(series.map((s) => s.scale ?? 'y'))];
  return new uPlot(
    {
      title,
      width: 360,
      height: 150,
      series: [{}, ...series.map((s) => ({ ...s, scale: s.scale ?? 'y', width: 1.5, spanGaps: true }))],
      axes: [{}, ...scales.map((scale, i) => ({ scale, ...(scales.length > 1 && { label: scale }), ...(i > 0 && { side: 1, grid: { show: false } }) }))],
      scales: { x: { time: true } },
      hooks: { setCursor: [legendLatest] },
    },
    data,
    target,
  );
}

/** The quality panel of call `callId`; `stop()` ends the sampling (the charts stay). */
export function qualityPanel(client: SdkClient, callId: string): { element: HTMLElement; stop(): void } {
  const bitrateBox = h('div', { 'data-testid': 'chart-bitrate' });
  const networkBox = h('div', { 'data-testid': 'chart-network' });
  const codecs = h('ul', { 'data-testid': 'codecs' });
  const pair = h('code', { 'data-testid': 'ice-pair' }, 'no candidate pair yet');
  const element = h('div', { class: 'quality', 'data-testid': 'quality', 'data-points': '0' }, bitrateBox, networkBox, h('div', {}, 'Codecs:', codecs), h('div', {}, 'ICE pair: ', pair));
  const bitrate = chart(bitrateBox, 'Bitrate (kbps)', [
    { label: 'send', stroke: '#1565c0' },
    { label: 'receive', stroke: '#2e7d32' },
  ]);
  // Loss is a percentage, jitter and RTT are milliseconds: two scales, the ms axis on the right.
  const network = chart(networkBox, 'Network (loss %, jitter ms, RTT ms)', [
    { label: 'loss %', stroke: '#c62828', scale: '%' },
    { label: 'jitter ms', stroke: '#ef6c00', scale: 'ms' },
    { label: 'RTT ms', stroke: '#6a1b9a', scale: 'ms' },
  ]);
  const columns: Array<Array<number | null>> = [[], [], [], [], [], []];
  let previous: Totals | undefined;
  let busy = false;

  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      const report = await client.call.getStats(callId);
      const now = totals(report, Date.now());
      const s = sample(report, previous, now);
      previous = now;
      [s.t, s.sendKbps, s.recvKbps, s.lossPct, s.jitterMs, s.rttMs].forEach((v, i) => {
        columns[i]!.push(v);
        if (columns[i]!.length > WINDOW) columns[i]!.shift();
      });
      const [t, send, recv, loss, jitter, rtt] = columns;
      bitrate.setData([t, send, recv] as uPlot.AlignedData);
      network.setData([t, loss, jitter, rtt] as uPlot.AlignedData);
      legendLatest(bitrate);
      legendLatest(network);
      element.dataset.points = String(bitrate.data[0].length);
      codecs.replaceChildren(...codecsInUse(report).map((c) => h('li', {}, c)));
      pair.textContent = pairText(report) ?? 'no candidate pair yet';
    } catch {
      // No media connection (yet or any more): skip this sample; stop once the call or the client is gone.
      try {
        if (client.call.getById(callId)?.state === client.call.states.ENDED) stop();
      } catch {
        stop();
      }
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(), INTERVAL_MS);
  const stop = () => clearInterval(timer);
  void tick();
  return { element, stop };
}
