import { AUDIO_START_TIMEOUT_MS, sendDtmf } from './dtmf';

/** A fake AudioContext: `runs` says whether resume() starts it (headless Firefox: it never does). */
function fakeAudio(runs: boolean) {
  const made: FakeContext[] = [];
  class FakeContext {
    state: string = 'suspended';
    currentTime = 0;
    closed = false;
    constructor() {
      made.push(this);
    }
    resume() {
      if (runs) this.state = 'running';
      return runs ? Promise.resolve() : new Promise<void>(() => undefined); // Firefox: pending forever
    }
    close() {
      this.closed = true;
      this.state = 'closed';
      return Promise.resolve();
    }
    createMediaStreamDestination() {
      return { stream: { getAudioTracks: () => [{ id: 'mixed' }] } };
    }
    createMediaStreamSource() {
      return { connect() {} };
    }
    createGain() {
      return { gain: { value: 1 }, connect() {} };
    }
    createOscillator() {
      return { frequency: { value: 0 }, connect() {}, start() {}, stop() {} };
    }
  }
  return { Ctx: FakeContext, made };
}

describe('sendDtmf in band', () => {
  const g = globalThis as { AudioContext?: unknown; webkitAudioContext?: unknown; MediaStream?: unknown };
  const saved = { AudioContext: g.AudioContext, webkitAudioContext: g.webkitAudioContext, MediaStream: g.MediaStream };
  afterEach(() => {
    g.AudioContext = saved.AudioContext;
    g.webkitAudioContext = saved.webkitAudioContext;
    g.MediaStream = saved.MediaStream;
    jest.useRealTimers();
  });
  const mic = { id: 'mic' };
  const sender = () => {
    const replaced: unknown[] = [];
    return {
      replaced,
      sender: {
        track: mic,
        dtmf: null,
        replaceTrack: async (t: unknown) => void replaced.push(t),
      } as unknown as RTCRtpSender & { replaced: unknown[] },
    };
  };

  it('fails with CALL_DTMF_FAILED, before touching the sender, when the AudioContext never starts', async () => {
    jest.useFakeTimers();
    const audio = fakeAudio(false);
    g.AudioContext = audio.Ctx;
    g.MediaStream = class {};
    const s = sender();
    const result = sendDtmf(s.sender, '5', 100, 70);
    const outcome = expect(result).rejects.toMatchObject({ code: 'CALL_DTMF_FAILED', message: expect.stringContaining('AudioContext suspended') });
    await jest.advanceTimersByTimeAsync(AUDIO_START_TIMEOUT_MS);
    await outcome;
    expect(s.replaced).toEqual([]); // the microphone stays on the sender
    expect(audio.made[0]!.closed).toBe(true);
  });

  it('resumes a suspended AudioContext, mixes the tones in and restores the microphone', async () => {
    const audio = fakeAudio(true);
    g.AudioContext = audio.Ctx;
    g.MediaStream = class {};
    const s = sender();
    await expect(sendDtmf(s.sender, '5', 40, 30)).resolves.toBe('in-band');
    expect(s.replaced).toEqual([{ id: 'mixed' }, mic]);
  });

  it("uses Safari's prefixed webkitAudioContext where AudioContext is missing (Safari < 14.1)", async () => {
    const audio = fakeAudio(true);
    g.AudioContext = undefined;
    g.webkitAudioContext = audio.Ctx;
    g.MediaStream = class {};
    const s = sender();
    await expect(sendDtmf(s.sender, '1', 40, 30)).resolves.toBe('in-band');
    expect(audio.made).toHaveLength(1);
    expect(s.replaced).toEqual([{ id: 'mixed' }, mic]);
  });
});
