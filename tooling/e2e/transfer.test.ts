/**
 * `callTransferPlugin()` in real Chromium through the reference gateway, with media evidence:
 * forward, direct and consultative transfer (alice ↔ carol connected afterwards, each hearing the
 * other's tone; bob's calls end), and the local three-way join (each of the three hears the other
 * two's tones). Each side's fake microphone plays its own tone. Bob holds his calls with
 * `call.hold` of `callControlsPlugin()`.
 */
import { answer, end, isState, make, received, waitForState } from './src/callFlow';
import type { E2EPage } from './src/e2ePage';
import { startLoggedIn, type Harness } from './src/harness';
import { fileBrowsers } from './src/matrix';

const js = (v: unknown) => JSON.stringify(v);
const HZ = { alice: 440, bob: 660, carol: 880 };
const PLUGINS = ['callControlsPlugin', 'callTransferPlugin'];
const AUDIO = { audio: true, video: false };
/** The level a tone must reach in the remote audio (silence is below -100 dB). */
const HEARD_DB = -60;

interface OperationEvent {
  callId: string;
  operation: string;
  transition: string;
  error?: { code: string };
}

const browsers = fileBrowsers();

/** The FINISH of `operation` on call `id` at `page`. */
const finished = (page: E2EPage, operation: string, id: string) =>
  page.waitForEvent<OperationEvent>('call:operation', `(e) => e.operation === ${js(operation)} && e.transition === 'FINISH' && e.callId === ${js(id)}`, 20000);

/** Holds call `id` at `page` with `call.hold` (callControlsPlugin()): the HOLD operation succeeds and the call is On Hold. */
async function hold(page: E2EPage, id: string): Promise<void> {
  const done = finished(page, 'HOLD', id);
  await page.eval(`client.call.hold(${js(id)})`);
  expect((await done).error).toBeUndefined();
  await waitForState(page, id, 'ON_HOLD');
  expect(await page.eval(`client.call.getById(${js(id)}).localHold`)).toBe(true);
}

