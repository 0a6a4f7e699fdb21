/**
 * TURN as deployments use it (issue 10 point 4): a real coturn on loopback in shared-secret mode
 * (src/coturn.ts), the gateway as a real process handing out `turnCredentials` for that secret
 * (`--turn-secret`, `--turn-url`, `--turn-ttl`), and SDK clients configured with the TURN URL
 * only and `iceTransportPolicy: 'relay'`: the subscription's credentials reach every ICE server
 * entry (`call.serverTurnCredentials`), media flows both ways through the relay (each side's
 * tone detected on the other, the selected candidate pair is `relay` at both ends), and
 * credentials coturn refuses (expired, or made with another secret) fail the call with
 * `CALL_ICE_COLLECTION_FAILED` (relay-only gathering ends without candidates, seed 000 default
 * ICE check) before anything is sent to bob.
 */
import { connectCall, end, make, waitForState } from './src/callFlow';
import { startCoturn, type Coturn } from './src/coturn';
import type { E2EPage } from './src/e2ePage';
import { freePort, gatewayProcess } from './src/gatewayProcess';
import { startLoggedIn, type Harness, type StartGateway } from './src/harness';
import { callMatrix, fileBrowsers } from './src/matrix';

const SECRET = 'e2e-turn-shared-secret-7a9c';
const ALICE_HZ = 440;
const BOB_HZ = 1000;
const js = (v: unknown) => JSON.stringify(v);

const browsers = fileBrowsers();
let coturn: Coturn;
beforeAll(async () => {
  coturn = await startCoturn(SECRET);
});
afterAll(() => coturn?.close());

/** The gateway CLI as a child process with the TURN flags (its own build folder: other files build theirs concurrently). */
function gatewayWith(args: readonly string[]): StartGateway {
  return async () => {
    const p = gatewayProcess(await freePort(), ':memory:', { args: ['--turn-url', coturn.url, ...args], outDir: 'dist/e2e-turn' });
    await p.start();
    return { url: p.url, wsUrl: p.wsUrl, port: p.port, close: () => p.close() };
  };
}

/** SDK config: the TURN server's URL without credentials (the gateway's come in), relay only. */
const relayOnly = () => `{ call: { defaultPeerConfig: { iceServers: [{ urls: ${js(coturn.url)} }], iceTransportPolicy: 'relay' } } }`;

interface Pair {
  policy: string;
  iceServers: Array<{ urls: string[]; username?: string }>;
  state: string | null;
  local: { candidateType: string; address: string; port: number } | null;
  remote: { candidateType: string; address: string; port: number } | null;
}

