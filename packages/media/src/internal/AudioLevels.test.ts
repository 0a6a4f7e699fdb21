import { emitRecorder, fakeMediaEnvironment, FakeMediaStreamTrack, silentLogger } from '@switchboard/test-utils';
import { AudioLevels, levelOf } from './AudioLevels';
import { TrackStore } from './TrackStore';

/** A fake AudioContext whose analysers return a constant amplitude per track label. */
function fakeAudioContext(amplitudes: Record<string, number>) {
  const ctx = {
    state: 'running',
    closed: false,
    disconnected: 0,
    resume: async () => undefined,
    close: async () => void (ctx.closed = true),
    createMediaStreamSource(stream: { getTracks(): FakeMediaStreamTrack[] }) {
      const label = stream.getTracks()[0]!.label;
      return { label, connect() {}, disconnect: () => void ctx.disconnected++ };
    },
    createAnalyser() {
      let label = '';
      return {
        fftSize: 0,
        bind: (l: string) => (label = l),
        getFloatTimeDomainData(buf: Float32Array) {
          buf.fill(amplitudes[label] ?? 0);
        },
      };
    },
  };
  // Route source → analyser so the analyser knows which track it reads.
  const createSource = ctx.createMediaStreamSource;
  ctx.createMediaStreamSource = (stream) => {
    const source = createSource(stream);
    return { ...source, connect: (analyser: { bind(l: string): void }) => analyser.bind(source.label) } as never;
  };
  return ctx;
}

describe('levelOf', () => {
  it('maps −100 dB…−30 dB to 0…1 and clamps', () => {
    expect(levelOf(new Float32Array(8))).toBe(0);
    expect(levelOf(new Float32Array(8).fill(10 ** (-30 / 20)))).toBeCloseTo(1);
    expect(levelOf(new Float32Array(8).fill(10 ** (-65 / 20)))).toBeCloseTo(0.5);
    expect(levelOf(new Float32Array(8).fill(1))).toBe(1);
    expect(levelOf(new Float32Array(8).fill(1e-7))).toBe(0);
  });
});

describe('AudioLevels', () => {
  it('emits the loudest local and remote level per call; muted tracks count as silent', () => {
    const ctx = fakeAudioContext({ mic: 10 ** (-65 / 20), remote: 10 ** (-30 / 20) });
    const { environment: env } = fakeMediaEnvironment({ overrides: { createAudioContext: () => ctx as never } });
    const rec = emitRecorder();
    const store = new TrackStore(() => env.randomId(), rec.emit, silentLogger);
    const micTrack = new FakeMediaStreamTrack('audio', 'mic');
    store.addLocal([micTrack as never, new FakeMediaStreamTrack('video', 'cam') as never], { callId: 'c1' });
    store.addRemote(new FakeMediaStreamTrack('audio', 'remote') as never, undefined, { callId: 'c1' });
    const levels = new AudioLevels(env, store, rec.emit, silentLogger);
    levels.start(1000);
    try {
      levels.sample();
      const [first] = rec.of('media:audioLevels') as Array<{ callId: string; inputVolume: number; outputVolume: number }>;
      expect(first!.callId).toBe('c1');
      expect(first!.inputVolume).toBeCloseTo(0.5);
      expect(first!.outputVolume).toBeCloseTo(1);
      micTrack.enabled = false;
      levels.sample();
      expect((rec.of('media:audioLevels')[1] as { inputVolume: number }).inputVolume).toBe(0);
    } finally {
      levels.stop();
    }
    expect(levels.running).toBe(false);
    expect(ctx.closed).toBe(true);
    expect(ctx.disconnected).toBe(2);
  });

  it('throws MEDIA_NOT_SUPPORTED without Web Audio', () => {
    const { environment: env } = fakeMediaEnvironment();
    const rec = emitRecorder();
    const levels = new AudioLevels(env, new TrackStore(() => env.randomId(), rec.emit, silentLogger), rec.emit, silentLogger);
    expect(() => levels.start(100)).toThrow(expect.objectContaining({ code: 'MEDIA_NOT_SUPPORTED' }));
    expect(levels.running).toBe(false);
  });
});
