/**
 * The browser matrix definition and the user-agent check, without a browser: the matrix has the
 * four caller/callee pairs, the narrowing variables only narrow, and a page whose user agent is
 * another browser's (a silent fallback to Chromium) is refused.
 */
import { assertUserAgent } from './src/browsers';
import { BROWSERS, CALL_MATRIX, browserMatrix, callMatrix } from './src/matrix';

const CHROMIUM_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36';
const FIREFOX_UA = 'Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0';

describe('browser matrix', () => {
  it('has Chromium↔Chromium, Firefox↔Firefox and Chromium↔Firefox in both directions, once each', () => {
    expect(CALL_MATRIX.map((p) => p.label)).toEqual(['chromium-chromium', 'firefox-firefox', 'chromium-firefox', 'firefox-chromium']);
    expect(CALL_MATRIX.map((p) => `${p.caller}-${p.callee}`)).toEqual(CALL_MATRIX.map((p) => p.label));
    expect(BROWSERS).toEqual(['chromium', 'firefox']);
  });
  it('runs whole unless SB_E2E_PAIRS / SB_E2E_BROWSERS narrow it', () => {
    expect(callMatrix({})).toEqual(CALL_MATRIX);
    expect(callMatrix({ SB_E2E_PAIRS: 'chromium-firefox, firefox-chromium' }).map((p) => p.label)).toEqual(['chromium-firefox', 'firefox-chromium']);
    expect(callMatrix({ SB_E2E_BROWSERS: 'firefox' }).map((p) => p.label)).toEqual(['firefox-firefox']);
    expect(browserMatrix({})).toEqual([{ browser: 'chromium' }, { browser: 'firefox' }]);
    expect(browserMatrix({ SB_E2E_BROWSERS: 'chromium' })).toEqual([{ browser: 'chromium' }]);
  });
});

describe('user-agent check', () => {
  it('accepts each browser in its own user agent', () => {
    expect(() => assertUserAgent('chromium', CHROMIUM_UA)).not.toThrow();
    expect(() => assertUserAgent('firefox', FIREFOX_UA)).not.toThrow();
  });
  it('refuses a page that runs in another browser', () => {
    expect(() => assertUserAgent('firefox', CHROMIUM_UA)).toThrow(/expected a firefox page/);
    expect(() => assertUserAgent('chromium', FIREFOX_UA)).toThrow(/expected a chromium page/);
    expect(() => assertUserAgent('chromium', `${FIREFOX_UA} Chrome/156.0`)).toThrow(/expected a chromium page/);
  });
});
