import { displayMediaConstraints, toConstraint, userMediaConstraints } from './constraints';

describe('toConstraint', () => {
  it('keeps exact over ideal, and ideal alone', () => {
    expect(toConstraint('width', { exact: 640, ideal: 1280 })).toEqual({ exact: 640 });
    expect(toConstraint('width', { ideal: 1280 })).toEqual({ ideal: 1280 });
  });
  it('treats a bare value as ideal, except deviceId as exact', () => {
    expect(toConstraint('height', 720)).toEqual({ ideal: 720 });
    expect(toConstraint('facingMode', 'user')).toEqual({ ideal: 'user' });
    expect(toConstraint('deviceId', 'cam-1')).toEqual({ exact: 'cam-1' });
  });
  it('drops empty values', () => {
    expect(toConstraint('width', undefined)).toBeUndefined();
    expect(toConstraint('width', {})).toBeUndefined();
  });
});

describe('userMediaConstraints', () => {
  it('is undefined when neither audio nor video is asked', () => {
    expect(userMediaConstraints({})).toBeUndefined();
    expect(userMediaConstraints({ audio: false, video: false, screen: true })).toBeUndefined();
  });
  it('asks plain audio/video without options', () => {
    expect(userMediaConstraints({ audio: true })).toEqual({ audio: true, video: false });
    expect(userMediaConstraints({ audio: true, video: true })).toEqual({ audio: true, video: true });
  });
  it('maps audio and video options', () => {
    expect(
      userMediaConstraints({
        audio: true,
        audioOptions: { deviceId: 'mic-1', echoCancellation: false },
        video: true,
        videoOptions: { deviceId: { ideal: 'cam-2' }, height: { ideal: 720 }, width: { exact: 1280 }, frameRate: 30, facingMode: 'user' },
      }),
    ).toEqual({
      audio: { deviceId: { exact: 'mic-1' }, echoCancellation: false },
      video: { deviceId: { ideal: 'cam-2' }, height: { ideal: 720 }, width: { exact: 1280 }, frameRate: { ideal: 30 }, facingMode: { ideal: 'user' } },
    });
  });
  it('ignores options of a kind that is not asked', () => {
    expect(userMediaConstraints({ audio: true, videoOptions: { width: 10 } })).toEqual({ audio: true, video: false });
  });
});

describe('displayMediaConstraints', () => {
  it('is undefined without screen', () => {
    expect(displayMediaConstraints({ audio: true })).toBeUndefined();
  });
  it('maps screen options to a video-only request', () => {
    expect(displayMediaConstraints({ screen: true })).toEqual({ video: true, audio: false });
    expect(displayMediaConstraints({ screen: true, screenOptions: { width: { exact: 1920 }, frameRate: 15 } })).toEqual({
      video: { width: { exact: 1920 }, frameRate: { ideal: 15 } },
      audio: false,
    });
  });
});
