/**
 * Safari's engine cannot run on this project's machines (no WebKit with WebRTC on Debian), so its
 * code paths are covered here against fake Safari windows: what `getBrowserDetails()` reports,
 * and the webrtc-adapter Safari shims that the opt-in `@switchboard/media/shim` entry applies. The
 * features Safari lacks are detected where they are used, and tested there: `setSinkId` (Renderer),
 * `networkPriority` (call/internal/networkPriority), the unprefixed AudioContext (call/internal/dtmf).
 */
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- the ambient declarations of webrtc-adapter's untyped source files
/// <reference path="./adapters/webrtc-adapter-utils.d.ts" />
import { adapterFactory } from 'webrtc-adapter/src/js/adapter_factory.js';
import { getBrowserDetails } from './browserDetails';

const SAFARI_17 = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15';
const IOS_SAFARI_16 = 'Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1';

/** A fake Safari window: RTCPeerConnection and transceivers, no webkitGetUserMedia, no mozGetUserMedia. */
function safariWindow(userAgent = SAFARI_17, extra: Record<string, unknown> = {}) {
  const configs: unknown[] = [];
  class RTCPeerConnection {
    constructor(config?: unknown) {
      configs.push(config);
    }
    getSenders() {
      return [];
    }
    getReceivers() {
      return [];
    }
    getTransceivers() {
      return [];
    }
    addTrack() {}
    addEventListener() {}
    removeEventListener() {}
    createOffer() {
      return Promise.resolve({ type: 'offer', sdp: 'v=0\r\n' });
    }
    setLocalDescription() {
      return Promise.resolve();
    }
    setRemoteDescription() {
      return Promise.resolve();
    }
    addIceCandidate() {
      return Promise.resolve();
    }
  }
  class RTCRtpTransceiver {
    get currentDirection() {
      return null;
    }
  }
  class webkitAudioContext {}
  const win: Record<string, unknown> = {
    navigator: { userAgent, mediaDevices: { getUserMedia: () => Promise.resolve({}) } },
    RTCPeerConnection,
    RTCRtpTransceiver,
    RTCIceCandidate: class {},
    RTCSessionDescription: class {},
    webkitAudioContext,
    isSecureContext: true,
    ...extra,
  };
  return { win, configs, webkitAudioContext };
}

describe('Safari: getBrowserDetails()', () => {
  it("reports 'safari' with the AppleWebKit major version (webrtc-adapter's, as the Ribbon SDK reports it), not the Version/17.4 number", () => {
    expect(getBrowserDetails(safariWindow().win)).toEqual({ browser: 'safari', version: 605 });
    expect(getBrowserDetails(safariWindow(IOS_SAFARI_16).win)).toEqual({ browser: 'safari', version: 605 });
  });
  it('a WebKit browser without RTCPeerConnection (an old in-app web view) is not supported', () => {
    const { win } = safariWindow();
    delete win.RTCPeerConnection;
    expect(getBrowserDetails(win)).toEqual({ browser: 'Not a supported browser.', version: null });
  });
});

describe('Safari: the webrtc-adapter shims of the opt-in shim entry', () => {
  it('detects Safari and applies the Safari shim set', () => {
    const { win } = safariWindow();
    const adapter = adapterFactory({ window: win }, { shimChrome: true, shimFirefox: true, shimSafari: true });
    expect(adapter.browserDetails).toMatchObject({ browser: 'safari', version: 605, supportsUnifiedPlan: true });
    expect(adapter.browserShim).toBeDefined();
  });
  it('maps the prefixed webkitAudioContext to AudioContext (Safari < 14.1)', () => {
    const { win, webkitAudioContext } = safariWindow();
    adapterFactory({ window: win }, { shimChrome: true, shimFirefox: true, shimSafari: true });
    expect(win.AudioContext).toBe(webkitAudioContext);
  });
  it('rewrites the legacy RTCIceServer.url into urls before the native constructor sees it', () => {
    const { win, configs } = safariWindow();
    adapterFactory({ window: win }, { shimChrome: true, shimFirefox: true, shimSafari: true });
    const PC = win.RTCPeerConnection as new (c: unknown) => unknown;
    new PC({ iceServers: [{ url: 'stun:stun.example.com' }, { urls: 'turn:turn.example.com', username: 'u', credential: 'c' }] });
    expect(configs.pop()).toEqual({
      iceServers: [{ urls: 'stun:stun.example.com' }, { urls: 'turn:turn.example.com', username: 'u', credential: 'c' }],
    });
  });
  it('adds the legacy getLocalStreams/getRemoteStreams and callback APIs that old Safari apps use', () => {
    const { win } = safariWindow();
    adapterFactory({ window: win }, { shimChrome: true, shimFirefox: true, shimSafari: true });
    const proto = (win.RTCPeerConnection as { prototype: Record<string, unknown> }).prototype;
    expect(typeof proto.getLocalStreams).toBe('function');
    expect(typeof proto.getRemoteStreams).toBe('function');
    expect(typeof proto.addStream).toBe('function');
  });
});

