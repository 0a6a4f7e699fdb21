/**
 * `media.muteTracks` on alice's local audio track silences her tone at bob's side, and
 * `media.unmuteTracks` brings it back.
 */
import { connectCall, end, localTrackIds } from './src/callFlow';
import type { E2EPage } from './src/e2ePage';
import { startLoggedIn, type Harness } from './src/harness';
import { callMatrix, fileBrowsers } from './src/matrix';

const ALICE_HZ = 440;

const browsers = fileBrowsers();

describe.each(callMatrix())('SDK mute of a local audio track ($label)', ({ caller, callee }) => {
  let h: Harness;
  let alice: E2EPage;
  let bob: E2EPage;

  beforeAll(async () => {
    ({ harness: h, alice, bob } = await startLoggedIn({ alice: { browser: caller, tone: ALICE_HZ }, bob: { browser: callee } }, { browsers }));
  });
  afterAll(() => h?.close());

  it('silences the tone at bob while muted and restores it on unmute', async () => {
    const { aliceCall } = await connectCall(alice, bob, { audio: true, video: false });
    await bob.waitForInboundGrowth('audio');
    await bob.startToneDetector();
    await bob.waitFor(`E2E.toneState(${ALICE_HZ}).detected`, 'alice\'s tone at bob before mute');

    const [audioTrack] = await localTrackIds(alice, aliceCall, 'audio');
    expect(audioTrack).toEqual(expect.any(String));
    await alice.eval(`client.media.muteTracks([${JSON.stringify(audioTrack)}])`);
    await alice.waitForEvent('media:muted');
    await bob.waitFor(`E2E.toneState(${ALICE_HZ}).absent`, 'tone gone at bob while alice is muted');
    // RTP keeps flowing while muted (silence), so this is the mute, not a dropped call.
    const bytes = (await bob.inbound()).audio!.bytesReceived;
    await bob.waitForInboundGrowth('audio', bytes);

    await alice.eval(`client.media.unmuteTracks([${JSON.stringify(audioTrack)}])`);
    await alice.waitForEvent('media:unmuted');
    await bob.waitFor(`E2E.toneState(${ALICE_HZ}).detected`, 'tone back at bob after unmute');
    await end(alice, aliceCall);
  });
});
