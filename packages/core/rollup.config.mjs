import { packageConfigAt } from '../../tooling/build/createPackageConfig.mjs';

// Two entries: the library, and the side-effect-only Reflect polyfill (`@switchboard/core/polyfill`).
export default packageConfigAt(import.meta.url, { input: { index: 'src/index.ts', polyfill: 'src/polyfill.ts' } });
