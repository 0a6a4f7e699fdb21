/**
 * Proxy mode (`@switchboard/proxy`, issue 12 point 4) in real Chromium: alice's app page runs the
 * SDK with `proxyPlugin` in proxy mode; her remote page (static/remote.html, `createRemote` of
 * `@switchboard/proxy/remote`) runs in ANOTHER browser instance, the only one with alice's
 * microphone (440 Hz); the two are joined by a real WebSocket relay (src/proxyRelay.ts). bob is a
 * normal SDK page (1000 Hz).
 * - alice calls bob: bob hears alice's tone, alice's remote page hears bob's; the app page made no
 *   RTCPeerConnection and no getUserMedia call (static/init.js counts them), the remote page did;
 * - mute (alice's tone gone at bob, back on unmute), DTMF (bob plays out the 1209 Hz of '1', sent by
 *   the remote page's RTCDTMFSender), hold / unhold (bytes stop and resume both ways, tones), end
 *   (bob's call ends, the remote page closes its peer connections) — all through the proxy;
 * - garbage on the channel (not JSON, a wrong schema, an unknown type), injected by the relay
 *   towards the app page → `proxy:error` PROXY_INVALID_MESSAGE, the call unaffected (tones still
 *   flow); garbage towards the remote page does not break it either;
 * - a remote of another version (`createRemote({ version })`: its `init` answer carries that
 *   version on the wire) → `proxy:error` PROXY_VERSION_MISMATCH, not initialised, proxy mode refused;
 * - the remote page closed mid-call → `proxy:error` PROXY_CHANNEL_LOST, alice's call ends and bob
 *   receives the end;
 * - the app page closed mid-call (the hosted desktop gone) → the remote page, hearing no more
 *   heartbeats, closes its peer connections and stops the microphone;
 * - and across browsers: the remote page in Firefox (tones both ways, DTMF, hold / unhold, end).
 */
import { answer, end, finished, holdOf, localTrackIds, make, received, waitForInboundStopped, waitForState } from './src/callFlow';
import { users, type E2EPage } from './src/e2ePage';
import { startHarness, type Harness } from './src/harness';
import { openProxiedApp, openRemote, proxyErrorCodes, proxyInfo, PROXY_PLUGIN, PROXY_TEST_CONFIG, webRtcCounts } from './src/proxyFlow';
import { startProxyRelay, type ProxyRelay } from './src/proxyRelay';

const ALICE_HZ = 440;
const BOB_HZ = 1000;
const DTMF_1_HIGH_HZ = 1209;
const AUDIO = { audio: true, video: false };
const js = (v: unknown) => JSON.stringify(v);

/** Another version than the main SDK's, announced by the remote of the mismatch test. */
const OTHER_VERSION = '0.0.0-other';

/** alice (proxied) calls bob, bob answers; both Connected. */
async function proxiedCall(app: E2EPage, bob: E2EPage) {
  const aliceCall = await make(app, 'sip:bob@example.com', AUDIO);
  const bobCall = await received(bob);
  await answer(bob, bobCall, AUDIO);
  await Promise.all([waitForState(app, aliceCall, 'CONNECTED', 15000), waitForState(bob, bobCall, 'CONNECTED', 15000)]);
  return { aliceCall, bobCall };
}

/** Tones both ways: alice's (from her remote page's microphone) at bob, bob's at alice's remote page. */
async function tonesBothWays(remote: E2EPage, bob: E2EPage, what: string): Promise<void> {
  await bob.waitFor(`E2E.toneState(${ALICE_HZ}).detected`, `alice's tone at bob ${what}`, 15000);
  await remote.waitFor(`E2E.toneState(${BOB_HZ}).detected`, `bob's tone at alice's remote page ${what}`, 15000);
}

/** How many of bob's detected peaks are DTMF '1''s high tone (1209 Hz). */
const DTMF_1_AT_BOB = `E2E.tone.peaks.filter((p) => Math.abs(p.hz - ${DTMF_1_HIGH_HZ}) <= 15).length`;

