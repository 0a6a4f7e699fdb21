/**
 * The call-extras and call-report plugins and the base plugin's early media, in real
 * Chromium through the reference gateway, with media evidence:
 * - `playAudioFile`: bob's tone detector hears the file's tone (a WAV of FILE_HZ) instead of
 *   alice's microphone tone, then alice's tone again; `onPlaying` reports the duration;
 * - custom parameters: those of `make` and `answer` arrive at the far side as
 *   `call:customParameters`; `sendCustomParameters` mid-call is accepted by the gateway; parameters
 *   set mid-call reach the far side on the next renegotiation (a hold of `callControlsPlugin()`,
 *   §5.10/§5.12) as `call:customParameters`;
 * - `getReport` after a call: its timeline (MAKE … END_LOCAL, PLAY_AUDIO, SEND_CUSTOM_PARAMETERS)
 *   with the steps nested in MAKE (GET_USER_MEDIA, PROCESS_MEDIA_LOCAL › ICE_COLLECTION,
 *   REST_REQUEST; start ≤ end), a hold/unhold by alice recorded as HOLD_LOCAL/UNHOLD_LOCAL at alice
 *   and HOLD_REMOTE/UNHOLD_REMOTE at bob, and the metrics (CALL_DURATION, TIME_TO_MAKE,
 *   the MAKE_CALL_ set-up metrics, TIME_TO_HOLD_LOCAL, TIME_TO_HOLD_REMOTE and the unhold ones);
 * - early media: the reference gateway never sends `sessionProgress` between two SDK clients (the
 *   protocol says they never need it), so the far end's early media comes from a raw
 *   RTCPeerConnection (carol's tone) and the `sessionProgress` is injected through the gateway's
 *   notification hook → alice is EARLY_MEDIA and hears carol's tone before any answer.
 * Chromium↔Chromium only. Firefox is not run: in this headless set-up a Firefox `AudioContext`
 * never leaves `suspended` (`resume()` stays pending, tried with the autoplay prefs), so the
 * WebAudio graph of `playAudioFile` carries no sound there; early media is
 * browser-neutral SDK logic (and the seed says early media is not supported on Firefox).
 */
import { sineWav } from './src/wav';
import { end, received, waitForState } from './src/callFlow';
import type { E2EPage } from './src/e2ePage';
import { startLoggedIn, type Harness } from './src/harness';
import { fileBrowsers, type BrowserName } from './src/matrix';

const ALICE_HZ = 440;
const CAROL_HZ = 880;
const FILE_HZ = 1320;
const FILE_SECONDS = 3;
const js = (v: unknown) => JSON.stringify(v);
const PLUGINS = ['callExtrasPlugin', 'callReportPlugin', 'callControlsPlugin'];
const CONFIG = '({ call: { earlyMedia: true } })';

const browsers = fileBrowsers();

const browser: BrowserName = 'chromium';

