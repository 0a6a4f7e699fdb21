/**
 * The README's "your own app" example as a reader runs it: its `index.html` and `main.js`, with
 * `@switchboard/sdk` bundled by esbuild (from the package sources, as `tooling/e2e` does), served
 * by the real reference gateway and opened in real Chromium (fake microphone, loopback ICE, the
 * e2e launch flags). The one change to the code: the gateway's ephemeral port in place of 8080.
 * Passes when the page's log shows the call Initiated → Connected → Ended with no failure, and
 * bob's audio was rendered into `#remote-audio` during the call. ~5 s.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { startGateway, type TestGateway } from '@switchboard/test-utils/gateway';
import { launchBrowser, type LaunchedBrowser } from '../e2e/src/browsers';
import { workspaceSourcesPlugin } from '../e2e/src/bundle';
import { readmeExample, readmeExampleHtml } from './readme';

describe('README example in Chromium', () => {
  let dir: string;
  let gateway: TestGateway;
  let chromium: LaunchedBrowser;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'switchboard-readme-'));
    const site = join(dir, 'site');
    mkdirSync(site);
    gateway = await startGateway({ staticDir: site });
    const code = readmeExample();
    expect(code.match(/port: 8080/g)).toHaveLength(2);
    const bundled = await build({
      stdin: { contents: code.replace(/port: 8080/g, `port: ${gateway.port}`), resolveDir: __dirname, loader: 'js', sourcefile: 'main.js' },
      bundle: true,
      format: 'esm',
      target: 'es2022',
      platform: 'browser',
      write: false,
      logLevel: 'silent',
      plugins: [workspaceSourcesPlugin()],
    });
    writeFileSync(join(site, 'main.js'), bundled.outputFiles[0]!.text);
    writeFileSync(join(site, 'index.html'), readmeExampleHtml());
    chromium = await launchBrowser('chromium', dir);
  }, 60000);
  afterAll(async () => {
    await chromium?.close();
    await gateway?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('alice calls bob, bob answers, alice hears him and hangs up', async () => {
    const page = await chromium.browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    // the remote audio element exists only while the call lasts: record that it appeared
    await page.evaluateOnNewDocument(() => {
      new MutationObserver(() => {
        if (document.querySelector('#remote-audio audio')) (window as unknown as { sawAudio: boolean }).sawAudio = true;
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(`${gateway.url}/index.html`);
    await page.waitForFunction(() => document.querySelector('#log')?.textContent?.includes('alice: call Ended'), { timeout: 30000 });
    const log = (await page.$eval('#log', (e) => e.textContent ?? '')).trim().split('\n');
    expect(log[0]).toBe('alice and bob are signed in');
    expect(log).toEqual(expect.arrayContaining([expect.stringMatching(/^bob: incoming call from .*alice@example\.com/)]));
    expect(log.filter((l) => l.startsWith('alice: call') && l !== 'alice: call Ringing')).toEqual([
      'alice: call Initiated', 'alice: call Connected', 'alice: call Ended',
    ]);
    expect(log.filter((l) => l.includes('failed'))).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { sawAudio?: boolean }).sawAudio)).toBe(true);
    expect(errors).toEqual([]);
  }, 60000);
});
