import { packageConfigAt } from '../../tooling/build/createPackageConfig.mjs';

// ESM (per module) + CJS + bundled .d.ts/.d.cts, like the @switchboard packages (see tooling/build/README.md).
export default packageConfigAt(import.meta.url);
