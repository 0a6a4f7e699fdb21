/**
 * Node-side handle of one test page. Everything that runs in the page is a string expression
 * over `window.E2E` (static/helpers.js), so coverage instrumentation can never break it.
 */
import type { Frame, Page } from 'puppeteer-core';
import type { BrowserName } from './browsers';

/** An extra plugin of a page's client: a plugin factory name of the bundle, or `[name, options]` (JSON options). */
export type PluginEntry = string | readonly [string, unknown];

/** A demo user of the reference gateway. */
export interface DemoUser {
  username: string;
  password: string;
}

/** The gateway's demo users. */
export const users = {
  alice: { username: 'alice@example.com', password: 'alice-secret' },
  bob: { username: 'bob@example.com', password: 'bob-secret' },
  carol: { username: 'carol@example.com', password: 'carol-secret' },
} satisfies Record<string, DemoUser>;

/** One SDK event as logged in the page. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- page data is untyped JSON; tests narrow it with P
export interface LoggedEvent<P = Record<string, any>> {
  type: string;
  params: P;
  t: number;
}

/** inbound-rtp totals for one media kind. */
export interface InboundKind {
  bytesReceived: number;
  packetsReceived: number;
  framesDecoded: number;
  codecs: string[];
}

/** The state of the tone detector. */
export interface ToneState {
  detected: boolean;
  absent: boolean;
  last: Array<{ hz: number; db: number }>;
}

const js = (v: unknown) => JSON.stringify(v);

/** Wraps a puppeteer-core Page (Chromium or Firefox) with the harness helpers. */
export class E2EPage {
  /** Console errors and page errors seen so far (for diagnostics). */
  readonly problems: string[] = [];

