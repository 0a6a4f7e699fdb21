/**
 * Keeps the list of media devices current: enumerates at start and on `devicechange`, and asks
 * for permissions on `initializeDevices` (so labels become visible). Emits `devices:change`
 * (with the §9.4 `added`/`removed` extension) and `devices:error`.
 */
import type { Logger } from '@switchboard/core';
import type { MediaEnvironment } from '../adapters/environment';
import { notSupportedError, toMediaError } from '../errors';
import type { MediaEmit } from '../events';
import type { DeviceInfo, DeviceKind, DevicesObject } from '../types';

const KINDS: Record<DeviceKind, keyof DevicesObject> = { videoinput: 'camera', audioinput: 'microphone', audiooutput: 'speaker' };
const idOf = (d: DeviceInfo) => `${d.kind}|${d.deviceId}`;
const keyOf = (d: DeviceInfo) => `${idOf(d)}|${d.groupId}|${d.label}`;

/** Tracks the available devices. @internal */
export class DeviceManager {
  private devices: DeviceInfo[] = [];
  private seq = 0;
  private forcePending = false;
  private disposed = false;
  private listening: MediaDevices | undefined;
  private readonly onDeviceChange = () => void this.refresh(false);

  constructor(private readonly env: MediaEnvironment, private readonly emit: MediaEmit, private readonly logger: Logger) {}

  /** Listens for `devicechange` and reads the initial list. */
  start(): void {
    const md = this.env.mediaDevices();
    if (!md) {
      this.logger.info('navigator.mediaDevices is unavailable; the device lists stay empty');
      return;
    }
    if (typeof md.addEventListener === 'function') {
      md.addEventListener('devicechange', this.onDeviceChange);
      this.listening = md;
    }
    void this.refresh(false);
  }

  /** The current lists (fresh copies). */
  get(): DevicesObject {
    const out: DevicesObject = { camera: [], microphone: [], speaker: [] };
    for (const d of this.devices) out[KINDS[d.kind]].push({ ...d });
    return out;
  }

  /**
   * Re-reads the devices; emits `devices:change` when the list changed, or always when `force`.
   * Never rejects: a failure emits `devices:error`.
   */
  async refresh(force: boolean): Promise<void> {
    const md = this.env.mediaDevices();
    if (!md || typeof md.enumerateDevices !== 'function') return;
    const seq = ++this.seq;
    if (force) this.forcePending = true;
    let list: MediaDeviceInfo[];
    try {
      list = await md.enumerateDevices();
    } catch (error) {
      if (this.disposed) return;
      this.logger.warn('enumerateDevices() failed', error);
      this.emit('devices:error', { error: toMediaError(error, 'enumerateDevices') });
      return;
    }
    if (this.disposed || seq !== this.seq) return; // a newer refresh supersedes this one
    const next = list
      .filter((d) => d.kind in KINDS)
      .map((d): DeviceInfo => ({ deviceId: d.deviceId, groupId: d.groupId, kind: d.kind as DeviceKind, label: d.label }));
    const before = new Set(this.devices.map(idOf));
    const after = new Set(next.map(idOf));
    const added = next.filter((d) => !before.has(idOf(d)));
    const removed = this.devices.filter((d) => !after.has(idOf(d)));
    const changed = this.devices.map(keyOf).join('\n') !== next.map(keyOf).join('\n');
    const forced = this.forcePending;
    this.forcePending = false;
    this.devices = next;
    if (forced || changed) this.emit('devices:change', { added, removed });
  }

  /** Asks for permissions, releases the devices at once, then re-reads them (seed `initializeDevices`). */
  async initialize(audio: boolean, video: boolean): Promise<void> {
    const md = this.env.mediaDevices();
    if (!md || typeof md.getUserMedia !== 'function') {
      this.emit('devices:error', { error: notSupportedError('initializeDevices()') });
      return;
    }
    if (audio || video) {
      try {
        const stream = await md.getUserMedia({ audio, video });
        for (const track of stream.getTracks()) track.stop();
      } catch (error) {
        if (!this.disposed) this.emit('devices:error', { error: toMediaError(error, 'getUserMedia') });
        return;
      }
    }
    await this.refresh(true);
  }

  /** Stops listening. */
  dispose(): void {
    this.disposed = true;
    this.listening?.removeEventListener('devicechange', this.onDeviceChange);
    this.listening = undefined;
  }
}
