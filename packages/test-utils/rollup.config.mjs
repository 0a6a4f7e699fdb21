import { packageConfigAt } from '../../tooling/build/createPackageConfig.mjs';

// Two entries: the fakes and createTestClient (no Node built-ins), and `@switchboard/test-utils/gateway`
// (Node only), which bundles the private reference gateway's sources (see README.md).
const [js, types] = packageConfigAt(import.meta.url, { input: { index: 'src/index.ts', gateway: 'src/gateway.ts' } });

// The bundled gateway modules live outside src/: emit them as dist/reference-gateway/*.js.
const esm = js.output.find((o) => o.format === 'es');
esm.entryFileNames = (chunk) => `${chunk.name.replace(/^(\.\.\/)*tooling\/gateway\/src\//, 'reference-gateway/')}.js`;

export default [js, types];
