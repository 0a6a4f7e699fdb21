/**
 * Hold round-trip benchmark (issue 10 point 9): how long `client.call.hold()` takes until BOTH
 * sides are On Hold (alice's own `call:stateChange` to On Hold comes after bob's answer arrived
 * through the gateway), and `unhold()` until both are Connected again, over `runs` holds of one
 * Chromium↔Chromium audio+video call. Bundled for Node by tooling/bench/hold.mjs.
 *
 * Baseline from the same run, interleaved: a raw RTCPeerConnection renegotiation through the same
 * reference gateway (the raw pages of callSetup.ts, users dave and erin): the caller sets every
 * transceiver `inactive` (the SDK's hold offer, protocol §5.10; `sendrecv` to unhold), PUTs
 * `startCallUpdate` with the new offer, the callee's page applies the `startCallUpdate`
 * notification and PUTs `respondCallUpdate` with its answer, and the caller applies the
 * `respondCallUpdate` notification. Each clock stops when both ends have applied the answer (the
 * callee after its PUT returned, as the SDK only changes state then). The ratio is printed, never
 * asserted (wall-clock times are not asserted anywhere).
 */
import { users, type E2EPage } from '../e2ePage';
import { startHarness } from '../harness';
import { benchGateway, median, RAW_USERS } from './callSetup';

/** Options of {@link runHoldBench}. */
export interface HoldOptions {
  /** Measured holds (each followed by an unhold) per variant. @default 30 */
  runs?: number;
  /** Unmeasured warm-up holds per variant. @default 3 */
  warmup?: number;
  /** Progress output. */
  log?: (line: string) => void;
}

/** Timings of one variant, ms. */
export interface HoldTimings {
  /** hold → both sides held. */
  hold: number[];
  /** hold → the holding side's own state change (SDK) / answer applied (raw). */
  holdLocal: number[];
  /** unhold → both sides connected again. */
  unhold: number[];
}

/** Result of {@link runHoldBench}. */
export interface HoldResult {
  runs: number;
  sdk: HoldTimings;
  raw: HoldTimings;
  /** Medians and p90s, ms. */
  summary: Record<'sdk' | 'raw', { holdMedian: number; holdP90: number; holdLocalMedian: number; unholdMedian: number; unholdP90: number }>;
  /** sdk median / raw median, hold and unhold. */
  ratio: { hold: number; unhold: number };
  /** Always true: nothing here is a wall-clock budget; the bench fails only on an error. */
  withinBudget: true;
}

const MEDIA = { audio: true, video: true };
const NOW = 'performance.timeOrigin + performance.now()';
const js = (v: unknown) => JSON.stringify(v);

