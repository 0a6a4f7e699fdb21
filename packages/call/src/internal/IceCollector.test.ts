import { FakeRTCPeerConnection, HOST_CANDIDATES, type FakePeerConnectionOptions } from '@switchboard/test-utils';
import { IceCollector } from './IceCollector';
import { defaultIceCollectionCheck } from './defaultIceCheck';
import type { IceCollectionCheckFunction, IceCollectionInfo } from '../types';

const timeouts = { iceCollectionIdealTimeout: 1000, iceCollectionMaxTimeout: 3000 };

async function negotiate(pc: FakeRTCPeerConnection, check: IceCollectionCheckFunction, now?: () => number) {
  const collector = new IceCollector(pc as unknown as RTCPeerConnection, { callId: 'c1', operation: 'MAKE', check, timeouts, now });
  const offer = await pc.createOffer();
  await pc.setLocalDescription(offer);
  return collector.run();
}

let pcOptions: FakePeerConnectionOptions = {};
afterEach(() => {
  pcOptions = {};
});

describe('IceCollector', () => {
  test('calls the check on Scheduled, NewCandidate and IceGatheringStateChanged, and proceeds on StartCall', async () => {
    const seen: IceCollectionInfo[] = [];
    const check: IceCollectionCheckFunction = (info) => {
      seen.push(info);
      return info.iceGatheringState === 'complete' ? { type: 'StartCall' } : { type: 'Wait' };
    };
    await negotiate(new FakeRTCPeerConnection({ iceServers: [] }, pcOptions), check);
    expect(seen[0]!.reason).toBe('Scheduled');
    expect(seen.map((s) => s.reason)).toEqual(expect.arrayContaining(['NewCandidate', 'IceGatheringStateChanged']));
    const last = seen[seen.length - 1]!;
    expect(last.iceCandidates).toHaveLength(HOST_CANDIDATES.length);
    expect(last).toMatchObject({ callId: 'c1', callOperation: 'MAKE', iceGatheringState: 'complete' });
    expect(last.rtcLocalSessionDescription).toContain('v=0');
  });

  test('an Error result rejects with CALL_ICE_COLLECTION_FAILED and the given message', async () => {
    const check: IceCollectionCheckFunction = () => ({ type: 'Error', error: new Error('no relay') });
    await expect(negotiate(new FakeRTCPeerConnection({}, pcOptions), check)).rejects.toMatchObject({ code: 'CALL_ICE_COLLECTION_FAILED', message: 'no relay' });
  });

  test('an Error result names the ICE servers that failed meanwhile (a TURN 401 for refused credentials)', async () => {
    pcOptions = { candidates: [] };
    const pc = new FakeRTCPeerConnection({}, pcOptions);
    const fail = (url: string, errorCode: number, errorText: string) =>
      pc.dispatchEvent(Object.assign(new Event('icecandidateerror'), { url, errorCode, errorText }));
    const check: IceCollectionCheckFunction = (info) => {
      if (info.reason === 'Scheduled') {
        fail('turn:127.0.0.1:3478?transport=udp', 401, 'Unauthorized');
        fail('turn:127.0.0.1:3478?transport=udp', 401, 'Unauthorized');
        fail('turn:other.test:3478', 701, '');
      }
      return info.iceGatheringState === 'complete' ? defaultIceCollectionCheck(info, timeouts) : { type: 'Wait' };
    };
    await expect(negotiate(pc, check)).rejects.toMatchObject({
      code: 'CALL_ICE_COLLECTION_FAILED',
      message: 'ICE collection finished without any candidate. ICE server errors: turn:127.0.0.1:3478?transport=udp: 401 Unauthorized; turn:other.test:3478: 701.',
    });
  });

  test('an invalid result or a throwing check rejects', async () => {
    await expect(negotiate(new FakeRTCPeerConnection({}, pcOptions), (() => ({ type: 'Maybe' })) as never)).rejects.toMatchObject({ code: 'CALL_ICE_COLLECTION_FAILED' });
    await expect(negotiate(new FakeRTCPeerConnection({}, pcOptions), () => { throw new Error('boom'); })).rejects.toMatchObject({ code: 'CALL_ICE_COLLECTION_FAILED' });
  });

  test('a Wait with a duration schedules another check', async () => {
    pcOptions = { neverComplete: true, candidates: [] };
    let calls = 0;
    const check: IceCollectionCheckFunction = (info) => {
      calls++;
      return calls < 3 ? { type: 'Wait', wait: 5 } : (expect(info.reason).toBe('Scheduled'), { type: 'StartCall' });
    };
    await negotiate(new FakeRTCPeerConnection({}, pcOptions), check);
    expect(calls).toBe(3);
  });

  test('the default check fails after the max timeout when no candidate arrives', async () => {
    pcOptions = { neverComplete: true, candidates: [] };
    const short = { iceCollectionIdealTimeout: 5, iceCollectionMaxTimeout: 10 };
    const pc = new FakeRTCPeerConnection({}, pcOptions);
    const collector = new IceCollector(pc as unknown as RTCPeerConnection, { callId: 'c', operation: 'MAKE', check: defaultIceCollectionCheck, timeouts: short });
    await pc.setLocalDescription(await pc.createOffer());
    await expect(collector.run()).rejects.toMatchObject({ code: 'CALL_ICE_COLLECTION_FAILED' });
  });

  test('a renegotiation on a completed connection uses the candidates of the current description', async () => {
    const pc = new FakeRTCPeerConnection({}, pcOptions);
    await negotiate(pc, defaultIceCollectionCheck);
    let seen: IceCollectionInfo | undefined;
    const collector = new IceCollector(pc as unknown as RTCPeerConnection, {
      callId: 'c', operation: 'REMOTE_UPDATE', timeouts, check: (i) => ((seen = i), defaultIceCollectionCheck(i, timeouts)),
    });
    await collector.run();
    expect(seen!.iceGatheringState).toBe('complete');
    expect(seen!.iceCandidates.length).toBeGreaterThan(0);
  });

  test('an ICE restart: gathering still reads complete but the description has none of the new candidates → waits for them', async () => {
    const pc = new FakeRTCPeerConnection({}, pcOptions);
    await negotiate(pc, defaultIceCollectionCheck);
    // what a browser shows right after setLocalDescription of a restart offer: stale 'complete', no candidates yet
    pc.localDescription = { type: 'offer', sdp: pc.localDescription!.sdp.replace(/a=candidate:[^\r\n]*\r\n/g, '') };
    const seen: IceCollectionInfo[] = [];
    const collector = new IceCollector(pc as unknown as RTCPeerConnection, {
      callId: 'c', operation: 'MEDIA_RESTART', timeouts, check: (i) => (seen.push(i), defaultIceCollectionCheck(i, timeouts)),
    });
    const done = collector.run();
    expect(seen[0]).toMatchObject({ reason: 'Scheduled', iceGatheringState: 'gathering', iceCandidates: [] });
    pc.iceGatheringState = 'gathering';
    pc.dispatch('icegatheringstatechange');
    for (const c of HOST_CANDIDATES) pc.dispatch('icecandidate', { candidate: { ...c } });
    pc.iceGatheringState = 'complete';
    pc.dispatch('icegatheringstatechange');
    await expect(done).resolves.toBeUndefined();
    expect(seen.at(-1)).toMatchObject({ iceGatheringState: 'complete', iceCandidates: expect.arrayContaining([expect.anything()]) });
  });

  test('the default check does not start on an RTCP relay candidate that Firefox gathered before the RTP one', async () => {
    // Firefox's order under load (tooling/e2e/turnRelay.test.ts): the RTCP component's TURN allocation finished first.
    const relay = (component: 1 | 2, port: number) =>
      ({ candidate: `candidate:0 ${component} UDP 9215180${8 - component} 127.0.0.1 ${port} typ relay raddr 127.0.0.1 rport ${port}`, sdpMid: '0', sdpMLineIndex: 0, type: 'relay' });
    pcOptions = { candidates: [relay(2, 63056), relay(1, 62550)], neverComplete: true };
    const pc = new FakeRTCPeerConnection({ iceServers: [{ urls: 'turn:127.0.0.1:3478?transport=udp' }] }, pcOptions);
    const results: Array<[number, string]> = [];
    const check: IceCollectionCheckFunction = (info, t) => {
      const result = defaultIceCollectionCheck(info, t);
      results.push([info.iceCandidates.length, result.type]);
      return result;
    };
    await negotiate(pc, check, () => 0);
    // Scheduled and the gathering-state change (no candidate yet) wait; the RTCP one waits; the RTP one starts.
    expect(results.filter(([n]) => n > 0)).toEqual([[1, 'Wait'], [2, 'StartCall']]);
  });
});

