/**
 * The browser matrix of the e2e layer, defined once: every call-flow suite runs for each
 * {@link CALL_MATRIX} pair (`describe.each(callMatrix())`), every single-browser suite for each of
 * {@link BROWSERS} (`describe.each(browserMatrix())`). Later issues' call tests use the same lists.
 *
 * A test file shares its browsers across the matrix entries with {@link fileBrowsers} (one launch
 * per browser and tone per file). `SB_E2E_PAIRS=chromium-firefox,firefox-chromium` (labels) or
 * `SB_E2E_BROWSERS=firefox` narrows a local run; `npm test` always runs the whole matrix.
 */
import { BROWSERS, type BrowserName } from './browsers';
import { createBrowserPool, type BrowserPool } from './harness';

export { BROWSERS, type BrowserName } from './browsers';

/** One caller/callee browser pair. */
export interface BrowserPair {
  /** `caller-callee`, e.g. `chromium-firefox`. */
  label: string;
  /** The browser of the calling side (alice). */
  caller: BrowserName;
  /** The browser of the called side(s) (bob, carol). */
  callee: BrowserName;
}

/** Every caller/callee pair: Chromium↔Chromium, Firefox↔Firefox, Chromium→Firefox, Firefox→Chromium. */
export const CALL_MATRIX: readonly BrowserPair[] = (
  [
    ['chromium', 'chromium'],
    ['firefox', 'firefox'],
    ['chromium', 'firefox'],
    ['firefox', 'chromium'],
  ] as const
).map(([caller, callee]) => ({ label: `${caller}-${callee}`, caller, callee }));

const list = (v: string | undefined) => (v ? v.split(',').map((x) => x.trim()).filter(Boolean) : undefined);

/** {@link CALL_MATRIX}, narrowed by `SB_E2E_PAIRS` / `SB_E2E_BROWSERS` when set. */
export function callMatrix(env: NodeJS.ProcessEnv = process.env): BrowserPair[] {
  const pairs = list(env.SB_E2E_PAIRS);
  const browsers = list(env.SB_E2E_BROWSERS);
  return CALL_MATRIX.filter(
    (p) => (!pairs || pairs.includes(p.label)) && (!browsers || (browsers.includes(p.caller) && browsers.includes(p.callee))),
  );
}

/** {@link BROWSERS} as `describe.each` rows, narrowed by `SB_E2E_BROWSERS` when set. */
export function browserMatrix(env: NodeJS.ProcessEnv = process.env): Array<{ browser: BrowserName }> {
  const browsers = list(env.SB_E2E_BROWSERS);
  return BROWSERS.filter((b) => !browsers || browsers.includes(b)).map((browser) => ({ browser }));
}

/**
 * A browser pool for the whole test file, closed in the file's `afterAll`. Call it at the top level
 * of a test file, outside any describe.
 */
export function fileBrowsers(): BrowserPool {
  const pool = createBrowserPool();
  afterAll(() => pool.close());
  return pool;
}
