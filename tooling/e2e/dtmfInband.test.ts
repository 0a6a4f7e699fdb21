/**
 * In-band DTMF fallback: with `sdpHandlers.createCodecRemover(['telephone-event'])` on both sides,
 * no telephone-event payload is negotiated, so alice's RTCDTMFSender cannot insert DTMF. Then
 * `client.call.sendDTMF(callId, '5')` must still work in band (WebAudio tones mixed into the sent
 * audio): bob's remote audio shows energy at both DTMF '5' frequencies (770 Hz and 1336 Hz), and
 * afterwards alice's microphone track (her 440 Hz tone) is back on the sender. Where WebAudio
 * cannot run in alice's browser (headless Firefox: no audio output device), `sendDTMF` must fail
 * with CALL_DTMF_FAILED and leave her microphone on the sender.
 */
import { bandSamples, pageNow, startBandProbe, stopBandProbe, type BandSample } from './src/bandProbe';
import { connectCall, end } from './src/callFlow';
import type { E2EPage } from './src/e2ePage';
import { startLoggedIn, type Harness } from './src/harness';
import { callMatrix, fileBrowsers } from './src/matrix';

const ALICE_HZ = 440;
const LOW = 770;
const HIGH = 1336;
const NO_DTMF_PAYLOAD = "{ call: { sdpHandlers: [Switchboard.sdpHandlers.createCodecRemover(['telephone-event'])] } }";
const js = (v: unknown) => JSON.stringify(v);

const max = (samples: BandSample[], hz: number) => Math.max(...samples.map((s) => s.db[hz]));

const browsers = fileBrowsers();

