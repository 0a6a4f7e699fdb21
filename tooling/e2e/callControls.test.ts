/**
 * `callControlsPlugin()` between two real browsers through the reference gateway (§5.10/§5.11
 * renegotiations), with media evidence:
 * - hold → inbound-rtp audio bytes stop growing at both ends and each side's tone is gone at the
 *   other; alice On Hold with `localHold`, bob On Hold with `remoteHold`; unhold → both Connected,
 *   the tones and the bytes are back. Chromium↔Chromium and one Firefox pair (Chromium→Firefox).
 * - hold while only alice sends video (bob answered audio only): both On Hold, no audio or video
 *   arrives at bob; unhold restores the audio (tone) and the video.
 * - startVideo mid-call → bob's remote video decodes frames and plays; stopVideo → bob's video
 *   track leaves the call (`call:tracksAdded`/`call:tracksRemoved` balance at both ends, no video
 *   element left); screen share through Chromium's fake capture (`startScreenshare` /
 *   `stopScreenshare`); `replaceTrack` to another fake microphone keeps the tone at bob.
 * - restartMedia: ICE restart, `call:mediaRestart`, the media connection back to connected; and
 *   after a forced ICE failure: a relay-only call through a real coturn whose process is killed
 *   (both ends reach `failed`), coturn started again on the same port, `restartMedia` → new relay
 *   allocations, `connected`, alice's tone back at bob.
 */
import { createHmac } from 'node:crypto';
import { connectCall, end, finished, holdOf, localTrackIds, waitForInboundStopped, waitForState } from './src/callFlow';
import { startCoturn, type Coturn } from './src/coturn';
import type { E2EPage } from './src/e2ePage';
import { startLoggedIn, type Harness } from './src/harness';
import { callMatrix, fileBrowsers } from './src/matrix';

const ALICE_HZ = 440;
const BOB_HZ = 1000;
const js = (v: unknown) => JSON.stringify(v);
const browsers = fileBrowsers();
const PLUGINS = ['callControlsPlugin'];

/** The pairs of the hold test: Chromium↔Chromium and one Firefox pair (narrowed by SB_E2E_* like the rest). */
const HOLD_PAIRS = callMatrix().filter((p) => p.label === 'chromium-chromium' || p.label === 'chromium-firefox');
const CHROMIUM = callMatrix().filter((p) => p.label === 'chromium-chromium');

/** Track ids added and removed on `page` for `callId`, from the event log. */
async function trackBalance(page: E2EPage, callId: string) {
  const added = (await page.events<{ callId: string; trackIds: string[] }>('call:tracksAdded')).filter((e) => e.callId === callId).flatMap((e) => e.trackIds);
  const removed = (await page.events<{ callId: string; trackIds: string[] }>('call:tracksRemoved')).filter((e) => e.callId === callId).flatMap((e) => e.trackIds);
  return { added, removed };
}

