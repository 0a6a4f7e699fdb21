/**
 * Vite config of the demo softphone. `@switchboard/<pkg>` resolves to the package's sources
 * (as in jest and the e2e bundle), so the demo builds without a prior package build and always
 * shows the SDK of this checkout. Output: `dist/` (served by the gateway: `--static tooling/demo/dist`):
 * `index.html` (the softphone) and `remote.html` (the proxy-mode remote media page).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const packages = fileURLToPath(new URL('../../packages/', import.meta.url));

export default defineConfig({
  base: './',
  resolve: {
    alias: [
      { find: /^@switchboard\/([a-z-]+)$/, replacement: `${packages}$1/src/index.ts` },
      // Subpath entries: `@switchboard/proxy/remote` → packages/proxy/src/remote.ts.
      { find: /^@switchboard\/([a-z-]+)\/([a-z-]+)$/, replacement: `${packages}$1/src/$2.ts` },
    ],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2020',
    // Two pages: the softphone and the proxy-mode "remote media" page.
    rolldownOptions: { input: { main: fileURLToPath(new URL('index.html', import.meta.url)), remote: fileURLToPath(new URL('remote.html', import.meta.url)) } },
  },
});
