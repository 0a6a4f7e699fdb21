import { packageConfigAt } from '../../tooling/build/createPackageConfig.mjs';

export default packageConfigAt(import.meta.url);