/** alice's `sendDTMF('1')` through the proxy: the remote page's RTCDTMFSender plays it (`tonechange`), bob hears its 1209 Hz. */
async function dtmfOneAtBob(app: E2EPage, remote: E2EPage, bob: E2EPage, aliceCall: string, what: string): Promise<void> {
  await remote.eval(`(() => {
    window.__tones = [];
    E2E.livePcs().forEach((pc) => pc.getSenders().forEach((s) => {
      if (s.dtmf) s.dtmf.addEventListener('tonechange', (e) => window.__tones.push(e.tone));
    }));
    return true;
  })()`);
  const before = await bob.eval<number>(DTMF_1_AT_BOB);
  await app.eval(`client.call.sendDTMF(${js(aliceCall)}, '1', 2000)`);
  await remote.waitFor("window.__tones.includes('1')", `tonechange '1' on the RTCDTMFSender of the remote page ${what}`);
  await bob.waitFor(`${DTMF_1_AT_BOB} >= ${before + 2}`, `DTMF '1' (${DTMF_1_HIGH_HZ} Hz) from the remote page ${what} played out at bob`, 5000);
}

/** Hold from the app page: bytes and tones stop both ways; unhold: they come back. */
async function holdThenUnhold(app: E2EPage, remote: E2EPage, bob: E2EPage, aliceCall: string, bobCall: string, what: string): Promise<void> {
  await app.eval(`client.call.hold(${js(aliceCall)})`);
  await finished(app, 'HOLD');
  await waitForState(bob, bobCall, 'ON_HOLD');
  expect(await app.eval(holdOf(aliceCall))).toEqual({ state: 'On Hold', localHold: true, remoteHold: false });
  await Promise.all([waitForInboundStopped(remote, 'audio'), waitForInboundStopped(bob, 'audio')]);
  await bob.waitFor(`E2E.toneState(${ALICE_HZ}).absent`, `alice's tone gone at bob while held ${what}`, 15000);
  await remote.waitFor(`E2E.toneState(${BOB_HZ}).absent`, `bob's tone gone at alice's remote page while held ${what}`, 15000);

  const [remoteBytes, bobBytes] = [(await remote.inbound()).audio!.bytesReceived, (await bob.inbound()).audio!.bytesReceived];
  await app.eval(`client.call.unhold(${js(aliceCall)})`);
  await finished(app, 'UNHOLD');
  await waitForState(bob, bobCall, 'CONNECTED');
  await Promise.all([remote.waitForInboundGrowth('audio', remoteBytes, 15000), bob.waitForInboundGrowth('audio', bobBytes, 15000)]);
  await tonesBothWays(remote, bob, `after unhold ${what}`);
}

/** alice ends the call: both sides Ended, the remote page closed its peer connections and stopped its tracks, the app page made none. */
async function endReleasingTheRemote(app: E2EPage, remote: E2EPage, bob: E2EPage, aliceCall: string, bobCall: string): Promise<void> {
  await end(app, aliceCall);
  await Promise.all([waitForState(app, aliceCall, 'ENDED'), waitForState(bob, bobCall, 'ENDED')]);
  await remote.waitFor('E2E.livePcs().length === 0', 'no live peer connection left on the remote page');
  await remote.waitFor("__e2e.localTracks.every((t) => t.readyState === 'ended')", 'the remote page\'s microphone tracks stopped');
  expect(await webRtcCounts(app)).toEqual({ peerConnections: 0, getUserMedia: 0, getDisplayMedia: 0 });
}

