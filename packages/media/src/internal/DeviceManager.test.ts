import { domError, emitRecorder, fakeMediaEnvironment, flush, silentLogger } from '@switchboard/test-utils';
import { DeviceManager } from './DeviceManager';

const mic = { deviceId: 'm1', groupId: 'g1', kind: 'audioinput', label: '' };
const cam = { deviceId: 'c1', groupId: 'g2', kind: 'videoinput', label: '' };
const spk = { deviceId: 's1', groupId: 'g1', kind: 'audiooutput', label: '' };

function setup() {
  const { environment: env, mediaDevices: md } = fakeMediaEnvironment();
  const rec = emitRecorder();
  const devices = new DeviceManager(env, rec.emit, silentLogger);
  return { env, md, rec, devices };
}

describe('DeviceManager', () => {
  it('reads the devices at start, sorted by kind, and emits devices:change', async () => {
    const { md, rec, devices } = setup();
    md.devices = [mic, cam, spk];
    devices.start();
    await flush();
    expect(devices.get()).toEqual({ camera: [cam], microphone: [mic], speaker: [spk] });
    expect(rec.of('devices:change')).toEqual([{ added: [mic, cam, spk], removed: [] }]);
    expect(md.listenerCount('devicechange')).toBe(1);
  });

  it('re-reads on devicechange and reports what was added and removed', async () => {
    const { md, rec, devices } = setup();
    md.devices = [mic, cam];
    devices.start();
    await flush();
    md.devices = [mic, spk];
    md.dispatch('devicechange');
    await flush();
    expect(devices.get().camera).toEqual([]);
    expect(rec.of('devices:change')[1]).toEqual({ added: [spk], removed: [cam] });
  });

  it('does not emit when nothing changed, but does when only labels appear', async () => {
    const { md, rec, devices } = setup();
    md.devices = [mic];
    devices.start();
    await flush();
    md.dispatch('devicechange');
    await flush();
    expect(rec.of('devices:change')).toHaveLength(1);
    md.devices = [{ ...mic, label: 'Headset' }];
    md.dispatch('devicechange');
    await flush();
    expect(rec.of('devices:change')).toHaveLength(2);
    expect(devices.get().microphone[0]!.label).toBe('Headset');
  });

  it('returns copies', async () => {
    const { md, devices } = setup();
    md.devices = [mic];
    devices.start();
    await flush();
    devices.get().microphone[0]!.label = 'changed';
    expect(devices.get().microphone[0]!.label).toBe('');
  });

  it('initialize asks for permission, stops the tracks and always emits devices:change', async () => {
    const { md, rec, devices } = setup();
    md.devices = [mic];
    devices.start();
    await flush();
    await devices.initialize(true, false);
    expect(md.userMediaCalls).toEqual([{ audio: true, video: false }]);
    expect(md.granted.every((t) => t.stopped)).toBe(true);
    expect(rec.of('devices:change')).toHaveLength(2);
  });

  it('initialize emits devices:error with a coded BasicError', async () => {
    const { md, rec, devices } = setup();
    md.userMediaError = domError('NotAllowedError');
    await devices.initialize(true, true);
    const [payload] = rec.of('devices:error') as Array<{ error: { code: string } }>;
    expect(payload!.error.code).toBe('MEDIA_PERMISSION_DENIED');
    expect(rec.of('devices:change')).toEqual([]);
  });

  it('reports enumerate failures as devices:error', async () => {
    const { md, rec, devices } = setup();
    md.enumerateError = domError('NotAllowedError');
    devices.start();
    await flush();
    expect(rec.of('devices:error')).toHaveLength(1);
  });

  it('works without mediaDevices: empty lists, initialize reports MEDIA_NOT_SUPPORTED', async () => {
    const { environment: env } = fakeMediaEnvironment();
    const rec = emitRecorder();
    const devices = new DeviceManager({ ...env, mediaDevices: () => undefined }, rec.emit, silentLogger);
    devices.start();
    expect(devices.get()).toEqual({ camera: [], microphone: [], speaker: [] });
    await devices.initialize(true, true);
    expect((rec.of('devices:error')[0] as { error: { code: string } }).error.code).toBe('MEDIA_NOT_SUPPORTED');
  });

  it('dispose removes the devicechange listener and drops late results', async () => {
    const { md, rec, devices } = setup();
    md.devices = [mic];
    devices.start();
    devices.dispose();
    await flush();
    expect(md.listenerCount('devicechange')).toBe(0);
    expect(rec.events).toEqual([]);
  });
});
