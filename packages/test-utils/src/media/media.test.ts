import { DEFAULT_DEVICES, FakeMediaDevices, domError } from './devices';
import { fakeMediaEnvironment } from './environment';
import { FakeMediaStream, FakeMediaStreamTrack } from './tracks';

describe('FakeMediaStreamTrack', () => {
  test('stop() ends the track without an ended event; endExternally() fires it once', () => {
    const stopped = new FakeMediaStreamTrack('audio');
    const external = new FakeMediaStreamTrack('video', { label: 'cam', settings: { width: 640 } });
    let ended = 0;
    stopped.addEventListener('ended', () => ended++);
    external.onended = () => ended++;
    stopped.stop();
    expect(stopped).toMatchObject({ readyState: 'ended', stopped: true });
    expect(ended).toBe(0);
    external.endExternally();
    external.endExternally();
    expect(ended).toBe(1);
    expect(external).toMatchObject({ readyState: 'ended', stopped: false, label: 'cam' });
    expect(external.getSettings()).toEqual({ width: 640 });
  });

  test('setSourceMuted fires mute/unmute only on a change; enabled is independent', () => {
    const track = new FakeMediaStreamTrack('audio', 'mic');
    const seen: string[] = [];
    track.addEventListener('mute', () => seen.push('mute'));
    track.addEventListener('unmute', () => seen.push('unmute'));
    track.enabled = false;
    track.setSourceMuted(true);
    track.setSourceMuted(true);
    track.setSourceMuted(false);
    expect(seen).toEqual(['mute', 'unmute']);
    expect(track.enabled).toBe(false);
    expect(track.label).toBe('mic');
  });

  test('counts listeners so a test can check they were removed', () => {
    const track = new FakeMediaStreamTrack('audio');
    const l = () => undefined;
    track.addEventListener('ended', l);
    track.addEventListener('ended', l);
    expect(track.listenerCount('ended')).toBe(1);
    track.removeEventListener('ended', l);
    expect(track.listenerCount('ended')).toBe(0);
  });

  test('applyConstraints records and merges plain values; clone copies kind, label, settings', async () => {
    const track = new FakeMediaStreamTrack('video', { settings: { width: 640, height: 480 } });
    await track.applyConstraints({ width: 1280, height: { ideal: 720 } });
    expect(track.getSettings()).toEqual({ width: 1280, height: 480 });
    expect(track.getConstraints()).toEqual({ width: 1280, height: { ideal: 720 } });
    const copy = track.clone();
    expect(copy.id).not.toBe(track.id);
    expect(copy).toMatchObject({ kind: 'video', label: track.label, readyState: 'live' });
    expect(copy.getSettings()).toEqual(track.getSettings());
  });
});

describe('FakeMediaStream', () => {
  test('holds tracks by kind and is active while one is live', () => {
    const a = new FakeMediaStreamTrack('audio');
    const v = new FakeMediaStreamTrack('video');
    const stream = new FakeMediaStream([a], 's1');
    stream.addTrack(v);
    stream.addTrack(v);
    expect(stream.id).toBe('s1');
    expect(stream.getTracks()).toEqual([a, v]);
    expect(stream.getAudioTracks()).toEqual([a]);
    expect(stream.getTrackById(v.id)).toBe(v);
    a.stop();
    expect(stream.active).toBe(true);
    stream.removeTrack(v);
    expect(stream.active).toBe(false);
  });
});

describe('FakeMediaDevices', () => {
  test('getUserMedia records the constraints and grants one track per kind, labelled after the chosen device', async () => {
    const md = new FakeMediaDevices(DEFAULT_DEVICES);
    const stream = (await md.getUserMedia({ audio: true, video: { deviceId: { exact: 'cam-1' } } })) as unknown as FakeMediaStream;
    expect(md.userMediaCalls).toEqual([{ audio: true, video: { deviceId: { exact: 'cam-1' } } }]);
    expect(stream.getTracks().map((t) => [t.kind, t.label, t.getSettings().deviceId])).toEqual([
      ['audio', 'Fake Microphone', 'mic-1'],
      ['video', 'Fake Camera', 'cam-1'],
    ]);
    expect(md.granted).toEqual(stream.getTracks());
  });

  test('an error set on the fake makes the calls reject until cleared', async () => {
    const md = new FakeMediaDevices();
    md.userMediaError = domError('NotAllowedError');
    md.displayMediaError = domError('NotAllowedError');
    md.enumerateError = domError('SecurityError');
    await expect(md.getUserMedia({ audio: true })).rejects.toMatchObject({ name: 'NotAllowedError' });
    await expect(md.getDisplayMedia({ video: true })).rejects.toMatchObject({ name: 'NotAllowedError' });
    await expect(md.enumerateDevices()).rejects.toMatchObject({ name: 'SecurityError' });
    expect(md.granted).toEqual([]);
    expect(md.userMediaCalls).toHaveLength(1);
    md.userMediaError = undefined;
    await expect(md.getUserMedia({ audio: true })).resolves.toBeDefined();
  });

  test('setDevices replaces the list and fires devicechange', async () => {
    const md = new FakeMediaDevices();
    const seen: number[] = [];
    md.addEventListener('devicechange', () => seen.push(md.devices.length));
    md.ondevicechange = () => seen.push(-1);
    md.setDevices(DEFAULT_DEVICES);
    expect(seen).toEqual([3, -1]);
    const listed = await md.enumerateDevices();
    expect(listed.map((d) => d.kind)).toEqual(['audioinput', 'videoinput', 'audiooutput']);
    expect(listed[0]!.toJSON()).toEqual(DEFAULT_DEVICES[0]);
  });

  test('getDisplayMedia grants a screen track', async () => {
    const md = new FakeMediaDevices();
    const stream = (await md.getDisplayMedia({ video: true })) as unknown as FakeMediaStream;
    expect(stream.getTracks().map((t) => t.label)).toEqual(['screen:0']);
    expect(md.displayMediaCalls).toEqual([{ video: true }]);
  });
});

describe('fakeMediaEnvironment', () => {
  test('wires the fakes into a MediaEnvironment; overrides win', () => {
    const ctx = {} as AudioContext;
    const { environment, mediaDevices, document } = fakeMediaEnvironment({ devices: DEFAULT_DEVICES, overrides: { createAudioContext: () => ctx } });
    expect(environment.mediaDevices()).toBe(mediaDevices);
    expect(environment.document()).toBe(document);
    expect(environment.createAudioContext()).toBe(ctx);
    expect(environment.window()).toBeUndefined();
    expect([environment.randomId(), environment.randomId()]).toEqual(['id-1', 'id-2']);
    const track = new FakeMediaStreamTrack('audio');
    expect((environment.createStream([track as unknown as MediaStreamTrack]) as unknown as FakeMediaStream).getTracks()).toEqual([track]);
    expect(mediaDevices.devices).toHaveLength(3);
  });

  test('the document finds added containers and throws a SyntaxError for a bad selector', () => {
    const { document } = fakeMediaEnvironment();
    const box = document.addContainer('#remote');
    expect(document.querySelector('#remote')).toBe(box);
    expect(document.querySelector('#none')).toBeNull();
    expect(() => document.querySelector('!bad')).toThrow(expect.objectContaining({ name: 'SyntaxError' }));
    const video = box.appendChild(document.createElement('video'));
    expect(document.created).toEqual([video]);
    expect(() => box.removeChild(document.createElement('audio'))).toThrow(expect.objectContaining({ name: 'NotFoundError' }));
    box.removeChild(video);
    expect(box.children).toEqual([]);
  });
});
