import { packageConfigAt } from '../../tooling/build/createPackageConfig.mjs';
import { buildIife } from './scripts/iife.mjs';

const [js, ...rest] = packageConfigAt(import.meta.url);

/** After the ESM/CJS outputs (and their dist/ clean-up): the script-tag build dist/switchboard.min.js. */
const scriptTag = { name: 'switchboard:script-tag', closeBundle: () => buildIife() };

export default [{ ...js, plugins: [...js.plugins, scriptTag] }, ...rest];
