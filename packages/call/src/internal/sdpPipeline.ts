/**
 * The SDP pipeline: every SDP the call sets or sends goes through the built-in steps
 * (`removeBundling`, trickle removal and bandwidth lines on send) and then through the SDP
 * handlers (`config.call.sdpHandlers` or `call.setSdpHandlers`), on sdp-transform objects.
 */
import { parse, write } from 'sdp-transform';
import type { BandwidthControls, SdpHandlerFunction, SdpHandlerInfo, SdpObject } from '../types';

/** What the pipeline applies besides the handlers. @internal */
export interface PipelineOptions {
  /** Strip `a=group` lines (config `removeBundling`). */
  removeBundling: boolean;
  /** Bandwidth limits written as `b=AS`/`b=TIAS` into SDP this side sends (limits what the remote sends us). */
  bandwidth?: BandwidthControls;
}

/** Built-in handler: removes `a=group:BUNDLE` (all `a=group` lines). @internal */
export const removeBundlingHandler: SdpHandlerFunction = (sdp) => {
  delete sdp.groups;
  return sdp;
};

/** Built-in handler for SDP that is sent: no trickle ICE on this protocol (§5.22). @internal */
export const removeTrickleHandler: SdpHandlerFunction = (sdp) => {
  const strip = (o: { iceOptions?: string }) => {
    if (!o.iceOptions) return;
    const rest = o.iceOptions.split(/\s+/).filter((x) => x && x !== 'trickle');
    if (rest.length) o.iceOptions = rest.join(' ');
    else delete o.iceOptions;
  };
  strip(sdp);
  sdp.media.forEach(strip);
  return sdp;
};

/**
 * Creates the built-in handler that writes the limits per media kind and for the whole session:
 * `b=AS` in kbps and `b=TIAS` in bps (RFC 3890; Firefox reads TIAS). @internal
 */
export function bandwidthHandler(bw: BandwidthControls): SdpHandlerFunction {
  return (sdp) => {
    const set = (o: { bandwidth?: SdpObject['bandwidth'] }, limit: number | undefined) => {
      if (limit === undefined) return;
      o.bandwidth = [...(o.bandwidth ?? []).filter((b) => b.type !== 'AS' && b.type !== 'TIAS'), { type: 'AS', limit }, { type: 'TIAS', limit: limit * 1000 }];
    };
    set(sdp, bw.call);
    for (const m of sdp.media) set(m, m.type === 'audio' ? bw.audio : m.type === 'video' ? bw.video : undefined);
    return sdp;
  };
}

/**
 * Runs the pipeline on `sdp`. Returns the SDP untouched when no step applies.
 * @throws TypeError when a handler does not return an SDP object; whatever a handler throws.
 * @internal
 */
export function runSdpPipeline(sdp: string, handlers: readonly SdpHandlerFunction[], info: SdpHandlerInfo, options: PipelineOptions): string {
  const steps: SdpHandlerFunction[] = [];
  if (options.removeBundling) steps.push(removeBundlingHandler);
  if (info.step === 'send' && info.endpoint === 'local') {
    steps.push(removeTrickleHandler);
    const bw = options.bandwidth;
    if (bw && (bw.call !== undefined || bw.audio !== undefined || bw.video !== undefined)) steps.push(bandwidthHandler(bw));
  }
  steps.push(...handlers);
  if (steps.length === 0) return sdp;
  const original = parse(sdp);
  let current = parse(sdp);
  for (const step of steps) {
    const next = step(current, { ...info }, original);
    if (typeof next !== 'object' || next === null || !Array.isArray((next as SdpObject).media)) {
      throw new TypeError('An SDP handler must return the SDP object (with a `media` array).');
    }
    current = next;
  }
  return write(current);
}