describe('IceCollector after a remote ICE restart (a transfer target answering a new endpoint)', () => {
  /** A connection whose gathering state still reads `complete` from the previous negotiation, with no candidate in the new description. */
  const restarted = () =>
    Object.assign(new EventTarget(), {
      iceGatheringState: 'complete' as RTCIceGatheringState,
      localDescription: { sdp: 'v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\n' },
      getConfiguration: () => ({}),
    });

  test('the stale complete state reads as gathering until the state changes; the new candidates then start the call', async () => {
    const pc = restarted();
    const seen: string[] = [];
    const check: IceCollectionCheckFunction = (info, t) => {
      seen.push(`${info.reason}:${info.iceGatheringState}:${info.iceCandidates.length}`);
      return defaultIceCollectionCheck(info, t);
    };
    const collector = new IceCollector(pc as unknown as RTCPeerConnection, { callId: 'c1', operation: 'REMOTE_UPDATE', check, timeouts });
    const done = collector.run();
    pc.iceGatheringState = 'gathering';
    pc.dispatchEvent(new Event('icegatheringstatechange'));
    pc.dispatchEvent(Object.assign(new Event('icecandidate'), { candidate: { candidate: 'candidate:1 1 udp 2122194687 127.0.0.1 5000 typ host', sdpMid: '0' } }));
    pc.iceGatheringState = 'complete';
    pc.dispatchEvent(new Event('icegatheringstatechange'));
    await expect(done).resolves.toBeUndefined();
    expect(seen).toEqual(['Scheduled:gathering:0', 'IceGatheringStateChanged:gathering:0', 'NewCandidate:gathering:1', 'IceGatheringStateChanged:complete:1']);
  });

  test('without any new candidate it still fails once the maximum collection time has passed', async () => {
    const pc = restarted();
    let now = 0;
    const collector = new IceCollector(pc as unknown as RTCPeerConnection, { callId: 'c1', operation: 'REMOTE_UPDATE', check: defaultIceCollectionCheck, timeouts, now: () => now });
    jest.useFakeTimers();
    try {
      const done = collector.run();
      done.catch(() => undefined);
      now = timeouts.iceCollectionMaxTimeout;
      jest.advanceTimersByTime(timeouts.iceCollectionMaxTimeout);
      await expect(done).rejects.toMatchObject({ code: 'CALL_ICE_COLLECTION_FAILED' });
    } finally {
      jest.useRealTimers();
    }
  });
});
