/**
 * DTMF. Out of band (RFC 4733 telephone events through `RTCDTMFSender`) when the negotiated SDP
 * allows it (`sender.dtmf.canInsertDTMF`); otherwise in band: the tones are synthesized with
 * WebAudio (two sine oscillators per tone, the standard DTMF frequency pairs), mixed with the
 * microphone track into a new track that temporarily replaces the call's audio track through
 * `RTCRtpSender.replaceTrack`, and the original track is restored afterwards. When neither is
 * possible (no audio sender, no WebAudio, or an AudioContext that does not start: Firefox without
 * an audio output device, or an autoplay policy without a user gesture), the operation fails with
 * `CALL_DTMF_FAILED` and the microphone track stays on the sender.
 */
import { callError } from '../errors';

/** Valid tone characters (seed 000: 0-9, #, * and ',' for a 2 s pause). @internal */
export const DTMF_TONES = /^[0-9#*,]+$/;

const LOW: Record<string, number> = { 1: 697, 2: 697, 3: 697, 4: 770, 5: 770, 6: 770, 7: 852, 8: 852, 9: 852, '*': 941, 0: 941, '#': 941 };
const HIGH: Record<string, number> = { 1: 1209, 4: 1209, 7: 1209, '*': 1209, 2: 1336, 5: 1336, 8: 1336, 0: 1336, 3: 1477, 6: 1477, 9: 1477, '#': 1477 };

/** RTCDTMFSender limits: duration 40–6000 ms, gap ≥ 30 ms. @internal */
export function clampDtmf(duration: number, gap: number): { duration: number; gap: number } {
  return { duration: Math.min(6000, Math.max(40, duration)), gap: Math.max(30, gap) };
}

/** How the tones were sent. @internal */
export type DtmfMode = 'out-of-band' | 'in-band';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Sends `tones` on `sender`. Resolves when queued (out of band) or played (in band).
 * @internal
 */
export async function sendDtmf(sender: RTCRtpSender | undefined, tones: string, duration: number, gap: number): Promise<DtmfMode> {
  if (!sender) throw callError('CALL_DTMF_FAILED', 'The call has no local audio to carry DTMF.');
  const { duration: d, gap: g } = clampDtmf(duration, gap);
  const dtmf = sender.dtmf;
  if (dtmf && dtmf.canInsertDTMF) {
    dtmf.insertDTMF(tones, d, g);
    return 'out-of-band';
  }
  // Safari before 14.1 has only the prefixed constructor.
  const scope = globalThis as { AudioContext?: typeof AudioContext; webkitAudioContext?: typeof AudioContext };
  const Ctx = scope.AudioContext ?? scope.webkitAudioContext;
  if (!Ctx) {
    throw callError('CALL_DTMF_FAILED', 'Out-of-band DTMF was not negotiated and WebAudio is not available for in-band tones.');
  }
  const ctx = new Ctx();
  if (!(await started(ctx))) {
    const state = ctx.state;
    void ctx.close().catch(() => undefined);
    throw callError(
      'CALL_DTMF_FAILED',
      `Out-of-band DTMF was not negotiated and WebAudio cannot play in-band tones (AudioContext ${state}: no audio output device, or no user gesture yet).`,
    );
  }
  await playInBand(ctx, sender, tones, d, g);
  return 'in-band';
}

/** How long a suspended AudioContext may take to start before in-band DTMF gives up. @internal */
export const AUDIO_START_TIMEOUT_MS = 1000;

/**
 * Whether `ctx` runs (resuming it when suspended). A context that never runs would replace the
 * microphone with a silent track: the far end would hear neither the tones nor the user.
 */
async function started(ctx: AudioContext): Promise<boolean> {
  if (ctx.state === 'running') return true;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, AUDIO_START_TIMEOUT_MS)));
  await Promise.race([Promise.resolve(ctx.resume()).catch(() => undefined), timeout]).finally(() => clearTimeout(timer));
  return (ctx.state as AudioContextState) === 'running';
}

async function playInBand(ctx: AudioContext, sender: RTCRtpSender, tones: string, duration: number, gap: number): Promise<void> {
  const original = sender.track;
  const dest = ctx.createMediaStreamDestination();
  if (original) ctx.createMediaStreamSource(new MediaStream([original])).connect(dest);
  const gain = ctx.createGain();
  gain.gain.value = 0.25;
  gain.connect(dest);
  try {
    await sender.replaceTrack(dest.stream.getAudioTracks()[0] ?? null);
    for (const tone of tones) {
      if (tone === ',') {
        await sleep(2000);
        continue;
      }
      const start = ctx.currentTime;
      for (const freq of [LOW[tone]!, HIGH[tone]!]) {
        const osc = ctx.createOscillator();
        osc.frequency.value = freq;
        osc.connect(gain);
        osc.start(start);
        osc.stop(start + duration / 1000);
      }
      await sleep(duration + gap);
    }
  } finally {
    await sender.replaceTrack(original).catch(() => undefined);
    void ctx.close().catch(() => undefined);
  }
}
