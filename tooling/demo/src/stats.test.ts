/** The call-quality figures of the quality panel, from hand-made stats reports (a Map is enough). */
import { codecsInUse, pairText, sample, selectedPair, totals } from './stats';

type Entry = Record<string, unknown> & { id: string; type: string };
const report = (...entries: Entry[]) => new Map(entries.map((e) => [e.id, e])) as unknown as RTCStatsReport;

const chromium = (bytesSent: number, bytesReceived: number, packetsReceived: number, packetsLost: number) =>
  report(
    { id: 'OT1', type: 'outbound-rtp', kind: 'audio', bytesSent, codecId: 'C1' },
    { id: 'IT1', type: 'inbound-rtp', kind: 'audio', bytesReceived, packetsReceived, packetsLost, jitter: 0.004, codecId: 'C2' },
    { id: 'C1', type: 'codec', mimeType: 'audio/opus', clockRate: 48000, sdpFmtpLine: 'minptime=10' },
    { id: 'C2', type: 'codec', mimeType: 'audio/opus', clockRate: 48000 },
    { id: 'T1', type: 'transport', selectedCandidatePairId: 'P1' },
    { id: 'P1', type: 'candidate-pair', localCandidateId: 'L1', remoteCandidateId: 'R1', currentRoundTripTime: 0.012 },
    { id: 'P2', type: 'candidate-pair', localCandidateId: 'L1', remoteCandidateId: 'R1', nominated: true, state: 'succeeded', currentRoundTripTime: 0.5 },
    { id: 'L1', type: 'local-candidate', candidateType: 'host', protocol: 'udp', address: '127.0.0.1', port: 5000 },
    { id: 'R1', type: 'remote-candidate', candidateType: 'srflx', protocol: 'udp', address: '10.0.0.2', port: 6000 },
  );

it('computes bitrates, loss, jitter and the selected pair\'s RTT from two reports', () => {
  const first = chromium(1000, 2000, 100, 0);
  const second = chromium(1000 + 12500, 2000 + 25000, 190, 10);
  const t1 = totals(first, 10_000);
  const t2 = totals(second, 12_000);
  expect(t2).toEqual({ at: 12_000, bytesSent: 13_500, bytesReceived: 27_000, packetsReceived: 190, packetsLost: 10 });
  expect(sample(second, t1, t2)).toEqual({ t: 12, sendKbps: 50, recvKbps: 100, lossPct: 10, jitterMs: 4, rttMs: 12 });
  // The first sample has no interval: zero rates, not the totals.
  expect(sample(first, undefined, t1)).toMatchObject({ sendKbps: 0, recvKbps: 0, lossPct: 0 });
});

it('names the codecs in use and the selected candidate pair (transport first, then Firefox\'s `selected`)', () => {
  const r = chromium(0, 0, 0, 0);
  expect(codecsInUse(r)).toEqual(['audio ↑ audio/opus 48000 (minptime=10)', 'audio ↓ audio/opus 48000']);
  expect(pairText(r)).toBe('host udp 127.0.0.1:5000 ⇄ srflx udp 10.0.0.2:6000');
  const firefox = report({ id: 'P9', type: 'candidate-pair', selected: true, localCandidateId: 'x', remoteCandidateId: 'y' });
  expect(selectedPair(firefox)?.id).toBe('P9');
  expect(pairText(firefox)).toBe('? ⇄ ?');
  expect(pairText(report())).toBeUndefined();
});

it('takes RTT from RTCP (remote-inbound-rtp) when no candidate pair reports one', () => {
  const r = report({ id: 'RI', type: 'remote-inbound-rtp', roundTripTime: 0.03 });
  expect(sample(r, undefined, totals(r, 1000)).rttMs).toBe(30);
});
