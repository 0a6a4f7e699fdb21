/**
 * The automatic media restart of `callControlsPlugin()` between two real Chromiums through the
 * reference gateway and a real coturn (relay-only calls, `iceTransportPolicy: 'relay'`): the
 * relay's process is killed mid-call, so both media connections go down (`disconnected`, then
 * `failed` at both ends, while the automatic restarts fail for want of a relay candidate); it is
 * started again on the same port and nobody calls `restartMedia`: the SDK restarts ICE by itself (`call:mediaRestart`
 * on the side that did), both ends are connected again and each side's tone arrives at the other
 * (with inbound bytes growing at both ends).
 */
import { createHmac } from 'node:crypto';
import { connectCall, end, waitForState } from './src/callFlow';
import { startCoturn, type Coturn } from './src/coturn';
import type { E2EPage } from './src/e2ePage';
import { startLoggedIn, type Harness } from './src/harness';
import { callMatrix, fileBrowsers } from './src/matrix';

const ALICE_HZ = 440;
const BOB_HZ = 1000;
const RETRY_DELAY = 2000;
const js = (v: unknown) => JSON.stringify(v);
const browsers = fileBrowsers();
const CHROMIUM = callMatrix().filter((p) => p.label === 'chromium-chromium');
const TURN_SECRET = 'e2e-recovery-turn-secret';

/** Static TURN REST credentials for coturn's `use-auth-secret` mode (valid for an hour). */
function turnCredentials(): { username: string; credential: string } {
  const username = `${Math.floor(Date.now() / 1000) + 3600}:e2e`;
  return { username, credential: createHmac('sha1', TURN_SECRET).update(username).digest('base64') };
}

/** Call `id`'s media connection states on `page`, in order (from `call:mediaConnectionChange`, then the current one). */
async function mediaTimeline(page: E2EPage, id: string): Promise<string[]> {
  const changes = (await page.events<{ callId: string; previous: { state: string } }>('call:mediaConnectionChange')).filter((c) => c.callId === id);
  return [...changes.map((c) => c.previous.state), await page.eval<string>(`client.call.getById(${js(id)}).mediaConnectionState`)];
}

describe.each(CHROMIUM)('automatic media restart through a relay that dies and comes back ($label)', ({ caller, callee }) => {
  let h: Harness;
  let alice: E2EPage;
  let bob: E2EPage;
  let coturn: Coturn | undefined;

  beforeAll(async () => {
    coturn = await startCoturn(TURN_SECRET);
    const relay = js({ call: {
      serverTurnCredentials: false, mediaConnectionRetryDelay: RETRY_DELAY,
      defaultPeerConfig: { iceServers: [{ urls: coturn.url, ...turnCredentials() }], iceTransportPolicy: 'relay' },
    } });
    const plugins = ['callControlsPlugin'];
    ({ harness: h, alice, bob } = await startLoggedIn(
      { alice: { browser: caller, tone: ALICE_HZ, plugins, config: relay }, bob: { browser: callee, tone: BOB_HZ, plugins, config: relay } },
      { browsers },
    ));
  });
  afterAll(async () => {
    await h?.close();
    await coturn?.close();
  });

  it('no restartMedia call: the media reconnects by itself, tones both ways again', async () => {
    const { aliceCall, bobCall } = await connectCall(alice, bob, { audio: true, video: false });
    await Promise.all([alice.startToneDetector(), bob.startToneDetector()]);
    await bob.waitFor(`E2E.toneState(${ALICE_HZ}).detected`, 'alice\'s tone at bob through the relay', 15000);
    await alice.waitFor(`E2E.toneState(${BOB_HZ}).detected`, 'bob\'s tone at alice through the relay', 15000);
    const port = coturn!.port;
    await coturn!.close();
    coturn = undefined;
    // Down at both ends: `disconnected` first, then `failed` (Chromium's connectionState; iceConnectionState
    // stays `disconnected`), the relay kept dead until both report it.
    const failed = (id: string) => `client.call.getById(${js(id)}).mediaConnectionState === 'failed'`;
    await Promise.all([alice.waitFor(failed(aliceCall), 'alice\'s media failed', 60000), bob.waitFor(failed(bobCall), 'bob\'s media failed', 60000)]);
    await bob.waitFor(`E2E.toneState(${ALICE_HZ}).absent`, 'alice\'s tone gone at bob', 15000);
    // Bob (DTLS active: Chromium answers `a=setup:active`) restarted at once; with the relay dead no relay
    // candidate is gathered and the attempt fails (call:mediaRestart with an error).
    const early = await bob.waitForEvent<{ error?: { code?: string } }>('call:mediaRestart', '(p) => !!p.error', 1000);
    expect(early.error?.code).toBe('CALL_ICE_COLLECTION_FAILED');

    coturn = await startCoturn(TURN_SECRET, port);
    const up = (id: string) => `['connected', 'completed'].includes(client.call.getById(${js(id)}).mediaConnectionState)`;
    await Promise.all([alice.waitFor(up(aliceCall), 'alice connected again', 60000), bob.waitFor(up(bobCall), 'bob connected again', 60000)]);
    const restarted = [
      ...(await alice.events<{ callId: string; error?: unknown }>('call:mediaRestart')).filter((e) => e.callId === aliceCall && !e.error).map(() => 'alice'),
      ...(await bob.events<{ callId: string; error?: unknown }>('call:mediaRestart')).filter((e) => e.callId === bobCall && !e.error).map(() => 'bob'),
    ];
    // The side that restarted successfully (usually bob; alice when her delayed attempt came first).
    expect(restarted.length).toBeGreaterThan(0);
    // e.g. new, checking, connected, disconnected, failed, disconnected (the restart: connectionState no longer failed), connected
    for (const timeline of [await mediaTimeline(alice, aliceCall), await mediaTimeline(bob, bobCall)]) {
      const [down, failed] = [timeline.indexOf('disconnected'), timeline.indexOf('failed')];
      expect(down).toBeGreaterThan(timeline.indexOf('connected'));
      expect(failed).toBeGreaterThan(down);
      expect(['connected', 'completed']).toContain(timeline.at(-1));
    }
    await bob.waitFor(`E2E.toneState(${ALICE_HZ}).detected`, 'alice\'s tone back at bob', 15000);
    await alice.waitFor(`E2E.toneState(${BOB_HZ}).detected`, 'bob\'s tone back at alice', 15000);
    await bob.waitForInboundGrowth('audio', (await bob.inbound()).audio!.bytesReceived);
    await alice.waitForInboundGrowth('audio', (await alice.inbound()).audio!.bytesReceived);
    await end(alice, aliceCall);
    await waitForState(bob, bobCall, 'ENDED');
  }, 180000);
});
