/*
 * Init script (runs before any page script): records every RTCPeerConnection (and whether it
 * was closed) and every track returned by getUserMedia, and counts the getUserMedia /
 * getDisplayMedia calls (`gumCalls`, `displayCalls`: proxy.test.ts checks an app page in proxy
 * mode made none), so tests can check what the SDK opened and released without reaching into its
 * internals. Plain JS: never instrumented by coverage.
 */
(() => {
  const e2e = (window.__e2e = { pcs: [], localTracks: [], gumCalls: 0, displayCalls: 0 });
  const Native = window.RTCPeerConnection;
  if (Native) {
    class TrackedPeerConnection extends Native {
      constructor(...args) {
        super(...args);
        this.__closeCalled = false;
        e2e.pcs.push(this);
      }
      close() {
        this.__closeCalled = true;
        return super.close();
      }
    }
    window.RTCPeerConnection = TrackedPeerConnection;
    window.webkitRTCPeerConnection = TrackedPeerConnection;
  }
  const md = navigator.mediaDevices;
  if (md && md.getUserMedia) {
    const gum = md.getUserMedia.bind(md);
    md.getUserMedia = async (constraints) => {
      e2e.gumCalls += 1;
      const stream = await gum(constraints);
      stream.getTracks().forEach((t) => e2e.localTracks.push(t));
      return stream;
    };
  }
  if (md && md.getDisplayMedia) {
    const gdm = md.getDisplayMedia.bind(md);
    md.getDisplayMedia = (constraints) => {
      e2e.displayCalls += 1;
      return gdm(constraints);
    };
  }
})();
