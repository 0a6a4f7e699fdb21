/**
 * `@switchboard/call` features in real Chromium through the reference gateway: video constraints
 * of `make`, destination normalization, `getStats`, `getAvailableCodecs`, the end of a call on
 * both sides (events, tracks stopped, peer connections closed), the incoming call's data,
 * `call:operation` for MAKE/ANSWER, and manual ringing feedback (carol runs in 'manual' mode).
 */
import { answer, connectCall, end, isState, make, received, waitForState } from './src/callFlow';
import type { E2EPage } from './src/e2ePage';
import { startLoggedIn, type Harness } from './src/harness';
import { callMatrix, fileBrowsers } from './src/matrix';

const js = (v: unknown) => JSON.stringify(v);
const MANUAL = "{ call: { ringingFeedbackMode: 'manual' } }";

interface OperationEvent {
  callId: string;
  operation: string;
  operationId: string;
  transition: string;
  isLocal: boolean;
  error?: unknown;
}

const browsers = fileBrowsers();

describe.each(callMatrix())('SDK call features ($label)', ({ caller, callee }) => {
  let h: Harness;
  let alice: E2EPage;
  let bob: E2EPage;
  let carol: E2EPage;

  beforeAll(async () => {
    ({ harness: h, alice, bob, carol } = await startLoggedIn({ alice: { browser: caller }, bob: { browser: callee }, carol: { browser: callee, config: MANUAL } }, { browsers }));
  });
  afterAll(() => h?.close());

  it('make() with videoOptions { width: { exact: 320 } } captures 320-pixel-wide local video', async () => {
    const id = await alice.eval<string>(
      "client.call.make('sip:bob@example.com', { audio: true, video: true, videoOptions: { width: { exact: 320 } } })",
    );
    const bobCall = await received(bob);
    const settings = await alice.waitFor<{ width: number; height: number }>(
      `(() => {
        const ids = (client.call.getById(${js(id)}) || { localTracks: [] }).localTracks;
        if (ids.length < 2) return null;
        const pc = E2E.livePcs().pop();
        const s = pc && pc.getSenders().find((x) => x.track && x.track.kind === 'video');
        return s ? s.track.getSettings() : null;
      })()`,
      "alice's local video sender track",
    );
    expect(settings.width).toBe(320);
    // The SDK's own Track object is the same camera track.
    expect(await alice.eval<number>("window.__e2e.localTracks.filter((t) => t.kind === 'video').pop().getSettings().width")).toBe(320);
    await end(alice, id);
    // Ended before bob answered: Cancelled on the callee's side (seed 000 call.states).
    await waitForState(bob, bobCall, 'CANCELLED');
  });

  it('make options: bandwidth limits reach the callee as b=AS/b=TIAS, dscpControls set the senders\' network priority', async () => {
    const options = { bandwidth: { audio: 50, video: 300 }, dscpControls: { audioNetworkPriority: 'high', videoNetworkPriority: 'medium' } };
    const id = await alice.eval<string>(`client.call.make('sip:bob@example.com', { audio: true, video: true }, ${js(options)})`);
    const bobCall = await received(bob);
    await answer(bob, bobCall);
    await Promise.all([waitForState(alice, id, 'CONNECTED'), waitForState(bob, bobCall, 'CONNECTED')]);
    const remoteSdp = await bob.eval<string>('E2E.livePcs().pop().remoteDescription.sdp');
    const section = (kind: string) => remoteSdp.split(/\r\nm=/).find((m) => m.startsWith(kind)) ?? '';
    // The SDK writes b=AS (kbps) and b=TIAS (bps); a browser may keep only one of them in the
    // description it applied (Chromium keeps TIAS).
    expect(section('audio')).toMatch(/\r\nb=(AS:50|TIAS:50000)\r\n/);
    expect(section('video')).toMatch(/\r\nb=(AS:300|TIAS:300000)\r\n/);
    const priorities = await alice.eval<Record<string, string | undefined>>(`(() => {
      const out = {};
      for (const s of E2E.livePcs().pop().getSenders()) if (s.track) out[s.track.kind] = (s.getParameters().encodings[0] || {}).networkPriority;
      return out;
    })()`);
    await end(alice, id);
    // Chromium applies the DSCP priority; Firefox has no RTCRtpEncodingParameters.networkPriority
    // (the SDK logs it as unsupported and the call goes on).
    expect(priorities).toEqual(alice.browser === 'chromium' ? { audio: 'high', video: 'medium' } : { audio: undefined, video: undefined });
    await waitForState(bob, bobCall, 'ENDED');
  });

  it("normalizes make('bob') to sip:bob@example.com and reaches bob", async () => {
    const id = await make(alice, 'bob', { audio: true, video: false });
    const bobCall = await received(bob);
    expect(bobCall).toEqual(expect.any(String));
    expect(await alice.eval<string>(`client.call.getById(${js(id)}).to`)).toBe('sip:bob@example.com');
    const start = await alice.waitForEvent<{ callId: string; error?: unknown }>('call:start', `(p) => p.callId === ${js(id)}`);
    expect(start.error).toBeUndefined();
    await end(alice, id);
    // Ended before bob answered: Cancelled on the callee's side (seed 000 call.states).
    await waitForState(bob, bobCall, 'CANCELLED');
  });

  describe('a connected alice → bob call', () => {
    let aliceCall: string;
    let bobCall: string;
    beforeAll(async () => {
      ({ aliceCall, bobCall } = await connectCall(alice, bob));
    });
    afterAll(async () => {
      if (aliceCall) await end(alice, aliceCall);
    });

    it("call:receive carries the callId; bob's call is incoming with alice's displayNumber", async () => {
      const receive = (await bob.events<{ callId: string; error?: unknown }>('call:receive')).find((p) => p.callId === bobCall);
      expect(receive).toEqual({ callId: bobCall });
      const bobObj = await bob.eval<{ direction: string; remoteParticipant: { displayNumber?: string }; id: string }>(
        `client.call.getById(${js(bobCall)})`,
      );
      expect(bobObj.id).toBe(bobCall);
      expect(bobObj.direction).toBe('incoming');
      expect(bobObj.remoteParticipant.displayNumber).toBe('alice@example.com');
      expect((await alice.eval<{ direction: string }>(`client.call.getById(${js(aliceCall)})`)).direction).toBe('outgoing');
    });

    it('call:operation reports START … FINISH (one operationId, no error) for MAKE and ANSWER', async () => {
      const ops = async (p: E2EPage, callId: string, op: string) => {
        await p.waitForEvent('call:operation', `(e) => e.callId === ${js(callId)} && e.operation === ${js(op)} && e.transition === 'FINISH'`);
        return (await p.events<OperationEvent>('call:operation')).filter((e) => e.callId === callId && e.operation === op);
      };
      for (const [p, callId, op] of [[alice, aliceCall, 'MAKE'], [bob, bobCall, 'ANSWER']] as const) {
        const evs = await ops(p, callId, op);
        expect(evs[0]).toMatchObject({ transition: 'START', isLocal: true });
        expect(evs[evs.length - 1]).toMatchObject({ transition: 'FINISH', isLocal: true });
        expect(evs[evs.length - 1].error).toBeUndefined();
        expect(new Set(evs.map((e) => e.operationId)).size).toBe(1);
        expect(evs.filter((e) => e.transition === 'START')).toHaveLength(1);
      }
    });

    it('getStats() resolves with the RTCStatsReport (inbound-rtp) and emits call:statsReceived with it', async () => {
      await alice.waitForInboundGrowth('audio');
      const stats = await alice.eval<{ isReport: boolean; types: string[]; inboundAudioBytes: number; sameAsEvent: boolean; eventCallId: string }>(`(async () => {
        let ev;
        const off = client.on('call:statsReceived', (p) => { ev = p; });
        const r = await client.call.getStats(${js(aliceCall)});
        if (typeof off === 'function') off();
        const all = Array.from(r.values());
        const inA = all.find((x) => x.type === 'inbound-rtp' && x.kind === 'audio');
        return { isReport: r instanceof RTCStatsReport, types: [...new Set(all.map((x) => x.type))], inboundAudioBytes: inA ? inA.bytesReceived : 0,
          sameAsEvent: !!ev && ev.result === r, eventCallId: ev && ev.callId };
      })()`);
      expect(stats.isReport).toBe(true);
      expect(stats.types).toEqual(expect.arrayContaining(['inbound-rtp', 'outbound-rtp', 'candidate-pair']));
      expect(stats.inboundAudioBytes).toBeGreaterThan(0);
      expect(stats.sameAsEvent).toBe(true);
      expect(stats.eventCallId).toBe(aliceCall);
      const logged = await alice.waitForEvent<{ callId: string; error?: unknown }>('call:statsReceived', `(p) => p.callId === ${js(aliceCall)}`);
      expect(logged.error).toBeUndefined();
      // With a local track id: the sender's stats (outbound-rtp of that track).
      const trackStats = await alice.eval<string[]>(`(async () => {
        const tid = client.call.getById(${js(aliceCall)}).localTracks.find((t) => client.media.getTrackById(t).kind === 'audio');
        const r = await client.call.getStats(${js(aliceCall)}, tid);
        return Array.from(r.values()).filter((x) => x.type === 'outbound-rtp').map((x) => x.kind);
      })()`);
      expect(trackStats).toEqual(['audio']);
    });

    it("getAvailableCodecs('audio') resolves and emits call:availableCodecs with opus", async () => {
      const result = await alice.eval<{ kind: string; codecs: Array<{ mimeType: string }> }>("client.call.getAvailableCodecs('audio')");
      expect(result.kind).toBe('audio');
      const ev = await alice.waitForEvent<{ kind: string; codecs: Array<{ mimeType: string }> }>('call:availableCodecs', "(p) => p.kind === 'audio'");
      expect(ev.codecs.map((c) => c.mimeType.toLowerCase())).toContain('audio/opus');
      expect(result.codecs.map((c) => c.mimeType.toLowerCase())).toContain('audio/opus');
    });

    it('alice ends the call: bob Ended, tracksRemoved on both sides, every local track ended, no open peer connection', async () => {
      await end(alice, aliceCall);
      await waitForState(alice, aliceCall, 'ENDED');
      await bob.waitForEvent('call:stateChange', `(p) => p.callId === ${js(bobCall)} && p.previous.state === 'Connected'`);
      await waitForState(bob, bobCall, 'ENDED');
      for (const [p, callId] of [[alice, aliceCall], [bob, bobCall]] as const) {
        const removed = await p.waitForEvent<{ callId: string; trackIds: string[] }>('call:tracksRemoved', `(e) => e.callId === ${js(callId)}`);
        expect(removed.trackIds.length).toBeGreaterThanOrEqual(4); // 2 local + 2 remote
        expect(await p.eval(`client.call.getById(${js(callId)}).localTracks.length`)).toBe(0);
        await p.waitFor(
          "window.__e2e.localTracks.length > 0 && window.__e2e.localTracks.every((t) => t.readyState === 'ended')",
          'every local track ended',
        );
        await p.waitFor('E2E.livePcs().length === 0', 'no open RTCPeerConnection');
        expect(await p.eval<boolean>('window.__e2e.pcs.every((pc) => pc.__closeCalled)')).toBe(true);
      }
      expect(await bob.eval<string>(`client.call.getById(${js(bobCall)}).state`)).toBe('Ended');
    });
  });

  it("ringingFeedbackMode 'manual': the caller stays Initiated until sendRingingFeedback(), then Ringing", async () => {
    const id = await make(alice, 'sip:carol@example.com', { audio: true, video: false });
    const carolCall = await received(carol);
    await waitForState(alice, id, 'INITIATED');
    // Give an automatic ringing feedback (which 'auto' sends on receipt) time to arrive: none must.
    await new Promise((r) => setTimeout(r, 500));
    expect(await alice.eval<boolean>(isState(id, 'INITIATED'))).toBe(true);
    expect(await carol.eval<boolean>(isState(carolCall, 'INITIATED'))).toBe(true);
    expect((await carol.events<OperationEvent>('call:operation')).filter((e) => e.operation === 'SEND_RINGING_FEEDBACK')).toEqual([]);

    await carol.eval(`client.call.sendRingingFeedback(${js(carolCall)})`);
    await waitForState(carol, carolCall, 'RINGING');
    await waitForState(alice, id, 'RINGING');
    const op = await carol.waitForEvent<OperationEvent>('call:operation', "(e) => e.operation === 'SEND_RINGING_FEEDBACK' && e.transition === 'FINISH'");
    expect(op.error).toBeUndefined();

    // Still answerable after manual feedback.
    await answer(carol, carolCall, { audio: true, video: false });
    await Promise.all([waitForState(alice, id, 'CONNECTED'), waitForState(carol, carolCall, 'CONNECTED')]);
    await end(alice, id);
    await waitForState(carol, carolCall, 'ENDED');
  });
});