describe.each(HOLD_PAIRS)('call controls: hold / unhold ($label)', ({ caller, callee }) => {
  let h: Harness;
  let alice: E2EPage;
  let bob: E2EPage;

  beforeAll(async () => {
    ({ harness: h, alice, bob } = await startLoggedIn(
      { alice: { browser: caller, tone: ALICE_HZ, plugins: PLUGINS }, bob: { browser: callee, tone: BOB_HZ, plugins: PLUGINS } },
      { browsers },
    ));
  });
  afterAll(() => h?.close());

  it('hold stops the media both ways (bytes, tones) with the states right on both sides; unhold brings it back', async () => {
    const { aliceCall, bobCall } = await connectCall(alice, bob, { audio: true, video: false });
    await Promise.all([alice.waitForInboundGrowth('audio'), bob.waitForInboundGrowth('audio')]);
    await Promise.all([alice.startToneDetector(), bob.startToneDetector()]);
    await bob.waitFor(`E2E.toneState(${ALICE_HZ}).detected`, 'alice\'s tone at bob before hold', 15000);
    await alice.waitFor(`E2E.toneState(${BOB_HZ}).detected`, 'bob\'s tone at alice before hold', 15000);

    await alice.eval(`client.call.hold(${js(aliceCall)})`);
    await finished(alice, 'HOLD');
    await waitForState(bob, bobCall, 'ON_HOLD');
    expect(await alice.eval(holdOf(aliceCall))).toEqual({ state: 'On Hold', localHold: true, remoteHold: false });
    expect(await bob.eval(holdOf(bobCall))).toEqual({ state: 'On Hold', localHold: false, remoteHold: true });
    const bobChange = (await bob.events<{ callId: string; state: string; previous: { remoteHold?: boolean } }>('call:stateChange')).filter((e) => e.callId === bobCall).pop();
    expect(bobChange).toMatchObject({ state: 'On Hold', previous: { state: 'Connected', remoteHold: false } });
    await Promise.all([waitForInboundStopped(alice, 'audio'), waitForInboundStopped(bob, 'audio')]);
    await bob.waitFor(`E2E.toneState(${ALICE_HZ}).absent`, 'alice\'s tone gone at bob while held', 15000);
    await alice.waitFor(`E2E.toneState(${BOB_HZ}).absent`, 'bob\'s tone gone at alice while held', 15000);

    const [aliceBytes, bobBytes] = [(await alice.inbound()).audio!.bytesReceived, (await bob.inbound()).audio!.bytesReceived];
    await alice.eval(`client.call.unhold(${js(aliceCall)})`);
    await finished(alice, 'UNHOLD');
    await waitForState(bob, bobCall, 'CONNECTED');
    expect(await alice.eval(holdOf(aliceCall))).toEqual({ state: 'Connected', localHold: false, remoteHold: false });
    expect(await bob.eval(holdOf(bobCall))).toEqual({ state: 'Connected', localHold: false, remoteHold: false });
    await Promise.all([alice.waitForInboundGrowth('audio', aliceBytes, 15000), bob.waitForInboundGrowth('audio', bobBytes, 15000)]);
    await bob.waitFor(`E2E.toneState(${ALICE_HZ}).detected`, 'alice\'s tone back at bob after unhold', 15000);
    await alice.waitFor(`E2E.toneState(${BOB_HZ}).detected`, 'bob\'s tone back at alice after unhold', 15000);
    await end(alice, aliceCall);
    await waitForState(bob, bobCall, 'ENDED');
  });
});