describe('proxy mode: a proxied call between real browsers (chromium)', () => {
  let h: Harness;
  let relay: ProxyRelay;
  let bob: E2EPage;

  beforeAll(async () => {
    // Three browser instances: alice's app pages (no microphone needed: they call no getUserMedia),
    // alice's remote pages (her 440 Hz microphone), bob (1000 Hz).
    [h, relay] = await Promise.all([
      startHarness({ sides: { alice: {}, aliceRemote: { tone: ALICE_HZ }, bob: { tone: BOB_HZ } } }),
      startProxyRelay(),
    ]);
    bob = await h.open('bob');
    await bob.login(users.bob, h.gateway!.port, 'undefined', ['callControlsPlugin']);
  });
  afterAll(async () => {
    await h?.close();
    await relay?.close();
  });

  describe('one call through the proxy', () => {
    const room = 'call';
    let app: E2EPage;
    let remote: E2EPage;
    let aliceCall: string;
    let bobCall: string;

    beforeAll(async () => {
      remote = await openRemote(h, 'aliceRemote', relay, room);
      app = await openProxiedApp(h, 'alice', users.alice, relay, room, { plugins: ['callControlsPlugin'] });
    });

    it('connects with tones both ways; the app page makes no RTCPeerConnection and calls no getUserMedia', async () => {
      expect(await app.eval(proxyInfo)).toMatchObject({ proxyMode: true, hasChannel: true, remoteInitialized: true });
      // The remote's browser (its getBrowserDetails()), and one proxy:change per completed step.
      expect(await app.eval('client.proxy.getProxyDetails()')).toEqual({ browser: 'chrome', version: expect.anything() });
      expect((await app.events('proxy:change')).length).toBeGreaterThanOrEqual(3);
      ({ aliceCall, bobCall } = await proxiedCall(app, bob));
      await Promise.all([remote.waitForInboundGrowth('audio'), bob.waitForInboundGrowth('audio')]);
      await Promise.all([remote.startToneDetector(), bob.startToneDetector()]);
      await tonesBothWays(remote, bob, 'in the proxied call');
      // The app page rendered bob's track (`media.renderTracks` on `call:tracksAdded`): the remote page plays it.
      await remote.waitFor("Array.from(document.querySelectorAll('audio')).some((a) => a.srcObject && !a.paused && a.srcObject.getAudioTracks().some((t) => t.readyState === 'live'))", 'bob\'s audio playing in an <audio> element of the remote page');
      expect(await webRtcCounts(app)).toEqual({ peerConnections: 0, getUserMedia: 0, getDisplayMedia: 0 });
      const remoteCounts = await webRtcCounts(remote);
      expect(remoteCounts.peerConnections).toBeGreaterThanOrEqual(1);
      expect(remoteCounts.getUserMedia).toBeGreaterThanOrEqual(1);
      expect(await proxyErrorCodes(app)).toEqual([]);
    });

    it('mode and channel cannot change during the call: proxy:error PROXY_CALL_IN_PROGRESS, state unchanged, media still flowing', async () => {
      const before = await app.eval(proxyInfo);
      await app.eval('client.proxy.setProxyMode(false)');
      await app.eval('client.proxy.setChannel({ send() {} })');
      await app.waitFor("E2E.events('proxy:error').length >= 2", 'two proxy:error events');
      expect(await proxyErrorCodes(app)).toEqual(['PROXY_CALL_IN_PROGRESS', 'PROXY_CALL_IN_PROGRESS']);
      expect(await app.eval(proxyInfo)).toEqual(before);
      const bytes = (await bob.inbound()).audio!.bytesReceived;
      await bob.waitForInboundGrowth('audio', bytes);
      expect(await webRtcCounts(app)).toEqual({ peerConnections: 0, getUserMedia: 0, getDisplayMedia: 0 });
    });

    it('mute silences alice at bob, unmute brings her back', async () => {
      const [audioTrack] = await localTrackIds(app, aliceCall, 'audio');
      expect(audioTrack).toEqual(expect.any(String));
      await app.eval(`client.media.muteTracks([${js(audioTrack)}])`);
      await app.waitForEvent('media:muted');
      await bob.waitFor(`E2E.toneState(${ALICE_HZ}).absent`, 'alice\'s tone gone at bob while muted', 15000);
      // RTP keeps flowing while muted (silence): the mute, not a dropped call.
      await bob.waitForInboundGrowth('audio', (await bob.inbound()).audio!.bytesReceived);
      await app.eval(`client.media.unmuteTracks([${js(audioTrack)}])`);
      await app.waitForEvent('media:unmuted');
      await bob.waitFor(`E2E.toneState(${ALICE_HZ}).detected`, 'alice\'s tone back at bob after unmute', 15000);
    });

    it('DTMF goes out of the remote page\'s RTCDTMFSender and is played out at bob', async () => {
      await dtmfOneAtBob(app, remote, bob, aliceCall, '(Chromium)');
    });

    it('hold stops the media both ways, unhold brings it back', async () => {
      await holdThenUnhold(app, remote, bob, aliceCall, bobCall, '(Chromium remote)');
    });

    it('garbage on the channel → proxy:error PROXY_INVALID_MESSAGE, the call unaffected', async () => {
      const garbage = [
        'not json {',
        js([1, 2, 3]),
        js({ hello: 'world' }),
        js({ sb: 'proxy', v: 1 }),
        js({ sb: 'proxy', v: 1, type: 'no.such.type' }),
        js({ sb: 'proxy', v: 1, type: 'result', id: 42, ok: 'yes' }),
      ];
      const errorsBefore = (await proxyErrorCodes(app)).length;
      for (const text of garbage) relay.inject(room, 'app', text);
      const codes = await app.waitFor<string[]>(
        `(() => { const c = E2E.events('proxy:error').slice(${errorsBefore}).map((e) => e.error && e.error.code); return c.length >= ${garbage.length} ? c : null; })()`,
        `${garbage.length} proxy:error events for the garbage`,
      );
      expect(new Set(codes)).toEqual(new Set(['PROXY_INVALID_MESSAGE']));
      // Garbage towards the remote page: each message logged and dropped (answered when it had an id), the remote keeps running.
      const dropped = `E2EProxy.logs.filter((l) => l.includes('dropped an invalid message')).length`;
      const droppedBefore = await remote.eval<number>(dropped);
      for (const text of garbage) relay.inject(room, 'remote', text);
      await remote.waitFor(`${dropped} >= ${droppedBefore + garbage.length}`, 'the remote page logged every garbage message as dropped');
      expect(await app.eval(`client.call.getById(${js(aliceCall)}).state`)).toBe('Connected');
      // Still flowing, still heard, after the garbage went through.
      await Promise.all([remote.waitForInboundGrowth('audio', (await remote.inbound()).audio!.bytesReceived), bob.waitForInboundGrowth('audio', (await bob.inbound()).audio!.bytesReceived)]);
      await tonesBothWays(remote, bob, 'after the garbage');
      expect(await remote.eval('window.remote.info() !== undefined')).toBe(true);
      expect(await app.eval(`${proxyInfo}.proxyMode`)).toBe(true);
    });

    it('end: bob\'s call ends, the remote page closes its peer connections and stops its tracks', async () => {
      await endReleasingTheRemote(app, remote, bob, aliceCall, bobCall);
    });
  });

  it('a remote of another version → proxy:error PROXY_VERSION_MISMATCH, not initialised, proxy mode refused', async () => {
    const room = 'mismatch';
    await openRemote(h, 'aliceRemote', relay, room, { version: OTHER_VERSION });
    const app = await h.open('alice');
    await app.login(users.alice, h.gateway!.port, js(PROXY_TEST_CONFIG), [PROXY_PLUGIN]);
    await app.page.addScriptTag({ url: '/proxy.js' });
    await app.eval(`E2EProxy.connect(${js(relay.urlFor(room, 'app'))}).then((channel) => { client.proxy.setChannel(channel); return true; })`);
    await app.waitFor(`${proxyInfo}.hasChannel`, 'proxy channel set');
    await app.eval('(client.proxy.initializeRemote(), true)');
    await app.waitForEvent('proxy:error', "(p) => p.error && p.error.code === 'PROXY_VERSION_MISMATCH'");
    // The mismatch was real on the wire: the frame the app page got claims the other version.
    expect(relay.frames.some((f) => f.room === room && f.to === 'app' && f.text.includes(OTHER_VERSION))).toBe(true);
    expect(await app.eval(proxyInfo)).toMatchObject({ hasChannel: true, remoteInitialized: false, proxyMode: false });
    const errors = (await proxyErrorCodes(app)).length;
    await app.eval('(client.proxy.setProxyMode(true), true)');
    await app.waitFor(`E2E.events('proxy:error').length > ${errors}`, 'proxy:error for setProxyMode without an initialised remote');
    expect(await app.eval('client.proxy.getProxyMode()')).toBe(false);
  });

  it('the remote page closed mid-call → PROXY_CHANNEL_LOST, alice\'s call ends and bob receives the end', async () => {
    const room = 'lost';
    const remote = await openRemote(h, 'aliceRemote', relay, room);
    const app = await openProxiedApp(h, 'alice', users.alice, relay, room);
    const { aliceCall, bobCall } = await proxiedCall(app, bob);
    await bob.waitForInboundGrowth('audio');
    await bob.startToneDetector();
    await bob.waitFor(`E2E.toneState(${ALICE_HZ}).detected`, 'alice\'s tone at bob before the remote page closes', 15000);

    await remote.page.close();
    await app.waitForEvent('proxy:error', "(p) => p.error && p.error.code === 'PROXY_CHANNEL_LOST'", 15000);
    await Promise.all([waitForState(app, aliceCall, 'ENDED', 15000), waitForState(bob, bobCall, 'ENDED', 15000)]);
    expect(await webRtcCounts(app)).toEqual({ peerConnections: 0, getUserMedia: 0, getDisplayMedia: 0 });
  });

  it('the app page closed mid-call → the remote page closes its peer connections and stops the microphone', async () => {
    const room = 'app-gone';
    const remote = await openRemote(h, 'aliceRemote', relay, room);
    const app = await openProxiedApp(h, 'alice', users.alice, relay, room);
    const { bobCall } = await proxiedCall(app, bob);
    await remote.waitForInboundGrowth('audio');
    expect(await remote.eval('E2E.livePcs().length')).toBe(1);

    await app.page.close();
    // The remote's watchdog: nothing from the main side for its heartbeatTimeout (2 s, from initializeRemote).
    await remote.waitFor('E2E.livePcs().length === 0', 'the remote page closed its peer connection', 15000);
    await remote.waitFor("__e2e.localTracks.length > 0 && __e2e.localTracks.every((t) => t.readyState === 'ended')", 'the remote page stopped the microphone');
    expect(await remote.eval('window.remote.info().peerConnections')).toBe(0);
    // Nobody ends the call at the gateway for a page that just vanished: bob hangs up.
    await end(bob, bobCall);
    await waitForState(bob, bobCall, 'ENDED');
  });
});

