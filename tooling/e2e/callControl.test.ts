/**
 * Unanswered-call outcomes between two SDK clients through the reference gateway:
 * reject (caller ENDED with the 603 transition), ignore (only the callee's call ends) and
 * caller cancel (callee CANCELLED).
 */
import { end, isState, make, received, stateOf, waitForState } from './src/callFlow';
import type { E2EPage } from './src/e2ePage';
import { startLoggedIn, type Harness } from './src/harness';
import { callMatrix, fileBrowsers } from './src/matrix';

const js = (v: unknown) => JSON.stringify(v);

const browsers = fileBrowsers();

describe.each(callMatrix())('SDK call control before answer ($label)', ({ caller, callee }) => {
  let h: Harness;
  let alice: E2EPage;
  let bob: E2EPage;

  beforeAll(async () => {
    ({ harness: h, alice, bob } = await startLoggedIn({ alice: { browser: caller }, bob: { browser: callee } }, { browsers }));
  });
  afterAll(() => h?.close());

  /** Alice calls bob; resolves when both sides are RINGING. */
  async function ringing() {
    const aliceCall = await make(alice, 'sip:bob@example.com', { audio: true, video: false });
    const bobCall = await received(bob);
    await Promise.all([waitForState(alice, aliceCall, 'RINGING'), waitForState(bob, bobCall, 'RINGING')]);
    return { aliceCall, bobCall };
  }

  it('bob rejects: alice ENDED with the reject transition (603), bob ENDED', async () => {
    const { aliceCall, bobCall } = await ringing();
    await bob.eval(`client.call.reject(${js(bobCall)})`);
    await Promise.all([waitForState(alice, aliceCall, 'ENDED'), waitForState(bob, bobCall, 'ENDED')]);
    const changes = await alice.events<{ callId: string; transition?: { statusCode?: number | string; reasonText?: string } }>(
      'call:stateChange',
    );
    const last = changes.filter((c) => c.callId === aliceCall).pop();
    expect(last?.transition).toBeDefined();
    expect(Number(last?.transition?.statusCode)).toBe(603);
  });

  it('bob ignores: only bob\'s call ends; alice keeps ringing until she ends it', async () => {
    const { aliceCall, bobCall } = await ringing();
    await bob.eval(`client.call.ignore(${js(bobCall)})`);
    await waitForState(bob, bobCall, 'ENDED');
    // Ignore sends nothing: give a notification time to arrive (it must not), then check.
    await new Promise((r) => setTimeout(r, 1000));
    expect(await alice.eval(isState(aliceCall, 'RINGING'))).toBe(true);
    expect(await alice.eval(stateOf(aliceCall))).not.toBe(await alice.eval('client.call.states.ENDED'));
    await end(alice, aliceCall);
    await waitForState(alice, aliceCall, 'ENDED');
  });

  it('alice ends before the answer: bob sees CANCELLED', async () => {
    const { aliceCall, bobCall } = await ringing();
    await end(alice, aliceCall);
    await Promise.all([waitForState(alice, aliceCall, 'ENDED'), waitForState(bob, bobCall, 'CANCELLED')]);
  });
});
