#!/usr/bin/env node
/**
 * Reproduces the figures of docs/decisions.md (not part of `npm test`; needs the npm registry).
 *
 *   npm run build && node docs/decisions-measure.mjs
 *
 * 1. Sizes: a scratch consumer project (the built packages COPIED into node_modules, so no tsconfig
 *    `paths` apply; the libraries installed from npm at the versions below), each app bundled with
 *    esbuild (bundle, minify, ESM, ES2020, browser) and gzip -9; KB = 1,000 bytes. Every app that
 *    creates a client is also executed in Node (it creates the client and destroys it).
 * 2. A probe of reconnecting-websocket against protocol §3.6 with Node's `ws`.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoRequire = createRequire(join(REPO, 'package.json'));
const { build } = repoRequire('esbuild');
const LIBS = ['tsyringe@4.10.0', 'eventemitter3@5.0.4', 'reflect-metadata@0.2.2', 'ky@2.1.0', 'ky1@npm:ky@1.14.3', 'reconnecting-websocket@4.4.0'];

const scratch = mkdtempSync(join(tmpdir(), 'switchboard-decisions-'));
writeFileSync(join(scratch, 'package.json'), '{ "name": "decisions-scratch", "private": true, "type": "module" }\n');
const npm = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', ...LIBS], { cwd: scratch, stdio: 'inherit' });
if (npm.status !== 0) process.exit(npm.status ?? 1);
for (const name of ['core', 'connectivity']) {
  const to = join(scratch, 'node_modules', '@switchboard', name);
  cpSync(join(REPO, 'packages', name, 'package.json'), join(to, 'package.json'));
  cpSync(join(REPO, 'packages', name, 'dist'), join(to, 'dist'), { recursive: true, filter: (src) => !src.includes(`${name}/dist/types`) });
}
const scratchRequire = createRequire(join(scratch, 'package.json'));

/** Core's dist imports './polyfill.js' (its Reflect shim); this swaps it for reflect-metadata/lite. */
const liteInsteadOfShim = {
  name: 'lite-instead-of-shim',
  setup(b) {
    b.onResolve({ filter: /\/polyfill\.js$/ }, (a) =>
      a.importer.includes('@switchboard/core') ? { path: scratchRequire.resolve('reflect-metadata/lite') } : undefined);
  },
};

/** Replaces one of connectivity's own modules by an empty stub: the lower bound of what a switch would save. */
const withoutOwn = (module, name) => ({
  name: `without-${module}`,
  setup(b) {
    b.onResolve({ filter: new RegExp(`/internal/${module}\\.js$`) }, () => ({ path: module, namespace: 'stub' }));
    b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: `export const ${name} = () => new Proxy({}, { get: () => () => undefined });`, loader: 'js' }));
  },
});

async function measure(label, code, plugins = []) {
  const file = join(scratch, `app-${label.replace(/\W+/g, '-')}.mjs`);
  writeFileSync(file, code);
  const r = await build({
    entryPoints: [file], absWorkingDir: scratch, bundle: true, minify: true, format: 'esm', platform: 'browser',
    target: 'es2020', write: false, legalComments: 'none', logLevel: 'error', plugins,
  });
  const out = r.outputFiles[0].contents;
  let ran = '';
  if (code.includes('createClient')) {
    const bundle = file.replace(/\.mjs$/, '.bundle.mjs');
    writeFileSync(bundle, out);
    const { client } = await import(pathToFileURL(bundle).href);
    await client.destroy();
    ran = 'client created';
  }
  return { label, min: out.length, gzip: gzipSync(out, { level: 9 }).length, ran };
}

