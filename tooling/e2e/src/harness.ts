/**
 * The real-browser harness: the reference gateway (port 0), a page server on 127.0.0.1, and one
 * headless Debian Chromium per distinct fake-audio tone (docs/testing.md §2 flags), driven by
 * playwright-core. `close()` releases everything; call it in afterAll.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { startGateway } from '@switchboard/test-utils/gateway';
import { buildSdkBundle } from './bundle';
import { E2EPage, users } from './e2ePage';
import { startPageServer, staticDir, type PageServer } from './pageServer';
import { sineWav } from './wav';

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

/** Per-side launch options. */
export interface SideOptions {
  /** Frequency (Hz) of the sine WAV used as this side's fake microphone. */
  tone?: number;
}

/** Harness options. */
export interface HarnessOptions {
  /** Named sides (e.g. alice, bob); sides with the same tone share one browser. */
  sides?: Record<string, SideOptions>;
  /** Start the reference gateway (default true), or use this start function. */
  gateway?: boolean | StartGateway;
}

/** A running harness. */
export interface Harness {
  gateway?: GatewayHandle;
  pages: PageServer;
  /** Opens a new page for `side` in its own browser context: the SDK page or the raw WebRTC page. */
  open(side: string, kind?: 'sdk' | 'raw'): Promise<E2EPage>;
  close(): Promise<void>;
}

/** Chromium flags (docs/testing.md §2). */
export function chromiumArgs(wavFile?: string): string[] {
  const args = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--allow-loopback-in-peer-connection'];
  if (wavFile) args.push(`--use-file-for-fake-audio-capture=${wavFile}`);
  return args;
}

/** Starts gateway, page server and browsers. On failure, whatever started is closed again. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const closers: Array<() => Promise<unknown>> = [];
  const close = async () => {
    for (const c of closers.reverse()) await c().catch(() => undefined);
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
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-e2e-'));
    closers.push(async () => fs.rmSync(tmp, { recursive: true, force: true }));
    const initScript = fs.readFileSync(path.join(staticDir, 'init.js'), 'utf8');
    const browsers = new Map<string, Promise<Browser>>();
    const sides = options.sides ?? {};
    const browserFor = (side: string) => {
      const tone = sides[side]?.tone;
      const key = tone === undefined ? 'default' : String(tone);
      let b = browsers.get(key);
      if (!b) {
        let wav: string | undefined;
        if (tone !== undefined) {
          wav = path.join(tmp, `tone${tone}.wav`);
          fs.writeFileSync(wav, sineWav(tone));
        }
        b = chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs(wav) });
        browsers.set(key, b);
        const launched = b;
        closers.push(async () => (await launched).close());
      }
      return b;
    };
    // Launch every side's browser up front (in parallel) so the first test does not pay for it.
    await Promise.all(Object.keys(sides).map(browserFor));
    return {
      gateway,
      pages,
      async open(side, kind = 'sdk') {
        // Build first so that an SDK that does not compile fails here with esbuild's message.
        if (kind === 'sdk') await buildSdkBundle();
        const browser = await browserFor(side);
        const context = await browser.newContext();
        await context.addInitScript({ content: initScript });
        const page = new E2EPage(await context.newPage(), side);
        await page.page.goto(`${pages.url}/${kind === 'sdk' ? '' : 'raw.html'}`);
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
  /** Extra plugins: names of plugin factories of the bundle (e.g. `'callRecorderPlugin'`), called without options. */
  plugins?: readonly string[];
}

/**
 * Starts a harness whose demo users (alice, bob, carol) each have one SDK page, logged in and
 * subscribed to the gateway. Close it with `harness.close()`.
 */
export async function startLoggedIn<N extends keyof typeof users & string>(
  sides: Record<N, LoggedInSide>,
): Promise<{ harness: Harness } & Record<N, E2EPage>> {
  const harness = await startHarness({ sides });
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
