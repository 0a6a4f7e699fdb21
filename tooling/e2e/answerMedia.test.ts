/**
 * Answering with media that differs from the offer, and answering straight from Initiated in
 * 'manual' ringing-feedback mode, between two SDK clients in Chromium through the reference gateway.
 */
import { answer, end, make, received, waitForState } from './src/callFlow';
import type { E2EPage } from './src/e2ePage';
import { startLoggedIn, type Harness } from './src/harness';
import { callMatrix, fileBrowsers } from './src/matrix';

const js = (v: unknown) => JSON.stringify(v);

/** Per kind, the local tracks of the call and whether a negotiated sender is sending each. */
function localSummary(p: E2EPage, callId: string) {
  return p.eval<Array<{ kind: string; sent: boolean }>>(`(() => {
    const call = client.call.getById(${js(callId)});
    const pc = E2E.livePcs().pop();
    return call.localTracks.map((id) => {
      const t = client.media.getTrackById(id);
      const tr = pc.getTransceivers().find((x) => x.sender.track && x.sender.track.kind === t.kind);
      return { kind: t.kind, sent: !!tr && (tr.currentDirection === 'sendrecv' || tr.currentDirection === 'sendonly') };
    });
  })()`);
}

const browsers = fileBrowsers();

describe.each(callMatrix())('SDK answer media ($label)', ({ caller, callee }) => {
  let h: Harness;
  let alice: E2EPage;
  let bob: E2EPage;
  let carol: E2EPage;

  beforeAll(async () => {
    ({ harness: h, alice, bob, carol } = await startLoggedIn({ alice: { browser: caller }, bob: { browser: callee }, carol: { browser: callee, config: "{ call: { ringingFeedbackMode: 'manual' } }" } }, { browsers }));
  });
  afterAll(() => h?.close());

  it('an audio+video offer answered with audio only: bob sends audio, receives both; alice receives audio only', async () => {
    const aliceCall = await make(alice, 'sip:bob@example.com', { audio: true, video: true });
    const bobCall = await received(bob);
    expect(await bob.eval(`client.call.getById(${js(bobCall)}).mediaOffered`)).toEqual({ audio: true, video: true });
    await answer(bob, bobCall, { audio: true, video: false });
    await Promise.all([waitForState(alice, aliceCall, 'CONNECTED'), waitForState(bob, bobCall, 'CONNECTED')]);
    expect(await localSummary(bob, bobCall)).toEqual([{ kind: 'audio', sent: true }]);
    await bob.waitFor(`client.call.getById(${js(bobCall)}).remoteTracks.length === 2`, "bob's two remote tracks");
    await bob.waitForInboundGrowth('video');
    await alice.waitForInboundGrowth('audio');
    const aliceRemote = await alice.eval<string[]>(`client.call.getById(${js(aliceCall)}).remoteTracks.map((id) => client.media.getTrackById(id).kind)`);
    expect(aliceRemote).toEqual(['audio']);
    await end(alice, aliceCall);
    await waitForState(bob, bobCall, 'ENDED');
  });

  it('an audio-only offer answered with audio+video: every local track the call reports is sent, none left capturing', async () => {
    const aliceCall = await make(alice, 'sip:bob@example.com', { audio: true, video: false });
    const bobCall = await received(bob);
    expect(await bob.eval(`client.call.getById(${js(bobCall)}).mediaOffered`)).toEqual({ audio: true, video: false });
    await answer(bob, bobCall, { audio: true, video: true });
    await Promise.all([waitForState(alice, aliceCall, 'CONNECTED'), waitForState(bob, bobCall, 'CONNECTED')]);
    const summary = await localSummary(bob, bobCall);
    expect(summary.every((t) => t.sent)).toBe(true);
    // No capturing device is left running outside what the call sends.
    const liveLocal = await bob.eval<string[]>("window.__e2e.localTracks.filter((t) => t.readyState === 'live').map((t) => t.kind)");
    expect(liveLocal.sort()).toEqual(summary.map((t) => t.kind).sort());
    await end(alice, aliceCall);
    await waitForState(bob, bobCall, 'ENDED');
    await bob.waitFor("window.__e2e.localTracks.every((t) => t.readyState === 'ended')", 'every local track of bob ended');
  });

  it('alice abandons while bob is answering: bob ends with the answer error, his devices and peer connection released', async () => {
    const aliceCall = await make(alice, 'sip:bob@example.com', { audio: true, video: true });
    const bobCall = await received(bob);
    await waitForState(bob, bobCall, 'RINGING');
    await Promise.all([answer(bob, bobCall, { audio: true, video: true }), end(alice, aliceCall)]);
    await waitForState(alice, aliceCall, 'ENDED');
    await bob.waitFor(`['Ended', 'Cancelled'].includes(client.call.getById(${js(bobCall)}).state)`, "bob's call over");
    await bob.waitFor(`client.call.getById(${js(bobCall)}).currentOperations.length === 0`, "bob's operations finished");
    expect(await bob.eval(`client.call.getById(${js(bobCall)}).localTracks.length`)).toBe(0);
    await bob.waitFor("window.__e2e.localTracks.every((t) => t.readyState === 'ended')", 'every local track of bob ended');
    await bob.waitFor('E2E.livePcs().length === 0', 'no open RTCPeerConnection on bob');
    await alice.waitFor('E2E.livePcs().length === 0', 'no open RTCPeerConnection on alice');
  });

  it("'manual' ringing: carol answers straight from Initiated; alice goes Initiated → Connected", async () => {
    const aliceCall = await make(alice, 'sip:carol@example.com', { audio: true, video: false });
    const carolCall = await received(carol);
    await waitForState(alice, aliceCall, 'INITIATED');
    await answer(carol, carolCall, { audio: true, video: false });
    await Promise.all([waitForState(alice, aliceCall, 'CONNECTED'), waitForState(carol, carolCall, 'CONNECTED')]);
    const previous = (await alice.events<{ callId: string; previous: { state: string } }>('call:stateChange'))
      .filter((e) => e.callId === aliceCall)
      .map((e) => e.previous.state);
    expect(previous).toEqual(['Initiating', 'Initiated']);
    await end(carol, carolCall);
    await waitForState(alice, aliceCall, 'ENDED');
  });
});