describe('proxy mode with the remote page in Firefox (the app in Chromium)', () => {
  // The VDI case across browsers: the hosted desktop runs Chromium, the user's own machine Firefox.
  let h: Harness;
  let relay: ProxyRelay;
  let bob: E2EPage;
  let app: E2EPage;
  let remote: E2EPage;
  const room = 'firefox-remote';

  beforeAll(async () => {
    [h, relay] = await Promise.all([
      startHarness({ sides: { alice: {}, aliceRemote: { tone: ALICE_HZ, browser: 'firefox' }, bob: { tone: BOB_HZ } } }),
      startProxyRelay(),
    ]);
    bob = await h.open('bob');
    await bob.login(users.bob, h.gateway!.port, 'undefined', ['callControlsPlugin']);
    remote = await openRemote(h, 'aliceRemote', relay, room);
    app = await openProxiedApp(h, 'alice', users.alice, relay, room, { plugins: ['callControlsPlugin'] });
  });
  afterAll(async () => {
    await h?.close();
    await relay?.close();
  });

  it('tones both ways, DTMF from Firefox\'s RTCDTMFSender, hold / unhold and end, with no WebRTC on the app page', async () => {
    expect(await app.eval('client.proxy.getProxyDetails()')).toEqual({ browser: 'firefox', version: expect.anything() });
    const { aliceCall, bobCall } = await proxiedCall(app, bob);
    await Promise.all([remote.waitForInboundGrowth('audio'), bob.waitForInboundGrowth('audio')]);
    await Promise.all([remote.startToneDetector(), bob.startToneDetector()]);
    await tonesBothWays(remote, bob, 'in the proxied call (Firefox remote)');

    await dtmfOneAtBob(app, remote, bob, aliceCall, '(Firefox)');
    await holdThenUnhold(app, remote, bob, aliceCall, bobCall, '(Firefox remote)');
    await endReleasingTheRemote(app, remote, bob, aliceCall, bobCall);
    expect(await proxyErrorCodes(app)).toEqual([]);
  });
});
