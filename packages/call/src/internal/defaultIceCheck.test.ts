import { countTurnServers, defaultIceCollectionCheck, isRelay, isRtpComponent } from './defaultIceCheck';
import type { IceCollectionInfo } from '../types';

const cand = (mid: string, type: 'host' | 'srflx' | 'relay') =>
  ({ candidate: `candidate:1 1 udp 1 10.0.0.1 5000 typ ${type}`, sdpMid: mid, sdpMLineIndex: Number(mid), type }) as unknown as RTCIceCandidate;
/** A candidate of the RTCP component (2), as Firefox gathers for an offer it does not require rtcp-mux for. */
const rtcp = (mid: string, type: 'host' | 'relay') =>
  ({ candidate: `candidate:0 2 UDP 92151806 127.0.0.1 5001 typ ${type}`, sdpMid: mid, sdpMLineIndex: Number(mid), type }) as unknown as RTCIceCandidate;
const TURN1 = { iceServers: [{ urls: 'turn:turn1.test:3478?transport=udp' }] };
const TURN2 = { iceServers: [{ urls: ['turn:turn1.test'] }, { urls: 'turns:turn2.test:443' }, { urls: 'stun:stun.test' }] };
const timeouts = { iceCollectionIdealTimeout: 1000, iceCollectionMaxTimeout: 3000 };

function info(partial: Partial<IceCollectionInfo>): IceCollectionInfo {
  return {
    callId: 'c', callOperation: 'MAKE', reason: 'NewCandidate', iceCandidates: [], iceCollectionDuration: 0,
    iceGatheringState: 'gathering', rtcPeerConnectionConfig: {}, rtcLocalSessionDescription: '', ...partial,
  };
}

