/**
 * Vite config of the demo softphone. `@switchboard/<pkg>` resolves to the package's sources
 * (as in jest and the e2e bundle), so the demo builds without a prior package build and always
 * shows the SDK of this checkout. Output: `dist/` (served by the gateway: `--static tooling/demo/dist`).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const packages = fileURLToPath(new URL('../../packages/', import.meta.url));

export default defineConfig({
  base: './',
  resolve: {
    alias: [{ find: /^@switchboard\/([a-z-]+)$/, replacement: `${packages}$1/src/index.ts` }],
  },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, target: 'es2020' },
});
