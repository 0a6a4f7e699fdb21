/** Static file serving for the demo app (GET/HEAD of paths that no route handles). */
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import type { Fallback } from './router';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wav': 'audio/wav',
  '.txt': 'text/plain; charset=utf-8',
};

/** A fallback serving files from `dir` (never outside it). */
export function staticFallback(dir: string): Fallback {
  const root = resolve(dir);
  return async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    if (url.pathname.startsWith('/rest/') || url.pathname.startsWith('/__test__/')) return false;
    let path: string;
    try {
      path = resolve(join(root, decodeURIComponent(url.pathname)));
    } catch {
      return false;
    }
    if (path !== root && !path.startsWith(root + sep)) return false;
    try {
      if ((await stat(path)).isDirectory()) path = join(path, 'index.html');
      const data = await readFile(path);
      res.writeHead(200, {
        'Content-Type': TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream',
        'Content-Length': data.length,
        'Cache-Control': 'no-cache',
      });
      res.end(req.method === 'HEAD' ? undefined : data);
      return true;
    } catch {
      return false;
    }
  };
}
