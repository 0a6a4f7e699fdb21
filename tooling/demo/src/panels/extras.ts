/**
 * Call extras for the focused call (`callExtrasPlugin()` / `callReportPlugin()`, installed by the
 * SDK's `create()`): send a custom header (`extras-param-name`, `extras-param-value`,
 * `extras-send-params`), show the ones received (`extras-received`), play a generated tone file
 * in place of the microphone (`extras-play-file`, state in `extras-file-state`), and show the call's
 * report (`extras-report`, output `extras-report-out`).
 */
import { h, panel } from '../dom';
import type { Phone } from '../phone';

/** A 1 s, 660 Hz, 16-bit mono WAV as a Blob URL (the demo's audio file). */
function toneFileUrl(freq = 660, seconds = 1, rate = 48000): string {
  const n = seconds * rate;
  const view = new DataView(new ArrayBuffer(44 + n * 2));
  const text = (at: number, s: string) => [...s].forEach((c, i) => view.setUint8(at + i, c.charCodeAt(0)));
  text(0, 'RIFF'); view.setUint32(4, 36 + n * 2, true); text(8, 'WAVEfmt '); view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); view.setUint16(22, 1, true); view.setUint32(24, rate, true); view.setUint32(28, rate * 2, true);
  view.setUint16(32, 2, true); view.setUint16(34, 16, true); text(36, 'data'); view.setUint32(40, n * 2, true);
  for (let i = 0; i < n; i++) view.setInt16(44 + i * 2, Math.round(0.4 * 32767 * Math.sin((2 * Math.PI * freq * i) / rate)), true);
  return URL.createObjectURL(new Blob([view.buffer], { type: 'audio/wav' }));
}

/** The call-extras panel of a signed-in phone. */
export function extrasPanel(phone: Phone): HTMLElement {
  const { client } = phone;
  const name = h('input', { 'data-testid': 'extras-param-name', value: 'X-Demo', autocomplete: 'off' });
  const value = h('input', { 'data-testid': 'extras-param-value', value: 'hello', autocomplete: 'off' });
  const received = h('ul', { 'data-testid': 'extras-received' });
  const fileState = h('output', { 'data-testid': 'extras-file-state' }, 'idle');
  const report = h('pre', { 'data-testid': 'extras-report-out' });
  const focused = () => phone.focusedCall;
  client.on('call:customParameters', ({ customParameters }) => {
    for (const p of customParameters) received.append(h('li', {}, `${p.name}: ${p.value}`));
  });
  const send = () => {
    const id = focused();
    if (!id) return;
    client.call.setCustomParameters(id, [{ name: name.value, value: value.value }]);
    client.call.sendCustomParameters(id);
  };
  const play = () => {
    const id = focused();
    if (!id) return;
    fileState.textContent = 'loading';
    client.call.playAudioFile(id, toneFileUrl())
      .onPlaying(({ duration }) => void (fileState.textContent = `playing (${duration.toFixed(1)} s)`))
      .then(() => (fileState.textContent = 'done'), (e: Error) => (fileState.textContent = `failed: ${e.message}`));
  };
  const showReport = () => {
    const id = focused();
    if (!id) return;
    const { timeline, metrics } = client.call.getReport(id);
    report.textContent = JSON.stringify({ timeline: timeline.map((e) => `${e.type} ${e.end !== undefined ? `${e.end - e.start} ms` : '…'}`), metrics }, null, 1);
  };
  return panel(
    'extras',
    'Call extras (focused call)',
    h('div', {}, name, value, h('button', { 'data-testid': 'extras-send-params', onclick: send }, 'Send custom header')),
    h('div', {}, 'Received: ', received),
    h('div', {}, h('button', { 'data-testid': 'extras-play-file', onclick: play }, 'Play tone file'), ' ', fileState),
    h('div', {}, h('button', { 'data-testid': 'extras-report', onclick: showReport }, 'Report'), report),
  );
}
