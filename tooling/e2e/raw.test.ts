/**
 * Harness sanity check with raw WebRTC (no SDK, no gateway): two Chromium instances with
 * different fake-microphone tones, offer/answer relayed by the test. Proves the flags, the
 * loopback candidates, media flow, video rendering and the tone detector in both directions.
 */
import { startHarness, type Harness } from './src/harness';
import type { E2EPage } from './src/e2ePage';

const ALICE_HZ = 440;
const BOB_HZ = 1000;

describe('raw WebRTC through the harness', () => {
  let h: Harness;
  let alice: E2EPage;
  let bob: E2EPage;

  beforeAll(async () => {
    h = await startHarness({ gateway: false, sides: { alice: { tone: ALICE_HZ }, bob: { tone: BOB_HZ } } });
    [alice, bob] = await Promise.all([h.open('alice', 'raw'), h.open('bob', 'raw')]);
  });
  afterAll(() => h?.close());

  it('connects, renders video, flows media and carries each side\'s tone to the other', async () => {
    await Promise.all([alice.eval('E2E.raw.start()'), bob.eval('E2E.raw.start()')]);
    const offer = await alice.eval<string>('E2E.raw.offer()');
    const answer = await bob.eval<string>(`E2E.raw.answer(${JSON.stringify(offer)})`);
    await alice.eval(`E2E.raw.accept(${JSON.stringify(answer)})`);

    for (const p of [alice, bob]) {
      await p.waitFor("E2E.raw.pc.connectionState === 'connected'", 'connected');
      await p.waitForInboundGrowth('audio');
      const video = await p.waitForInboundGrowth('video');
      await p.waitForInboundGrowth('video', video);
      await p.waitFor("E2E.videoWidth('#remote') > 0", 'remote videoWidth > 0');
      await p.startToneDetector();
    }
    await bob.waitFor(`E2E.toneState(${ALICE_HZ}).detected`, `alice's ${ALICE_HZ} Hz tone at bob`);
    await alice.waitFor(`E2E.toneState(${BOB_HZ}).detected`, `bob's ${BOB_HZ} Hz tone at alice`);
    // Negative control: each side does not hear its own tone.
    expect((await bob.toneState(BOB_HZ)).detected).toBe(false);
    expect((await alice.toneState(ALICE_HZ)).detected).toBe(false);
  });
});
