/**
 * The legacy-compatibility profile in a real browser: a Kandy-002-style client
 * (`compatibility: '002'`) calls a seed-000 client through the reference gateway (Chromium ↔
 * Chromium). `call.removeH264Codecs` (true under the profile) leaves no H264 in any description of
 * either side while audio and video flow; the caller's `call.states` has no `EARLY_MEDIA`, and its
 * `call:newTrack` / `call:trackEnded` follow `call:tracksAdded` / `call:tracksRemoved`.
 */
import { connectCall, end, waitForState } from './src/callFlow';
import type { E2EPage } from './src/e2ePage';
import { startLoggedIn, type Harness } from './src/harness';
import { fileBrowsers } from './src/matrix';

const browsers = fileBrowsers();

describe('legacy-compatibility profile (chromium-chromium)', () => {
  let h: Harness;
  let alice: E2EPage;
  let bob: E2EPage;

  beforeAll(async () => {
    ({ harness: h, alice, bob } = await startLoggedIn(
      { alice: { browser: 'chromium', config: "{ compatibility: '002' }" }, bob: { browser: 'chromium' } },
      { browsers },
    ));
  });
  afterAll(() => h?.close());

  it('no H264 in any SDP of either side, media flows; 001/002 states and track events on the 002 side', async () => {
    await alice.eval("window.__legacy = { added: [], newTrack: [], removed: [], trackEnded: [] }; client.on('call:tracksAdded', (e) => __legacy.added.push(...e.trackIds)); client.on('call:newTrack', (e) => __legacy.newTrack.push(e.trackId)); client.on('call:tracksRemoved', (e) => __legacy.removed.push(...e.trackIds)); client.on('call:trackEnded', (e) => __legacy.trackEnded.push(e.trackId)); true");
    expect(await alice.eval<boolean>("'EARLY_MEDIA' in client.call.states")).toBe(false);
    expect(await bob.eval<boolean>("'EARLY_MEDIA' in client.call.states")).toBe(true);
    // Control: this Chromium offers H264 when nothing removes it.
    const offersH264 = await alice.eval<boolean>(`(async () => {
      const pc = new RTCPeerConnection();
      pc.addTransceiver('video');
      const { sdp } = await pc.createOffer();
      pc.close();
      return / H264\\//i.test(sdp);
    })()`);
    expect(offersH264).toBe(true);
    const { aliceCall, bobCall } = await connectCall(alice, bob);
    for (const p of [alice, bob]) {
      await p.waitForInboundGrowth('audio');
      await p.waitForInboundGrowth('video');
      const noH264 = "E2E.livePcs().length > 0 && E2E.livePcs().every((pc) => !/ H264\\//i.test(pc.localDescription.sdp) && !/ H264\\//i.test(pc.remoteDescription.sdp))";
      expect(await p.eval<boolean>(noH264)).toBe(true);
    }
    const seen = await alice.eval<{ added: string[]; newTrack: string[] }>('__legacy');
    expect(seen.newTrack).toEqual(seen.added);
    expect(seen.newTrack.length).toBeGreaterThanOrEqual(4); // local and remote audio and video
    await end(alice, aliceCall);
    await waitForState(bob, bobCall, 'ENDED');
    await alice.waitFor('__legacy.removed.length > 0', 'alice tracksRemoved');
    const after = await alice.eval<{ removed: string[]; trackEnded: string[] }>('__legacy');
    expect(after.trackEnded).toEqual(after.removed);
  });
});
