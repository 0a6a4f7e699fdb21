import { packageConfigAt } from '../../tooling/build/createPackageConfig.mjs';

// Two entries: the fakes and createTestClient (no Node built-ins), and `@switchboard/test-utils/gateway`
// (Node only), which bundles the private reference gateway's sources (see README.md).
const [js, types] = packageConfigAt(import.meta.url, { input: { index: 'src/index.ts', gateway: 'src/gateway.ts' } });

// The bundled gateway modules live outside src/: emit them as dist/reference-gateway/*.js.
const esm = js.output.find((o) => o.format === 'es');
esm.entryFileNames = (chunk) => `${chunk.name.replace(/^(\.\.\/)*tooling\/gateway\/src\//, 'reference-gateway/')}.js`;

// Unlike the other packages, the tarball ships no src/: every source map embeds its sources
// (`sourcesContent`). src/gateway/start.ts imports the gateway by its repository path, which means
// nothing in an installed package, and pnpm's packlist would ship src/readme.example.test.ts (any
// `readme.*` file is always packed). The gateway's sources are named `bundled/tooling/gateway/src/…`.
for (const output of js.output) output.sourcemapExcludeSources = false;

export default [js, types];
