/**
 * What the browser benchmarks count in a page, beyond its heap: live objects, open peer
 * connections, live tracks, event listeners (the SDK's own emitters and the DOM / WebRTC objects'),
 * and pending timers. Read with CDP (Chromium) after a forced GC, so only what is still reachable counts.
 *
 * - `PROBE_PLUGIN` (page script, before login): a `benchProbePlugin` factory on `window.Switchboard`
 *   whose `register(ctx)` keeps the client's event bus as `window.__sbBus`, so the listener count of
 *   every declared event can be read (the bus is not reachable from the public client).
 * - `TIMERS` (page init script): wraps setTimeout/setInterval/clear* so pending timeouts and active
 *   intervals can be counted.
 */
import type { CDPSession } from 'puppeteer-core';
import type { E2EPage } from '../e2ePage';

/** Page script: registers the `benchProbePlugin` factory (a plugin object as `definePlugin` returns it). */
export const PROBE_PLUGIN = `(() => {
  const spec = { id: 'bench-probe', version: '0.0.0', register(ctx) { window.__sbBus = ctx.events; return { api: {} }; } };
  window.Switchboard.benchProbePlugin = () => Object.freeze({ $$type: '@switchboard/plugin', contract: 1, id: spec.id, version: spec.version, dependsOn: [], spec });
  return true;
})()`;

/** Init script (before any page script): counts pending timeouts and active intervals. */
export const TIMERS = `(() => {
  const live = (window.__timers = { timeouts: new Set(), intervals: new Set() });
  const st = window.setTimeout, ct = window.clearTimeout, si = window.setInterval, ci = window.clearInterval;
  window.setTimeout = function (fn, ms, ...args) {
    const id = st.call(window, (...a) => { live.timeouts.delete(id); return typeof fn === 'function' ? fn(...a) : (0, eval)(String(fn)); }, ms, ...args);
    live.timeouts.add(id);
    return id;
  };
  window.clearTimeout = (id) => { live.timeouts.delete(id); return ct.call(window, id); };
  window.setInterval = function (...args) { const id = si.apply(window, args); live.intervals.add(id); return id; };
  window.clearInterval = (id) => { live.intervals.delete(id); return ci.call(window, id); };
})()`;

/** Listener totals of a page. */
export interface ListenerCounts {
  /** The client's event bus: listeners per declared event (events with none are left out), plus global listeners (`subscribe`). */
  bus: Record<string, number>;
  /** Every eventemitter3 instance alive in the page (the bus and the SDK's internal emitters): how many, and their listeners in all. */
  emitters: { instances: number; listeners: number };
  /** DOM listeners (addEventListener and `on…` handlers) on live objects, per `Kind:type`. */
  dom: Record<string, number>;
}

/** What {@link probe} reads. */
export interface ProbeResult {
  /** `Runtime.getHeapUsage().usedSize` after two forced collections, bytes. */
  heap: number;
  /** Live instances per constructor (`Runtime.queryObjects`), plus `calls` listed by `client.call.getAll()`. */
  objects: Record<string, number>;
  /** RTCPeerConnections not closed (`signalingState !== 'closed'`). */
  openPeerConnections: number;
  /** MediaStreamTracks with `readyState === 'live'`. */
  liveTracks: number;
  listeners: ListenerCounts;
  /** Pending timeouts and active intervals (only when {@link TIMERS} was installed). */
  timers: { timeouts: number; intervals: number };
}

/** Constructors counted by {@link probe}; their live instances are also searched for DOM listeners. */
const KINDS = ['RTCPeerConnection', 'RTCRtpSender', 'RTCRtpReceiver', 'RTCDtlsTransport', 'RTCIceTransport', 'RTCDataChannel', 'MediaStreamTrack', 'MediaStream', 'HTMLMediaElement', 'WebSocket', 'AudioContext'];