describe('defaultIceCollectionCheck', () => {
  test('step 1: gathering complete proceeds with candidates, errors without', () => {
    expect(defaultIceCollectionCheck(info({ iceGatheringState: 'complete', iceCandidates: [cand('0', 'host')] }), timeouts)).toEqual({ type: 'StartCall' });
    const r = defaultIceCollectionCheck(info({ iceGatheringState: 'complete' }), timeouts);
    expect(r.type).toBe('Error');
  });

  test('step 2: before the ideal timeout, needs a relay per TURN server on every media', () => {
    const base = { rtcPeerConnectionConfig: TURN2, iceCollectionDuration: 200 };
    const oneRelayEach = [cand('0', 'host'), cand('0', 'relay'), cand('1', 'host'), cand('1', 'relay')];
    expect(defaultIceCollectionCheck(info({ ...base, iceCandidates: oneRelayEach }), timeouts)).toEqual({ type: 'Wait', wait: 800 });
    const twoRelayEach = [...oneRelayEach, cand('0', 'relay'), cand('1', 'relay')];
    expect(defaultIceCollectionCheck(info({ ...base, iceCandidates: twoRelayEach }), timeouts)).toEqual({ type: 'StartCall' });
    const missingMedia = [cand('0', 'relay'), cand('0', 'relay'), cand('1', 'host')];
    expect(defaultIceCollectionCheck(info({ ...base, iceCandidates: missingMedia }), timeouts).type).toBe('Wait');
  });

  test('step 2 without TURN servers waits for completion or the ideal timeout', () => {
    const r = defaultIceCollectionCheck(info({ iceCollectionDuration: 100, iceCandidates: [cand('0', 'host')] }), timeouts);
    expect(r).toEqual({ type: 'Wait', wait: 900 });
  });

  test('step 3: between ideal and max, one relay per media is enough', () => {
    const base = { rtcPeerConnectionConfig: TURN2, iceCollectionDuration: 1500 };
    expect(defaultIceCollectionCheck(info({ ...base, iceCandidates: [cand('0', 'relay'), cand('1', 'relay')] }), timeouts)).toEqual({ type: 'StartCall' });
    expect(defaultIceCollectionCheck(info({ ...base, iceCandidates: [cand('0', 'relay'), cand('1', 'host')] }), timeouts)).toEqual({ type: 'Wait', wait: 1500 });
    // No TURN configured: any candidate proceeds once past the ideal timeout.
    expect(defaultIceCollectionCheck(info({ iceCollectionDuration: 1500, iceCandidates: [cand('0', 'host')] }), timeouts)).toEqual({ type: 'StartCall' });
    expect(defaultIceCollectionCheck(info({ iceCollectionDuration: 1500 }), timeouts)).toEqual({ type: 'Wait', wait: 1500 });
  });

  test('step 4: at or past max, proceeds with any candidate, errors with none', () => {
    const base = { rtcPeerConnectionConfig: TURN1, iceCollectionDuration: 3000 };
    expect(defaultIceCollectionCheck(info({ ...base, iceCandidates: [cand('0', 'host')] }), timeouts)).toEqual({ type: 'StartCall' });
    expect(defaultIceCollectionCheck(info(base), timeouts).type).toBe('Error');
  });

  test('an RTCP-component candidate alone does not make a media ready (steps 2 and 3); the RTP one does', () => {
    // The offer would carry only the RTCP relay candidate: an answerer that muxes RTCP has no remote candidate.
    for (const duration of [200, 1500]) {
      const base = { rtcPeerConnectionConfig: TURN1, iceCollectionDuration: duration };
      expect(defaultIceCollectionCheck(info({ ...base, iceCandidates: [rtcp('0', 'relay')] }), timeouts).type).toBe('Wait');
      expect(defaultIceCollectionCheck(info({ ...base, iceCandidates: [rtcp('0', 'relay'), cand('0', 'relay')] }), timeouts)).toEqual({ type: 'StartCall' });
    }
    // Two TURN servers: two RTP relay candidates are needed before the ideal timeout, the RTCP one does not count.
    const two = { rtcPeerConnectionConfig: TURN2, iceCollectionDuration: 200 };
    expect(defaultIceCollectionCheck(info({ ...two, iceCandidates: [cand('0', 'relay'), rtcp('0', 'relay')] }), timeouts).type).toBe('Wait');
    // No TURN server, past the ideal timeout: an RTCP host candidate alone waits, the RTP one proceeds.
    expect(defaultIceCollectionCheck(info({ iceCollectionDuration: 1500, iceCandidates: [rtcp('0', 'host')] }), timeouts)).toEqual({ type: 'Wait', wait: 1500 });
    expect(defaultIceCollectionCheck(info({ iceCollectionDuration: 1500, iceCandidates: [rtcp('0', 'host'), cand('0', 'host')] }), timeouts)).toEqual({ type: 'StartCall' });
    // Steps 1 and 4 keep the text's "any candidate".
    expect(defaultIceCollectionCheck(info({ iceGatheringState: 'complete', iceCandidates: [rtcp('0', 'relay')] }), timeouts)).toEqual({ type: 'StartCall' });
    expect(defaultIceCollectionCheck(info({ rtcPeerConnectionConfig: TURN1, iceCollectionDuration: 3000, iceCandidates: [rtcp('0', 'relay')] }), timeouts)).toEqual({ type: 'StartCall' });
  });

  test('helpers: the RTP component from `component` or the candidate line', () => {
    expect(isRtpComponent({ component: 'rtcp', candidate: 'candidate:0 1 UDP 1 1.2.3.4 5 typ host' } as RTCIceCandidate)).toBe(false);
    expect(isRtpComponent({ component: 'rtp', candidate: '' } as RTCIceCandidate)).toBe(true);
    expect(isRtpComponent({ candidate: 'candidate:0 2 UDP 92151806 127.0.0.1 5 typ relay raddr 127.0.0.1 rport 5' } as RTCIceCandidate)).toBe(false);
    expect(isRtpComponent({ candidate: 'a=candidate:0 1 UDP 92151807 127.0.0.1 5 typ relay' } as RTCIceCandidate)).toBe(true);
    expect(isRtpComponent({ candidate: 'garbage' } as RTCIceCandidate)).toBe(true);
  });

  test('helpers: relay detection without .type, TURN server counting', () => {
    expect(isRelay({ candidate: 'candidate:1 1 udp 1 1.2.3.4 5 typ relay raddr 0.0.0.0 rport 0' } as RTCIceCandidate)).toBe(true);
    expect(isRelay({ candidate: 'candidate:1 1 udp 1 1.2.3.4 5 typ host' } as RTCIceCandidate)).toBe(false);
    expect(countTurnServers(TURN2)).toBe(2);
    expect(countTurnServers(undefined)).toBe(0);
  });
});
