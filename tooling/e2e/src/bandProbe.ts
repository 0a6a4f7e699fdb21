/**
 * A band-level probe on the remote audio of a page: like the tone detector of static/helpers.js,
 * but it records the level (dB) near each of several frequencies, not only the loudest peak, so
 * a weaker tone mixed with a louder one (in-band DTMF over a microphone tone) is still seen.
 * Everything is a string expression over `window.E2E` (nothing in the page is instrumented).
 */
import type { E2EPage } from './e2ePage';

/** One probe sample: the time (page ms) and the strongest level (dB) within ±`tolerance` Hz of each frequency. */
export interface BandSample {
  t: number;
  db: Record<string, number>;
}

const js = (v: unknown) => JSON.stringify(v);

/**
 * Samples the remote audio track of the newest live peer connection at `freqs` (Hz): one sample
 * per new spectrum of `E2E.remoteSpectra()` (polled every 50 ms). Keeps the last 400 samples in
 * `E2E.bands.samples`.
 */
export function startBandProbe(page: E2EPage, freqs: number[], tolerance = 12): Promise<boolean> {
  return page.eval(`(() => {
    if (E2E.bands) { clearInterval(E2E.bands.timer); E2E.bands.source.close(); }
    const source = E2E.remoteSpectra();
    const hzPerBin = source.hzPerBin;
    const bands = (E2E.bands = { source, samples: [], timer: 0 });
    bands.timer = setInterval(() => {
      for (const buf of source.next()) {
        const db = {};
        for (const f of ${js(freqs)}) {
          let m = -Infinity;
          for (let k = Math.max(1, Math.floor((f - ${tolerance}) / hzPerBin)); k <= Math.ceil((f + ${tolerance}) / hzPerBin); k++) m = Math.max(m, buf[k]);
          db[f] = Math.round(m);
      }
        bands.samples.push({ t: performance.now(), db });
        if (bands.samples.length > 400) bands.samples.shift();
      }
    }, 50);
    return true;
  })()`);
}

/** The probe's samples taken after page time `since` (ms). */
export function bandSamples(page: E2EPage, since = 0): Promise<BandSample[]> {
  return page.eval(`(E2E.bands ? E2E.bands.samples : []).filter((s) => s.t > ${since})`);
}

/** The page's current `performance.now()`. */
export function pageNow(page: E2EPage): Promise<number> {
  return page.eval('performance.now()');
}

/** Stops the probe and closes its spectrum source. */
export function stopBandProbe(page: E2EPage): Promise<unknown> {
  return page.eval('(() => { if (E2E.bands) { clearInterval(E2E.bands.timer); E2E.bands.source.close(); E2E.bands = undefined; } return true; })()');
}
