/**
 * The real-browser harness: the reference gateway (port 0), a page server on 127.0.0.1, and one
 * headless browser (Chromium or Firefox, src/browsers.ts) per distinct browser and fake-audio
 * tone, all driven by puppeteer-core. `close()` releases everything; call it in afterAll. Browsers
 * can come from a {@link BrowserPool} shared by several harnesses (one launch per test file).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startGateway } from '@switchboard/test-utils/gateway';
import { assertUserAgent, launchBrowser, type BrowserName, type LaunchedBrowser } from './browsers';
import { buildRemoteBundle, buildSdkBundle } from './bundle';
import { E2EPage, users, type PluginEntry } from './e2ePage';
import { startPageServer, staticDir, type PageServer } from './pageServer';

export type { BrowserName } from './browsers';

/** What the harness needs from a gateway (`startGateway` of `@switchboard/test-utils/gateway` by default). */
export interface GatewayHandle {
  url: string;
  wsUrl: string;
  port: number;
  hooks?: unknown;
  close(): Promise<void>;
}

/** The gateway's start function. */
export type StartGateway = (opts: { port: number; host: string; staticDir?: string }) => Promise<GatewayHandle>;

/** The pages of the page server: the SDK page, the raw WebRTC page, the proxy-mode remote page (static/remote.html). */
export type PageKind = 'sdk' | 'raw' | 'remote';

const PAGE_PATHS: Record<PageKind, string> = { sdk: '', raw: 'raw.html', remote: 'remote.html' };

/** Per-side launch options. */
export interface SideOptions {
  /** Frequency (Hz) of this side's fake microphone sine. */
  tone?: number;
  /** The browser this side's pages run in. @default 'chromium' */
  browser?: BrowserName;
}

/** Browsers launched on demand, one per browser and tone, shared until `close()`. */
export interface BrowserPool {
  get(name: BrowserName, tone?: number): Promise<LaunchedBrowser>;
  close(): Promise<void>;
}

/** A new pool; its browsers (and their temporary profiles) live until `close()`. */
export function createBrowserPool(): BrowserPool {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-e2e-browsers-'));
  const launched = new Map<string, Promise<LaunchedBrowser>>();
  return {
    get(name, tone) {
      const key = `${name}:${tone ?? 'default'}`;
      let b = launched.get(key);
      if (!b) {
        b = launchBrowser(name, dir, tone);
        launched.set(key, b);
      }
      return b;
    },
    async close() {
      const all = [...launched.values()];
      launched.clear();
      await Promise.all(all.map((b) => b.then((x) => x.close()).catch(() => undefined)));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Harness options. */
export interface HarnessOptions {
  /** Named sides (e.g. alice, bob); sides with the same browser and tone share one browser. */
  sides?: Record<string, SideOptions>;
  /** Start the reference gateway (default true), or use this start function. */
  gateway?: boolean | StartGateway;
  /** Take the browsers from this pool (the caller closes it); by default the harness has its own. */
  browsers?: BrowserPool;
}

/** A running harness. */
export interface Harness {
  gateway?: GatewayHandle;
  pages: PageServer;
  /** Opens a new page for `side` in its own browser context: the SDK page, the raw WebRTC page or the proxy-mode remote page. */
  open(side: string, kind?: PageKind): Promise<E2EPage>;
  close(): Promise<void>;
}

/** The longest one teardown step of a harness may take before the next one runs. */
const CLOSE_STEP_MS = 10000;

/** Resolves when `p` settles or after `ms`, whichever is first. */
function bounded(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  return Promise.race([p.then(() => undefined), t]).finally(() => clearTimeout(timer));
}

/** Starts gateway, page server and browsers. On failure, whatever started is closed again. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const closers: Array<() => Promise<unknown>> = [];
  const close = async () => {
    // Each step is bounded: a browser stuck in a page (a hung evaluate) must not keep the gateway
    // and the page server open, or jest never exits.
    for (const c of closers.reverse()) await bounded(c().catch(() => undefined), CLOSE_STEP_MS);
    closers.length = 0;
  };
  try {
    let gateway: GatewayHandle | undefined;
    if (options.gateway !== false) {
      const start: StartGateway = typeof options.gateway === 'function' ? options.gateway : startGateway;
      gateway = await start({ port: 0, host: '127.0.0.1' });
      closers.push(() => gateway!.close());
    }
    const pages = await startPageServer();
    closers.push(() => pages.close());
    let pool = options.browsers;
    if (!pool) {
      const own = (pool = createBrowserPool());
      closers.push(() => own.close());
    }
    const initScript = fs.readFileSync(path.join(staticDir, 'init.js'), 'utf8');
    const sides = options.sides ?? {};
    const browserOf = (side: string): BrowserName => sides[side]?.browser ?? 'chromium';
    const browserFor = (side: string) => pool.get(browserOf(side), sides[side]?.tone);
    // Launch every side's browser up front (in parallel) so the first test does not pay for it.
    await Promise.all(Object.keys(sides).map(browserFor));
    return {
      gateway,
      pages,
      async open(side, kind = 'sdk') {
        // Build first so that an SDK that does not compile fails here with esbuild's message.
        if (kind === 'sdk') await buildSdkBundle();
        if (kind === 'remote') await buildRemoteBundle();
        const { browser } = await browserFor(side);
        const context = await browser.createBrowserContext();
        closers.push(() => context.close());
        // A window of its own, so every page is visible: Firefox holds enumerateDevices() (and so
        // initializeDevices()) of a hidden document until it becomes visible.
        const tab = await context.newPage({ type: 'window' });
        await tab.evaluateOnNewDocument(initScript);
        const page = new E2EPage(tab, side, browserOf(side));
        await tab.goto(`${pages.url}/${PAGE_PATHS[kind]}`);
        // A page that silently runs in another browser fails here.
        assertUserAgent(page.browser, await page.eval<string>('navigator.userAgent'));
        return page;
      },
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

/** A side of {@link startLoggedIn}: launch options plus extra SDK config (a JS expression). */
export interface LoggedInSide extends SideOptions {
  /** Extra `createClient` config, as a JS expression evaluated in the page. */
  config?: string;
  /** Extra plugins: names of plugin factories of the bundle (e.g. `'callRecorderPlugin'`), called without options, or `[name, options]`. */
  plugins?: readonly PluginEntry[];
}

/**
 * Starts a harness whose demo users (alice, bob, carol) each have one SDK page, logged in and
 * subscribed to the gateway. Close it with `harness.close()`.
 */
export async function startLoggedIn<N extends keyof typeof users & string>(
  sides: Record<N, LoggedInSide>,
  options: Omit<HarnessOptions, 'sides'> = {},
): Promise<{ harness: Harness } & Record<N, E2EPage>> {
  const harness = await startHarness({ ...options, sides });
  try {
    const names = Object.keys(sides) as N[];
    const opened = await Promise.all(names.map((n) => harness.open(n)));
    await Promise.all(names.map((n, i) => opened[i]!.login(users[n], harness.gateway!.port, sides[n].config, sides[n].plugins)));
    return Object.assign({ harness }, ...names.map((n, i) => ({ [n]: opened[i] }))) as { harness: Harness } & Record<N, E2EPage>;
  } catch (error) {
    await harness.close();
    throw error;
  }
}
