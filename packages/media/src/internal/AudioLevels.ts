/**
 * Audio levels (checklist §9.4, proposed; Plivo `volume`): samples every live audio track with a
 * Web Audio analyser and emits `media:audioLevels {callId?, inputVolume, outputVolume}` per call,
 * where input is the loudest local track and output the loudest remote one, each mapped from
 * −100 dB … −30 dB to 0.0 … 1.0.
 */
import { BasicError, type Logger } from '@switchboard/core';
import type { MediaEnvironment } from '../adapters/environment';
import { mediaErrorCodes } from '../errors';
import type { MediaEmit } from '../events';
import type { TrackEntry, TrackStore } from './TrackStore';

interface Probe {
  readonly native: MediaStreamTrack;
  readonly source: AudioNode;
  readonly analyser: AnalyserNode;
  readonly buffer: Float32Array<ArrayBuffer>;
}

const MIN_DB = -100;
const MAX_DB = -30;

/** Maps time-domain samples to a 0.0–1.0 level. @internal */
export function levelOf(samples: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < samples.length; i++) sum += samples[i]! * samples[i]!;
  const rms = Math.sqrt(sum / Math.max(1, samples.length));
  if (rms === 0) return 0;
  const db = 20 * Math.log10(rms);
  return Math.min(1, Math.max(0, (db - MIN_DB) / (MAX_DB - MIN_DB)));
}

/** Samples audio levels on an interval. @internal */
export class AudioLevels {
  private context: AudioContext | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly probes = new Map<string, Probe>();

  constructor(
    private readonly env: MediaEnvironment,
    private readonly store: TrackStore,
    private readonly emit: MediaEmit,
    private readonly logger: Logger,
  ) {}

  /** Starts (or restarts with a new interval). Throws `MEDIA_NOT_SUPPORTED` without Web Audio. */
  start(intervalMs: number): void {
    this.context ??= this.env.createAudioContext();
    if (!this.context) throw new BasicError(mediaErrorCodes.NOT_SUPPORTED, 'startAudioLevels(): Web Audio is unavailable.');
    if (this.context.state === 'suspended') {
      this.context.resume().catch((e: unknown) => this.logger.debug('startAudioLevels() | AudioContext.resume() refused', e));
    }
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  /** Whether sampling is on. */
  get running(): boolean {
    return this.timer !== undefined;
  }

  /** Takes one sample of every live audio track and emits one event per call. */
  sample(): void {
    const groups = new Map<string | undefined, { input: number; output: number }>();
    const live = new Set<string>();
    for (const entry of this.store.all()) {
      if (entry.native.kind !== 'audio' || entry.state !== 'live') continue;
      const probe = this.probeOf(entry);
      if (!probe) continue;
      live.add(entry.id);
      probe.analyser.getFloatTimeDomainData(probe.buffer);
      const level = entry.native.enabled ? levelOf(probe.buffer) : 0;
      const key = entry.owner?.callId;
      const group = groups.get(key) ?? { input: 0, output: 0 };
      if (entry.isLocal) group.input = Math.max(group.input, level);
      else group.output = Math.max(group.output, level);
      groups.set(key, group);
    }
    for (const [id, probe] of this.probes) if (!live.has(id)) this.release(id, probe);
    for (const [callId, g] of groups) {
      this.emit('media:audioLevels', callId === undefined ? { inputVolume: g.input, outputVolume: g.output } : { callId, inputVolume: g.input, outputVolume: g.output });
    }
  }

  /** Stops sampling and releases the Web Audio graph. */
  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    for (const [id, probe] of this.probes) this.release(id, probe);
    const ctx = this.context;
    this.context = undefined;
    ctx?.close().catch(() => undefined);
  }

  private probeOf(entry: TrackEntry): Probe | undefined {
    const known = this.probes.get(entry.id);
    if (known && known.native === entry.native) return known;
    if (!this.context) return undefined;
    try {
      const source = this.context.createMediaStreamSource(this.env.createStream([entry.native]));
      const analyser = this.context.createAnalyser();
      analyser.fftSize = 1024;
      source.connect(analyser);
      const probe: Probe = { native: entry.native, source, analyser, buffer: new Float32Array(analyser.fftSize) };
      this.probes.set(entry.id, probe);
      return probe;
    } catch (error) {
      this.logger.debug(`audio levels: cannot analyse [trackId:${entry.id}]`, error);
      return undefined;
    }
  }

  private release(id: string, probe: Probe): void {
    probe.source.disconnect();
    this.probes.delete(id);
  }
}