describe.each(callMatrix())('SDK DTMF in band (no telephone-event negotiated) ($label)', ({ caller, callee }) => {
  let h: Harness;
  let alice: E2EPage;
  let bob: E2EPage;

  beforeAll(async () => {
    ({ harness: h, alice, bob } = await startLoggedIn({ alice: { browser: caller, tone: ALICE_HZ, config: NO_DTMF_PAYLOAD }, bob: { browser: callee, config: NO_DTMF_PAYLOAD } }, { browsers }));
  });
  afterAll(async () => {
    if (bob) await stopBandProbe(bob).catch(() => undefined);
    await h?.close();
  });

  it("sendDTMF('5') reaches bob as 770 Hz + 1336 Hz in the audio, then alice's own track is restored", async () => {
    const { aliceCall } = await connectCall(alice, bob, { audio: true, video: false });

    // Preconditions: no telephone-event anywhere, so out-of-band DTMF is impossible.
    for (const p of [alice, bob]) {
      expect(
        await p.eval<boolean>(
          'E2E.livePcs().every((pc) => !/telephone-event/i.test(pc.localDescription.sdp) && !/telephone-event/i.test(pc.remoteDescription.sdp))',
        ),
      ).toBe(true);
    }
    const sender = await alice.eval<{ canInsert: boolean; trackId: string; micId: string }>(`(() => {
      const s = E2E.livePcs()[0].getSenders().find((x) => x.track && x.track.kind === 'audio');
      window.__mic = s.track;
      return { canInsert: !!(s.dtmf && s.dtmf.canInsertDTMF), trackId: s.track.id,
        micId: window.__e2e.localTracks.filter((t) => t.kind === 'audio').pop().id };
    })()`);
    expect(sender.canInsert).toBe(false);
    expect(sender.trackId).toBe(sender.micId);

    await bob.waitForInboundGrowth('audio');
    await bob.startToneDetector();
    await bob.waitFor(`E2E.toneState(${ALICE_HZ}).detected`, `alice's ${ALICE_HZ} Hz tone at bob before DTMF`);

    // Whether WebAudio runs in alice's browser: headless Firefox has no audio output device, so
    // its AudioContext never leaves 'suspended'. Then the SDK must refuse in-band DTMF (not
    // replace the microphone with a silent track) and alice must still be heard.
    const audioRuns = await alice.eval<boolean>(`(async () => {
      const c = new AudioContext();
      await Promise.race([c.resume(), new Promise((r) => setTimeout(r, 1000))]);
      const running = c.state === 'running';
      c.close();
      return running;
    })()`);
    expect(audioRuns).toBe(alice.browser === 'chromium');
    if (!audioRuns) {
      await alice.eval(`client.call.sendDTMF(${js(aliceCall)}, '5', 1500)`);
      const failed = await alice.waitForEvent<{ error?: { code?: string } }>(
        'call:operation',
        `(e) => e.callId === ${js(aliceCall)} && e.operation === 'SEND_DTMF' && e.transition === 'FINISH'`,
      );
      expect(failed.error?.code).toBe('CALL_DTMF_FAILED');
      expect(await alice.eval<boolean>("E2E.livePcs()[0].getSenders().some((x) => x.track === window.__mic && x.track.readyState === 'live')")).toBe(true);
      await bob.waitFor(`E2E.toneState(${ALICE_HZ}).detected`, `alice's ${ALICE_HZ} Hz tone still at bob`);
      await end(alice, aliceCall);
      return;
    }
    await startBandProbe(bob, [ALICE_HZ, LOW, HIGH]);
    // Baseline: 20 samples (1 s) of alice's tone alone.
    await bob.waitFor('E2E.bands.samples.length >= 20', 'baseline band samples');
    const baseline = await bandSamples(bob);
    const base = { low: max(baseline, LOW), high: max(baseline, HIGH) };

    const sentAt = await pageNow(bob);
    await alice.eval(`client.call.sendDTMF(${js(aliceCall)}, '5', 1500)`);
    // Both DTMF '5' frequencies rise clearly above the baseline in the same sample.
    const rise = 20;
    const hit = await bob.waitFor<BandSample>(
      `(E2E.bands.samples.find((s) => s.t > ${sentAt} && s.db[${LOW}] > ${base.low + rise} && s.db[${HIGH}] > ${base.high + rise} && s.db[${LOW}] > -70 && s.db[${HIGH}] > -70) || null)`,
      `DTMF '5' (${LOW} Hz + ${HIGH} Hz) in bob's remote audio (baseline ${js(base)})`,
      8000,
    );
    expect(hit.db[LOW]).toBeGreaterThan(base.low + rise);
    expect(hit.db[HIGH]).toBeGreaterThan(base.high + rise);

    // The operation finishes without error once the tone has played and the track is restored.
    const op = await alice.waitForEvent<{ error?: unknown }>(
      'call:operation',
      `(e) => e.callId === ${js(aliceCall)} && e.operation === 'SEND_DTMF' && e.transition === 'FINISH'`,
      10000,
    );
    expect(op.error).toBeUndefined();
    expect(
      await alice.eval<boolean>(`(() => {
        const s = E2E.livePcs()[0].getSenders().find((x) => x.track && x.track.kind === 'audio');
        return !!s && s.track === window.__mic && s.track.readyState === 'live';
      })()`),
    ).toBe(true);

    // Afterwards (once the played-out tail has passed through jitter buffer and FFT window):
    // the DTMF tones are gone for good and alice's 440 Hz tone is still heard at bob.
    // "Gone" = five quiet samples in a row after the operation finished: one quiet sample alone can be
    // a dip inside the tone (a concealed packet on a loaded machine), after which the tone goes on.
    const finishedAt = await pageNow(bob);
    const quiet = `(s) => s.db[${LOW}] < ${base.low + rise} && s.db[${HIGH}] < ${base.high + rise}`;
    const stopped = await bob.waitFor<BandSample>(
      `(() => {
        const after = E2E.bands.samples.filter((s) => s.t > ${hit.t} && s.t > ${finishedAt});
        for (let i = 0; i + 5 <= after.length; i++) if (after.slice(i, i + 5).every(${quiet})) return after[i];
        return null;
      })()`,
      'DTMF tones gone at bob after the operation finished (5 quiet samples in a row)',
    );
    await bob.waitFor(`E2E.bands.samples.filter((s) => s.t > ${stopped.t}).length >= 10`, 'band samples after DTMF');
    const tail = await bandSamples(bob, stopped.t);
    expect(max(tail, LOW)).toBeLessThan(base.low + rise);
    expect(max(tail, HIGH)).toBeLessThan(base.high + rise);
    await bob.waitFor(`E2E.toneState(${ALICE_HZ}).detected`, `alice's ${ALICE_HZ} Hz tone at bob after DTMF`);
    const bytes = (await bob.inbound()).audio!.bytesReceived;
    await bob.waitForInboundGrowth('audio', bytes);

    await end(alice, aliceCall);
  });
});
