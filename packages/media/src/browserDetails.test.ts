import { getBrowserDetails } from './browserDetails';

describe('getBrowserDetails', () => {
  it('detects Chromium from userAgentData', () => {
    const win = { navigator: { userAgent: 'Mozilla/5.0', userAgentData: { brands: [{ brand: 'Chromium', version: '128' }] } } };
    expect(getBrowserDetails(win)).toEqual({ browser: 'chrome', version: 128 });
  });
  it('detects Firefox from the user agent', () => {
    const win = { navigator: { userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:131.0) Gecko/20100101 Firefox/131.0', mozGetUserMedia() {} } };
    expect(getBrowserDetails(win)).toEqual({ browser: 'firefox', version: 131 });
  });
  it('says so outside a browser', () => {
    expect(getBrowserDetails(undefined)).toEqual({ browser: 'Not a browser.', version: null });
    expect(getBrowserDetails({ navigator: { userAgent: 'curl/8' } })).toEqual({ browser: 'Not a supported browser.', version: null });
  });
});