describe('call extras, reports and early media (chromium-chromium)', () => {
  let h: Harness;
  let alice: E2EPage;
  let bob: E2EPage;

  beforeAll(async () => {
    ({ harness: h, alice, bob } = await startLoggedIn(
      {
        alice: { browser, tone: ALICE_HZ, config: CONFIG, plugins: PLUGINS },
        bob: { browser, plugins: PLUGINS },
        carol: { browser, tone: CAROL_HZ },
      },
      { browsers },
    ));
  });
  afterAll(() => h?.close());

  const hook = async (path: string, body?: unknown) => {
    const res = await fetch(`${h.gateway!.url}/__test__/${path}`, body === undefined ? {} : {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
    });
    return (await res.json()) as Record<string, unknown>;
  };

  /** alice calls bob with custom parameters, bob answers with his; both Connected. */
  async function call(): Promise<{ aliceCall: string; bobCall: string }> {
    const aliceCall = await alice.eval<string>(`client.call.make('sip:bob@example.com', { audio: true }, { customParameters: [{ name: 'X-From-Alice', value: 'hello' }] })`);
    const bobCall = await received(bob);
    await bob.eval(`client.call.answer(${js(bobCall)}, { audio: true }, { customParameters: [{ name: 'X-From-Bob', value: 'hi' }] })`);
    await Promise.all([waitForState(alice, aliceCall, 'CONNECTED'), waitForState(bob, bobCall, 'CONNECTED')]);
    return { aliceCall, bobCall };
  }

  it('custom parameters of make/answer arrive as call:customParameters; playAudioFile plays the file\'s tone to bob, then alice\'s tone is back; getReport has the timeline and metrics', async () => {
    const { aliceCall, bobCall } = await call();
    const atBob = await bob.waitForEvent<{ callId: string; customParameters: unknown }>('call:customParameters');
    expect(atBob).toEqual({ callId: bobCall, customParameters: [{ name: 'X-From-Alice', value: 'hello' }] });
    const atAlice = await alice.waitForEvent<{ callId: string; customParameters: unknown }>('call:customParameters');
    expect(atAlice).toEqual({ callId: aliceCall, customParameters: [{ name: 'X-From-Bob', value: 'hi' }] });

    // sendCustomParameters mid-call: sendCustomHeaders accepted by the gateway (it attaches them to the next notification to bob, §5.12)
    await alice.eval(`client.call.setCustomParameters(${js(aliceCall)}, [{ name: 'X-Status', value: 'recording' }])`);
    expect(await alice.eval(`client.call.getById(${js(aliceCall)}).customParameters`)).toEqual([{ name: 'X-Status', value: 'recording' }]);
    await alice.eval(`client.call.sendCustomParameters(${js(aliceCall)})`);
    const sent = await alice.waitForEvent<{ error?: unknown }>('call:operation', "(p) => p.operation === 'SEND_CUSTOM_PARAMETERS' && p.transition === 'FINISH'");
    expect(sent.error).toBeUndefined();

    await bob.waitForInboundGrowth('audio');
    await bob.startToneDetector();
    await bob.waitFor(`E2E.toneState(${ALICE_HZ}).detected`, 'alice\'s tone at bob before the file');
    const wav = sineWav(FILE_HZ, FILE_SECONDS).toString('base64');
    await alice.eval(`(() => {
      const bytes = Uint8Array.from(atob(${js(wav)}), (c) => c.charCodeAt(0));
      window.__file = URL.createObjectURL(new Blob([bytes], { type: 'audio/wav' }));
      window.__playing = undefined;
      window.__result = undefined;
      client.call.playAudioFile(${js(aliceCall)}, window.__file)
        .onPlaying((info) => { window.__playing = info; })
        .then(() => (window.__result = 'done'), (e) => (window.__result = 'failed: ' + e.code + ' ' + e.message));
      return true;
    })()`);
    // (a failure before playing shows as the result instead of a time-out)
    await alice.waitFor('window.__playing || window.__result', 'onPlaying');
    expect(await alice.eval('window.__result || "playing"')).toBe('playing');
    const playing = await alice.eval<{ duration: number }>('window.__playing');
    expect(playing.duration).toBeCloseTo(FILE_SECONDS, 1);
    await bob.waitFor(`E2E.toneState(${FILE_HZ}).detected`, 'the file\'s tone at bob');
    expect((await bob.toneState(ALICE_HZ)).detected).toBe(false);
    await alice.waitFor('window.__result', 'the end of playAudioFile');
    expect(await alice.eval('window.__result')).toBe('done');
    await bob.waitFor(`E2E.toneState(${ALICE_HZ}).detected`, 'alice\'s tone back at bob after the file');
    // the microphone track is back on the sender and still live
    const sender = await alice.eval<{ same: boolean; state: string }>(`(() => {
      const id = client.call.getById(${js(aliceCall)}).localTracks[0];
      const s = E2E.livePcs().pop().getSenders().find((x) => x.track && x.track.kind === 'audio');
      return { same: !!s && s.track.id === (window.__e2e.localTracks.find((t) => t.kind === 'audio') || {}).id, state: s ? s.track.readyState : 'none', id };
    })()`);
    expect(sender).toMatchObject({ same: true, state: 'live' });

    // hold and unhold on the connected call (for the report's HOLD_LOCAL at alice, HOLD_REMOTE at bob)
    // this call's FINISH (an earlier call's HOLD in the page's log does not count)
    const opFinished = (page: E2EPage, operation: string) =>
      page.waitForEvent('call:operation', `(p) => p.operation === ${js(operation)} && p.transition === 'FINISH' && p.callId === ${js(aliceCall)}`);
    await alice.eval(`client.call.hold(${js(aliceCall)})`);
    await opFinished(alice, 'HOLD');
    await waitForState(bob, bobCall, 'ON_HOLD');
    await alice.eval(`client.call.unhold(${js(aliceCall)})`);
    await opFinished(alice, 'UNHOLD');
    await waitForState(bob, bobCall, 'CONNECTED');

    await end(alice, aliceCall);
    await Promise.all([waitForState(alice, aliceCall, 'ENDED'), waitForState(bob, bobCall, 'ENDED')]);
    type Step = { type: string; start: number; end?: number; timeline: Step[] };
    const report = await alice.eval<{ timeline: Step[]; metrics: Array<{ type: string; data: number }>; start: number; end: number }>(
      `client.call.getReport(${js(aliceCall)})`,
    );
    // the steps of MAKE, nested, each within its parent
    const make = report.timeline[0]!;
    expect(make.timeline.map((e) => e.type)).toEqual(['GET_USER_MEDIA', 'PROCESS_MEDIA_LOCAL', 'REST_REQUEST']);
    expect(make.timeline[1]!.timeline.map((e) => e.type)).toEqual(['ICE_COLLECTION']);
    const within = (parent: Step) => {
      expect(parent.end).toBeGreaterThanOrEqual(parent.start);
      for (const child of parent.timeline) {
        expect([child.start >= parent.start, child.end! <= parent.end!]).toEqual([true, true]);
        within(child);
      }
    };
    within(make);
    const types = report.timeline.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['MAKE', 'PROCESS_MEDIA_REMOTE', 'SEND_CUSTOM_PARAMETERS', 'PLAY_AUDIO', 'END_LOCAL']));
    expect(types.indexOf('MAKE')).toBe(0);
    const play = report.timeline.find((e) => e.type === 'PLAY_AUDIO')!;
    expect(play.end).toBeGreaterThanOrEqual(play.start);
    const metric = (type: string) => report.metrics.find((m) => m.type === type)?.data;
    expect(metric('CALL_DURATION')).toBe(report.end - report.start);
    expect(metric('TIME_TO_MAKE')).toBeGreaterThan(0);
    const [ice, local, request] = [make.timeline[1]!.timeline[0]!, make.timeline[1]!, make.timeline[2]!];
    expect(metric('MAKE_CALL_PRE_LOCAL_SETUP')).toBe(ice.start - make.start);
    expect(metric('MAKE_CALL_LOCAL_SETUP')).toBe(local.end! - make.start);
    expect(metric('MAKE_CALL_REMOTE_SETUP')).toBe(make.end! - request.start);
    const durationOf = (r: { timeline: Step[] }, type: string) => {
      const e = r.timeline.filter((x) => x.type === type);
      expect(e).toHaveLength(1);
      return e[0]!.end! - e[0]!.start;
    };
    expect([metric('TIME_TO_HOLD_LOCAL'), metric('TIME_TO_UNHOLD_LOCAL')]).toEqual([durationOf(report, 'HOLD_LOCAL'), durationOf(report, 'UNHOLD_LOCAL')]);
    const bobReport = await bob.eval<{ timeline: Step[]; metrics: Array<{ type: string; data: number }> }>(`client.call.getReport(${js(bobCall)})`);
    expect(bobReport.timeline.map((e) => e.type)).toEqual(expect.arrayContaining(['RECEIVE_CALL', 'ANSWER', 'HOLD_REMOTE', 'UNHOLD_REMOTE', 'END_REMOTE']));
    expect(bobReport.metrics.map((m) => m.type)).toEqual(expect.arrayContaining(['CALL_DURATION', 'TIME_TO_ANSWER', 'TIME_FROM_RECEIVE_TO_ANSWER', 'ANSWER_CALL_PRE_LOCAL_SETUP']));
    const bobMetric = (type: string) => bobReport.metrics.find((m) => m.type === type)?.data;
    expect([bobMetric('TIME_TO_HOLD_REMOTE'), bobMetric('TIME_TO_UNHOLD_REMOTE')]).toEqual([durationOf(bobReport, 'HOLD_REMOTE'), durationOf(bobReport, 'UNHOLD_REMOTE')]);
    for (const e of bobReport.timeline.filter((x) => x.type.endsWith('HOLD_REMOTE'))) {
      expect(e.timeline.map((s) => s.type)).toEqual(['PROCESS_MEDIA_LOCAL', 'REST_REQUEST']);
      within(e);
    }
  });

  it('custom parameters set and sent mid-call arrive at the far side with the next renegotiation (hold) as call:customParameters', async () => {
    const { aliceCall, bobCall } = await call();
    const params = [{ name: 'X-Status', value: 'on-air' }];
    const isStatus = `(p) => p.callId === ${js(bobCall)} && p.customParameters.some((x) => x.name === 'X-Status')`;
    await alice.eval(`client.call.setCustomParameters(${js(aliceCall)}, ${js(params)})`);
    await alice.eval(`client.call.sendCustomParameters(${js(aliceCall)})`);
    const sent = await alice.waitForEvent<{ error?: unknown }>('call:operation', `(p) => p.operation === 'SEND_CUSTOM_PARAMETERS' && p.transition === 'FINISH' && p.callId === ${js(aliceCall)}`);
    expect(sent.error).toBeUndefined();
    // no notification has gone to bob since: nothing delivered yet (the gateway keeps them for the next one, §5.12)
    expect(await bob.eval(`E2E.findEvent('call:customParameters', ${js(isStatus)})`)).toBeNull();
    // alice holds: her renegotiation (startCallUpdate) carries the call's parameters to bob
    await alice.eval(`client.call.hold(${js(aliceCall)})`);
    const atBob = await bob.waitForEvent<{ callId: string; customParameters: unknown }>('call:customParameters', isStatus);
    expect(atBob).toEqual({ callId: bobCall, customParameters: params });
    await Promise.all([waitForState(alice, aliceCall, 'ON_HOLD'), waitForState(bob, bobCall, 'ON_HOLD')]);
    await alice.eval(`client.call.unhold(${js(aliceCall)})`);
    await Promise.all([waitForState(alice, aliceCall, 'CONNECTED'), waitForState(bob, bobCall, 'CONNECTED')]);
    await end(alice, aliceCall);
    await Promise.all([waitForState(alice, aliceCall, 'ENDED'), waitForState(bob, bobCall, 'ENDED')]);
  });

  it('earlyMedia: a sessionProgress with the far end\'s provisional answer → EARLY_MEDIA and the far end\'s tone before any answer', async () => {
    // carol's SDK page rings; her "early media" comes from a raw RTCPeerConnection in her browser (microphone: CAROL_HZ)
    const carol = await h.open('carol', 'raw');
    const aliceCall = await alice.eval<string>("client.call.make('sip:carol@example.com', { audio: true })");
    await alice.waitFor(`['Initiated', 'Ringing'].includes(client.call.getById(${js(aliceCall)}).state)`, 'alice\'s call started (carol rings)');
    const offer = await alice.waitFor<string>('(() => { const pc = E2E.livePcs().pop(); return pc && pc.localDescription && pc.localDescription.sdp; })()', 'alice\'s offer');
    const provisional = await carol.eval<string>(`(async () => {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
      const pc = (window.__early = new RTCPeerConnection({ iceServers: [] }));
      stream.getTracks().forEach((t) => pc.addTrack(t, stream));
      await pc.setRemoteDescription({ type: 'offer', sdp: ${js(offer)} });
      await pc.setLocalDescription(await pc.createAnswer());
      if (pc.iceGatheringState !== 'complete') await new Promise((r) => pc.addEventListener('icegatheringstatechange', () => pc.iceGatheringState === 'complete' && r()));
      return pc.localDescription.sdp;
    })()`);
    const calls = (await hook('calls')).calls as Array<{ caller: { id: string; username: string }; state: string }>;
    const leg = calls.filter((c) => c.caller.username === 'alice@example.com' && c.state !== 'ended').pop()!.caller.id;
    const delivered = await hook('notifications', {
      username: 'alice@example.com',
      notificationMessage: { eventType: 'sessionProgress', eventId: `early-${Date.now()}`, sessionParams: { sessionData: leg, sdp: provisional } },
    });
    expect(delivered.delivered).toBe(1);
    await waitForState(alice, aliceCall, 'EARLY_MEDIA');
    await alice.waitForInboundGrowth('audio');
    await alice.startToneDetector();
    await alice.waitFor(`E2E.toneState(${CAROL_HZ}).detected`, 'carol\'s early media tone at alice');
    expect(await alice.eval(`client.call.getById(${js(aliceCall)}).state`)).toBe('Early Media');
    await end(alice, aliceCall);
    await waitForState(alice, aliceCall, 'ENDED');
    await carol.eval('window.__early.close(), true');
  });
});