  constructor(
    readonly page: Page,
    readonly name: string,
    /** The browser the page runs in (its user agent was checked when it opened). */
    readonly browser: BrowserName = 'chromium',
  ) {
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warn') this.problems.push(`[${m.type()}] ${m.text()}`);
    });
    page.on('pageerror', (e) => this.problems.push(`[pageerror] ${e instanceof Error ? e.message : String(e)}`));
  }

  /** Evaluates a string expression in the page (awaiting a returned promise). */
  eval<T = unknown>(expr: string): Promise<T> {
    return this.page.evaluate(expr) as Promise<T>;
  }

  /** The child frame whose URL contains `marker` (e.g. a query parameter given to its src), polled until it loads. */
  async frame(marker: string, timeout = 10000): Promise<Frame> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const f = this.page.frames().find((x) => x !== this.page.mainFrame() && x.url().includes(marker));
      if (f) return f;
      if (Date.now() > deadline) throw new Error(`[${this.name}] no frame with ${marker} in its URL after ${timeout} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /**
   * Creates `window.client` for `user`, logged in and subscribed to `call`.
   * `extraConfigExpr` is a JS expression for extra config, e.g. `{ call: { sdpHandlers: [...] } }`;
   * `plugins` names extra plugin factories of the bundle (e.g. `'callRecorderPlugin'`), installed without options,
   * or `[name, options]` (JSON options).
   */
  async login(user: DemoUser, gatewayPort: number, extraConfigExpr = 'undefined', plugins: readonly PluginEntry[] = []): Promise<unknown> {
    const opts = { ...user, port: gatewayPort, plugins };
    return this.eval(`E2E.createClient(${js(opts)}, ${extraConfigExpr})`);
  }

  /**
   * Polls `expr` (awaiting a returned promise) every `interval` ms until it is truthy and returns
   * that value; on timeout throws with `what` and diagnostics.
   */
  async waitFor<T = unknown>(expr: string, what: string, timeout = 10000, interval = 50): Promise<T> {
    const deadline = Date.now() + timeout;
    let last: unknown;
    for (;;) {
      try {
        last = await this.eval(expr);
        if (last) return last as T;
      } catch (err) {
        last = err;
      }
      if (Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, interval));
    }
    throw new Error(`[${this.name}] timed out after ${timeout} ms waiting for ${what} (${expr}); last value: ${String(last)}\n${await this.diagnostics()}`);
  }

  /**
   * Waits for a logged SDK event of `type` whose params satisfy `predSrc` (function source).
   * With `consume`, each event is returned once (later calls get the next matching event).
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see LoggedEvent
  async waitForEvent<P = Record<string, any>>(type: string, predSrc?: string, timeout = 10000, consume = false): Promise<P> {
    const find = `E2E.findEvent(${js(type)}, ${js(predSrc ?? null)}, ${consume})`;
    const e = await this.waitFor<LoggedEvent<P>>(find, `event ${type}${predSrc ? ` matching ${predSrc}` : ''}`, timeout);
    return e.params;
  }

  /** All logged events of `type` (params only). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see LoggedEvent
  events<P = Record<string, any>>(type: string): Promise<P[]> {
    return this.eval(`E2E.events(${js(type)})`);
  }

  /** inbound-rtp totals per kind over the page's live peer connections. */
  inbound(): Promise<Record<string, InboundKind | undefined>> {
    return this.eval('E2E.inbound()');
  }

  /** Waits until inbound bytes of `kind` exceed `after` (default: any bytes). */
  async waitForInboundGrowth(kind: 'audio' | 'video', after = 0, timeout = 10000): Promise<number> {
    const expr = `E2E.inbound().then((s) => { const b = s[${js(kind)}] ? s[${js(kind)}].bytesReceived : 0; return b > ${after} ? b : 0; })`;
    return this.waitFor<number>(expr, `inbound ${kind} bytes > ${after}`, timeout);
  }

  /** The largest remote videoWidth inside `selector`. */
  videoWidth(selector = '#remote'): Promise<number> {
    return this.eval(`E2E.videoWidth(${js(selector)})`);
  }

  /**
   * Waits until the remote video in `selector` has frames (videoWidth > 0) and its `currentTime`
   * advances by at least `advance` seconds (frames keep being decoded and shown). Returns the width.
   */
  async waitForVideoPlaying(selector = '#remote', advance = 0.5, timeout = 10000): Promise<number> {
    const first = await this.waitFor<{ width: number; time: number }>(`E2E.videoPlayback(${js(selector)})`, `remote video in ${selector} with videoWidth > 0`, timeout);
    const later = await this.waitFor<{ width: number; time: number }>(
      `(() => { const v = E2E.videoPlayback(${js(selector)}); return v && v.time >= ${first.time + advance} ? v : null; })()`,
      `remote video in ${selector} advancing past currentTime ${first.time + advance}`,
      timeout,
    );
    return later.width;
  }

  /** Starts the tone detector on the remote audio track (Chromium: AnalyserNode; Firefox: recorded and decoded). */
  startToneDetector(): Promise<boolean> {
    return this.eval('E2E.startToneDetector()');
  }

  /** The detector's verdict for `hz`. */
  toneState(hz: number): Promise<ToneState> {
    return this.eval(`E2E.toneState(${hz})`);
  }

  /** A summary of what the page has seen, for failure messages. */
  async diagnostics(): Promise<string> {
    const state = await this.page
      .evaluate(
        `({ events: (window.E2E ? E2E.log : []).map((e) => e.type + (e.params && e.params.error ? '(error)' : '')).slice(-40),
            pcs: window.__e2e ? E2E.pcSummary() : [], local: window.__e2e ? E2E.localTrackStates() : [], ua: navigator.userAgent, tone: window.E2E && E2E.tone ? { state: E2E.tone.source.state(), peaks: E2E.tone.peaks.slice(-5) } : [] })`,
      )
      .catch((e: unknown) => ({ unavailable: String(e) }));
    return `[${this.name}] state: ${JSON.stringify(state)}\n[${this.name}] console: ${this.problems.slice(-15).join('\n')}`;
  }
}
