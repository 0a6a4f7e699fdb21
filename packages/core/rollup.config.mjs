import { packageConfigAt } from '../../tooling/build/createPackageConfig.mjs';

// Two entries: the library, and the side-effect-only Reflect polyfill (`@switchboard/core/polyfill`).
// The ESM build carries tsyringe's ES2015 build (and the tslib helpers it uses) in dist/vendor:
// bundlers otherwise pick tsyringe's ES5 build, 1.3 KB min+gzip larger (docs/decisions.md).
export default packageConfigAt(import.meta.url, {
  input: { index: 'src/index.ts', polyfill: 'src/polyfill.ts' },
  esmInline: { tsyringe: 'tsyringe/dist/esm2015/index.js' },
});
