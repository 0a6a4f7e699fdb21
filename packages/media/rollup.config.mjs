import { packageConfigAt } from '../../tooling/build/createPackageConfig.mjs';

// Two entries: the library, and the opt-in full webrtc-adapter shim (`@switchboard/media/shim`).
export default packageConfigAt(import.meta.url, { input: { index: 'src/index.ts', shim: 'src/shim.ts' } });
