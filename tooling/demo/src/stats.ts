/**
 * Call-quality figures from a `getStats` report (WebRTC's standard stats, as Chromium and Firefox
 * report them): totals, a {@link Sample} per interval, the negotiated codecs and the selected ICE
 * candidate pair. Pure functions over the report, so they can be checked without a browser.
 */

/** One stats entry (the fields used here). */
export type Stat = Record<string, unknown> & { id: string; type: string };

/** The running totals a sample is the difference of. */
export interface Totals {
  /** Report time, ms. */
  at: number;
  bytesSent: number;
  bytesReceived: number;
  packetsReceived: number;
  packetsLost: number;
}

/** One point of the quality charts. */
export interface Sample {
  /** Seconds since the epoch (uPlot's x scale). */
  t: number;
  sendKbps: number;
  recvKbps: number;
  /** Packets lost in the interval, % of those expected. */
  lossPct: number;
  /** Largest inbound jitter, ms. */
  jitterMs: number | null;
  /** Round-trip time of the selected candidate pair (or RTCP), ms. */
  rttMs: number | null;
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const entries = (report: RTCStatsReport): Stat[] => {
  const out: Stat[] = [];
  report.forEach((s: Stat) => out.push(s));
  return out;
};

/** The totals of `report`, taken at `at` (ms). */
export function totals(report: RTCStatsReport, at: number): Totals {
  const t: Totals = { at, bytesSent: 0, bytesReceived: 0, packetsReceived: 0, packetsLost: 0 };
  for (const s of entries(report)) {
    if (s.type === 'outbound-rtp') t.bytesSent += num(s.bytesSent);
    if (s.type === 'inbound-rtp') {
      t.bytesReceived += num(s.bytesReceived);
      t.packetsReceived += num(s.packetsReceived);
      t.packetsLost += num(s.packetsLost);
    }
  }
  return t;
}

/** The selected candidate pair of `report`, if any. */
export function selectedPair(report: RTCStatsReport): Stat | undefined {
  const all = entries(report);
  for (const s of all) {
    if (s.type === 'transport' && typeof s.selectedCandidatePairId === 'string') {
      const pair = report.get(s.selectedCandidatePairId) as Stat | undefined;
      if (pair) return pair;
    }
  }
  return all.find((s) => s.type === 'candidate-pair' && (s.selected === true || (s.nominated === true && s.state === 'succeeded')));
}

/** The interval's sample from the previous and current totals. */
export function sample(report: RTCStatsReport, previous: Totals | undefined, now: Totals): Sample {
  const seconds = previous ? Math.max((now.at - previous.at) / 1000, 0.001) : 1;
  const kbps = (a: number, b: number) => (previous ? Math.max(0, ((a - b) * 8) / 1000 / seconds) : 0);
  const received = previous ? now.packetsReceived - previous.packetsReceived : 0;
  const lost = previous ? Math.max(0, now.packetsLost - previous.packetsLost) : 0;
  let jitter: number | null = null;
  let rtt: number | null = null;
  for (const s of entries(report)) {
    if (s.type === 'inbound-rtp' && typeof s.jitter === 'number') jitter = Math.max(jitter ?? 0, s.jitter * 1000);
    if (s.type === 'remote-inbound-rtp' && typeof s.roundTripTime === 'number') rtt ??= s.roundTripTime * 1000;
  }
  const pair = selectedPair(report);
  if (pair && typeof pair.currentRoundTripTime === 'number') rtt = pair.currentRoundTripTime * 1000;
  return {
    t: now.at / 1000,
    sendKbps: kbps(now.bytesSent, previous?.bytesSent ?? 0),
    recvKbps: kbps(now.bytesReceived, previous?.bytesReceived ?? 0),
    lossPct: received + lost > 0 ? (100 * lost) / (received + lost) : 0,
    jitterMs: jitter,
    rttMs: rtt,
  };
}

/** The codecs in use, e.g. `['audio ↑ audio/opus 48000', 'audio ↓ audio/opus 48000']`. */
export function codecsInUse(report: RTCStatsReport): string[] {
  const out = new Set<string>();
  for (const s of entries(report)) {
    if ((s.type !== 'inbound-rtp' && s.type !== 'outbound-rtp') || typeof s.codecId !== 'string') continue;
    const codec = report.get(s.codecId) as Stat | undefined;
    if (!codec) continue;
    const fmtp = typeof codec.sdpFmtpLine === 'string' && codec.sdpFmtpLine ? ` (${codec.sdpFmtpLine})` : '';
    out.add(`${String(s.kind)} ${s.type === 'outbound-rtp' ? '↑' : '↓'} ${String(codec.mimeType)} ${num(codec.clockRate)}${fmtp}`);
  }
  return [...out].sort();
}

/** The selected ICE candidate pair as text: `host udp 127.0.0.1:5000 ⇄ host udp 127.0.0.1:6000`. */
export function pairText(report: RTCStatsReport): string | undefined {
  const pair = selectedPair(report);
  if (!pair) return undefined;
  const side = (id: unknown) => {
    const c = typeof id === 'string' ? (report.get(id) as Stat | undefined) : undefined;
    if (!c) return '?';
    return `${String(c.candidateType)} ${String(c.protocol)} ${String(c.address ?? c.ip)}:${num(c.port)}`;
  };
  return `${side(pair.localCandidateId)} ⇄ ${side(pair.remoteCandidateId)}`;
}
