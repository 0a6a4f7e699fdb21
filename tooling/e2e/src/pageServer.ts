/**
 * A tiny static server on 127.0.0.1 (a secure context for getUserMedia) for the test pages:
 * `/` (SDK page), `/raw.html` (raw WebRTC page), `/helpers.js`, `/init.js`, and `/sdk.js` (the
 * esbuild bundle of the SDK sources, built on first request), `/shim.js` (the opt-in
 * `@switchboard/media/shim` entry, for the tests that load it), `/remote.js` (the proxy-mode
 * remote bundle) for `/remote.html`, and `/proxy.js` (the in-page proxy channel).
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { buildRemoteBundle, buildSdkBundle, buildShimBundle, repoRoot } from './bundle';

/** Directory of the static test pages. */
export const staticDir = path.join(repoRoot, 'tooling', 'e2e', 'static');

/** A running page server. */
export interface PageServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript' };

/** Starts the page server on 127.0.0.1, port 0. */
export async function startPageServer(): Promise<PageServer> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const send = (status: number, type: string, body: string | Buffer) => {
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
      res.end(body);
    };
    const bundles: Record<string, () => Promise<string>> = { '/sdk.js': buildSdkBundle, '/shim.js': buildShimBundle, '/remote.js': buildRemoteBundle };
    const bundle = bundles[url.pathname];
    if (bundle) {
      bundle().then(
        (js) => send(200, TYPES['.js'], js),
        (err: unknown) => send(500, 'text/plain', String(err)),
      );
      return;
    }
    const name = url.pathname === '/' ? 'index.html' : path.basename(url.pathname);
    const file = path.join(staticDir, name);
    if (!fs.existsSync(file)) return send(404, 'text/plain', 'not found');
    send(200, TYPES[path.extname(file)] ?? 'application/octet-stream', fs.readFileSync(file));
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