describe.each(CHROMIUM)('call controls: media changes ($label)', ({ caller, callee }) => {
  let h: Harness;
  let alice: E2EPage;
  let bob: E2EPage;

  beforeAll(async () => {
    ({ harness: h, alice, bob } = await startLoggedIn(
      { alice: { browser: caller, tone: ALICE_HZ, plugins: PLUGINS }, bob: { browser: callee, tone: BOB_HZ, plugins: PLUGINS } },
      { browsers },
    ));
  });
  afterAll(() => h?.close());

  it('hold when only alice sends video: both On Hold, no video or audio arrives; unhold restores the audio (and the video)', async () => {
    const aliceCall = await alice.eval<string>(`client.call.make('sip:bob@example.com', { audio: true, video: true })`);
    const bobCall = (await bob.waitForEvent<{ callId: string }>('call:receive', undefined, 10000, true)).callId;
    await bob.eval(`client.call.answer(${js(bobCall)}, { audio: true, video: false })`);
    await Promise.all([waitForState(alice, aliceCall, 'CONNECTED'), waitForState(bob, bobCall, 'CONNECTED')]);
    await bob.waitForInboundGrowth('video');
    await bob.startToneDetector();
    await bob.waitFor(`E2E.toneState(${ALICE_HZ}).detected`, 'alice\'s tone at bob', 15000);

    await alice.eval(`client.call.hold(${js(aliceCall)})`);
    await finished(alice, 'HOLD');
    await waitForState(bob, bobCall, 'ON_HOLD');
    expect(await alice.eval(holdOf(aliceCall))).toEqual({ state: 'On Hold', localHold: true, remoteHold: false });
    await Promise.all([waitForInboundStopped(bob, 'audio'), waitForInboundStopped(bob, 'video')]);
    await bob.waitFor(`E2E.toneState(${ALICE_HZ}).absent`, 'alice\'s tone gone at bob while held', 15000);

    const bytes = (await bob.inbound()).audio!.bytesReceived;
    await alice.eval(`client.call.unhold(${js(aliceCall)})`);
    await finished(alice, 'UNHOLD');
    await waitForState(bob, bobCall, 'CONNECTED');
    await bob.waitForInboundGrowth('audio', bytes, 15000);
    await bob.waitFor(`E2E.toneState(${ALICE_HZ}).detected`, 'alice\'s tone back at bob after unhold', 15000);
    await bob.waitForInboundGrowth('video', (await bob.inbound()).video!.bytesReceived, 15000);
    await end(alice, aliceCall);
    await waitForState(bob, bobCall, 'ENDED');
  });

  it('startVideo mid-call → bob decodes and plays alice\'s video; stopVideo → the track leaves both calls, added/removed balance', async () => {
    const { aliceCall, bobCall } = await connectCall(alice, bob, { audio: true, video: false });
    expect(await bob.videoWidth()).toBe(0);
    await alice.eval(`client.call.startVideo(${js(aliceCall)})`);
    await finished(alice, 'ADD_BASIC_MEDIA');
    const [video] = await localTrackIds(alice, aliceCall, 'video');
    expect(video).toEqual(expect.any(String));
    expect(await bob.waitForVideoPlaying('#remote', 0.5, 15000)).toBeGreaterThan(0);
    const frames = (await bob.inbound()).video!.framesDecoded;
    expect(frames).toBeGreaterThan(0);
    const bobVideo = await bob.eval<string[]>(`client.call.getById(${js(bobCall)}).remoteTracks.filter((t) => client.media.getTrackById(t).kind === 'video')`);
    expect(bobVideo).toHaveLength(1);

    await alice.eval(`client.call.stopVideo(${js(aliceCall)})`);
    await finished(alice, 'REMOVE_BASIC_MEDIA');
    expect(await localTrackIds(alice, aliceCall, 'video')).toEqual([]);
    await bob.waitFor(`client.call.getById(${js(bobCall)}).remoteTracks.length === 1`, 'bob\'s remote video track gone from the call', 15000);
    await bob.waitFor(`document.querySelectorAll('#remote video').length === 0`, 'no remote video element left at bob');
    await waitForInboundStopped(bob, 'video');
    // No phantom tracks: every track added for the video was removed once, at both ends.
    const a = await trackBalance(alice, aliceCall);
    expect(a.added.filter((id) => id === video)).toHaveLength(1);
    expect(a.removed.filter((id) => id === video)).toHaveLength(1);
    const b = await trackBalance(bob, bobCall);
    expect(b.removed.filter((id) => id === bobVideo[0])).toHaveLength(1);
    expect(b.added.filter((id) => id === bobVideo[0])).toHaveLength(1);
    // audio still flows
    await bob.waitForInboundGrowth('audio', (await bob.inbound()).audio!.bytesReceived);
    await end(alice, aliceCall);
    await waitForState(bob, bobCall, 'ENDED');
  });

  it('startScreenshare (Chromium\'s fake capture) → bob plays the screen video; stopScreenshare removes it', async () => {
    const { aliceCall, bobCall } = await connectCall(alice, bob, { audio: true, video: false });
    await alice.eval(`client.call.startScreenshare(${js(aliceCall)})`);
    await finished(alice, 'ADD_MEDIA');
    const [screen] = await localTrackIds(alice, aliceCall, 'video');
    expect(await alice.eval(`!!client.media.getTrackById(${js(screen)})`)).toBe(true);
    expect(await bob.waitForVideoPlaying('#remote', 0.5, 15000)).toBeGreaterThan(0);
    await alice.eval(`client.call.stopScreenshare(${js(aliceCall)})`);
    await finished(alice, 'REMOVE_MEDIA');
    expect(await localTrackIds(alice, aliceCall, 'video')).toEqual([]);
    await bob.waitFor(`client.call.getById(${js(bobCall)}).remoteTracks.length === 1`, 'bob\'s remote screen track gone', 15000);
    await end(alice, aliceCall);
    await waitForState(bob, bobCall, 'ENDED');
  });

  it('replaceTrack to another fake microphone: call:trackReplaced, the new device on the sender, the tone continues at bob', async () => {
    const { aliceCall, bobCall } = await connectCall(alice, bob, { audio: true, video: false });
    await bob.startToneDetector();
    await bob.waitFor(`E2E.toneState(${ALICE_HZ}).detected`, 'alice\'s tone at bob', 15000);
    const [old] = await localTrackIds(alice, aliceCall, 'audio');
    await alice.eval('client.media.initializeDevices()');
    const mic = await alice.waitFor<{ deviceId: string; label: string }>(
      `(client.media.getDevices().microphone || []).find((d) => /Fake Audio Input 2/.test(d.label))`,
      'Chromium\'s second fake microphone listed by name',
    );
    expect(mic.deviceId).toEqual(expect.any(String));
    await alice.eval(`client.call.replaceTrack(${js(aliceCall)}, ${js(old)}, { audio: true, audioOptions: { deviceId: { exact: ${js(mic.deviceId)} } } })`);
    const e = await alice.waitForEvent<{ newTrackId?: string; oldTrack?: { id: string }; error?: unknown }>('call:trackReplaced');
    expect(e.error).toBeUndefined();
    expect(e.oldTrack?.id).toBe(old);
    expect(await localTrackIds(alice, aliceCall, 'audio')).toEqual([e.newTrackId]);
    const sent = await alice.eval<string>(`E2E.livePcs()[0].getSenders().find((s) => s.track && s.track.kind === 'audio').track.label`);
    expect(sent).toBe(mic.label);
    // The far end notices nothing: no renegotiation, and alice's tone keeps arriving.
    expect((await bob.events<{ callId: string; operation: string }>('call:operation')).filter((o) => o.callId === bobCall && o.operation === 'REMOTE_UPDATE')).toEqual([]);
    await bob.waitForInboundGrowth('audio', (await bob.inbound()).audio!.bytesReceived);
    await bob.waitFor(`E2E.toneState(${ALICE_HZ}).detected`, 'alice\'s tone still at bob after replaceTrack', 15000);
    await end(alice, aliceCall);
    await waitForState(bob, bobCall, 'ENDED');
  });

  it('restartMedia: an ICE restart renegotiated through the gateway, call:mediaRestart, media connected again', async () => {
    const { aliceCall, bobCall } = await connectCall(alice, bob, { audio: true, video: false });
    const ufrag = `E2E.livePcs()[0].localDescription.sdp.match(/a=ice-ufrag:(\\S+)/)[1]`;
    const before = await alice.eval<string>(ufrag);
    await alice.eval(`client.call.restartMedia(${js(aliceCall)})`);
    const e = await alice.waitForEvent<{ error?: unknown }>('call:mediaRestart', undefined, 20000);
    expect(e.error).toBeUndefined();
    expect(await alice.eval<string>(ufrag)).not.toBe(before);
    await alice.waitFor(`['connected', 'completed'].includes(client.call.getById(${js(aliceCall)}).mediaConnectionState)`, 'alice connected after the restart', 15000);
    await bob.waitForInboundGrowth('audio', (await bob.inbound()).audio!.bytesReceived);
    await end(alice, aliceCall);
    await waitForState(bob, bobCall, 'ENDED');
  });
});