/** Runs `fn` (a function declaration, `this` = array) over the live objects whose prototype chain has `protoExpr`. */
async function overObjects<T>(cdp: CDPSession, protoExpr: string, fn: string, each?: (objectId: string) => Promise<void>): Promise<T> {
  const proto = await cdp.send('Runtime.evaluate', { expression: protoExpr });
  const protoId = proto.result.objectId;
  if (!protoId) return undefined as T;
  const found = await cdp.send('Runtime.queryObjects', { prototypeObjectId: protoId });
  const arrayId = found.objects.objectId!;
  try {
    if (each) {
      const props = await cdp.send('Runtime.getProperties', { objectId: arrayId, ownProperties: true });
      for (const p of props.result) if (/^\d+$/.test(p.name) && p.value?.objectId) await each(p.value.objectId);
    }
    const r = await cdp.send('Runtime.callFunctionOn', { objectId: arrayId, functionDeclaration: fn, returnByValue: true });
    return r.result.value as T;
  } finally {
    await cdp.send('Runtime.releaseObject', { objectId: arrayId });
    await cdp.send('Runtime.releaseObject', { objectId: protoId });
  }
}

/** Adds the DOM listeners of `objectId` to `into` under `kind:type`. */
async function domListeners(cdp: CDPSession, objectId: string, kind: string, into: Record<string, number>): Promise<void> {
  const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId });
  for (const l of listeners) into[`${kind}:${l.type}`] = (into[`${kind}:${l.type}`] ?? 0) + 1;
}

/** Forces GC (twice: the first may only schedule finalizers) and reads everything {@link ProbeResult} lists. */
export async function probe(page: E2EPage, cdp: CDPSession): Promise<ProbeResult> {
  await cdp.send('HeapProfiler.collectGarbage');
  await new Promise((r) => setTimeout(r, 200));
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const objects: Record<string, number> = {};
  const dom: Record<string, number> = {};
  let openPeerConnections = 0;
  let liveTracks = 0;
  for (const kind of KINDS) {
    const found = await overObjects<{ n: number; open: number }>(
      cdp,
      `typeof ${kind} === 'function' ? ${kind}.prototype : undefined`,
      kind === 'RTCPeerConnection'
        ? 'function () { return { n: this.length, open: this.filter((pc) => pc.signalingState !== "closed").length }; }'
        : kind === 'MediaStreamTrack'
          ? 'function () { return { n: this.length, open: this.filter((t) => t.readyState === "live").length }; }'
          : 'function () { return { n: this.length, open: 0 }; }',
      (id) => domListeners(cdp, id, kind, dom),
    );
    objects[kind] = found?.n ?? -1;
    if (kind === 'RTCPeerConnection') openPeerConnections = found?.open ?? 0;
    if (kind === 'MediaStreamTrack') liveTracks = found?.open ?? 0;
  }
  for (const target of ['window', 'document', 'navigator.mediaDevices']) {
    const r = await cdp.send('Runtime.evaluate', { expression: target });
    if (r.result.objectId) {
      await domListeners(cdp, r.result.objectId, target, dom);
      await cdp.send('Runtime.releaseObject', { objectId: r.result.objectId });
    }
  }
  const emitters = await overObjects<{ instances: number; listeners: number }>(
    cdp,
    'Object.getPrototypeOf(window.__sbBus.ee)',
    `function () {
      let listeners = 0;
      for (const e of this) for (const k of Object.keys(e._events || {})) listeners += Array.isArray(e._events[k]) ? e._events[k].length : 1;
      return { instances: this.length, listeners };
    }`,
  );
  const rest = await page.eval<{ bus: Record<string, number>; calls: number; timers: ProbeResult['timers'] }>(`(() => {
    const b = window.__sbBus, bus = {};
    for (const name of b.declared) { const n = b.listenerCount(name); if (n) bus[name] = n; }
    if (b.globals.size) bus['(global)'] = b.globals.size;
    const t = window.__timers;
    return { bus, calls: client.call.getAll().length, timers: t ? { timeouts: t.timeouts.size, intervals: t.intervals.size } : { timeouts: -1, intervals: -1 } };
  })()`);
  objects.calls = rest.calls;
  return { heap: usedSize, objects, openPeerConnections, liveTracks, listeners: { bus: rest.bus, emitters, dom }, timers: rest.timers };
}

/** The entries of `after` that differ from `before` (keys of either), as `key before→after`. */
export function changed(before: Record<string, number>, after: Record<string, number>): string[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return keys.filter((k) => (before[k] ?? 0) !== (after[k] ?? 0)).map((k) => `${k} ${before[k] ?? 0}→${after[k] ?? 0}`);
}

/** Sum of a count table. */
export const total = (counts: Record<string, number>): number => Object.values(counts).reduce((a, b) => a + b, 0);