describe('call transfers and join (Chromium, media evidence)', () => {
  let h: Harness;
  let alice: E2EPage;
  let bob: E2EPage;
  let carol: E2EPage;

  beforeAll(async () => {
    ({ harness: h, alice, bob, carol } = await startLoggedIn(
      {
        alice: { tone: HZ.alice, plugins: PLUGINS },
        bob: { tone: HZ.bob, plugins: PLUGINS },
        carol: { tone: HZ.carol, plugins: PLUGINS },
      },
      { browsers },
    ));
  });
  afterAll(() => h?.close());

  /** Waits until `page` hears every tone of `names` in its remote audio. */
  const hears = (page: E2EPage, names: Array<keyof typeof HZ>) =>
    page.waitFor(
      `E2E.toneLevels(${js(names.map((n) => HZ[n]))}).every((db) => db > ${HEARD_DB})`,
      `${page.name} hearing ${names.join(' and ')}`,
      15000,
      200,
    );

  /** `from` calls `to` (sip:<to>@example.com), `to` answers; both Connected. */
  async function connect(from: E2EPage, to: E2EPage) {
    const fromCall = await make(from, `sip:${to.name}@example.com`, AUDIO);
    const toCall = await received(to);
    await answer(to, toCall, AUDIO);
    await Promise.all([waitForState(from, fromCall, 'CONNECTED'), waitForState(to, toCall, 'CONNECTED')]);
    return { fromCall, toCall };
  }


  it('forward: bob forwards alice\'s incoming call to carol; alice and carol hear each other', async () => {
    const aliceCall = await make(alice, 'sip:bob@example.com', AUDIO);
    const bobCall = await received(bob);
    await bob.eval(`client.call.forward(${js(bobCall)}, 'carol@example.com')`);
    expect((await finished(bob, 'FORWARD_CALL', bobCall)).error).toBeUndefined();
    await waitForState(bob, bobCall, 'ENDED');
    const carolCall = await received(carol);
    await answer(carol, carolCall, AUDIO);
    await Promise.all([waitForState(alice, aliceCall, 'CONNECTED'), waitForState(carol, carolCall, 'CONNECTED')]);
    await Promise.all([hears(alice, ['carol']), hears(carol, ['alice'])]);
    await end(alice, aliceCall);
    await waitForState(carol, carolCall, 'ENDED');
  });

  it('direct transfer: bob holds alice and transfers her to carol; alice and carol hear each other, bob\'s call ends', async () => {
    const { fromCall: aliceCall, toCall: bobCall } = await connect(alice, bob);
    await hears(alice, ['bob']);
    await hold(bob, bobCall);
    await bob.eval(`client.call.directTransfer(${js(bobCall)}, 'sip:carol@example.com')`);
    const carolCall = await received(carol);
    await answer(carol, carolCall, AUDIO);
    expect((await finished(bob, 'DIRECT_TRANSFER', bobCall)).error).toBeUndefined();
    await waitForState(bob, bobCall, 'ENDED');
    expect(await bob.eval(`client.call.getById(${js(bobCall)}).mediaConnectionState`)).toBe('closed');
    await Promise.all([waitForState(alice, aliceCall, 'CONNECTED'), waitForState(carol, carolCall, 'CONNECTED')]);
    expect(await alice.eval(`client.call.getById(${js(aliceCall)}).remoteHold`)).toBe(false);
    await Promise.all([hears(alice, ['carol']), hears(carol, ['alice'])]);
    await end(carol, carolCall);
    await waitForState(alice, aliceCall, 'ENDED');
  });

  it('consultative transfer: bob holds both calls and connects alice with carol; both of bob\'s calls end', async () => {
    const { fromCall: aliceCall, toCall: bobAlice } = await connect(alice, bob);
    await hold(bob, bobAlice);
    const { fromCall: bobCarol, toCall: carolCall } = await connect(bob, carol);
    await hears(carol, ['bob']);
    await hold(bob, bobCarol);
    await bob.eval(`client.call.consultativeTransfer(${js(bobAlice)}, ${js(bobCarol)})`);
    const [first, second] = await Promise.all([finished(bob, 'CONSULTATIVE_TRANSFER', bobAlice), finished(bob, 'CONSULTATIVE_TRANSFER', bobCarol)]);
    expect([first.error, second.error]).toEqual([undefined, undefined]);
    await Promise.all([waitForState(bob, bobAlice, 'ENDED'), waitForState(bob, bobCarol, 'ENDED')]);
    await Promise.all([waitForState(alice, aliceCall, 'CONNECTED'), waitForState(carol, carolCall, 'CONNECTED')]);
    await Promise.all([hears(alice, ['carol']), hears(carol, ['alice'])]);
    await end(alice, aliceCall);
    await waitForState(carol, carolCall, 'ENDED');
  });

  it('join: bob joins his held calls with alice and carol; each of the three hears the other two', async () => {
    const { fromCall: aliceCall, toCall: bobAlice } = await connect(alice, bob);
    await hold(bob, bobAlice);
    const { fromCall: bobCarol, toCall: carolCall } = await connect(bob, carol);
    await hold(bob, bobCarol);
    // Before the join alice hears neither bob (held) nor carol: the meter tells the tones apart.
    expect(await alice.eval<number[]>(`E2E.toneLevels(${js([HZ.carol])})`)).toEqual([expect.any(Number)]);
    expect((await alice.eval<number[]>(`E2E.toneLevels(${js([HZ.carol])})`))[0]).toBeLessThan(HEARD_DB);
    await bob.eval(`client.call.join(${js(bobAlice)}, ${js(bobCarol)})`);
    const joined = await bob.waitForEvent<{ callId: string; error?: unknown }>('call:join');
    expect(joined.error).toBeUndefined();
    expect(await bob.eval(isState(joined.callId, 'CONNECTED'))).toBe(true);
    // The far ends were taken off hold.
    await Promise.all([waitForState(alice, aliceCall, 'CONNECTED'), waitForState(carol, carolCall, 'CONNECTED')]);
    await Promise.all([hears(alice, ['bob', 'carol']), hears(carol, ['alice', 'bob']), hears(bob, ['alice', 'carol'])]);
    // Ending the joined call ends both of bob's calls and so both far ends.
    await end(bob, joined.callId);
    await Promise.all([waitForState(bob, bobAlice, 'ENDED'), waitForState(bob, bobCarol, 'ENDED')]);
    await Promise.all([waitForState(alice, aliceCall, 'ENDED'), waitForState(carol, carolCall, 'ENDED')]);
  });
});

describe('direct transfer of a Firefox transferee (alice in Firefox, bob and carol in Chromium)', () => {
  let h: Harness;
  let alice: E2EPage;
  let bob: E2EPage;
  let carol: E2EPage;

  beforeAll(async () => {
    ({ harness: h, alice, bob, carol } = await startLoggedIn(
      {
        alice: { tone: HZ.alice, browser: 'firefox', plugins: PLUGINS },
        bob: { tone: HZ.bob, plugins: PLUGINS },
        carol: { tone: HZ.carol, plugins: PLUGINS },
      },
      { browsers },
    ));
  });
  afterAll(() => h?.close());

  it('alice (Firefox) answers the re-routing with a fresh offer and is connected with carol: tones both ways', async () => {
    const aliceCall = await make(alice, 'sip:bob@example.com', AUDIO);
    const bobCall = await received(bob);
    await answer(bob, bobCall, AUDIO);
    await Promise.all([waitForState(alice, aliceCall, 'CONNECTED'), waitForState(bob, bobCall, 'CONNECTED')]);
    await hold(bob, bobCall);
    await bob.eval(`client.call.directTransfer(${js(bobCall)}, 'sip:carol@example.com')`);
    const carolCall = await received(carol);
    await answer(carol, carolCall, AUDIO);
    await waitForState(bob, bobCall, 'ENDED', 20000);
    await Promise.all([waitForState(alice, aliceCall, 'CONNECTED'), waitForState(carol, carolCall, 'CONNECTED')]);
    await carol.waitFor(`E2E.toneLevels(${js([HZ.alice])}).every((db) => db > ${HEARD_DB})`, 'carol hearing alice', 15000, 200);
    await alice.eval('E2E.startToneDetector()');
    await alice.waitFor(`E2E.toneState(${HZ.carol}).detected`, 'alice (Firefox) hearing carol', 20000, 200);
    await end(alice, aliceCall);
    await waitForState(carol, carolCall, 'ENDED');
  });
});
