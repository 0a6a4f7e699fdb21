/**
 * The browsers of the e2e layer behind one interface: headless Debian Chromium and Debian
 * Firefox ESR, both driven by puppeteer-core (Chromium over CDP through a pipe, Firefox over
 * WebDriver BiDi; docs/decisions.md "puppeteer-core for every browser"). A launched browser has
 * its own profile directory inside the harness's temporary folder and is closed on every exit
 * path: `close()`, and, as a fallback when Node exits without it, a kill by PID.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { sineWav } from './wav';

/** A browser the e2e layer can run. */
export type BrowserName = 'chromium' | 'firefox';

/** Every browser the e2e layer can run, in matrix order. */
export const BROWSERS: readonly BrowserName[] = ['chromium', 'firefox'];

/** Where the Debian packages put each browser (`npm test` installs the package when missing). */
export const EXECUTABLES: Record<BrowserName, string> = { chromium: '/usr/bin/chromium', firefox: '/usr/bin/firefox-esr' };

/** Chromium flags (docs/testing.md §2). */
export function chromiumArgs(wavFile?: string): string[] {
  const args = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--allow-loopback-in-peer-connection', '--no-sandbox'];
  if (wavFile) args.push(`--use-file-for-fake-audio-capture=${wavFile}`);
  return args;
}

/** Firefox prefs (docs/testing.md §8): fake devices, loopback ICE, no permission prompts, autoplay. */
export function firefoxPrefs(tone?: number): Record<string, unknown> {
  const prefs: Record<string, unknown> = {
    'media.navigator.streams.fake': true,
    'media.peerconnection.ice.loopback': true,
    // Without these two Firefox gathers only on the default route (none in the namespace).
    'permissions.default.microphone': 1,
    'permissions.default.camera': 1,
    'media.navigator.permission.disabled': true,
    'media.peerconnection.ice.obfuscate_host_addresses': false,
    // Several pages share one Firefox, and only one of them has the focus: Firefox holds
    // enumerateDevices() (and devicechange) of an unfocused page until it gets the focus.
    'media.devices.unfocused.enabled': true,
    // Remote audio elements may play without a user gesture (as in headless Chromium).
    'media.autoplay.default': 0,
    'media.autoplay.blocking_policy': 0,
  };
  if (tone !== undefined) prefs['media.navigator.audio.fake_frequency'] = tone;
  return prefs;
}

/** The user-agent test of each browser: a page that fails it runs in the wrong browser. */
const USER_AGENTS: Record<BrowserName, { pattern: RegExp; not?: RegExp }> = {
  chromium: { pattern: /(HeadlessChrome|Chrome)\/\d+/, not: /Firefox\// },
  firefox: { pattern: /Gecko\/\d+ Firefox\/\d+/ },
};

/** Throws unless `userAgent` is that of `browser` (no silent fallback to another browser). */
export function assertUserAgent(browser: BrowserName, userAgent: string): void {
  const ua = USER_AGENTS[browser];
  if (!ua.pattern.test(userAgent) || ua.not?.test(userAgent)) {
    throw new Error(`expected a ${browser} page, but its user agent is ${JSON.stringify(userAgent)}`);
  }
}

/** A launched browser. */
export interface LaunchedBrowser {
  name: BrowserName;
  browser: Browser;
  /** Closes the browser (killing it by PID when it does not close) and removes its profile. */
  close(): Promise<void>;
}

/** Browser processes and profiles still open: killed and removed when Node exits without `close()`. */
const live = new Map<number, string>();
process.once('exit', () => {
  for (const [pid, dir] of live) {
    killTree(pid);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/**
 * Kills the browser's whole process group (puppeteer starts it detached, as a group leader, so its
 * content and crash-helper processes go too), or the process alone when there is no group.
 */
function killTree(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Extra launch options. */
export interface LaunchOptions {
  /** Accept self-signed certificates (the gateway's own https certificate). */
  acceptInsecureCerts?: boolean;
}

/**
 * Launches `name` headless with fake media; `tone` (Hz) is its fake microphone's sine (Chromium: a
 * WAV file, Firefox: `media.navigator.audio.fake_frequency`). `dir` holds the profile (and WAV).
 */
export async function launchBrowser(name: BrowserName, dir: string, tone?: number, options: LaunchOptions = {}): Promise<LaunchedBrowser> {
  const profile = fs.mkdtempSync(path.join(dir, `${name}-profile-`));
  const common = {
    executablePath: EXECUTABLES[name], headless: true, userDataDir: profile, handleSIGINT: true, handleSIGTERM: true, handleSIGHUP: true,
    ...(options.acceptInsecureCerts ? { acceptInsecureCerts: true } : {}),
  };
  let browser: Browser;
  if (name === 'firefox') {
    browser = await puppeteer.launch({ ...common, browser: 'firefox', protocol: 'webDriverBiDi', extraPrefsFirefox: firefoxPrefs(tone) });
  } else {
    let wav: string | undefined;
    if (tone !== undefined) {
      wav = path.join(dir, `tone${tone}.wav`);
      if (!fs.existsSync(wav)) fs.writeFileSync(wav, sineWav(tone));
    }
    browser = await puppeteer.launch({ ...common, browser: 'chrome', pipe: true, args: chromiumArgs(wav) });
  }
  const pid = browser.process()?.pid;
  if (pid !== undefined) live.set(pid, profile);
  let closing: Promise<void> | undefined;
  return {
    name,
    browser,
    close() {
      closing ??= (async () => {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, 10000)));
        await Promise.race([browser.close().catch(() => undefined), timeout]).finally(() => clearTimeout(timer));
        if (pid !== undefined && alive(pid)) {
          killTree(pid);
          for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 20));
        }
        if (pid !== undefined) live.delete(pid);
        fs.rmSync(profile, { recursive: true, force: true });
      })();
      return closing;
    },
  };
}
