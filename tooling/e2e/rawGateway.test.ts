/**
 * Harness check of the gateway relay with raw WebRTC (no SDK): the pages POST callStart with a
 * raw offer and PUT callAnswer with a raw answer over the gateway's REST call control, and get
 * `call` / `respondCallUpdate` over its WebSocket. This is the "raw" side of the call-setup bench.
 */
import { users, type E2EPage } from './src/e2ePage';
import { startHarness, type Harness } from './src/harness';

const ALICE_HZ = 440;
const BOB_HZ = 1000;

describe('raw WebRTC signalled through the reference gateway', () => {
  let h: Harness;
  let alice: E2EPage;
  let bob: E2EPage;

  beforeAll(async () => {
    h = await startHarness({ sides: { alice: { tone: ALICE_HZ }, bob: { tone: BOB_HZ } } });
    [alice, bob] = await Promise.all([h.open('alice', 'raw'), h.open('bob', 'raw')]);
    const port = h.gateway!.port;
    await alice.eval(`E2E.gw.subscribe(${JSON.stringify({ ...users.alice, port })})`);
    await bob.eval(`E2E.gw.subscribe(${JSON.stringify({ ...users.bob, port })})`);
  });
  afterAll(() => h?.close());

  it('relays offer and answer so that media and tones flow both ways', async () => {
    const [aliceLeg, bobLeg] = await Promise.all([
      alice.eval<string>("E2E.gw.call('sip:bob@example.com')"),
      bob.eval<string>('E2E.gw.answerNext()'),
    ]);
    expect(aliceLeg).toEqual(expect.any(String));
    expect(bobLeg).toEqual(expect.any(String));
    const [a, b] = await Promise.all([alice.eval<number>('E2E.mediaFlowing()'), bob.eval<number>('E2E.mediaFlowing()')]);
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
    await Promise.all([alice.startToneDetector(), bob.startToneDetector()]);
    await bob.waitFor(`E2E.toneState(${ALICE_HZ}).detected`, `alice's ${ALICE_HZ} Hz tone at bob`);
    await alice.waitFor(`E2E.toneState(${BOB_HZ}).detected`, `bob's ${BOB_HZ} Hz tone at alice`);

    const ended = bob.eval<{ eventType: string }>("E2E.gw.next('callEnd')");
    await alice.eval(`E2E.gw.hangup(${JSON.stringify(aliceLeg)})`);
    expect((await ended).eventType).toBe('callEnd');
    await bob.eval('E2E.gw.hangup()');
  });
});
