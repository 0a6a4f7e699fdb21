/**
 * Builds the SDK for the browser from the package sources with esbuild: one IIFE that puts
 * `createClient`, the connectivity/media/call plugins, the presence/user/contacts plugins, the
 * messaging/voicemail plugins, the sip-events plugins, the proxy plugin,
 * `sdpHandlers` and the example call-recorder plugins on `window.Switchboard`.
 * `@switchboard/<pkg>` resolves to `packages/<pkg>/src/index.ts`, so no package build is needed.
 * With `SB_SDK_FROM=installed` (the benchmarks, `npm run bench`) the packages come instead from the
 * packed tarballs npm-installed into the consumer project of tooling/consumers, bundled as an app
 * bundles them (no tsconfig of ours applies there); the example plugins are then left out.
 * The result is cached per process (one jest test file = one build).
 * `/remote.js` is a second bundle, the proxy-mode remote side (`createRemote` of
 * `@switchboard/proxy/remote` on `window.SwitchboardRemote`), for the remote page (static/remote.html).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { build, type BuildOptions, type Plugin } from 'esbuild';

/** The repository root: the nearest ancestor of this module holding pnpm-workspace.yaml. */
export function findRepoRoot(from = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'pnpm-workspace.yaml'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no pnpm-workspace.yaml above ${from}`);
  }
}

/** Repository root. */
export const repoRoot = findRepoRoot();

/** The browser entry: re-exports the public SDK pieces the pages use. */
const SDK_ENTRY = `
export { createClient } from '@switchboard/core';
export { connectivityPlugin } from '@switchboard/connectivity';
export { mediaPlugin } from '@switchboard/media';
export { callControlsPlugin, callExtrasPlugin, callHistoryPlugin, callPlugin, callReportPlugin, callTransferPlugin, clickToCallPlugin, sdpHandlers } from '@switchboard/call';
export { contactsPlugin, presencePlugin, userPlugin } from '@switchboard/presence';
export { messagingPlugin, voicemailPlugin } from '@switchboard/messaging';
export { sipCallLinksPlugin, sipEventsPlugin } from '@switchboard/sip-events';
export { proxyPlugin } from '@switchboard/proxy';
`;
const EXAMPLES_ENTRY = `export { callRecorderPlugin, indexedDbStorePlugin } from '@switchboard-examples/call-recorder';\n`;

/** The consumer project holding the installed tarballs (written by tooling/consumers/prepare.mjs). */
function installedProject(): string {
  const manifest = path.join(repoRoot, 'node_modules', '.cache', 'consumers', 'manifest.json');
  if (!fs.existsSync(manifest)) throw new Error('SB_SDK_FROM=installed: run `node tooling/consumers/prepare.mjs` first');
  return (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { project: string }).project;
}

/** The source of a subpath entry `@switchboard/<pkg>/<sub>`: `src/<sub>.ts` or `src/<sub>/index.ts`. */
function subpathSource(root: string, pkg: string, sub: string): string {
  const file = path.join(root, 'packages', pkg, 'src', `${sub}.ts`);
  return fs.existsSync(file) ? file : path.join(root, 'packages', pkg, 'src', sub, 'index.ts');
}

/**
 * esbuild plugin: `@switchboard/<pkg>` → `packages/<pkg>/src/index.ts`, a subpath entry
 * `@switchboard/<pkg>/<sub>` → `packages/<pkg>/src/<sub>.ts` (or `<sub>/index.ts`), and the example
 * plugins `@switchboard-examples/<name>` → `examples/<name>/src/index.ts`.
 */
export function workspaceSourcesPlugin(root = repoRoot): Plugin {
  return {
    name: 'switchboard-workspace-sources',
    setup(b) {
      b.onResolve({ filter: /^@switchboard\/[a-z-]+$/ }, (args) => ({
        path: path.join(root, 'packages', args.path.slice('@switchboard/'.length), 'src', 'index.ts'),
      }));
      b.onResolve({ filter: /^@switchboard\/[a-z-]+\/[a-z-]+$/ }, (args) => {
        const [, pkg, sub] = args.path.split('/');
        return { path: subpathSource(root, pkg!, sub!) };
      });
      b.onResolve({ filter: /^@switchboard-examples\/[a-z-]+$/ }, (args) => ({
        path: path.join(root, 'examples', args.path.slice('@switchboard-examples/'.length), 'src', 'index.ts'),
      }));
    },
  };
}

/**
 * Memoises one browser build (an IIFE, es2020, text returned): built once per process; a failed
 * build is forgotten so that the next call tries again.
 */
function cachedIife(options: () => BuildOptions): () => Promise<string> {
  let cached: Promise<string> | undefined;
  return () => {
    cached ??= build({ bundle: true, format: 'iife', target: 'es2020', platform: 'browser', write: false, logLevel: 'silent', ...options() })
      .then((r) => r.outputFiles![0].text);
    const p = cached;
    p.catch(() => { if (cached === p) cached = undefined; });
    return p;
  };
}

/**
 * An SDK-side browser build of `entry` from the sources (with `extra` appended), or with
 * `SB_SDK_FROM=installed` from the installed tarballs; `name` names the entry in source maps.
 */
function sdkSideBuild(entry: string, globalName: string, name: string, extra = ''): () => BuildOptions {
  return () => {
    const installed = process.env.SB_SDK_FROM === 'installed';
    return {
      stdin: installed
        ? { contents: entry, resolveDir: installedProject(), loader: 'ts', sourcefile: `${name}-installed-entry.ts` }
        : { contents: entry + extra, resolveDir: path.join(repoRoot, 'tooling', 'e2e'), loader: 'ts', sourcefile: `${name}-entry.ts` },
      globalName,
      sourcemap: 'inline',
      define: { 'process.env.NODE_ENV': '"development"' },
      plugins: installed ? [] : [workspaceSourcesPlugin()],
    };
  };
}

/**
 * Bundles the SDK (IIFE, es2020, global `Switchboard`) and returns the JavaScript text.
 * Rejects with esbuild's error (e.g. a package whose `src/index.ts` does not exist yet).
 */
export const buildSdkBundle = cachedIife(sdkSideBuild(SDK_ENTRY, 'Switchboard', 'switchboard-e2e', EXAMPLES_ENTRY));

/**
 * Bundles the opt-in `@switchboard/media/shim` entry (IIFE, global `SwitchboardShim` with
 * `webrtcAdapter`) from the sources. Pages load it only when a test adds `/shim.js`: the default
 * path of every other test stays without the adapter shim.
 */
export const buildShimBundle = cachedIife(() => ({
  stdin: { contents: "export { webrtcAdapter } from './packages/media/src/shim';\n", resolveDir: repoRoot, loader: 'ts', sourcefile: 'switchboard-shim-entry.ts' },
  globalName: 'SwitchboardShim',
}));

/** The browser entry of the proxy-mode remote page. */
const REMOTE_ENTRY = "export { createRemote } from '@switchboard/proxy/remote';\n";

/**
 * Bundles the proxy-mode remote side (IIFE, global `SwitchboardRemote` with `createRemote`), from
 * the sources, or with `SB_SDK_FROM=installed` from the installed tarballs (as {@link buildSdkBundle}).
 */
export const buildRemoteBundle = cachedIife(sdkSideBuild(REMOTE_ENTRY, 'SwitchboardRemote', 'switchboard-remote'));
