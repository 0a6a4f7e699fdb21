/**
 * A real audio+video call through the reference gateway for every browser pair of the matrix
 * (src/matrix.ts), the acceptance test of cross-browser calls: both sides CONNECTED, remote video
 * rendered by `media.renderTracks` and playing (videoWidth > 0, currentTime advancing, inbound
 * framesDecoded growing), RTP
 * flowing both ways, and each side's fake-microphone tone heard on the other side.
 */
import { connectCall, end, waitForState } from './src/callFlow';
import type { E2EPage } from './src/e2ePage';
import { startLoggedIn, type Harness } from './src/harness';
import { callMatrix, fileBrowsers } from './src/matrix';

const ALICE_HZ = 440;
const BOB_HZ = 1000;
const browsers = fileBrowsers();

describe.each(callMatrix())('SDK call ($label): alice calls bob with audio and video', ({ caller, callee }) => {
  let h: Harness;
  let alice: E2EPage;
  let bob: E2EPage;

  beforeAll(async () => {
    ({ harness: h, alice, bob } = await startLoggedIn(
      { alice: { tone: ALICE_HZ, browser: caller }, bob: { tone: BOB_HZ, browser: callee } },
      { browsers },
    ));
  });
  afterAll(() => h?.close());

  it('connects, plays remote video, flows RTP both ways and carries both tones', async () => {
    expect([alice.browser, bob.browser]).toEqual([caller, callee]);
    const { aliceCall, bobCall } = await connectCall(alice, bob);

    for (const p of [alice, bob]) {
      expect(await p.waitForVideoPlaying('#remote')).toBeGreaterThan(0);
      const audio = await p.waitForInboundGrowth('audio');
      const video = await p.waitForInboundGrowth('video');
      // Still growing: media keeps flowing.
      expect(await p.waitForInboundGrowth('audio', audio)).toBeGreaterThan(audio);
      expect(await p.waitForInboundGrowth('video', video)).toBeGreaterThan(video);
      // Frames are decoded, and keep being decoded.
      const frames = await p.waitFor<number>("E2E.inbound().then((s) => (s.video ? s.video.framesDecoded : 0))", 'video frames decoded');
      await p.waitFor(`E2E.inbound().then((s) => s.video && s.video.framesDecoded > ${frames})`, `more than ${frames} video frames decoded`);
      await p.startToneDetector();
    }

    await bob.waitFor(`E2E.toneState(${ALICE_HZ}).detected`, `alice's ${ALICE_HZ} Hz tone at bob`);
    await alice.waitFor(`E2E.toneState(${BOB_HZ}).detected`, `bob's ${BOB_HZ} Hz tone at alice`);
    expect((await bob.toneState(ALICE_HZ)).detected).toBe(true);
    expect((await alice.toneState(BOB_HZ)).detected).toBe(true);

    await end(alice, aliceCall);
    await Promise.all([waitForState(alice, aliceCall, 'ENDED'), waitForState(bob, bobCall, 'ENDED')]);
  });
});
