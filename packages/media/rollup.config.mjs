import { packageConfigAt } from '../../tooling/build/createPackageConfig.mjs';

// Two entries: the library, and the opt-in full webrtc-adapter shim (`@switchboard/media/shim`).
// The ESM build imports webrtc-adapter's ES module `src/js/utils.js` (tree-shakable, no shims); that
// file is ESM-only, so the CJS build requires the same module from webrtc-adapter's CommonJS `dist/`.
export default packageConfigAt(import.meta.url, {
  input: { index: 'src/index.ts', shim: 'src/shim.ts' },
  cjsPaths: { 'webrtc-adapter/src/js/utils.js': 'webrtc-adapter/dist/utils.js' },
});
