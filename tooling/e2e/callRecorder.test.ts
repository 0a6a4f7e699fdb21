/**
 * The example third-party plugin `@switchboard-examples/call-recorder` in real Chromium: bob
 * installs `callRecorderPlugin()` and `indexedDbStorePlugin()` next to the first-party plugins,
 * records an incoming call from alice (whose microphone is a 440 Hz sine) with `client.recorder`,
 * and the recording stops by itself when alice hangs up. The stored Blob is read back from
 * IndexedDB and decoded in the page with `AudioContext.decodeAudioData`: it must have a duration
 * and carry alice's tone (and, with `includeLocal`, bob's own 880 Hz tone mixed in through Web
 * Audio), so the test fails whenever recording does not really work.
 */
import { connectCall, end, waitForState } from './src/callFlow';
import type { E2EPage } from './src/e2ePage';
import { startLoggedIn, type Harness } from './src/harness';

const ALICE_HZ = 440;
const BOB_HZ = 880;
const js = (v: unknown) => JSON.stringify(v);

/** What the page finds in the decoded recording. */
interface Decoded {
  storage: string;
  type: string;
  size: number;
  duration: number;
  peak: number;
  /** The strongest frequency (Hz, 5 Hz steps) of the loudest quarter second. */
  hz: number;
  /** Power at alice's and bob's tone, relative to the strongest frequency of that window. */
  alice: number;
  bob: number;
}

/** In-page: reads recording `id` back from the store, decodes it, measures its peak and dominant frequency. */
const decodeRecording = (id: string) => `(async () => {
  const r = await client.recorder.get(${js(id)});
  if (!r) return null;
  const ctx = new AudioContext();
  const audio = await ctx.decodeAudioData(await r.blob.arrayBuffer());
  const data = audio.getChannelData(0);
  const win = Math.floor(audio.sampleRate / 4);
  let best = 0, bestRms = -1, peak = 0;
  for (let i = 0; i < data.length; i++) peak = Math.max(peak, Math.abs(data[i]));
  for (let start = 0; start + win <= data.length; start += win) {
    let sum = 0;
    for (let i = start; i < start + win; i++) sum += data[i] * data[i];
    if (sum > bestRms) { bestRms = sum; best = start; }
  }
  // the strongest frequency of that window: a DFT scan over 100-2000 Hz in 5 Hz steps
  const powerAt = (f) => {
    const w = (2 * Math.PI * f) / audio.sampleRate;
    let re = 0, im = 0;
    for (let i = 0; i < win; i++) { re += data[best + i] * Math.cos(w * i); im -= data[best + i] * Math.sin(w * i); }
    return re * re + im * im;
  };
  let hz = 0, hzPower = -1;
  for (let f = 100; f <= 2000; f += 5) {
    const power = powerAt(f);
    if (power > hzPower) { hzPower = power; hz = f; }
  }
  const alice = powerAt(${ALICE_HZ}) / hzPower, bob = powerAt(${BOB_HZ}) / hzPower;
  await ctx.close();
  return { storage: client.recorder.storage, type: r.blob.type, size: r.blob.size, duration: audio.duration, peak, hz, alice, bob };
})()`;

describe('example plugin: call recorder', () => {
  let h: Harness;
  let alice: E2EPage;
  let bob: E2EPage;

  beforeAll(async () => {
    ({ harness: h, alice, bob } = await startLoggedIn({
      alice: { tone: ALICE_HZ },
      bob: { tone: BOB_HZ, plugins: ['callRecorderPlugin', 'indexedDbStorePlugin'] },
    }));
  });
  afterAll(() => h?.close());

  it('records the remote audio of a call until it ends; the stored Blob decodes to alice\'s tone', async () => {
    expect(await bob.eval('client.getPlugins().map((p) => p.id)')).toEqual(['connectivity', 'media', 'call', 'call-recorder', 'call-recorder-indexeddb']);
    const { aliceCall, bobCall } = await connectCall(alice, bob, { audio: true, video: false });
    await bob.waitForInboundGrowth('audio');
    await bob.startToneDetector();
    await bob.waitFor(`E2E.toneState(${ALICE_HZ}).detected`, 'alice\'s tone at bob before recording');

    const recordingId = await bob.eval<string>(`client.recorder.start(${js(bobCall)}, { timeslice: 250 })`);
    const started = await bob.waitForEvent('recorder:start');
    expect(started).toEqual({ callId: bobCall, recordingId, mimeType: expect.stringMatching(/^audio\/(webm|ogg)/) });
    expect(await bob.eval(`client.recorder.isRecording(${js(bobCall)})`)).toBe(true);
    // Let about two seconds of alice's audio arrive (16 kB of RTP at Opus' usual rate) while recording.
    const before = (await bob.inbound()).audio!.bytesReceived;
    await bob.waitForInboundGrowth('audio', before + 16000, 15000);

    await end(alice, aliceCall);
    await waitForState(bob, bobCall, 'ENDED');
    const stopped = await bob.waitForEvent('recorder:stop');
    expect(stopped).toMatchObject({ callId: bobCall, recordingId, reason: 'callEnded', recording: { id: recordingId, callId: bobCall } });
    expect(stopped.recording.size).toBeGreaterThan(0);
    expect(await bob.eval(`client.recorder.isRecording(${js(bobCall)})`)).toBe(false);
    expect(await bob.events('recorder:error')).toEqual([]);

    const decoded = await bob.eval<Decoded | null>(decodeRecording(recordingId));
    expect(decoded).not.toBeNull();
    expect(decoded).toMatchObject({ storage: 'indexeddb', size: stopped.recording.size, type: expect.stringMatching(/^audio\/(webm|ogg)/) });
    expect(decoded!.duration).toBeGreaterThan(1);
    expect(decoded!.peak).toBeGreaterThan(0.05);
    expect(Math.abs(decoded!.hz - ALICE_HZ)).toBeLessThanOrEqual(15);
    // only the remote side: bob's own microphone tone is not in it
    expect(decoded!.bob).toBeLessThan(0.05);
    expect(await bob.eval('client.recorder.getAll().then((all) => all.map((r) => r.id))')).toEqual([recordingId]);
  });

  it('with includeLocal, mixes bob\'s own microphone into the recording', async () => {
    const { aliceCall, bobCall } = await connectCall(alice, bob, { audio: true, video: false });
    await bob.waitForInboundGrowth('audio');
    await bob.startToneDetector();
    await bob.waitFor(`E2E.toneState(${ALICE_HZ}).detected`, 'alice\'s tone at bob before recording');
    const recordingId = await bob.eval<string>(`client.recorder.start(${js(bobCall)}, { includeLocal: true })`);
    const before = (await bob.inbound()).audio!.bytesReceived;
    await bob.waitForInboundGrowth('audio', before + 16000, 15000);
    const stopped = await bob.eval<{ reason: string; includesLocal: boolean; trackIds: string[] }>(
      `client.recorder.stop(${js(bobCall)}).then(({ blob, ...info }) => info)`,
    );
    expect(stopped).toMatchObject({ reason: 'stopped', includesLocal: true });
    expect(stopped.trackIds).toHaveLength(2);
    await end(alice, aliceCall);
    const decoded = await bob.eval<Decoded | null>(decodeRecording(recordingId));
    expect(decoded!.duration).toBeGreaterThan(1);
    expect(decoded!.alice).toBeGreaterThan(0.1);
    expect(decoded!.bob).toBeGreaterThan(0.1);
  });
});
