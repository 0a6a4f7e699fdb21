// Bundles the gateway (src/index.ts, src/cli.ts) to dist/ with esbuild: Node, ESM, packages external.
// `node build.mjs OUTDIR` writes elsewhere (inside this package, so that the packages resolve), for
// a test that must not race another test rebuilding dist/.
import { build } from 'esbuild';

const outdir = process.argv[2] ?? 'dist';

await build({
  entryPoints: { index: 'src/index.ts', cli: 'src/cli.ts' },
  outdir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
