/*
 * Init script (runs before any page script): records every RTCPeerConnection (and whether it
 * was closed) and every track returned by getUserMedia, so tests can check what the SDK opened
 * and released without reaching into its internals. Plain JS: never instrumented by coverage.
 */
(() => {
  const e2e = (window.__e2e = { pcs: [], localTracks: [] });
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
      const stream = await gum(constraints);
      stream.getTracks().forEach((t) => e2e.localTracks.push(t));
      return stream;
    };
  }
})();
