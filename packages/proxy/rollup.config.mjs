import { packageConfigAt } from '../../tooling/build/createPackageConfig.mjs';

// Two entries: the plugin (main side), and the remote side (`@switchboard/proxy/remote`), each its own bundle.
export default packageConfigAt(import.meta.url, { input: { index: 'src/index.ts', remote: 'src/remote.ts' } });