const CORE = "import { createClient } from '@switchboard/core';\nexport const client = createClient({ plugins: [] });\n";
const CONN = "import { createClient } from '@switchboard/core';\nimport { connectivityPlugin } from '@switchboard/connectivity';\nexport const client = createClient({ plugins: [connectivityPlugin()] });\n";
// The way HttpTransport used ky before b16f2a2, and the way WebSocketChannel used reconnecting-websocket before 02e81b4.
const KY = (pkg) => `import ky from '${pkg}';\nexport const http = ky.create({ retry: 0, throwHttpErrors: false, timeout: false, fetch: (i, o) => globalThis.fetch(i, o) });\n`;
const RWS = "import ReconnectingWebSocket from 'reconnecting-websocket';\nexport const open = (url, o) => new ReconnectingWebSocket(() => url(), [], { startClosed: true, ...o });\n";

const rows = [
  await measure('reflect-metadata/lite 0.2.2 alone', "import 'reflect-metadata/lite';\n"),
  await measure("core's Reflect shim (@switchboard/core/polyfill) alone", "import '@switchboard/core/polyfill';\n"),
  await measure('ky 1.14.3 alone, used as before b16f2a2', KY('ky1')),
  await measure('ky 2.1.0 alone, same use', KY('ky')),
  await measure('reconnecting-websocket 4.4.0 alone', RWS),
  await measure('core', CORE),
  await measure('core, reflect-metadata/lite instead of the shim', CORE, [liteInsteadOfShim]),
  await measure('core + connectivity', CONN),
  await measure('core + connectivity, reflect-metadata/lite instead of the shim', CONN, [liteInsteadOfShim]),
  await measure('core + connectivity + ky 1.14.3', CONN + KY('ky1')),
  await measure('core + connectivity + ky 2.1.0', CONN + KY('ky')),
  await measure('core + connectivity + reconnecting-websocket 4.4.0', CONN + RWS),
  await measure('… + ky 2.1.0, own HttpTransport stubbed out (lower bound)', CONN + KY('ky'), [withoutOwn('HttpTransport', 'createTransport')]),
  await measure('… + ky 1.14.3, own HttpTransport stubbed out (lower bound)', CONN + KY('ky1'), [withoutOwn('HttpTransport', 'createTransport')]),
  await measure('… + reconnecting-websocket, own WebSocketChannel stubbed out (lower bound)', CONN + RWS, [withoutOwn('WebSocketChannel', 'createWebSocketChannel')]),
];
console.log('\n| app | min B | min+gzip -9 | ran |\n|---|---:|---:|---|');
for (const r of rows) console.log(`| ${r.label} | ${r.min} | ${(r.gzip / 1000).toFixed(2)} KB | ${r.ran} |`);

// reconnecting-websocket against §3.6: a TCP server that never answers the upgrade, so every attempt times out.
const RWSClass = scratchRequire('reconnecting-websocket');
const WebSocket = repoRequire('ws');
const uncaught = [];
process.on('uncaughtException', (e) => uncaught.push(e.message));
const server = net.createServer(() => {});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const rws = new (RWSClass.default ?? RWSClass)(`ws://127.0.0.1:${server.address().port}/`, [], {
  WebSocket, connectionTimeout: 300, minReconnectionDelay: 4000, maxReconnectionDelay: 4000, maxRetries: 5,
});
const closes = [];
rws.addEventListener('close', (e) => closes.push({ code: e.code, reason: e.reason, synthesised: e.target === rws }));
await new Promise((r) => rws.addEventListener('close', r)); // the first attempt timed out; a 4 s retry wait is pending
for (let i = 0; i < 1000 && !uncaught.length; i++) await new Promise((r) => setImmediate(r)); // ws reports the abort a tick later
rws.close();
server.close();
const closedAt = Date.now();
const timers = process.getActiveResourcesInfo().filter((x) => x === 'Timeout').length;
console.log('\nreconnecting-websocket probe:', JSON.stringify({ closes, uncaught, pendingTimersAfterClose: timers }));
process.on('exit', () => {
  console.log(`the process could exit only ${Date.now() - closedAt} ms after close() (the uncancellable retry wait)`);
  rmSync(scratch, { recursive: true, force: true });
});
