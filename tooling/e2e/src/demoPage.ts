/**
 * The demo softphone (tooling/demo) for the e2e layer: {@link buildDemo} builds it with Vite into a
 * folder of its own (~1 s, offline), and {@link openDemo} opens it in a browser as a
 * {@link DemoPage}: an {@link E2EPage} (waits, tone detector, diagnostics over static/helpers.js,
 * injected after load) plus UI steps by `data-testid` — every action of a demo test is a click or a
 * keystroke, never an SDK call. Screenshots go to `tooling/e2e/.artifacts/demo/` (git-ignored).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { assertUserAgent, type LaunchedBrowser } from './browsers';
import { repoRoot } from './bundle';
import { E2EPage } from './e2ePage';
import { staticDir } from './pageServer';

/** The demo's folder. */
export const DEMO_DIR = path.join(repoRoot, 'tooling', 'demo');
/** Where the demo tests put their screenshots (covered by the `tooling/e2e/.artifacts/` ignore line). */
export const SCREENSHOT_DIR = path.join(repoRoot, 'tooling', 'e2e', '.artifacts', 'demo');

/** Builds the demo into `outDir` with its own Vite (`vite build --outDir`). */
export function buildDemo(outDir: string): void {
  const vite = path.join(path.dirname(require.resolve('vite/package.json', { paths: [DEMO_DIR] })), 'bin', 'vite.js');
  execFileSync(process.execPath, [vite, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], { cwd: DEMO_DIR, stdio: 'pipe' });
}

/** A selector for `data-testid` values, outermost first: `tid('call', 'hangup')`. */
export const tid = (...ids: string[]) => ids.map((id) => `[data-testid="${id}"]`).join(' ');

/** A demo page: UI steps and screenshots on top of {@link E2EPage}. */
export class DemoPage extends E2EPage {
  /** Clicks the (visible) element matching `selector`, waiting for it. */
  async click(selector: string, timeout = 10000): Promise<void> {
    const el = await this.page.waitForSelector(selector, { visible: true, timeout }).catch(async (e: unknown) => {
      throw new Error(`[${this.name}] ${selector} not visible: ${String(e)}\n${await this.diagnostics()}`);
    });
    await el!.click();
  }

  /** Types `text` into the input matching `selector` (replacing its value). */
  async type(selector: string, text: string): Promise<void> {
    const el = await this.page.waitForSelector(selector, { visible: true });
    await el!.click({ count: 3 });
    await el!.type(text);
  }

  /** Waits until an element matches `selector` (CSS, attribute states included). */
  async waitForSelector(selector: string, what: string, timeout = 10000): Promise<void> {
    await this.waitFor(`!!document.querySelector(${JSON.stringify(selector)})`, what, timeout);
  }

  /** The text of the first element matching `selector` ('' when none). */
  text(selector: string): Promise<string> {
    return this.eval(`(document.querySelector(${JSON.stringify(selector)}) || {}).textContent || ''`);
  }

  /** Saves a full-page screenshot as `<SCREENSHOT_DIR>/<group>/<step>-<name>.png`. */
  async shot(group: string, step: string): Promise<void> {
    const dir = path.join(SCREENSHOT_DIR, group);
    fs.mkdirSync(dir, { recursive: true });
    await this.page.screenshot({ path: path.join(dir, `${step}-${this.name}.png`) as `${string}.png`, fullPage: true });
  }
}

const initScript = () => fs.readFileSync(path.join(staticDir, 'init.js'), 'utf8');
const helpersScript = () => fs.readFileSync(path.join(staticDir, 'helpers.js'), 'utf8');

/**
 * Opens `url` (the gateway serving the demo) in a new context and window of `browser` as side
 * `name`; checks the user agent and installs the in-page test helpers (`window.E2E`). The context
 * is closed by `close()` of the returned handle.
 */
export async function openDemo(browser: LaunchedBrowser, url: string, name: string): Promise<{ page: DemoPage; close(): Promise<void> }> {
  const context = await browser.browser.createBrowserContext();
  try {
    const tab = await context.newPage({ type: 'window' });
    await tab.evaluateOnNewDocument(initScript());
    const page = new DemoPage(tab, name, browser.name);
    await tab.goto(url);
    assertUserAgent(page.browser, await page.eval<string>('navigator.userAgent'));
    await page.eval(helpersScript());
    return { page, close: () => context.close() };
  } catch (error) {
    await context.close().catch(() => undefined);
    throw error;
  }
}
