/**
 * `@switchboard/media/shim`: opt-in entry that loads the full webrtc-adapter shim (≈13 KB),
 * which patches `RTCPeerConnection` and friends on old or non-conforming browsers. Import it once,
 * before creating a client: `import '@switchboard/media/shim'`. The default entry does not.
 * @packageDocumentation
 */
import adapter from 'webrtc-adapter';

/** The loaded webrtc-adapter instance (its `browserDetails`, `commonShim`…). @public */
export const webrtcAdapter = adapter;