const TURN_SECRET = 'e2e-controls-turn-secret';

/** Static TURN REST credentials for coturn's `use-auth-secret` mode (valid for an hour). */
function turnCredentials(): { username: string; credential: string } {
  const username = `${Math.floor(Date.now() / 1000) + 3600}:e2e`;
  return { username, credential: createHmac('sha1', TURN_SECRET).update(username).digest('base64') };
}

describe.each(CHROMIUM)('call controls: restartMedia after an ICE failure ($label)', ({ caller, callee }) => {
  let h: Harness;
  let alice: E2EPage;
  let bob: E2EPage;
  let coturn: Coturn | undefined;

  beforeAll(async () => {
    coturn = await startCoturn(TURN_SECRET);
    const relay = js({ call: {
      serverTurnCredentials: false, mediaConnectionRetryDelay: 1000,
      defaultPeerConfig: { iceServers: [{ urls: coturn.url, ...turnCredentials() }], iceTransportPolicy: 'relay' },
    } });
    // The automatic restart off (mediaRestartAttempts: 0): the restart observed here is restartMedia's.
    const plugins = [['callControlsPlugin', { mediaRestartAttempts: 0 }]] as const;
    ({ harness: h, alice, bob } = await startLoggedIn(
      { alice: { browser: caller, tone: ALICE_HZ, plugins, config: relay }, bob: { browser: callee, tone: BOB_HZ, plugins, config: relay } },
      { browsers },
    ));
  });
  afterAll(async () => {
    await h?.close();
    await coturn?.close();
  });

  it('the relay dies → failed at both ends; it comes back; restartMedia → connected with media again', async () => {
    const { aliceCall, bobCall } = await connectCall(alice, bob, { audio: true, video: false });
    await bob.startToneDetector();
    await bob.waitFor(`E2E.toneState(${ALICE_HZ}).detected`, 'alice\'s tone at bob through the relay', 15000);
    const port = coturn!.port;
    await coturn!.close();
    coturn = undefined;
    // Chromium: iceConnectionState goes `disconnected` and stays there; connectionState goes `failed` ~10 s
    // later, which the SDK reports as mediaConnectionState `failed` (internal/PeerSession.ts).
    const failed = (id: string) => `client.call.getById(${js(id)}).mediaConnectionState === 'failed'`;
    await Promise.all([alice.waitFor(failed(aliceCall), 'alice\'s media connection failed', 60000), bob.waitFor(failed(bobCall), 'bob\'s media connection failed', 60000)]);
    await bob.waitFor(`E2E.toneState(${ALICE_HZ}).absent`, 'alice\'s tone gone at bob', 15000);

    coturn = await startCoturn(TURN_SECRET, port);
    await alice.eval(`client.call.restartMedia(${js(aliceCall)})`);
    const e = await alice.waitForEvent<{ error?: unknown }>('call:mediaRestart', undefined, 30000);
    expect(e.error).toBeUndefined();
    const up = (id: string) => `['connected', 'completed'].includes(client.call.getById(${js(id)}).mediaConnectionState)`;
    await Promise.all([alice.waitFor(up(aliceCall), 'alice connected again', 30000), bob.waitFor(up(bobCall), 'bob connected again', 30000)]);
    const changes = (await alice.events<{ callId: string; previous: { state: string } }>('call:mediaConnectionChange')).filter((c) => c.callId === aliceCall);
    expect(changes.map((c) => c.previous.state)).toContain('failed');
    // Only the manual restart happened (the automatic one is off here).
    expect((await bob.events('call:mediaRestart')).length).toBe(0);
    await bob.waitFor(`E2E.toneState(${ALICE_HZ}).detected`, 'alice\'s tone back at bob after the restart', 15000);
    await end(alice, aliceCall);
    await waitForState(bob, bobCall, 'ENDED');
  }, 150000);
});