describe.each(callMatrix())('TURN relay ($label)', ({ caller, callee }) => {
  let h: Harness;
  let alice: E2EPage;
  let bob: E2EPage;

  beforeAll(async () => {
    ({ harness: h, alice, bob } = await startLoggedIn(
      { alice: { tone: ALICE_HZ, browser: caller, config: relayOnly() }, bob: { tone: BOB_HZ, browser: callee, config: relayOnly() } },
      { browsers, gateway: gatewayWith(['--turn-secret', SECRET]) },
    ));
  });
  afterAll(() => h?.close());

  it('carries audio both ways through coturn: both tones detected, the selected pair relay at both ends', async () => {
    const { aliceCall, bobCall } = await connectCall(alice, bob, { audio: true, video: false });
    for (const p of [alice, bob]) await p.startToneDetector();
    await bob.waitFor(`E2E.toneState(${ALICE_HZ}).detected`, `alice's ${ALICE_HZ} Hz tone at bob`, 20000);
    await alice.waitFor(`E2E.toneState(${BOB_HZ}).detected`, `bob's ${BOB_HZ} Hz tone at alice`, 20000);

    const selected: Pair[] = [];
    for (const [p, user] of [[alice, 'alice'], [bob, 'bob']] as const) {
      const pairs = await p.waitFor<Pair[]>(
        "E2E.selectedPairs().then((ps) => ps.length === 1 && ps[0].local && ps[0].remote ? ps : null)",
        'a selected candidate pair',
      );
      const [pair] = pairs;
      expect(pair!.policy).toBe('relay');
      // The configured URL, with the subscription's credentials (`<expiry>:<user>`) copied in.
      expect(pair!.iceServers).toEqual([{ urls: [coturn.url], username: expect.stringMatching(new RegExp(`^\\d+:${user}$`)) }]);
      expect(pair!.local).toMatchObject({ candidateType: 'relay', address: '127.0.0.1' });
      // The far end's relay address. It is `prflx` when the far end's first connectivity check
      // arrived before its candidate was signalled (the answerer's checks can beat the answer's
      // notification to the caller): the same relayed transport address, learned from the check.
      // Chromium's stats hide a prflx candidate's address (an empty string); the port checks below
      // still tie it to the far end's relayed transport address.
      const remote = pair!.remote!;
      expect(remote).toMatchObject({ candidateType: expect.stringMatching(/^(relay|prflx)$/) });
      expect(remote.address).toBe(remote.candidateType === 'prflx' && remote.address === '' ? '' : '127.0.0.1');
      selected.push(pair!);
    }
    // Relay ↔ relay: each end's remote address is the far end's own relayed address.
    const [atAlice, atBob] = selected;
    expect(atAlice!.remote!.port).toBe(atBob!.local!.port);
    expect(atBob!.remote!.port).toBe(atAlice!.local!.port);

    await end(alice, aliceCall);
    await Promise.all([waitForState(alice, aliceCall, 'ENDED'), waitForState(bob, bobCall, 'ENDED')]);
  });
});

describe.each([
  // Valid for one second; the test waits until the clock has passed it.
  { label: 'expired credentials', args: ['--turn-secret', SECRET, '--turn-ttl', '1'], expired: true },
  { label: 'credentials made with another secret', args: ['--turn-secret', 'not-the-coturn-secret'], expired: false },
])('TURN relay refused: $label', ({ args, expired }) => {
  let h: Harness;
  let alice: E2EPage;
  let bob: E2EPage;
  let loggedInAt = 0;

  beforeAll(async () => {
    ({ harness: h, alice, bob } = await startLoggedIn(
      { alice: { browser: 'chromium', config: relayOnly() }, bob: { browser: 'chromium', config: relayOnly() } },
      { browsers, gateway: gatewayWith(args) },
    ));
    loggedInAt = Date.now();
  });
  afterAll(() => h?.close());

  it('fails make with CALL_ICE_COLLECTION_FAILED; the call ends and bob is never called', async () => {
    if (expired) {
      // The username's expiry is at most floor(loggedInAt / 1000) + 1; coturn refuses it once the clock is past it.
      const expiry = Math.floor(loggedInAt / 1000) + 1;
      while (Math.floor(Date.now() / 1000) <= expiry) await new Promise((r) => setTimeout(r, 50));
    }
    const aliceCall = await make(alice, 'sip:bob@example.com', { audio: true, video: false });
    const start = await alice.waitForEvent<{ callId: string; error?: { code?: string; message?: string } }>(
      'call:start',
      `(p) => p.callId === ${js(aliceCall)}`,
      20000,
    );
    expect(start.error).toMatchObject({ code: 'CALL_ICE_COLLECTION_FAILED' });
    // coturn refused the allocation (401), which Chromium reports as an icecandidateerror the message names.
    expect(start.error!.message).toContain(`${coturn.url}: 401`);
    await waitForState(alice, aliceCall, 'ENDED');
    await alice.waitFor('E2E.livePcs().length === 0', 'every RTCPeerConnection closed');
    // No offer was ever complete, so no callStart reached the gateway.
    expect(await bob.events('call:receive')).toEqual([]);
  });
});
