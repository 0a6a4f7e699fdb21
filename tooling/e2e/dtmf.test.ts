/**
 * DTMF: `client.call.sendDTMF` on alice's side is sent out of band as RTP telephone-events.
 * Evidence: alice's RTCDTMFSender fires `tonechange` for the tone (Chromium only does so once
 * the tone is handed to the RTP sender, which needs a negotiated telephone-event payload), and
 * bob's receiver plays the event out: a 1209 Hz peak (DTMF '1' high group) appears in bob's
 * remote audio, where alice's microphone only carries a 440 Hz sine.
 */
import { connectCall, end } from './src/callFlow';
import type { E2EPage } from './src/e2ePage';
import { startLoggedIn, type Harness } from './src/harness';
import { callMatrix, fileBrowsers } from './src/matrix';

const ALICE_HZ = 440;
const DTMF_1_HIGH_HZ = 1209;

const browsers = fileBrowsers();

describe.each(callMatrix())('SDK DTMF ($label)', ({ caller, callee }) => {
  let h: Harness;
  let alice: E2EPage;
  let bob: E2EPage;

  beforeAll(async () => {
    ({ harness: h, alice, bob } = await startLoggedIn({ alice: { browser: caller, tone: ALICE_HZ }, bob: { browser: callee } }, { browsers }));
  });
  afterAll(() => h?.close());

  it('reaches bob as RTP telephone-events', async () => {
    const { aliceCall } = await connectCall(alice, bob, { audio: true, video: false });
    await bob.waitForInboundGrowth('audio');
    await bob.startToneDetector();
    await bob.waitFor(`E2E.toneState(${ALICE_HZ}).detected`, 'alice\'s tone at bob before DTMF');
    const near = `E2E.tone.peaks.filter((p) => Math.abs(p.hz - ${DTMF_1_HIGH_HZ}) <= 15).length`;
    expect(await bob.eval<number>(near)).toBe(0);

    // Observe alice's DTMF senders (the SDK's audio sender) before sending.
    await alice.eval(`(() => {
      window.__tones = [];
      E2E.livePcs().forEach((pc) => pc.getSenders().forEach((s) => {
        if (s.dtmf) s.dtmf.addEventListener('tonechange', (e) => window.__tones.push(e.tone));
      }));
      return true;
    })()`);
    // Telephone-event must be negotiated in bob's view of the session.
    expect(await bob.eval<boolean>("E2E.livePcs().some((pc) => /telephone-event/i.test(pc.remoteDescription.sdp))")).toBe(true);

    await alice.eval(`client.call.sendDTMF(${JSON.stringify(aliceCall)}, '1', 2000)`);
    await alice.waitFor("window.__tones.includes('1')", "tonechange '1' on alice's RTCDTMFSender");
    await bob.waitFor(`${near} >= 2`, `DTMF '1' (${DTMF_1_HIGH_HZ} Hz) played out at bob`, 5000);
    await end(alice, aliceCall);
  });
});
