import { countTurnServers, defaultIceCollectionCheck, isRelay } from './defaultIceCheck';
import type { IceCollectionInfo } from '../types';

const cand = (mid: string, type: 'host' | 'srflx' | 'relay') =>
  ({ candidate: `candidate:1 1 udp 1 10.0.0.1 5000 typ ${type}`, sdpMid: mid, sdpMLineIndex: Number(mid), type }) as unknown as RTCIceCandidate;
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

  test('helpers: relay detection without .type, TURN server counting', () => {
    expect(isRelay({ candidate: 'candidate:1 1 udp 1 1.2.3.4 5 typ relay raddr 0.0.0.0 rport 0' } as RTCIceCandidate)).toBe(true);
    expect(isRelay({ candidate: 'candidate:1 1 udp 1 1.2.3.4 5 typ host' } as RTCIceCandidate)).toBe(false);
    expect(countTurnServers(TURN2)).toBe(2);
    expect(countTurnServers(undefined)).toBe(0);
  });
});
