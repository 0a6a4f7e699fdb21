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
 * - A media "has" a candidate only through its RTP component (component 1). Firefox gathers an
 *   RTCP component (2) for an offer too, with a TURN allocation of its own, and either allocation
 *   may finish first (under load the RTCP one did in about 1 call of 8). An offer carrying only
 *   the RTCP relay candidate is useless to an answerer that muxes RTCP (every browser): its ICE
 *   transport has no remote candidate and stays `new`, the call never gets media. So an RTCP
 *   candidate alone does not satisfy steps 2 and 3; steps 1 and 4 keep the text's "any".
 * - With no TURN server configured, relay candidates can never arrive: step 2 waits (for
 *   `complete` or the ideal timeout) and step 3 proceeds as soon as every media that gathered has
 *   an RTP candidate.
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

/**
 * Whether a candidate is for the RTP component (1), not RTCP (2): reads `component`, or parses the
 * component id (the second field of `candidate`) where `component` is absent. Unknown counts as RTP. @internal
 */
export function isRtpComponent(candidate: RTCIceCandidate): boolean {
  if (candidate.component) return candidate.component === 'rtp';
  const id = /^(?:a=)?candidate:\S+ (\d+) /.exec(candidate.candidate ?? '')?.[1];
  return id === undefined || id === '1';
}

/** RTP-component candidates matching `counts` per media, for every media that gathered candidates (of any component). */
function countsPerMedia(candidates: readonly RTCIceCandidate[], counts: (c: RTCIceCandidate) => boolean): number[] {
  const perMedia = new Map<string, number>();
  for (const c of candidates) {
    const key = c.sdpMid ?? String(c.sdpMLineIndex ?? 0);
    perMedia.set(key, (perMedia.get(key) ?? 0) + (isRtpComponent(c) && counts(c) ? 1 : 0));
  }
  return [...perMedia.values()];
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
  const relaysPerMedia = countsPerMedia(iceCandidates, isRelay);
  const everyMedia = (perMedia: number[], atLeast: number) => perMedia.length > 0 && perMedia.every((n) => n >= atLeast);
  if (iceCollectionDuration < ideal) {
    const ideallyComplete = turnServers > 0 && everyMedia(relaysPerMedia, turnServers);
    return ideallyComplete ? { type: 'StartCall' } : { type: 'Wait', wait: ideal - iceCollectionDuration };
  }
  if (iceCollectionDuration < max) {
    const enough = turnServers > 0 ? everyMedia(relaysPerMedia, 1) : everyMedia(countsPerMedia(iceCandidates, () => true), 1);
    return enough ? { type: 'StartCall' } : { type: 'Wait', wait: max - iceCollectionDuration };
  }
  return any ? { type: 'StartCall' } : noCandidates();
};
