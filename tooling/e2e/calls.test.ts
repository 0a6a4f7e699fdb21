/**
 * A real audio+video call between two Chromium instances through the reference gateway:
 * both sides CONNECTED, remote video rendered by `media.renderTracks`, RTP flowing both ways,
 * and each side's fake-microphone tone heard on the other side.
 */
import { connectCall, end, waitForState } from './src/callFlow';
import type { E2EPage } from './src/e2ePage';
import { startLoggedIn, type Harness } from './src/harness';

const ALICE_HZ = 440;
const BOB_HZ = 1000;

describe('SDK call: alice calls bob with audio and video', () => {
  let h: Harness;
  let alice: E2EPage;
  let bob: E2EPage;

  beforeAll(async () => {
    ({ harness: h, alice, bob } = await startLoggedIn({ alice: { tone: ALICE_HZ }, bob: { tone: BOB_HZ } }));
  });
  afterAll(() => h?.close());

  it('connects, renders remote video, flows RTP both ways and carries both tones', async () => {
    const { aliceCall, bobCall } = await connectCall(alice, bob);

    for (const p of [alice, bob]) {
      await p.waitFor("E2E.videoWidth('#remote') > 0", 'remote video rendered with videoWidth > 0');
      const audio = await p.waitForInboundGrowth('audio');
      const video = await p.waitForInboundGrowth('video');
      // Still growing: media keeps flowing.
      expect(await p.waitForInboundGrowth('audio', audio)).toBeGreaterThan(audio);
      expect(await p.waitForInboundGrowth('video', video)).toBeGreaterThan(video);
      expect(await p.videoWidth('#remote')).toBeGreaterThan(0);
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