/** Rejects when `p` does not settle within `ms` (page.evaluate itself has no timeout). */
function within<T>(p: Promise<T>, what: string, ms = 30000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`hold bench: ${what} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

/** Nearest-rank percentile `q` (0..1) of a non-empty list. */
export function percentile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}

/** SDK page: records when the current call first reaches each state after `__stateAt = {}`. */
const STATE_CLOCK = `(window.__stateAt = {}, client.on('call:stateChange', ({ callId }) => {
  const s = client.call.getById(callId).state;
  if (!(s in window.__stateAt)) window.__stateAt[s] = ${NOW};
}), true)`;

/** One SDK hold or unhold of `callId`: returns [both sides, alice only] in ms. */
async function sdkToggle(alice: E2EPage, bob: E2EPage, callId: string, hold: boolean): Promise<[number, number]> {
  const target = hold ? 'On Hold' : 'Connected';
  await Promise.all([alice.eval('(window.__stateAt = {}, true)'), bob.eval('(window.__stateAt = {}, true)')]);
  const t0 = await alice.eval<number>(`(() => { const t0 = ${NOW}; client.call.${hold ? 'hold' : 'unhold'}(${js(callId)}); return t0; })()`);
  const at = `window.__stateAt[${js(target)}]`;
  const [a, b] = await Promise.all([alice.waitFor<number>(at, `alice ${target}`, 15000, 5), bob.waitFor<number>(at, `bob ${target}`, 15000, 5)]);
  return [Math.max(a, b) - t0, a - t0];
}

/** Raw callee page: answers every `startCallUpdate` (offer) with `respondCallUpdate`, recording when its PUT returned. */
const RAW_RESPONDER = `(window.__rawAnswered = 0, (async () => {
  for (;;) {
    const n = await E2E.gw.next('startCallUpdate');
    const pc = E2E.raw.pc;
    await pc.setRemoteDescription({ type: 'offer', sdp: n.sessionParams.sdp });
    await pc.setLocalDescription(await pc.createAnswer());
    await E2E.gw.request('PUT', '/callControl/callSessions/' + n.sessionParams.sessionData, { callControlRequest: { type: 'respondCallUpdate', sdp: pc.localDescription.sdp } });
    window.__rawAnswered = ${NOW};
  }
})(), true)`;

/** Raw caller page: one renegotiation with every transceiver `direction`; returns [t0, answer applied]. */
const rawOffer = (direction: string) => `(async () => {
  const t0 = ${NOW};
  const pc = E2E.raw.pc;
  const leg = await window.__leg;
  pc.getTransceivers().forEach((t) => { t.direction = ${js(direction)}; });
  await pc.setLocalDescription(await pc.createOffer());
  const answered = E2E.gw.next('respondCallUpdate');
  await E2E.gw.request('PUT', '/callControl/callSessions/' + leg, { callControlRequest: { type: 'startCallUpdate', sdp: pc.localDescription.sdp } });
  const n = await answered;
  await pc.setRemoteDescription({ type: 'answer', sdp: n.sessionParams.sdp });
  return [t0, ${NOW}];
})()`;

/** One raw hold (`inactive`) or unhold (`sendrecv`): returns [both sides, caller only] in ms. */
async function rawToggle(alice: E2EPage, bob: E2EPage, hold: boolean): Promise<[number, number]> {
  await bob.eval('(window.__rawAnswered = 0, true)');
  const [t0, a] = await alice.eval<[number, number]>(rawOffer(hold ? 'inactive' : 'sendrecv'));
  const b = await bob.waitFor<number>('window.__rawAnswered', 'raw callee answered', 15000, 5);
  return [Math.max(a, b) - t0, a - t0];
}

/** Runs the benchmark (Chromium↔Chromium) and returns the timings. */
export async function runHoldBench(options: HoldOptions = {}): Promise<HoldResult> {
  const { runs = 30, warmup = 3, log = () => undefined } = options;
  const h = await startHarness({ sides: { alice: {}, bob: {} }, gateway: benchGateway });
  try {
    const port = h.gateway!.port;
    const [sdkA, sdkB, rawA, rawB] = await Promise.all([h.open('alice'), h.open('bob'), h.open('alice', 'raw'), h.open('bob', 'raw')]);
    const plugins = ['callControlsPlugin'];
    await within(Promise.all([sdkA.login(users.alice, port, undefined, plugins), sdkB.login(users.bob, port, undefined, plugins)]), 'sdk login');
    await sdkB.eval(`(client.on('call:receive', ({ callId }) => client.call.answer(callId, ${js(MEDIA)})), true)`);
    await Promise.all([sdkA.eval(STATE_CLOCK), sdkB.eval(STATE_CLOCK)]);
    const connected = '(() => { const c = client.call.getAll().find((x) => x.state === client.call.states.CONNECTED); return c && c.id; })()';
    const bobCall = sdkB.waitFor<string>(connected, 'sdk bob connected', 15000);
    const callId = await sdkA.eval<string>(`client.call.make('sip:bob@example.com', ${js(MEDIA)})`);
    await Promise.all([sdkA.waitFor(connected, 'sdk alice connected', 15000), bobCall]);

    await rawA.eval(`E2E.gw.subscribe(${js({ ...RAW_USERS.caller, port })})`);
    await rawB.eval(`E2E.gw.subscribe(${js({ ...RAW_USERS.callee, port })})`);
    await rawB.eval('(window.__answered = E2E.gw.answerNext(), true)');
    await rawA.eval(`(window.__leg = E2E.gw.call('sip:erin@example.com'), true)`);
    await within(Promise.all([rawA.eval('E2E.mediaFlowing()'), rawB.eval('E2E.mediaFlowing()'), rawA.eval('window.__leg')]), 'raw call connected');
    await rawB.eval(RAW_RESPONDER);
    log(`gateway ${h.gateway!.url}: one SDK call (alice → bob) and one raw call (dave → erin) connected, audio+video`);

    const sdk: HoldTimings = { hold: [], holdLocal: [], unhold: [] };
    const raw: HoldTimings = { hold: [], holdLocal: [], unhold: [] };
    for (let i = 0; i < warmup + runs; i++) {
      // Interleaved so that drift (caches, CPU frequency, the other helpers' load) affects both variants alike.
      const [sh, shl] = await within(sdkToggle(sdkA, sdkB, callId, true), `sdk hold ${i + 1}`);
      const [rh, rhl] = await within(rawToggle(rawA, rawB, true), `raw hold ${i + 1}`);
      const [su] = await within(sdkToggle(sdkA, sdkB, callId, false), `sdk unhold ${i + 1}`);
      const [ru] = await within(rawToggle(rawA, rawB, false), `raw unhold ${i + 1}`);
      if (i >= warmup) {
        sdk.hold.push(sh);
        sdk.holdLocal.push(shl);
        sdk.unhold.push(su);
        raw.hold.push(rh);
        raw.holdLocal.push(rhl);
        raw.unhold.push(ru);
      }
      log(`${i < warmup ? 'warm-up' : `run ${i - warmup + 1}/${runs}`}: hold sdk ${sh.toFixed(1)} ms, raw ${rh.toFixed(1)} ms; unhold sdk ${su.toFixed(1)} ms, raw ${ru.toFixed(1)} ms`);
    }
    await sdkA.eval(`client.call.end(${js(callId)})`);
    await rawA.eval('window.__leg.then((leg) => E2E.gw.hangup(leg))');
    const sum = (t: HoldTimings) => ({
      holdMedian: median(t.hold), holdP90: percentile(t.hold, 0.9), holdLocalMedian: median(t.holdLocal), unholdMedian: median(t.unhold), unholdP90: percentile(t.unhold, 0.9),
    });
    const summary = { sdk: sum(sdk), raw: sum(raw) };
    return {
      runs, sdk, raw, summary,
      ratio: { hold: summary.sdk.holdMedian / summary.raw.holdMedian, unhold: summary.sdk.unholdMedian / summary.raw.unholdMedian },
      withinBudget: true,
    };
  } finally {
    await h.close();
  }
}
