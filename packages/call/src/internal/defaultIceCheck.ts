/**
 * The default IceCollectionCheckFunction (seed 000, "[Default]"):
 *
 * 1. Gathering `complete` → proceed when any candidate was collected, else error.
 * 2. Before the ideal timeout → proceed when every media has a relay candidate for every
 *    configured TURN server; else wait until the ideal timeout (or the next trigger).
 * 3. Between the ideal and max timeouts → proceed when every media has at least one relay
 *    candidate; else wait until the max timeout (or the next trigger).
 * 4. At or past the max timeout → proceed when any candidate was collected, else error.
 *
 * Readings of the text, where it is silent:
 * - "media" = each ICE transport that gathers, identified by the candidates' `sdpMid`
 *   (`sdpMLineIndex` when absent). With BUNDLE only the first m-line gathers, so a bundled call
 *   needs relay candidates for that transport only.
 * - A TURN server is one `iceServers` entry with a `turn:`/`turns:` URL. Which server produced a
 *   relay candidate is not observable, so step 2 counts relay candidates per media (≥ number of
 *   TURN servers).
 * - With no TURN server configured, relay candidates can never arrive: step 2 waits (for
 *   `complete` or the ideal timeout) and step 3 proceeds as soon as any candidate exists.
 */
import type { IceCollectionCheckFunction, IceCollectionCheckResult, IceCollectionInfo, IceTimeouts } from '../types';

/** Whether a candidate is a relay candidate (reads `type`, or parses `candidate` where `type` is absent). @internal */
export function isRelay(candidate: RTCIceCandidate): boolean {
  if (candidate.type) return candidate.type === 'relay';
  return / typ relay( |$)/.test(candidate.candidate ?? '');
}

/** Number of configured ICE servers with a TURN URL. @internal */
export function countTurnServers(config: RTCConfiguration | undefined): number {
  return (config?.iceServers ?? []).filter((s) => {
    const urls = Array.isArray(s.urls) ? s.urls : [s.urls];
    return urls.some((u) => typeof u === 'string' && /^turns?:/i.test(u));
  }).length;
}

/** Relay candidates per media, for every media that gathered candidates. */
function relayCountsPerMedia(candidates: readonly RTCIceCandidate[]): number[] {
  const counts = new Map<string, number>();
  for (const c of candidates) {
    const key = c.sdpMid ?? String(c.sdpMLineIndex ?? 0);
    counts.set(key, (counts.get(key) ?? 0) + (isRelay(c) ? 1 : 0));
  }
  return [...counts.values()];
}

const noCandidates = (): IceCollectionCheckResult => ({ type: 'Error', error: new Error('ICE collection finished without any candidate.') });

/**
 * The default ICE collection check (see the module comment for the algorithm).
 * @public
 */
export const defaultIceCollectionCheck: IceCollectionCheckFunction = (info: IceCollectionInfo, timeouts: IceTimeouts) => {
  const { iceGatheringState, iceCandidates, iceCollectionDuration } = info;
  const ideal = timeouts.iceCollectionIdealTimeout;
  const max = Math.max(timeouts.iceCollectionMaxTimeout, ideal);
  const any = iceCandidates.length > 0;

  if (iceGatheringState === 'complete') return any ? { type: 'StartCall' } : noCandidates();

  const turnServers = countTurnServers(info.rtcPeerConnectionConfig);
  const perMedia = relayCountsPerMedia(iceCandidates);
  if (iceCollectionDuration < ideal) {
    const ideallyComplete = turnServers > 0 && perMedia.length > 0 && perMedia.every((n) => n >= turnServers);
    return ideallyComplete ? { type: 'StartCall' } : { type: 'Wait', wait: ideal - iceCollectionDuration };
  }
  if (iceCollectionDuration < max) {
    const enough = turnServers > 0 ? perMedia.length > 0 && perMedia.every((n) => n >= 1) : any;
    return enough ? { type: 'StartCall' } : { type: 'Wait', wait: max - iceCollectionDuration };
  }
  return any ? { type: 'StartCall' } : noCandidates();
};
