/**
 * `call.iceCollectionCheckFunction` returning `{ type: 'Error', error }` (seed
 * IceCollectionCheckResult): `call:start` carries the error, the call ends, no peer connection
 * stays open and every local track is stopped; bob is never alerted.
 */
import { make, waitForState } from './src/callFlow';
import type { E2EPage } from './src/e2ePage';
import { startLoggedIn, type Harness } from './src/harness';
import { callMatrix, fileBrowsers } from './src/matrix';

const REASON = 'e2e: ICE collection refused';
const ICE_ERROR = `{ call: { iceCollectionCheckFunction: () => ({ type: 'Error', error: ${JSON.stringify(REASON)} }) } }`;

const browsers = fileBrowsers();

describe.each(callMatrix())('SDK ICE collection check returning an error ($label)', ({ caller, callee }) => {
  let h: Harness;
  let alice: E2EPage;
  let bob: E2EPage;

  beforeAll(async () => {
    ({ harness: h, alice, bob } = await startLoggedIn({ alice: { browser: caller, config: ICE_ERROR }, bob: { browser: callee } }, { browsers }));
  });
  afterAll(() => h?.close());

  it('fails call:start with the error and releases the peer connection and tracks', async () => {
    const aliceCall = await make(alice, 'sip:bob@example.com', { audio: true, video: true });
    const start = await alice.waitForEvent<{ callId: string; error?: { message?: string; code?: string } }>(
      'call:start',
      `(p) => p.callId === ${JSON.stringify(aliceCall)}`,
    );
    expect(start.error).toBeDefined();
    expect(JSON.stringify(start.error)).toContain(REASON);
    await waitForState(alice, aliceCall, 'ENDED');

    const pcs = await alice.eval<Array<{ connectionState: string; closeCalled: boolean }>>('E2E.pcSummary()');
    expect(pcs.length).toBeGreaterThan(0); // the SDK did open one to collect candidates…
    await alice.waitFor('E2E.livePcs().length === 0', 'every RTCPeerConnection closed');
    expect(pcs.every((pc) => pc.closeCalled)).toBe(true); // …and closed it.
    const tracks = await alice.eval<Array<{ readyState: string }>>('E2E.localTrackStates()');
    expect(tracks.length).toBeGreaterThan(0);
    await alice.waitFor("E2E.localTrackStates().every((t) => t.readyState === 'ended')", 'every local track ended');

    await new Promise((r) => setTimeout(r, 500));
    expect(await bob.events('call:receive')).toEqual([]);
  });
});
